//! One-time `downloadId`s: issued by the "get" calls for one image, good
//! for exactly one download (removal under a lock decides races), void
//! after a configurable time.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What a redeemed `downloadId` lets through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The OpenStack id of the image it was issued for.
    pub image: String,
    /// The publication it was issued for, if issued by the published-image call.
    pub publication: Option<String>,
}

/// Live download ids.
pub struct DownloadIds {
    ttl: Duration,
    live: Mutex<HashMap<String, (Grant, Instant)>>,
}

impl DownloadIds {
    /// Ids that expire `ttl` after they are issued.
    pub fn new(ttl: Duration) -> Self {
        DownloadIds {
            ttl,
            live: Mutex::new(HashMap::new()),
        }
    }

    /// A fresh id for `grant` (122 random bits, a UUIDv4 without dashes).
    pub fn issue(&self, grant: Grant) -> String {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let now = Instant::now();
        let mut live = self.live.lock().expect("download id lock");
        live.retain(|_, (_, expires)| *expires > now);
        live.insert(id.clone(), (grant, now + self.ttl));
        id
    }

    /// The grant of a live `id` without spending it (for `HEAD`).
    pub fn peek(&self, id: &str) -> Option<Grant> {
        let live = self.live.lock().expect("download id lock");
        live.get(id)
            .filter(|(_, expires)| *expires > Instant::now())
            .map(|(g, _)| g.clone())
    }

    /// Spend `id`: its grant the first time, `None` ever after or once expired.
    pub fn redeem(&self, id: &str) -> Option<Grant> {
        let (grant, expires) = self.live.lock().expect("download id lock").remove(id)?;
        (expires > Instant::now()).then_some(grant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant() -> Grant {
        Grant {
            image: "i".into(),
            publication: None,
        }
    }

    #[test]
    fn an_id_is_good_once() {
        let ids = DownloadIds::new(Duration::from_secs(60));
        let id = ids.issue(grant());
        assert_eq!(ids.peek(&id), Some(grant()));
        assert_eq!(ids.redeem(&id), Some(grant()));
        assert_eq!(ids.redeem(&id), None);
        assert_eq!(ids.peek(&id), None);
        assert_eq!(ids.redeem("never-issued"), None);
    }

    #[test]
    fn an_id_expires() {
        let ids = DownloadIds::new(Duration::from_millis(1));
        let id = ids.issue(grant());
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(ids.redeem(&id), None);
    }

    #[test]
    fn racing_threads_redeem_once() {
        let ids = std::sync::Arc::new(DownloadIds::new(Duration::from_secs(60)));
        let id = ids.issue(grant());
        let wins: usize = (0..16)
            .map(|_| {
                let (ids, id) = (ids.clone(), id.clone());
                std::thread::spawn(move || usize::from(ids.redeem(&id).is_some()))
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .sum();
        assert_eq!(wins, 1);
    }
}
