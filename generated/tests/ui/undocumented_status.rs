//! `containerTemplateImage_download` documents 200 and 304 only: a handler answering
//! 404 does not compile.
use restdoc_specs::containertemplate::{
    Api, ContainerTemplateImageDownloadRequest, ContainerTemplateImageDownloadResponse,
};
use restdoc_specs::runtime::Authenticate;

struct Server;

impl Authenticate for Server {
    async fn authenticate(&self, _headers: &axum::http::HeaderMap) -> bool {
        true
    }
}

impl Api for Server {
    async fn container_template_image_download(
        &self,
        _input: ContainerTemplateImageDownloadRequest,
    ) -> ContainerTemplateImageDownloadResponse {
        ContainerTemplateImageDownloadResponse::NotFound
    }
}

fn main() {}
