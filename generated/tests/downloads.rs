//! The seeds' download endpoints, served by a small image store behind the
//! generated routers and called through the generated client:
//!
//! - UForge (machine image, published image, container template and scan
//!   downloads): a one-time `downloadId` lets an unauthenticated download
//!   through exactly once; a matching `If-None-Match` gets `304`.
//! - Glance's image data call: `200` with the whole data, `206` with the
//!   `Content-Range` for a satisfiable `Range`, `416` for one past the end,
//!   `204` for an image without data; `Content-MD5` (hex, as Glance sends
//!   it) is the MD5 of the bytes received.

mod common;

use md5::{Digest, Md5};
use restdoc_specs::containertemplate::{
    self, ContainerTemplateImageDownloadHeaders, ContainerTemplateImageDownloadRequest,
    ContainerTemplateImageDownloadResponse,
};
use restdoc_specs::images_data::{
    self, DownloadBinaryImageDataHeaders, DownloadBinaryImageDataRequest,
    DownloadBinaryImageDataResponse,
};
use restdoc_specs::machineimage::{
    self, MachineImageDownloadFileHeaders, MachineImageDownloadFileRequest,
    MachineImageDownloadFileResponse, MachineImageDownloadHeaders, MachineImageDownloadRequest,
    MachineImageDownloadResponse, MachineImageFileDownloadHeaders,
    MachineImageFileDownloadRequest, MachineImageFileDownloadResponse,
    MachineImagePublishedDownloadHeaders, MachineImagePublishedDownloadRequest,
    MachineImagePublishedDownloadResponse,
};
use restdoc_specs::runtime::Authenticate;
use restdoc_specs::scan::{
    self, ScanImageDownloadHeaders, ScanImageDownloadRequest, ScanImageDownloadResponse,
};
use restdoc_specs::{Auth, Client, Error};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

/// The image every UForge download serves, and its entity tag.
const IMAGE: &[u8] = b"qcow2 image bytes";
const ETAG: &str = "\"image-v1\"";
/// Glance image data.
const DATA: &[u8] = b"0123456789abcdefghij";

/// Issued one-time tokens; redeeming one voids it.
struct Store {
    tokens: Mutex<BTreeSet<String>>,
    redeemed: Mutex<Vec<(&'static str, String)>>,
}

impl Store {
    fn new(tokens: &[&str]) -> Arc<Self> {
        Arc::new(Store {
            tokens: Mutex::new(tokens.iter().map(|t| t.to_string()).collect()),
            redeemed: Mutex::new(Vec::new()),
        })
    }
}

impl Authenticate for Store {
    async fn authenticate(&self, headers: &axum::http::HeaderMap) -> bool {
        // "Basic dXNlcjpwYXNz" is user:pass
        let basic = headers
            .get("authorization")
            .is_some_and(|v| v == "Basic dXNlcjpwYXNz");
        basic || headers.get("x-auth-token").is_some_and(|v| v == "token")
    }

