//! End-to-end tests of `restdoc-images get` against the service on
//! 127.0.0.1: resume after a cut connection, a corrupted byte refused,
//! and the documented failures with their exit codes.

mod common;

use common::*;
use restdoc_images::client::{get, GetArgs};
use std::sync::atomic::Ordering;

const MIB: u64 = 1024 * 1024;

fn glance_url(base: &str, id: &str) -> String {
    format!("{base}/v2/images/{id}/file")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cut_download_resumes_with_range_and_arrives_intact() {
    tokio::time::timeout(DEADLINE, async {
        let server = Server::start().await;
        let want = server.object("images/centos-web.raw");
        let proxy = Proxy::start(server.addr, Fault::CutFirstAfter(3 * MIB)).await;
        let out = server.out("centos.img");
        let url = glance_url(&proxy.url(), CENTOS);
        let args = [
            "get",
            &url,
            "-o",
            path_str(&out),
            "--token",
            TOKEN,
            "--retries",
            "0",
            "--quiet",
        ];

        // first run: the connection is cut halfway; the user's name is not written
        let first = run(&args).await;
        assert_eq!(first.code, 3, "network failure exit code: {}", first.stderr);
        assert!(first.stderr.contains("network"), "{}", first.stderr);
        assert!(!out.exists());
        let part = std::fs::read(out.with_extension("img.part")).expect("part kept");
        assert!(
            part.len() as u64 > MIB && (part.len() as u64) < 3 * MIB,
            "{} bytes kept",
            part.len()
        );
        assert_eq!(
            part[..],
            want[..part.len()],
            "the part is a prefix of the image"
        );

        // second run: resumes from the part, fetching only the rest
        let second = run(&args).await;
        assert_eq!(second.code, 0, "{}", second.stderr);
        assert!(
            second.stderr.contains("Content-MD5 verified"),
            "{}",
            second.stderr
        );
        let got = std::fs::read(&out).unwrap();
        assert_eq!(got.len(), want.len());
        assert!(got == want, "bytes differ");
        assert_eq!(md5_b64(&got), md5_b64(&want));
        assert!(!out.with_extension("img.part").exists());
        assert_eq!(proxy.connections.load(Ordering::SeqCst), 2);
        let resent = proxy.last_bytes.load(Ordering::SeqCst);
        assert!(
            resent < want.len() as u64 - part.len() as u64 + 4096,
            "resume sent {resent} bytes, not just the rest"
        );
    })
    .await
    .expect("deadline");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_run_retries_a_cut_transfer_from_where_it_broke() {
    tokio::time::timeout(DEADLINE, async {
        let server = Server::start().await;
        let want = server.object("images/centos-web.raw");
        let proxy = Proxy::start(server.addr, Fault::CutFirstAfter(2 * MIB)).await;
        let out = server.out("retried.img");
        let args = GetArgs {
            url: glance_url(&proxy.url(), CENTOS),
            output: Some(out.clone()),
            user: None,
            password: None,
            token: Some(TOKEN.into()),
            retries: 2,
            force: false,
            quiet: true,
            timeout: 10,
        };
        let done = get(&args).await.expect("download");
        assert_eq!(done.requests, 2);
        assert!(done.verified);
        assert!(std::fs::read(&out).unwrap() == want);
        assert!(proxy.last_bytes.load(Ordering::SeqCst) < want.len() as u64 - MIB);
    })
    .await
    .expect("deadline");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrupted_byte_is_refused_and_the_users_file_kept() {
    tokio::time::timeout(DEADLINE, async {
        let server = Server::start().await;
        let proxy = Proxy::start(server.addr, Fault::FlipAt(MIB + 17)).await;
        let out = server.out("precious.img");
        std::fs::write(&out, b"the user's own file").unwrap();
        let url = glance_url(&proxy.url(), CENTOS);
        let r = run(&[
            "get",
            &url,
            "-o",
            path_str(&out),
            "--token",
            TOKEN,
            "--force",
            "-q",
        ])
        .await;
        assert_eq!(r.code, 8, "{}", r.stderr);
        assert!(r.stderr.contains("corrupt download"), "{}", r.stderr);
        assert_eq!(std::fs::read(&out).unwrap(), b"the user's own file");
        let bad =
            std::fs::read(out.with_extension("img.corrupt")).expect("bad download kept aside");
        assert_eq!(bad.len() as u64, 6 * MIB);
        assert!(!out.with_extension("img.part").exists());
    })
    .await
    .expect("deadline");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documented_failures_have_their_exit_codes() {
    tokio::time::timeout(DEADLINE, async {
        let server = Server::start().await;
        let base = server.url();
        let uforge = format!("{base}/users/demo/appliances/1/images/1/downloads");
        let out = server.out("x.img");
        let o = path_str(&out);

        let wrong = run(&[
            "get",
            &uforge,
            "-o",
            o,
            "--user",
            "demo",
            "--password",
            "nope",
            "-q",
        ])
        .await;
        assert_eq!(wrong.code, 4, "{}", wrong.stderr);
        assert!(wrong.stderr.contains("401"), "{}", wrong.stderr);
        let bad_token = run(&[
            "get",
            &glance_url(&base, CENTOS),
            "-o",
            o,
            "--token",
            "nope",
            "-q",
        ])
        .await;
        assert_eq!(bad_token.code, 4, "{}", bad_token.stderr);

        let missing = run(&[
            "get",
            &glance_url(&base, "no-such-image"),
            "-o",
            o,
            "--token",
            TOKEN,
            "-q",
        ])
        .await;
        assert_eq!(missing.code, 6, "{}", missing.stderr);
        assert!(missing.stderr.contains("404"), "{}", missing.stderr);
        let missing_uforge = format!("{base}/users/demo/appliances/1/images/99/downloads");
        let r = run(&[
            "get",
            &missing_uforge,
            "-o",
            o,
            "--user",
            "demo",
            "--password",
            "demo-password",
            "-q",
        ])
        .await;
        assert_eq!(r.code, 6, "{}", r.stderr);

        let empty = glance_url(&base, "6f1d2b0e-8c1a-4c5e-9d3f-0a1b2c3d4e03");
        let no_data = run(&["get", &empty, "-o", o, "--token", TOKEN, "-q"]).await;
        assert_eq!(no_data.code, 6, "{}", no_data.stderr);
        assert!(no_data.stderr.contains("204"), "{}", no_data.stderr);

        let forbidden = run(&[
            "get",
            &glance_url(&base, CENTOS),
            "-o",
            o,
            "--token",
            "alice-token",
            "-q",
        ])
        .await;
        assert_eq!(forbidden.code, 5, "{}", forbidden.stderr);

        // a part longer than the image: the resume range is unsatisfiable
        std::fs::write(out.with_extension("img.part"), vec![0u8; 7 * MIB as usize]).unwrap();
        let r416 = run(&[
            "get",
            &glance_url(&base, CENTOS),
            "-o",
            o,
            "--token",
            TOKEN,
            "-q",
        ])
        .await;
        assert_eq!(r416.code, 7, "{}", r416.stderr);
        assert!(r416.stderr.contains("416"), "{}", r416.stderr);
        std::fs::remove_file(out.with_extension("img.part")).unwrap();

        let closed = run(&[
            "get",
            "http://127.0.0.1:9/v2/images/x/file",
            "-o",
            o,
            "--retries",
            "0",
            "-q",
        ])
        .await;
        assert_eq!(closed.code, 3, "{}", closed.stderr);
        assert!(!out.exists(), "no failure wrote the output");
    })
    .await
    .expect("deadline");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_download_id_is_good_for_one_download() {
    tokio::time::timeout(DEADLINE, async {
        let server = Server::start().await;
        let id = download_id(&server, "1").await;
        let url = format!(
            "{}/users/demo/appliances/1/images/1/downloads?downloadId={id}",
            server.url()
        );
        let first_out = server.out("first.img");
        let first = run(&["get", &url, "-o", path_str(&first_out), "-q"]).await;
        assert_eq!(first.code, 0, "{}", first.stderr);
        assert!(std::fs::read(&first_out).unwrap() == server.object("images/centos-web.raw"));
        let again = run(&["get", &url, "-o", path_str(&server.out("again.img")), "-q"]).await;
        assert_eq!(again.code, 4, "{}", again.stderr);
        assert!(
            again.stderr.contains("downloadId is spent"),
            "{}",
            again.stderr
        );
    })
    .await
    .expect("deadline");
}
