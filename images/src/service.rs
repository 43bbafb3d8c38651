//! The service: one type implementing the generated server traits of every
//! group in `specs/` (UForge machine, published, PXE-file, scan and
//! container-template image downloads; OpenStack Image data download, both
//! as os-api-ref and wadl2rst document it) and the authentication hook.

use crate::api::runtime::{Authenticate, Binary};
use crate::api::{
    containertemplate as ct, images as wadl, images_data as glance, machineimage as mi, scan,
};
use crate::download_ids::{DownloadIds, Grant};
use crate::http::{add_header, none_match, parse_range, resolve_range, with_scope, RangeRequest};
use crate::manifest::{Address, Image, Manifest};
use crate::store::ImageStore;
use axum::http::{header, HeaderMap, StatusCode};
use base64::Engine as _;

/// The image service: manifest, store and live download ids.
pub struct Service {
    /// Where the image data is.
    pub store: ImageStore,
    /// Users, appliances and images.
    pub manifest: Manifest,
    /// One-time download ids.
    pub ids: DownloadIds,
}

/// The outcome of a UForge download, before it becomes the endpoint's own
/// response enum.
enum Fetch {
    Body(Binary, String),
    NotModified(String),
    Refused,
}

/// Refuse the request with a status the page does not document.
fn refuse(status: StatusCode) -> Fetch {
    with_scope(|s| s.refusal = Some(status));
    Fetch::Refused
}

/// Which UForge image a download call names.
enum Target<'a> {
    Image(Address),
    Published { appliance: &'a str, pitid: &'a str },
    File { address: Address, path: &'a str },
}

impl Service {
    /// The user named by `Authorization: Basic` or `X-Auth-Token`, if valid.
    pub fn principal(&self, headers: &HeaderMap) -> Option<String> {
        if let Some(token) = headers.get("x-auth-token").and_then(|v| v.to_str().ok()) {
            return self.manifest.check_token(token).map(|u| u.login.clone());
        }
        let basic = headers
            .get(header::AUTHORIZATION)?
            .to_str()
            .ok()?
            .strip_prefix("Basic ")?;
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(basic.trim())
            .ok()?;
        let (login, password) = std::str::from_utf8(&decoded).ok()?.split_once(':')?;
        self.manifest
            .check_password(login, password)
            .map(|u| u.login.clone())
    }

    /// Stream a UForge image (or a file inside one) to its owner or to the
    /// holder of a download id issued for it.
    async fn uforge(&self, uid: &str, target: Target<'_>, if_none_match: Option<&str>) -> Fetch {
        let (principal, grant) = with_scope(|s| (s.principal.clone(), s.grant.clone()));
        if principal.as_deref().is_some_and(|p| p != uid) {
            return refuse(StatusCode::FORBIDDEN);
        }
        let m = &self.manifest;
        let (image, publication, key) = match &target {
            Target::Image(a) => match m.image_at(uid, a) {
                Some(i) => (i, None, i.object.clone()),
                None => return refuse(StatusCode::NOT_FOUND),
            },
            Target::Published { appliance, pitid } => match m.published(uid, appliance, pitid) {
                Some((i, p)) => (i, Some(p.id.clone()), i.object.clone()),
                None => return refuse(StatusCode::NOT_FOUND),
            },
            Target::File { address, path } => match m.image_at(uid, address) {
                Some(i) => (i, None, i.files.get(*path).cloned()),
                None => return refuse(StatusCode::NOT_FOUND),
            },
        };
        if principal.is_none() {
            let wanted = Grant {
                image: image.id.clone(),
                publication,
            };
            if grant.as_ref() != Some(&wanted) {
                tracing::info!(image = %image.id, "downloadId issued for another image");
                return refuse(StatusCode::UNAUTHORIZED);
            }
        }
        let Some(key) = key else {
            return refuse(StatusCode::NOT_FOUND);
        };
        self.stream_whole(&key, if_none_match).await
    }

    /// The whole object `key` with its entity tag, or `304` when the caller's is current.
    async fn stream_whole(&self, key: &str, if_none_match: Option<&str>) -> Fetch {
        let meta = match self.store.head(key).await {
            Ok(Some(meta)) => meta,
            Ok(None) => return refuse(StatusCode::NOT_FOUND),
            Err(e) => {
                tracing::error!(%key, "store: {e}");
                return refuse(StatusCode::INTERNAL_SERVER_ERROR);
            }
        };
        let etag = format!(
            "\"{}\"",
            meta.e_tag.as_deref().unwrap_or(&format!("{:x}", meta.size))
        );
        if if_none_match.is_some_and(|h| none_match(h, &etag)) {
            return Fetch::NotModified(etag);
        }
        with_scope(|s| s.content_length = Some(meta.size));
        Fetch::Body(self.store.stream(key, 0..meta.size), etag)
    }

