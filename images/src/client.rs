//! `restdoc-images get`: download one image through the generated client,
//! into `FILE.part` first. A broken transfer is resumed with `Range` where
//! the docs allow it (the OpenStack call); `Content-MD5` is checked; the
//! file the user named is only written by renaming a complete, verified
//! download onto it.

use crate::api::runtime::{Auth, Binary, Client, Error as ApiError};
use crate::api::{containertemplate as ct, images_data as glance, machineimage as mi, scan};
use base64::Engine as _;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use md5::Digest;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod call;
mod part;
pub use call::Call;
use part::Part;

/// `get` settings.
#[derive(Debug, Clone, clap::Args)]
pub struct GetArgs {
    /// URL of a documented download call, e.g.
    /// http://127.0.0.1:8080/v2/images/ID/file or
    /// http://127.0.0.1:8080/users/demo/appliances/1/images/1/downloads?downloadId=ID
    pub url: String,
    /// Where to save the image (default: a name taken from the URL).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Login for HTTP basic auth (UForge calls).
    #[arg(long, env = "RESTDOC_IMAGES_USER")]
    pub user: Option<String>,
    /// Password for HTTP basic auth.
    #[arg(long, env = "RESTDOC_IMAGES_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// X-Auth-Token (OpenStack call).
    #[arg(long, env = "RESTDOC_IMAGES_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// How many times a broken transfer is taken up again in this run.
    #[arg(long, default_value_t = 3)]
    pub retries: u32,
    /// Replace an existing output file (only ever with a complete, verified download).
    #[arg(long)]
    pub force: bool,
    /// No progress bar.
    #[arg(short, long)]
    pub quiet: bool,
    /// Seconds without any data before the transfer counts as broken.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
}

/// Why a download failed; each has its own exit code.
#[derive(Debug)]
pub enum GetError {
    /// The URL names no documented download call.
    BadUrl(String),
    /// 401: no, wrong or spent credentials / downloadId.
    Unauthorized,
    /// 403: the credentials may not read this image.
    Forbidden,
    /// 404: no such image.
    NotFound,
    /// 204: the image exists but has no data yet.
    NoData,
    /// 416: the part already on disk reaches past the end of the image.
    RangeNotSatisfiable(PathBuf),
    /// The connection failed or broke, retries used up; the part is kept.
    Network(String, PathBuf),
    /// The bytes do not match `Content-MD5`; kept under `path`.
    Corrupt {
        expected: String,
        got: String,
        path: PathBuf,
    },
    /// A local file problem (output exists, cannot write).
    Local(String),
    /// Any other answer.
    Unexpected(String),
}

impl GetError {
    /// The process exit code (README "Exit codes of `get`").
    pub fn exit_code(&self) -> i32 {
        match self {
            GetError::Network(..) => 3,
            GetError::Unauthorized => 4,
            GetError::Forbidden => 5,
            GetError::NotFound | GetError::NoData => 6,
            GetError::RangeNotSatisfiable(_) => 7,
            GetError::Corrupt { .. } => 8,
            GetError::Local(_) => 9,
            GetError::Unexpected(_) | GetError::BadUrl(_) => 10,
        }
    }
}

impl std::fmt::Display for GetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GetError::BadUrl(why) => write!(f, "not a download URL: {why}"),
            GetError::Unauthorized => f.write_str(
                "401 Unauthorized: wrong login, password or token, or the downloadId is spent or expired (a downloadId is good for one download; fetch a new one)",
            ),
            GetError::Forbidden => f.write_str("403 Forbidden: these credentials may not read this image"),
            GetError::NotFound => f.write_str("404 Not Found: no such image, or it has no file yet"),
            GetError::NoData => f.write_str("204 No Content: the image has no data yet; nothing was saved"),
            GetError::RangeNotSatisfiable(p) => write!(
                f,
                "416 Range Not Satisfiable: {} is longer than the image; delete it to start over",
                p.display()
            ),
            GetError::Network(e, p) => write!(f, "network: {e}; the bytes received are kept in {}, run again to resume", p.display()),
            GetError::Corrupt { expected, got, path } => write!(
                f,
                "corrupt download: Content-MD5 is {expected} but the bytes hash to {got}; kept as {}, nothing else was touched",
                path.display()
            ),
            GetError::Local(e) => write!(f, "{e}"),
            GetError::Unexpected(e) => write!(f, "unexpected answer: {e}"),
        }
    }
}

impl std::error::Error for GetError {}

/// A finished download.
#[derive(Debug)]
pub struct Done {
    /// Where it was saved.
    pub path: PathBuf,
    /// Bytes in the file.
    pub bytes: u64,
    /// Whether `Content-MD5` was checked.
    pub verified: bool,
    /// Requests made (more than one when resumed or retried).
    pub requests: u32,
}

/// One answer to a download request, whatever the endpoint.
enum Answer {
    /// The whole file from byte 0.
    Whole(Binary, Option<String>),
    /// From `start` on, of `total` bytes.
    Partial {
        body: Binary,
        md5: Option<String>,
        start: u64,
        total: u64,
    },
}