    async fn redeem(&self, endpoint: &'static str, token: &str) -> bool {
        let fresh = self.tokens.lock().is_ok_and(|mut t| t.remove(token));
        if fresh {
            if let Ok(mut r) = self.redeemed.lock() {
                r.push((endpoint, token.to_string()));
            }
        }
        fresh
    }
}

/// Whether the caller's copy is current.
fn current(if_none_match: &Option<String>) -> bool {
    if_none_match
        .as_deref()
        .is_some_and(|v| v.split(',').any(|t| t.trim() == ETAG || t.trim() == "*"))
}

fn etag() -> Option<String> {
    Some(ETAG.to_string())
}

impl machineimage::Api for Store {
    async fn machine_image_file_download(
        &self,
        input: MachineImageFileDownloadRequest,
    ) -> MachineImageFileDownloadResponse {
        let h = MachineImageFileDownloadHeaders { e_tag: etag() };
        if current(&input.if_none_match) {
            return MachineImageFileDownloadResponse::NotModified(h);
        }
        MachineImageFileDownloadResponse::Ok(common::body(IMAGE), h)
    }
    async fn machine_image_published_download(
        &self,
        input: MachineImagePublishedDownloadRequest,
    ) -> MachineImagePublishedDownloadResponse {
        let h = MachineImagePublishedDownloadHeaders { e_tag: etag() };
        if current(&input.if_none_match) {
            return MachineImagePublishedDownloadResponse::NotModified(h);
        }
        MachineImagePublishedDownloadResponse::Ok(common::body(IMAGE), h)
    }
    async fn machine_image_download(
        &self,
        input: MachineImageDownloadRequest,
    ) -> MachineImageDownloadResponse {
        let h = MachineImageDownloadHeaders { e_tag: etag() };
        if current(&input.if_none_match) {
            return MachineImageDownloadResponse::NotModified(h);
        }
        MachineImageDownloadResponse::Ok(common::body(IMAGE), h)
    }
    async fn machine_image_download_file(
        &self,
        input: MachineImageDownloadFileRequest,
    ) -> MachineImageDownloadFileResponse {
        let h = MachineImageDownloadFileHeaders { e_tag: etag() };
        if current(&input.if_none_match) {
            return MachineImageDownloadFileResponse::NotModified(h);
        }
        MachineImageDownloadFileResponse::Ok(common::body(IMAGE), h)
    }
}

impl containertemplate::Api for Store {
    async fn container_template_image_download(
        &self,
        input: ContainerTemplateImageDownloadRequest,
    ) -> ContainerTemplateImageDownloadResponse {
        let h = ContainerTemplateImageDownloadHeaders { e_tag: etag() };
        if current(&input.if_none_match) {
            return ContainerTemplateImageDownloadResponse::NotModified(h);
        }
        ContainerTemplateImageDownloadResponse::Ok(common::body(IMAGE), h)
    }
}

impl scan::Api for Store {
    async fn scan_image_download(&self, input: ScanImageDownloadRequest) -> ScanImageDownloadResponse {
        let h = ScanImageDownloadHeaders { e_tag: etag() };
        if current(&input.if_none_match) {
            return ScanImageDownloadResponse::NotModified(h);
        }
        ScanImageDownloadResponse::Ok(common::body(IMAGE), h)
    }
}

/// `bytes=a-b` or `bytes=a-` over `len` bytes: `Ok(None)` for no range,
/// `Err(())` for one past the end or malformed.
fn range(header: &Option<String>, len: usize) -> Result<Option<(usize, usize)>, ()> {
    let Some(h) = header else { return Ok(None) };
    let spec = h.strip_prefix("bytes=").ok_or(())?;
    let (a, b) = spec.split_once('-').ok_or(())?;
    let start: usize = a.parse().map_err(|_| ())?;
    let end = if b.is_empty() {
        len.saturating_sub(1)
    } else {
        b.parse::<usize>().map_err(|_| ())?.min(len.saturating_sub(1))
    };
    if start >= len || end < start {
        return Err(());
    }
    Ok(Some((start, end)))
}

impl images_data::Api for Store {
    async fn download_binary_image_data(
        &self,
        input: DownloadBinaryImageDataRequest,
    ) -> DownloadBinaryImageDataResponse {
        let data: &'static [u8] = match input.image_id.as_str() {
            "with-data" => DATA,
            "queued" => b"",
            _ => return DownloadBinaryImageDataResponse::NotFound,
        };
        let headers = DownloadBinaryImageDataHeaders {
            content_type: Some("application/octet-stream".into()),
            content_md5: Some(format!("{:x}", Md5::digest(data))),
            content_range: None,
        };
        if data.is_empty() {
            return DownloadBinaryImageDataResponse::NoContent(DownloadBinaryImageDataHeaders {
                content_type: None,
                ..headers
            });
        }
        match range(&input.range, data.len()) {
            Ok(None) => DownloadBinaryImageDataResponse::Ok(common::body(data), headers),
            Ok(Some((a, b))) => DownloadBinaryImageDataResponse::PartialContent(
                common::body(&data[a..=b]),
                DownloadBinaryImageDataHeaders {
                    content_range: Some(format!("bytes {a}-{b}/{}", data.len())),
                    ..headers
                },
            ),
            Err(()) => DownloadBinaryImageDataResponse::RangeNotSatisfiable,
        }
    }
}

async fn serve(store: Arc<Store>) -> String {
    let app = machineimage::router(store.clone())
        .merge(containertemplate::router(store.clone()))
        .merge(scan::router(store.clone()))
        .merge(images_data::router(store));
    common::serve(app).await
}