    /// The OpenStack image data call, shared by the os-api-ref and wadl2rst pages.
    async fn glance(&self, image_id: &str, range: Option<&str>) -> Glance {
        let Some(user) = with_scope(|s| s.principal.clone()) else {
            return Glance::Unauthorized;
        };
        let Some(image) = self.manifest.image(image_id) else {
            return Glance::NotFound;
        };
        if image.owner != user {
            return Glance::Forbidden;
        }
        let Some(key) = &image.object else {
            return Glance::NoContent;
        };
        let meta = match self.store.head(key).await {
            Ok(Some(meta)) if meta.size > 0 => meta,
            Ok(_) => return Glance::NoContent,
            Err(e) => {
                tracing::error!(%key, "store: {e}");
                return Glance::Failed;
            }
        };
        let md5 = match self.store.content_md5(&meta).await {
            Ok(md5) => md5,
            Err(e) => {
                tracing::error!(%key, "md5: {e}");
                return Glance::Failed;
            }
        };
        let size = meta.size;
        add_header(header::ACCEPT_RANGES, "bytes");
        let bytes = match range.and_then(parse_range) {
            None => 0..size,
            Some(RangeRequest::Multiple) => return Glance::BadRequest,
            Some(RangeRequest::Single { first, last }) => match resolve_range(first, last, size) {
                Some(r) => r,
                None => {
                    add_header(header::CONTENT_RANGE, &format!("bytes */{size}"));
                    return Glance::Unsatisfiable;
                }
            },
        };
        with_scope(|s| s.content_length = Some(bytes.end - bytes.start));
        let partial = (bytes.start > 0 || bytes.end < size)
            .then(|| format!("bytes {}-{}/{size}", bytes.start, bytes.end - 1));
        Glance::Data {
            body: self.store.stream(key, bytes),
            md5,
            partial,
        }
    }

    /// A JSON view of `image` for the UForge "get" calls.
    pub fn image_model(
        &self,
        image: &Image,
        download: Option<(String, String)>,
    ) -> crate::api::models::Image {
        let (download_key, download_uri) = download.unzip();
        crate::api::models::Image {
            name: Some(image.name.clone()),
            file_name: Some(image.file_name.clone()),
            compress: Some(true),
            download_key,
            download_uri: download_uri.map(crate::api::runtime::Uri),
            ..Default::default()
        }
    }
}

/// The outcome of the OpenStack image data call.
enum Glance {
    Data {
        body: Binary,
        md5: String,
        partial: Option<String>,
    },
    NoContent,
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Unsatisfiable,
    Failed,
}

impl Authenticate for Service {
    async fn authenticate(&self, headers: &HeaderMap) -> bool {
        let who = self.principal(headers);
        let ok = who.is_some();
        with_scope(|s| s.principal = who);
        ok
    }

    async fn redeem(&self, endpoint: &'static str, token: &str) -> bool {
        // a HEAD answers what the GET would, without spending the id
        let grant = if with_scope(|s| s.head) {
            self.ids.peek(token)
        } else {
            self.ids.redeem(token)
        };
        tracing::info!(endpoint, redeemed = grant.is_some(), "downloadId");
        let ok = grant.is_some();
        with_scope(|s| s.grant = grant);
        ok
    }
}

/// Turn a [`Fetch`] into an endpoint's response enum (`$ok`, `$nm`, headers `$h`).
macro_rules! uforge_reply {
    ($fetch:expr, $resp:ident, $h:ident) => {
        match $fetch {
            Fetch::Body(b, etag) => $resp::Ok(b, $h { e_tag: Some(etag) }),
            Fetch::NotModified(etag) => $resp::NotModified($h { e_tag: Some(etag) }),
            // replaced by the refusal status the scope carries
            Fetch::Refused => $resp::NotModified($h::default()),
        }
    };
}

fn machine(aid: &str, itid: &str) -> Address {
    Address::Machine {
        appliance: aid.into(),
        image: itid.into(),
    }
}

impl mi::Api for Service {
    async fn machine_image_file_download(
        &self,
        i: mi::MachineImageFileDownloadRequest,
    ) -> mi::MachineImageFileDownloadResponse {
        use mi::{MachineImageFileDownloadHeaders as H, MachineImageFileDownloadResponse as R};
        let t = Target::File {
            address: machine(&i.aid, &i.itid),
            path: &i.filepath,
        };
        uforge_reply!(
            self.uforge(&i.uid, t, i.if_none_match.as_deref()).await,
            R,
            H
        )
    }

    async fn machine_image_published_download(
        &self,
        i: mi::MachineImagePublishedDownloadRequest,
    ) -> mi::MachineImagePublishedDownloadResponse {
        use mi::{
            MachineImagePublishedDownloadHeaders as H, MachineImagePublishedDownloadResponse as R,
        };
        let t = Target::Published {
            appliance: &i.aid,
            pitid: &i.pitid,
        };
        uforge_reply!(
            self.uforge(&i.uid, t, i.if_none_match.as_deref()).await,
            R,
            H
        )
    }