fn api_error(e: ApiError, part: &Path) -> GetError {
    match e {
        ApiError::Http(e) => GetError::Network(e.to_string(), part.to_path_buf()),
        ApiError::UnexpectedStatus { status: 401, .. } => GetError::Unauthorized,
        ApiError::UnexpectedStatus { status: 403, .. } => GetError::Forbidden,
        ApiError::UnexpectedStatus { status: 404, .. } => GetError::NotFound,
        ApiError::UnexpectedStatus { status: 416, .. } => {
            GetError::RangeNotSatisfiable(part.to_path_buf())
        }
        other => GetError::Unexpected(other.to_string()),
    }
}

/// Send the call through the generated client, asking for bytes from `offset` on.
async fn request(
    client: &Client,
    call: &Call,
    offset: u64,
    part: &Path,
) -> Result<Answer, GetError> {
    let ok = |b, md5| Ok(Answer::Whole(b, md5));
    let err = |e| api_error(e, part);
    match call.clone() {
        Call::Glance { image_id } => {
            let range = (offset > 0).then(|| format!("bytes={offset}-"));
            match client
                .download_binary_image_data(glance::DownloadBinaryImageDataRequest {
                    image_id,
                    range,
                })
                .await
                .map_err(err)?
            {
                glance::DownloadBinaryImageDataResponse::Ok(b, h) => ok(b, h.content_md5),
                glance::DownloadBinaryImageDataResponse::PartialContent(body, h) => {
                    let (start, total) = h
                        .content_range
                        .as_deref()
                        .and_then(parse_content_range)
                        .ok_or_else(|| {
                        GetError::Unexpected("206 without a readable Content-Range".into())
                    })?;
                    Ok(Answer::Partial {
                        body,
                        md5: h.content_md5,
                        start,
                        total,
                    })
                }
                glance::DownloadBinaryImageDataResponse::NoContent(_) => Err(GetError::NoData),
                glance::DownloadBinaryImageDataResponse::BadRequest => {
                    Err(GetError::Unexpected("400 Bad Request".into()))
                }
                glance::DownloadBinaryImageDataResponse::Unauthorized => {
                    Err(GetError::Unauthorized)
                }
                glance::DownloadBinaryImageDataResponse::Forbidden => Err(GetError::Forbidden),
                glance::DownloadBinaryImageDataResponse::NotFound => Err(GetError::NotFound),
                glance::DownloadBinaryImageDataResponse::RangeNotSatisfiable => {
                    Err(GetError::RangeNotSatisfiable(part.to_path_buf()))
                }
            }
        }
        Call::Machine {
            uid,
            aid,
            itid,
            download_id,
        } => {
            let r = mi::MachineImageDownloadRequest {
                uid,
                aid,
                itid,
                download_id,
                if_none_match: None,
            };
            match client.machine_image_download(r).await.map_err(err)? {
                mi::MachineImageDownloadResponse::Ok(b, _) => ok(b, None),
                mi::MachineImageDownloadResponse::NotModified(_) => Err(GetError::Unexpected(
                    "304 to a request without If-None-Match".into(),
                )),
            }
        }
        Call::MachineFile {
            uid,
            aid,
            itid,
            file_name,
            download_id,
        } => {
            let r = mi::MachineImageDownloadFileRequest {
                uid,
                aid,
                itid,
                file_name,
                download_id,
                if_none_match: None,
            };
            match client.machine_image_download_file(r).await.map_err(err)? {
                mi::MachineImageDownloadFileResponse::Ok(b, _) => ok(b, None),
                mi::MachineImageDownloadFileResponse::NotModified(_) => Err(GetError::Unexpected(
                    "304 to a request without If-None-Match".into(),
                )),
            }
        }
        Call::Pxe {
            uid,
            aid,
            itid,
            filepath,
        } => {
            let r = mi::MachineImageFileDownloadRequest {
                uid,
                aid,
                itid,
                filepath,
                if_none_match: None,
            };
            match client.machine_image_file_download(r).await.map_err(err)? {
                mi::MachineImageFileDownloadResponse::Ok(b, _) => ok(b, None),
                mi::MachineImageFileDownloadResponse::NotModified(_) => Err(GetError::Unexpected(
                    "304 to a request without If-None-Match".into(),
                )),
            }
        }
        Call::Published {
            uid,
            aid,
            pitid,
            download_id,
        } => {
            let r = mi::MachineImagePublishedDownloadRequest {
                uid,
                aid,
                pitid,
                download_id,
                if_none_match: None,
            };
            match client
                .machine_image_published_download(r)
                .await
                .map_err(err)?
            {
                mi::MachineImagePublishedDownloadResponse::Ok(b, _) => ok(b, None),
                mi::MachineImagePublishedDownloadResponse::NotModified(_) => Err(
                    GetError::Unexpected("304 to a request without If-None-Match".into()),
                ),
            }
        }
        Call::Scan {
            uid,
            siid,
            sid,
            itid,
            download_id,
        } => {
            let r = scan::ScanImageDownloadRequest {
                uid,
                siid,
                sid,
                itid,
                download_id,
                if_none_match: None,
            };
            match client.scan_image_download(r).await.map_err(err)? {
                scan::ScanImageDownloadResponse::Ok(b, _) => ok(b, None),
                scan::ScanImageDownloadResponse::NotModified(_) => Err(GetError::Unexpected(
                    "304 to a request without If-None-Match".into(),
                )),
            }
        }
        Call::Container {
            uid,
            msid,
            tid,
            itid,
            download_id,
        } => {
            let r = ct::ContainerTemplateImageDownloadRequest {
                uid,
                msid,
                tid,
                itid,
                download_id,
                if_none_match: None,
            };
            match client
                .container_template_image_download(r)
                .await
                .map_err(err)?
            {
                ct::ContainerTemplateImageDownloadResponse::Ok(b, _) => ok(b, None),
                ct::ContainerTemplateImageDownloadResponse::NotModified(_) => Err(
                    GetError::Unexpected("304 to a request without If-None-Match".into()),
                ),
            }
        }
    }
}

