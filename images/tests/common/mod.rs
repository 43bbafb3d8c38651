//! What the end-to-end tests share: a service on 127.0.0.1 over a fresh
//! demo store, a TCP proxy that can cut or corrupt the server's answer,
//! and the `restdoc-images` binary run with a deadline.
#![allow(dead_code)]

use restdoc_images::server::{self, ServeArgs};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Every test body runs under this deadline.
pub const DEADLINE: Duration = Duration::from_secs(40);

/// The demo token and the 6 MiB demo image's OpenStack id.
pub const TOKEN: &str = "demo-token";
pub const CENTOS: &str = "6f1d2b0e-8c1a-4c5e-9d3f-0a1b2c3d4e01";

/// A running service and its store folder.
pub struct Server {
    pub addr: SocketAddr,
    pub dir: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// Start the service on a free port over a new demo store.
    pub async fn start() -> Server {
        Self::start_with_ttl(300).await
    }

    /// The same, with downloadIds living `ttl` seconds.
    pub async fn start_with_ttl(ttl: u64) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let args = ServeArgs {
            listen: "127.0.0.1:0".parse().unwrap(),
            store: dir.path().join("store").to_string_lossy().into_owned(),
            download_id_ttl: ttl,
            chunk: 256 * 1024,
            shutdown_grace: 20,
        };
        let service = server::service(&args).await.expect("service");
        let listener = TcpListener::bind(args.listen).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(server::serve(
            listener,
            service,
            async move {
                let _ = rx.await;
            },
            Duration::from_secs(20),
        ));
        Server {
            addr,
            dir,
            stop: Some(tx),
            task,
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bytes of a stored object.
    pub fn object(&self, key: &str) -> Vec<u8> {
        std::fs::read(self.dir.path().join("store").join(key)).expect("stored object")
    }

    /// Ask for a graceful shutdown.
    pub fn shutdown(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }

    /// A work folder for downloads.
    pub fn out(&self, name: &str) -> PathBuf {
        let d = self.dir.path().join("out");
        std::fs::create_dir_all(&d).unwrap();
        d.join(name)
    }
}

/// What the proxy does to the server's answers.
#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// Close the first connection after this many answer bytes; later ones pass.
    CutFirstAfter(u64),
    /// Flip the answer byte at this offset, on every connection.
    FlipAt(u64),
}

/// A TCP proxy in front of the server.
pub struct Proxy {
    pub addr: SocketAddr,
    /// Connections accepted so far.
    pub connections: Arc<AtomicUsize>,
    /// Answer bytes forwarded on the last connection.
    pub last_bytes: Arc<AtomicU64>,
}

impl Proxy {
    pub async fn start(upstream: SocketAddr, fault: Fault) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let connections = Arc::new(AtomicUsize::new(0));
        let last_bytes = Arc::new(AtomicU64::new(0));
        let (conns, last) = (connections.clone(), last_bytes.clone());
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let n = conns.fetch_add(1, Ordering::SeqCst);
                let last = last.clone();
                tokio::spawn(async move {
                    let Ok(server) = TcpStream::connect(upstream).await else {
                        return;
                    };
                    let (mut cr, mut cw) = client.into_split();
                    let (mut sr, mut sw) = server.into_split();
                    let up = tokio::spawn(async move {
                        let _ = tokio::io::copy(&mut cr, &mut sw).await;
                    });
                    last.store(0, Ordering::SeqCst);
                    let mut buf = vec![0u8; 64 * 1024];
                    let mut sent = 0u64;
                    while let Ok(k) = sr.read(&mut buf).await {
                        if k == 0 {
                            break;
                        }
                        let chunk = &mut buf[..k];
                        match fault {
                            Fault::CutFirstAfter(limit) if n == 0 && sent + k as u64 >= limit => {
                                let keep = (limit - sent) as usize;
                                let _ = cw.write_all(&chunk[..keep]).await;
                                last.fetch_add(keep as u64, Ordering::SeqCst);
                                break;
                            }
                            Fault::FlipAt(at) if (sent..sent + k as u64).contains(&at) => {
                                chunk[(at - sent) as usize] ^= 0x01;
                            }
                            _ => {}
                        }
                        if cw.write_all(chunk).await.is_err() {
                            break;
                        }
                        sent += k as u64;
                        last.fetch_add(k as u64, Ordering::SeqCst);
                    }
                    up.abort();
                });
            }
        });
        Proxy {
            addr,
            connections,
            last_bytes,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stderr: String,
}

/// Run `restdoc-images ARGS` (killed after the deadline).
pub async fn run(args: &[&str]) -> Run {
    let out = tokio::time::timeout(
        DEADLINE,
        tokio::process::Command::new(env!("CARGO_BIN_EXE_restdoc-images"))
            .args(args)
            .env_remove("RESTDOC_IMAGES_TOKEN")
            .env_remove("RESTDOC_IMAGES_USER")
            .env_remove("RESTDOC_IMAGES_PASSWORD")
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("binary finished in time")
    .expect("binary ran");
    Run {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A fresh downloadId for a machine image, from machineImage-get.
pub async fn download_id(server: &Server, itid: &str) -> String {
    let v: serde_json::Value = reqwest::Client::new()
        .get(format!(
            "{}/users/demo/appliances/1/images/{itid}",
            server.url()
        ))
        .basic_auth("demo", Some("demo-password"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["downloadKey"].as_str().expect("downloadKey").to_string()
}

/// Base64 MD5, as `Content-MD5` carries it.
pub fn md5_b64(data: &[u8]) -> String {
    use base64::Engine as _;
    use md5::Digest as _;
    base64::engine::general_purpose::STANDARD.encode(md5::Md5::digest(data))
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}
