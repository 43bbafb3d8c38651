//! Which documented download call a URL names, read back from its path.

use super::GetError;
use percent_encoding::percent_decode_str;

/// A documented download call with its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// OpenStack `GET /v2/images/{image_id}/file`.
    Glance { image_id: String },
    /// `GET /users/{uid}/appliances/{aid}/images/{itid}/downloads`.
    Machine {
        uid: String,
        aid: String,
        itid: String,
        download_id: Option<String>,
    },
    /// `GET /users/{uid}/appliances/{aid}/images/{itid}/downloads/{fileName}`.
    MachineFile {
        uid: String,
        aid: String,
        itid: String,
        file_name: String,
        download_id: Option<String>,
    },
    /// `GET /users/{uid}/appliances/{aid}/images/{itid}/files/{filepath}`.
    Pxe {
        uid: String,
        aid: String,
        itid: String,
        filepath: String,
    },
    /// `GET /users/{uid}/appliances/{aid}/pimages/{pitid}/downloads`.
    Published {
        uid: String,
        aid: String,
        pitid: String,
        download_id: Option<String>,
    },
    /// `GET /users/{uid}/scannedinstances/{siid}/scans/{sid}/images/{itid}/downloads`.
    Scan {
        uid: String,
        siid: String,
        sid: String,
        itid: String,
        download_id: Option<String>,
    },
    /// `GET /users/{uid}/mysoftware/{msid}/templates/{tid}/images/{itid}/downloads`.
    Container {
        uid: String,
        msid: String,
        tid: String,
        itid: String,
        download_id: Option<String>,
    },
}

impl Call {
    /// The API base URL (everything before the call's path) and the call.
    pub fn parse(text: &str) -> Result<(String, Call), GetError> {
        let bad = |why: &str| GetError::BadUrl(format!("{text}: {why}"));
        let url = url::Url::parse(text).map_err(|e| bad(&e.to_string()))?;
        let segs: Vec<String> = url
            .path_segments()
            .ok_or_else(|| bad("no path"))?
            .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
            .collect();
        let download_id = url
            .query_pairs()
            .find(|(k, _)| k == "downloadId")
            .map(|(_, v)| v.into_owned());
        let start = segs
            .iter()
            .enumerate()
            .rev()
            .find(|(i, s)| {
                *s == "users" || (*s == "v2" && segs.get(i + 1).is_some_and(|n| n == "images"))
            })
            .map(|(i, _)| i)
            .ok_or_else(|| bad("no /users/... or /v2/images/... path"))?;
        let s: Vec<&str> = segs[start..].iter().map(String::as_str).collect();
        let o = |x: &str| x.to_string();
        let d = download_id.clone();
        let call = match s.as_slice() {
            ["v2", "images", id, "file"] => Call::Glance { image_id: o(id) },
            ["users", u, "appliances", a, "images", i, "downloads"] => Call::Machine {
                uid: o(u),
                aid: o(a),
                itid: o(i),
                download_id: d,
            },
            ["users", u, "appliances", a, "images", i, "downloads", f] => Call::MachineFile {
                uid: o(u),
                aid: o(a),
                itid: o(i),
                file_name: o(f),
                download_id: d,
            },
            ["users", u, "appliances", a, "images", i, "files", rest @ ..] if !rest.is_empty() => {
                Call::Pxe {
                    uid: o(u),
                    aid: o(a),
                    itid: o(i),
                    filepath: rest.join("/"),
                }
            }
            ["users", u, "appliances", a, "pimages", p, "downloads"] => Call::Published {
                uid: o(u),
                aid: o(a),
                pitid: o(p),
                download_id: d,
            },
            ["users", u, "scannedinstances", si, "scans", sc, "images", i, "downloads"] => {
                Call::Scan {
                    uid: o(u),
                    siid: o(si),
                    sid: o(sc),
                    itid: o(i),
                    download_id: d,
                }
            }
            ["users", u, "mysoftware", m, "templates", t, "images", i, "downloads"] => {
                Call::Container {
                    uid: o(u),
                    msid: o(m),
                    tid: o(t),
                    itid: o(i),
                    download_id: d,
                }
            }
            _ => return Err(bad("not one of the documented download calls")),
        };
        // the base keeps the raw (still encoded) path before the call
        let mut base = url.clone();
        base.set_query(None);
        base.set_fragment(None);
        let raw: Vec<&str> = url.path().split('/').collect();
        base.set_path(&raw[..start + 1].join("/"));
        Ok((base.as_str().trim_end_matches('/').to_string(), call))
    }

    /// The one-time id in the URL, if any.
    pub fn download_id(&self) -> Option<&str> {
        match self {
            Call::Machine { download_id, .. }
            | Call::MachineFile { download_id, .. }
            | Call::Published { download_id, .. }
            | Call::Scan { download_id, .. }
            | Call::Container { download_id, .. } => download_id.as_deref(),
            Call::Glance { .. } | Call::Pxe { .. } => None,
        }
    }

    /// Whether the docs let this call send part of the file (`Range` → `206`):
    /// only the OpenStack call; the UForge pages document 200 and 304 only.
    pub fn resumable(&self) -> bool {
        matches!(self, Call::Glance { .. })
    }

    /// A file name for the download when none is given.
    pub fn default_file_name(&self) -> String {
        match self {
            Call::Glance { image_id } => format!("{image_id}.img"),
            Call::MachineFile { file_name, .. } => file_name.clone(),
            Call::Pxe { filepath, .. } => filepath.rsplit('/').next().unwrap_or("file").to_string(),
            Call::Machine { itid, .. } | Call::Scan { itid, .. } | Call::Container { itid, .. } => {
                format!("image-{itid}.img")
            }
            Call::Published { pitid, .. } => format!("published-{pitid}.img"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_their_calls_and_bases() {
        let (base, call) = Call::parse("http://h:1/api/v2/images/abc/file").unwrap();
        assert_eq!(base, "http://h:1/api");
        assert_eq!(
            call,
            Call::Glance {
                image_id: "abc".into()
            }
        );
        let (base, call) =
            Call::parse("http://h/users/u%20x/appliances/1/images/2/downloads?downloadId=k")
                .unwrap();
        assert_eq!(base, "http://h");
        assert_eq!(
            call,
            Call::Machine {
                uid: "u x".into(),
                aid: "1".into(),
                itid: "2".into(),
                download_id: Some("k".into())
            }
        );
        let (_, call) =
            Call::parse("http://h/users/u/appliances/1/images/2/files/boot/x.cfg").unwrap();
        assert_eq!(
            call,
            Call::Pxe {
                uid: "u".into(),
                aid: "1".into(),
                itid: "2".into(),
                filepath: "boot/x.cfg".into()
            }
        );
        assert!(Call::parse("http://h/users/u/appliances/1").is_err());
        assert!(Call::parse("not a url").is_err());
    }
}