/// `bytes first-last/total` → (first, total).
fn parse_content_range(text: &str) -> Option<(u64, u64)> {
    let (range, total) = text.trim().strip_prefix("bytes ")?.split_once('/')?;
    let (first, _) = range.split_once('-')?;
    Some((first.parse().ok()?, total.parse().ok()?))
}

fn progress(quiet: bool) -> ProgressBar {
    let target = if quiet {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let bar = ProgressBar::with_draw_target(None, target);
    // the documented 200 answers carry no length: bytes and rate only
    bar.set_style(
        ProgressStyle::with_template("{spinner} {bytes} {binary_bytes_per_sec}")
            .expect("progress template"),
    );
    bar
}

/// Download the image `args.url` names.
pub async fn get(args: &GetArgs) -> Result<Done, GetError> {
    let (base, call) = Call::parse(&args.url)?;
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(call.default_file_name()));
    if output.exists() && !args.force {
        return Err(GetError::Local(format!(
            "{} exists; pass --force to replace it with the download",
            output.display()
        )));
    }
    let part_path = suffixed(&output, "part");
    let auth = match (&args.token, &args.user) {
        (Some(t), _) => Auth::Token(t.clone()),
        (None, Some(u)) => Auth::Basic {
            user: u.clone(),
            password: args.password.clone().unwrap_or_default(),
        },
        (None, None) => Auth::None,
    };
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(args.timeout))
        .read_timeout(Duration::from_secs(args.timeout))
        .build()
        .map_err(|e| GetError::Unexpected(e.to_string()))?;
    let client = Client::with_http(base, auth, http);
    // a downloadId is spent by the first request, so retrying cannot help
    let retries = if call.download_id().is_some() {
        0
    } else {
        args.retries
    };
    let mut part = Part::open(part_path.clone(), call.resumable())?;
    let bar = progress(args.quiet);
    let mut requests = 0;
    let expected = loop {
        requests += 1;
        let answer = match request(&client, &call, part.len, &part_path).await {
            Ok(a) => a,
            Err(GetError::Network(e, _)) if requests <= retries => {
                tracing::warn!("{e}; trying again");
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
            Err(e) => return Err(e),
        };
        let (body, md5) = match answer {
            Answer::Whole(body, md5) => {
                if part.len > 0 {
                    part.restart()?;
                }
                (body, md5)
            }
            Answer::Partial {
                body,
                md5,
                start,
                total,
            } => {
                if start != part.len {
                    return Err(GetError::Unexpected(format!(
                        "asked for bytes from {} but got from {start}",
                        part.len
                    )));
                }
                bar.set_length(total);
                bar.set_style(
                    ProgressStyle::with_template(
                        "{bytes}/{total_bytes} {wide_bar} {binary_bytes_per_sec} {eta}",
                    )
                    .expect("progress template"),
                );
                (body, md5)
            }
        };
        bar.set_position(part.len);
        match part.append(body, &bar, md5.is_some()).await {
            Ok(()) => break md5,
            Err(e) if requests <= retries => {
                tracing::warn!("transfer broke after {} bytes: {e}; resuming", part.len)
            }
            Err(e) => return Err(GetError::Network(e, part_path)),
        }
    };
    bar.finish_and_clear();
    let got =
        base64::engine::general_purpose::STANDARD.encode(std::mem::take(&mut part.md5).finalize());
    if let Some(expected) = &expected {
        if *expected != got {
            let bad = suffixed(&output, "corrupt");
            std::fs::rename(&part_path, &bad)
                .map_err(|e| GetError::Local(format!("{}: {e}", bad.display())))?;
            return Err(GetError::Corrupt {
                expected: expected.clone(),
                got,
                path: bad,
            });
        }
    }
    std::fs::rename(&part_path, &output)
        .map_err(|e| GetError::Local(format!("{}: {e}", output.display())))?;
    Ok(Done {
        path: output,
        bytes: part.len,
        verified: expected.is_some(),
        requests,
    })
}

/// `file.img` → `file.img.part`.
fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}