    async fn machine_image_download(
        &self,
        i: mi::MachineImageDownloadRequest,
    ) -> mi::MachineImageDownloadResponse {
        use mi::{MachineImageDownloadHeaders as H, MachineImageDownloadResponse as R};
        let t = Target::Image(machine(&i.aid, &i.itid));
        uforge_reply!(
            self.uforge(&i.uid, t, i.if_none_match.as_deref()).await,
            R,
            H
        )
    }

    async fn machine_image_download_file(
        &self,
        i: mi::MachineImageDownloadFileRequest,
    ) -> mi::MachineImageDownloadFileResponse {
        use mi::{MachineImageDownloadFileHeaders as H, MachineImageDownloadFileResponse as R};
        let t = Target::Image(machine(&i.aid, &i.itid));
        uforge_reply!(
            self.uforge(&i.uid, t, i.if_none_match.as_deref()).await,
            R,
            H
        )
    }
}

impl scan::Api for Service {
    async fn scan_image_download(
        &self,
        i: scan::ScanImageDownloadRequest,
    ) -> scan::ScanImageDownloadResponse {
        use scan::{ScanImageDownloadHeaders as H, ScanImageDownloadResponse as R};
        let t = Target::Image(Address::Scan {
            instance: i.siid.clone(),
            scan: i.sid.clone(),
            image: i.itid.clone(),
        });
        uforge_reply!(
            self.uforge(&i.uid, t, i.if_none_match.as_deref()).await,
            R,
            H
        )
    }
}

impl ct::Api for Service {
    async fn container_template_image_download(
        &self,
        i: ct::ContainerTemplateImageDownloadRequest,
    ) -> ct::ContainerTemplateImageDownloadResponse {
        use ct::{
            ContainerTemplateImageDownloadHeaders as H, ContainerTemplateImageDownloadResponse as R,
        };
        let t = Target::Image(Address::Container {
            software: i.msid.clone(),
            template: i.tid.clone(),
            image: i.itid.clone(),
        });
        uforge_reply!(
            self.uforge(&i.uid, t, i.if_none_match.as_deref()).await,
            R,
            H
        )
    }
}

impl glance::Api for Service {
    async fn download_binary_image_data(
        &self,
        i: glance::DownloadBinaryImageDataRequest,
    ) -> glance::DownloadBinaryImageDataResponse {
        use glance::{DownloadBinaryImageDataHeaders as H, DownloadBinaryImageDataResponse as R};
        match self.glance(&i.image_id, i.range.as_deref()).await {
            Glance::Data { body, md5, partial } => {
                let h = H {
                    content_type: Some("application/octet-stream".into()),
                    content_md5: Some(md5),
                    content_range: partial.clone(),
                };
                if partial.is_some() {
                    R::PartialContent(body, h)
                } else {
                    R::Ok(body, h)
                }
            }
            Glance::NoContent => R::NoContent(H::default()),
            Glance::BadRequest => R::BadRequest,
            Glance::Unauthorized => R::Unauthorized,
            Glance::Forbidden => R::Forbidden,
            Glance::NotFound => R::NotFound,
            Glance::Unsatisfiable => R::RangeNotSatisfiable,
            Glance::Failed => {
                with_scope(|s| s.refusal = Some(StatusCode::INTERNAL_SERVER_ERROR));
                R::NotFound
            }
        }
    }
}

/// The wadl2rst page documents the same call with statuses but no body,
/// headers or `Range`; its generated enum can only say which status the
/// download would get, so this mount answers exactly that.
impl wadl::Api for Service {
    async fn get_download_binary_image_data_v2_images_image_id_file(
        &self,
        i: wadl::GetDownloadBinaryImageDataV2ImagesImageIdFileRequest,
    ) -> wadl::GetDownloadBinaryImageDataV2ImagesImageIdFileResponse {
        use wadl::GetDownloadBinaryImageDataV2ImagesImageIdFileResponse as R;
        let outcome = self.glance(&i.image_id, None).await;
        // nothing is streamed: the page documents no body
        with_scope(|s| {
            s.content_length = None;
            s.headers.clear();
        });
        match outcome {
            Glance::Data { .. } => R::Ok,
            Glance::NoContent => R::NoContent,
            Glance::Forbidden | Glance::Unauthorized => R::Forbidden,
            Glance::NotFound | Glance::BadRequest => R::NotFound,
            Glance::Unsatisfiable => R::RangeNotSatisfiable,
            Glance::Failed => {
                with_scope(|s| s.refusal = Some(StatusCode::INTERNAL_SERVER_ERROR));
                R::NotFound
            }
        }
    }
}
