//! An implementation of the `machineimage` group without its
//! `machine_image_download` handler does not compile.
use restdoc_specs::machineimage::*;
use restdoc_specs::runtime::Authenticate;

struct Server;

impl Authenticate for Server {
    async fn authenticate(&self, _headers: &axum::http::HeaderMap) -> bool {
        true
    }
}

impl Api for Server {
    async fn machine_image_file_download(
        &self,
        _input: MachineImageFileDownloadRequest,
    ) -> MachineImageFileDownloadResponse {
        MachineImageFileDownloadResponse::NotModified(Default::default())
    }
    async fn machine_image_published_download(
        &self,
        _input: MachineImagePublishedDownloadRequest,
    ) -> MachineImagePublishedDownloadResponse {
        MachineImagePublishedDownloadResponse::NotModified(Default::default())
    }
    async fn machine_image_download_file(
        &self,
        _input: MachineImageDownloadFileRequest,
    ) -> MachineImageDownloadFileResponse {
        MachineImageDownloadFileResponse::NotModified(Default::default())
    }
}

fn main() {
    let _ = restdoc_specs::machineimage::router(std::sync::Arc::new(Server));
}
