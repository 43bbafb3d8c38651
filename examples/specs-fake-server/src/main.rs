//! The axum server generated from `specs/`, served with a fake that
//! answers every call with a documented status code, so schemathesis can
//! check the exported OpenAPI document against a live server
//! (`bench/schemathesis.sh`).
//!
//! `specs/` documents `GET /v2/images/{image_id}/file` twice (os-api-ref's
//! `images_data` and wadl2rst's `images`); the OpenAPI export merges them,
//! and this server mounts the `images_data` router, whose codes are the
//! superset. Usage: `specs-fake-server [PORT]` (default 8089).

use restdoc_specs::runtime::{Authenticate, Binary};
use restdoc_specs::{containertemplate as ct, images_data as data, machineimage as mi, scan};
use std::sync::Arc;

/// Accepts every caller; answers 200 with a few bytes, or what the request
/// asks for (a Range gets 206, an `If-None-Match` gets 304).
struct Fake;

fn body(text: String) -> Binary {
    let bytes = bytes::Bytes::from(text);
    Binary(Box::pin(futures_util::stream::once(
        async move { Ok(bytes) },
    )))
}

impl Authenticate for Fake {
    async fn authenticate(&self, _headers: &axum::http::HeaderMap) -> bool {
        true
    }
}

impl data::Api for Fake {
    async fn download_binary_image_data(
        &self,
        input: data::DownloadBinaryImageDataRequest,
    ) -> data::DownloadBinaryImageDataResponse {
        let headers = data::DownloadBinaryImageDataHeaders {
            content_type: Some("application/octet-stream".into()),
            content_md5: None,
            content_range: None,
        };
        match input.range {
            Some(r) if r.starts_with("bytes=") => {
                data::DownloadBinaryImageDataResponse::PartialContent(
                    body(input.image_id),
                    data::DownloadBinaryImageDataHeaders {
                        content_range: Some("bytes 0-0/1".into()),
                        ..headers
                    },
                )
            }
            Some(_) => data::DownloadBinaryImageDataResponse::RangeNotSatisfiable,
            None => data::DownloadBinaryImageDataResponse::Ok(body(input.image_id), headers),
        }
    }
}

impl mi::Api for Fake {
    async fn machine_image_file_download(
        &self,
        input: mi::MachineImageFileDownloadRequest,
    ) -> mi::MachineImageFileDownloadResponse {
        mi::MachineImageFileDownloadResponse::Ok(body(input.filepath), Default::default())
    }
    async fn machine_image_published_download(
        &self,
        input: mi::MachineImagePublishedDownloadRequest,
    ) -> mi::MachineImagePublishedDownloadResponse {
        mi::MachineImagePublishedDownloadResponse::Ok(body(input.pitid), Default::default())
    }
    async fn machine_image_download(
        &self,
        input: mi::MachineImageDownloadRequest,
    ) -> mi::MachineImageDownloadResponse {
        mi::MachineImageDownloadResponse::Ok(body(input.itid), Default::default())
    }
    async fn machine_image_download_file(
        &self,
        input: mi::MachineImageDownloadFileRequest,
    ) -> mi::MachineImageDownloadFileResponse {
        mi::MachineImageDownloadFileResponse::Ok(body(input.file_name), Default::default())
    }
}

impl scan::Api for Fake {
    async fn scan_image_download(
        &self,
        input: scan::ScanImageDownloadRequest,
    ) -> scan::ScanImageDownloadResponse {
        scan::ScanImageDownloadResponse::Ok(body(input.itid), Default::default())
    }
}

impl ct::Api for Fake {
    async fn container_template_image_download(
        &self,
        input: ct::ContainerTemplateImageDownloadRequest,
    ) -> ct::ContainerTemplateImageDownloadResponse {
        ct::ContainerTemplateImageDownloadResponse::Ok(body(input.itid), Default::default())
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = match std::env::args().nth(1) {
        Some(p) => p.parse().map_err(|e| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("port `{p}`: {e}"))
        })?,
        None => 8089,
    };
    let fake = Arc::new(Fake);
    let app = axum::Router::new()
        .merge(data::router(fake.clone()))
        .merge(mi::router(fake.clone()))
        .merge(scan::router(fake.clone()))
        .merge(ct::router(fake));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    eprintln!(
        "specs-fake-server: listening on http://{}",
        listener.local_addr()?
    );
    axum::serve(listener, app).await
}
