//! End-to-end tests of the service on 127.0.0.1 under concurrency:
//! racing redemptions of one downloadId, 200 simultaneous downloads,
//! conditional and ranged requests, HEAD, expiry, graceful shutdown.

mod common;

use common::*;
use futures_util::StreamExt;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_racing_redemptions_give_exactly_one_download() {
    tokio::time::timeout(DEADLINE, async {
        let server = Server::start().await;
        let want = server.object("images/centos-web.raw");
        let id = download_id(&server, "1").await;
        let url = format!(
            "{}/users/demo/appliances/1/images/1/downloads?downloadId={id}",
            server.url()
        );
        let http = reqwest::Client::new();
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(50));
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let (http, url, barrier) = (http.clone(), url.clone(), barrier.clone());
                tokio::spawn(async move {
                    barrier.wait().await;
                    let r = http.get(&url).send().await.unwrap();
                    let status = r.status().as_u16();
                    (status, r.bytes().await.unwrap())
                })
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            let (status, body) = t.await.unwrap();
            match status {
                200 => {
                    ok += 1;
                    assert!(body[..] == want[..], "the one download is whole");
                }
                401 => assert!(body.is_empty()),
                other => panic!("status {other}"),
            }
        }
        assert_eq!(ok, 1);
    })
    .await
    .expect("deadline");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_downloads_all_get_the_right_bytes() {
    tokio::time::timeout(DEADLINE, async {
        let server = Server::start().await;
        let want = std::sync::Arc::new(server.object("images/nginx-container.raw"));
        let url = format!(
            "{}/users/demo/mysoftware/1/templates/1/images/1/downloads",
            server.url()
        );
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .build()
            .unwrap();
        let tasks: Vec<_> = (0..200)
            .map(|_| {
                let (http, url, want) = (http.clone(), url.clone(), want.clone());
                tokio::spawn(async move {
                    let r = http
                        .get(&url)
                        .basic_auth("demo", Some("demo-password"))
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(r.status(), 200);
                    assert_eq!(r.content_length(), Some(want.len() as u64));
                    let body = r.bytes().await.unwrap();
                    body[..] == want[..]
                })
            })
            .collect();
        let mut right = 0;
        for t in tasks {
            right += usize::from(t.await.unwrap());
        }
        assert_eq!(right, 200);
    })
    .await
    .expect("deadline");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn etags_ranges_head_and_md5_follow_the_docs() {
    tokio::time::timeout(DEADLINE, async {
        let server = Server::start().await;
        let want = server.object("images/centos-web.raw");
        let http = reqwest::Client::new();
        let uforge = format!(
            "{}/users/demo/appliances/1/images/1/downloads",
            server.url()
        );
        let first = http
            .get(&uforge)
            .basic_auth("demo", Some("demo-password"))
            .send()
            .await
            .unwrap();
        assert_eq!(first.status(), 200);
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        drop(first);
        let again = http
            .get(&uforge)
            .basic_auth("demo", Some("demo-password"))
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304);
        assert_eq!(again.headers()["etag"], etag.as_str());
        let other = http
            .get(&uforge)
            .basic_auth("demo", Some("demo-password"))
            .header("If-None-Match", "\"something-else\"")
            .send()
            .await
            .unwrap();
        assert_eq!(other.status(), 200);
        drop(other);

        let glance = format!("{}/v2/images/{CENTOS}/file", server.url());
        let head = http
            .head(&glance)
            .header("X-Auth-Token", TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(head.status(), 200);
        assert_eq!(
            head.headers()["content-length"],
            want.len().to_string().as_str()
        );
        assert_eq!(head.headers()["content-md5"], md5_b64(&want).as_str());
        let part = http
            .get(&glance)
            .header("X-Auth-Token", TOKEN)
            .header("Range", "bytes=100-199")
            .send()
            .await
            .unwrap();
        assert_eq!(part.status(), 206);
        assert_eq!(
            part.headers()["content-range"],
            format!("bytes 100-199/{}", want.len()).as_str()
        );
        assert_eq!(part.bytes().await.unwrap()[..], want[100..200]);
        let tail = http
            .get(&glance)
            .header("X-Auth-Token", TOKEN)
            .header("Range", "bytes=-10")
            .send()
            .await
            .unwrap();
        assert_eq!(tail.bytes().await.unwrap()[..], want[want.len() - 10..]);
        let beyond = http
            .get(&glance)
            .header("X-Auth-Token", TOKEN)
            .header("Range", "bytes=7000000-")
            .send()
            .await
            .unwrap();
        assert_eq!(beyond.status(), 416);
        assert_eq!(
            beyond.headers()["content-range"],
            format!("bytes */{}", want.len()).as_str()
        );
        let empty = format!(
            "{}/v2/images/6f1d2b0e-8c1a-4c5e-9d3f-0a1b2c3d4e03/file",
            server.url()
        );
        assert_eq!(
            http.get(&empty)
                .header("X-Auth-Token", TOKEN)
                .send()
                .await
                .unwrap()
                .status(),
            204
        );
        let wadl = format!("{}/wadl2rst/v2/images/{CENTOS}/file", server.url());
        assert_eq!(
            http.get(&wadl)
                .header("X-Auth-Token", "alice-token")
                .send()
                .await
                .unwrap()
                .status(),
            403
        );

        let pxe = format!(
            "{}/users/demo/appliances/1/images/2/files/boot/pxelinux.cfg/default",
            server.url()
        );
        let cfg = http
            .get(&pxe)
            .basic_auth("demo", Some("demo-password"))
            .send()
            .await
            .unwrap();
        assert_eq!(cfg.status(), 200);
        assert!(cfg.text().await.unwrap().contains("KERNEL vmlinuz"));
        let alice = http
            .get(&pxe)
            .basic_auth("alice", Some("alice-password"))
            .send()
            .await
            .unwrap();
        assert_eq!(alice.status(), 403, "another user's image");
    })
    .await
    .expect("deadline");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn download_ids_expire_and_only_open_their_own_image() {
    tokio::time::timeout(DEADLINE, async {
        let server = Server::start_with_ttl(1).await;
        let http = reqwest::Client::new();
        let id = download_id(&server, "1").await;
        let elsewhere = format!(
            "{}/users/demo/appliances/1/images/2/downloads?downloadId={id}",
            server.url()
        );
        assert_eq!(http.get(&elsewhere).send().await.unwrap().status(), 401);

        let published: serde_json::Value = http
            .get(format!("{}/users/demo/appliances/1/pimages", server.url()))
            .basic_auth("demo", Some("demo-password"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let key = published[0]["downloadKey"].as_str().unwrap();
        let url = format!(
            "{}/users/demo/appliances/1/pimages/1/downloads?downloadId={key}",
            server.url()
        );
        let r = http.get(&url).send().await.unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.bytes().await.unwrap()[..] == server.object("images/centos-web.raw")[..]);

        // HEAD says what the GET would get, without spending the id
        let id = download_id(&server, "1").await;
        let url = format!(
            "{}/users/demo/appliances/1/images/1/downloads?downloadId={id}",
            server.url()
        );
        assert_eq!(http.head(&url).send().await.unwrap().status(), 200);
        assert_eq!(http.get(&url).send().await.unwrap().status(), 200);
        assert_eq!(http.head(&url).send().await.unwrap().status(), 401);

        let late = download_id(&server, "1").await;
        tokio::time::sleep(Duration::from_millis(1300)).await;
        let url = format!(
            "{}/users/demo/appliances/1/images/1/downloads?downloadId={late}",
            server.url()
        );
        assert_eq!(
            http.get(&url).send().await.unwrap().status(),
            401,
            "expired"
        );
    })
    .await
    .expect("deadline");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_lets_a_running_download_finish() {
    tokio::time::timeout(DEADLINE, async {
        let mut server = Server::start().await;
        let want = server.object("images/centos-web.raw");
        let url = format!("{}/v2/images/{CENTOS}/file", server.url());
        let r = reqwest::Client::new()
            .get(&url)
            .header("X-Auth-Token", TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let mut body = r.bytes_stream();
        let mut got = Vec::new();
        got.extend_from_slice(&body.next().await.unwrap().unwrap());
        server.shutdown();
        tokio::time::sleep(Duration::from_millis(200)).await;
        // new connections are refused while the running download goes on
        assert!(reqwest::Client::new().get(&url).send().await.is_err());
        while let Some(chunk) = body.next().await {
            got.extend_from_slice(&chunk.unwrap());
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        assert!(got == want, "the running download finished whole");
        server.task.await.unwrap().unwrap();
    })
    .await
    .expect("deadline");
}