fn user() -> Auth {
    Auth::Basic {
        user: "user".into(),
        password: "pass".into(),
    }
}

fn is_401<T: std::fmt::Debug>(r: &Result<T, Error>) -> bool {
    matches!(r, Err(Error::UnexpectedStatus { status: 401, .. }))
}

#[tokio::test]
async fn one_time_download_id_lets_one_unauthenticated_download_through() {
    let store = Store::new(&["mi-1", "pub-1", "ct-1", "scan-1"]);
    let base = serve(store.clone()).await;
    let anonymous = Client::new(base.clone(), Auth::None);

    let file = |id: Option<&str>| MachineImageDownloadFileRequest {
        uid: "root".into(),
        aid: "7".into(),
        itid: "42".into(),
        file_name: "image 1.qcow2".into(),
        download_id: id.map(str::to_string),
        if_none_match: None,
    };
    let first = anonymous.machine_image_download_file(file(Some("mi-1"))).await;
    let Ok(MachineImageDownloadFileResponse::Ok(b, _)) = first else {
        panic!("a fresh downloadId lets the download through: {first:?}")
    };
    assert_eq!(common::bytes(b).await, IMAGE);
    let again = anonymous.machine_image_download_file(file(Some("mi-1"))).await;
    assert!(is_401(&again), "a used downloadId is void: {again:?}");
    let none = anonymous.machine_image_download_file(file(None)).await;
    assert!(is_401(&none), "no credentials, no token: {none:?}");
    let unknown = anonymous.machine_image_download_file(file(Some("forged"))).await;
    assert!(is_401(&unknown), "an unknown token: {unknown:?}");
    // credentials alone still work, and do not spend a token
    let with_user = Client::new(base.clone(), user());
    let got = with_user.machine_image_download_file(file(None)).await;
    assert!(matches!(got, Ok(MachineImageDownloadFileResponse::Ok(..))), "{got:?}");

    let published = |id: &str| MachineImagePublishedDownloadRequest {
        uid: "root".into(),
        aid: "7".into(),
        pitid: "9".into(),
        download_id: Some(id.into()),
        if_none_match: None,
    };
    let got = anonymous.machine_image_published_download(published("pub-1")).await;
    assert!(matches!(got, Ok(MachineImagePublishedDownloadResponse::Ok(..))), "{got:?}");
    assert!(is_401(&anonymous.machine_image_published_download(published("pub-1")).await));

    let template = |id: &str| ContainerTemplateImageDownloadRequest {
        uid: "root".into(),
        msid: "1".into(),
        tid: "2".into(),
        itid: "3".into(),
        download_id: Some(id.into()),
        if_none_match: None,
    };
    let got = anonymous.container_template_image_download(template("ct-1")).await;
    assert!(matches!(got, Ok(ContainerTemplateImageDownloadResponse::Ok(..))), "{got:?}");
    assert!(is_401(&anonymous.container_template_image_download(template("ct-1")).await));

    let scanned = |id: &str| ScanImageDownloadRequest {
        uid: "root".into(),
        siid: "1".into(),
        sid: "2".into(),
        itid: "3".into(),
        download_id: Some(id.into()),
        if_none_match: None,
    };
    let got = anonymous.scan_image_download(scanned("scan-1")).await;
    assert!(matches!(got, Ok(ScanImageDownloadResponse::Ok(..))), "{got:?}");
    assert!(is_401(&anonymous.scan_image_download(scanned("scan-1")).await));

    let redeemed = store.redeemed.lock().map(|r| r.clone()).unwrap_or_default();
    assert_eq!(
        redeemed,
        [
            ("machineImage_downloadFile", "mi-1".to_string()),
            ("machineImagePublished_download", "pub-1".to_string()),
            ("containerTemplateImage_download", "ct-1".to_string()),
            ("scanImage_download", "scan-1".to_string()),
        ],
        "each token redeemed once, for the endpoint it was used on"
    );
}

