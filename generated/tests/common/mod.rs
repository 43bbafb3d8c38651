//! What the hand-written tests of the generated crate share: streamed
//! bodies and a router served on a loopback port.
#![allow(dead_code)] // each test crate uses its own subset

use futures_util::TryStreamExt;
use restdoc_specs::machineimage::{
    self, MachineImageDownloadFileRequest, MachineImageDownloadFileResponse,
    MachineImageDownloadRequest, MachineImageDownloadResponse, MachineImageFileDownloadRequest,
    MachineImageFileDownloadResponse, MachineImagePublishedDownloadRequest,
    MachineImagePublishedDownloadResponse,
};
use restdoc_specs::runtime::{Authenticate, Binary};

/// A one-chunk streamed body.
pub fn body(bytes: impl Into<bytes::Bytes>) -> Binary {
    let bytes = bytes.into();
    Binary(Box::pin(futures_util::stream::once(async move { Ok(bytes) })))
}

/// A streamed body collected into bytes.
pub async fn bytes(b: Binary) -> Vec<u8> {
    let chunks: Vec<bytes::Bytes> = b.0.try_collect().await.expect("body streams");
    chunks.concat()
}

/// A streamed body collected as UTF-8 text.
pub async fn text(b: Binary) -> String {
    String::from_utf8(bytes(b).await).expect("utf-8 body")
}

/// Serve `app` on 127.0.0.1, port 0; returns the base URL.
pub async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("bound address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

/// A `machineimage` server that echoes what it received as the downloaded
/// bytes: `uid|aid|itid|fileName|downloadId` for a file download, the
/// catch-all `filepath` for a file-tree download; 304 otherwise.
pub struct Echo;

impl Authenticate for Echo {
    async fn authenticate(&self, _headers: &axum::http::HeaderMap) -> bool {
        true
    }
}

impl machineimage::Api for Echo {
    async fn machine_image_file_download(
        &self,
        input: MachineImageFileDownloadRequest,
    ) -> MachineImageFileDownloadResponse {
        MachineImageFileDownloadResponse::Ok(body(input.filepath), Default::default())
    }
    async fn machine_image_published_download(
        &self,
        _input: MachineImagePublishedDownloadRequest,
    ) -> MachineImagePublishedDownloadResponse {
        MachineImagePublishedDownloadResponse::NotModified(Default::default())
    }
    async fn machine_image_download(
        &self,
        _input: MachineImageDownloadRequest,
    ) -> MachineImageDownloadResponse {
        MachineImageDownloadResponse::NotModified(Default::default())
    }
    async fn machine_image_download_file(
        &self,
        input: MachineImageDownloadFileRequest,
    ) -> MachineImageDownloadFileResponse {
        let text = format!(
            "{}|{}|{}|{}|{:?}",
            input.uid, input.aid, input.itid, input.file_name, input.download_id
        );
        MachineImageDownloadFileResponse::Ok(body(text), Default::default())
    }
}
