//! Nor can a handler hand back a raw HTTP response with any status.
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
        axum::http::StatusCode::NOT_FOUND
    }
}

fn main() {}