#[tokio::test]
async fn matching_if_none_match_gets_304() {
    let base = serve(Store::new(&[])).await;
    let client = Client::new(base, user());
    let request = |tag: Option<&str>| MachineImageDownloadRequest {
        uid: "root".into(),
        aid: "7".into(),
        itid: "42".into(),
        download_id: None,
        if_none_match: tag.map(str::to_string),
    };
    let got = client.machine_image_download(request(None)).await;
    let Ok(MachineImageDownloadResponse::Ok(b, h)) = got else {
        panic!("unconditional download: {got:?}")
    };
    assert_eq!(common::bytes(b).await, IMAGE);
    let tag = h.e_tag.expect("the 200 carries an ETag");
    let got = client.machine_image_download(request(Some(&tag))).await;
    let Ok(MachineImageDownloadResponse::NotModified(h)) = got else {
        panic!("matching If-None-Match: {got:?}")
    };
    assert_eq!(h.e_tag.as_deref(), Some(ETAG), "the 304 names the current tag");
    let got = client.machine_image_download(request(Some("\"old\""))).await;
    assert!(matches!(got, Ok(MachineImageDownloadResponse::Ok(..))), "stale tag: {got:?}");

    let scanned = ScanImageDownloadRequest {
        uid: "root".into(),
        siid: "1".into(),
        sid: "2".into(),
        itid: "3".into(),
        download_id: None,
        if_none_match: Some(format!("\"other\", {ETAG}")),
    };
    let got = client.scan_image_download(scanned).await;
    assert!(matches!(got, Ok(ScanImageDownloadResponse::NotModified(_))), "tag list: {got:?}");
}

#[tokio::test]
async fn glance_image_data_ranges_and_checksum() {
    let base = serve(Store::new(&[])).await;
    let client = Client::new(base.clone(), Auth::Token("token".into()));
    let request = |id: &str, range: Option<&str>| DownloadBinaryImageDataRequest {
        image_id: id.into(),
        range: range.map(str::to_string),
    };

    let got = client.download_binary_image_data(request("with-data", None)).await;
    let Ok(DownloadBinaryImageDataResponse::Ok(b, h)) = got else {
        panic!("200 with the whole data: {got:?}")
    };
    let body = common::bytes(b).await;
    assert_eq!(body, DATA);
    assert_eq!(
        h.content_md5,
        Some(format!("{:x}", Md5::digest(&body))),
        "Content-MD5 is the MD5 of the bytes received"
    );
    assert_eq!(h.content_type.as_deref(), Some("application/octet-stream"));
    assert_eq!(h.content_range, None);

    let got = client
        .download_binary_image_data(request("with-data", Some("bytes=5-9")))
        .await;
    let Ok(DownloadBinaryImageDataResponse::PartialContent(b, h)) = got else {
        panic!("206 for a satisfiable range: {got:?}")
    };
    assert_eq!(common::bytes(b).await, b"56789");
    assert_eq!(h.content_range.as_deref(), Some("bytes 5-9/20"));
    assert_eq!(h.content_md5, Some(format!("{:x}", Md5::digest(DATA))));

    let got = client
        .download_binary_image_data(request("with-data", Some("bytes=15-")))
        .await;
    let Ok(DownloadBinaryImageDataResponse::PartialContent(b, h)) = got else {
        panic!("206 for an open range: {got:?}")
    };
    assert_eq!(common::bytes(b).await, b"fghij");
    assert_eq!(h.content_range.as_deref(), Some("bytes 15-19/20"));

    let got = client
        .download_binary_image_data(request("with-data", Some("bytes=20-")))
        .await;
    assert!(
        matches!(got, Ok(DownloadBinaryImageDataResponse::RangeNotSatisfiable)),
        "416 for a range past the end: {got:?}"
    );

    let got = client.download_binary_image_data(request("queued", None)).await;
    assert!(
        matches!(got, Ok(DownloadBinaryImageDataResponse::NoContent(_))),
        "204 without data: {got:?}"
    );

    let got = client.download_binary_image_data(request("missing", None)).await;
    assert!(matches!(got, Ok(DownloadBinaryImageDataResponse::NotFound)), "{got:?}");

    let anonymous = Client::new(base, Auth::None);
    let got = anonymous
        .download_binary_image_data(request("with-data", None))
        .await;
    assert!(
        matches!(got, Ok(DownloadBinaryImageDataResponse::Unauthorized)),
        "the documented 401 without a token: {got:?}"
    );
}
