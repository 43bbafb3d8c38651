//! The image-download API of `specs/`, generated at build time by
//! `restdoc::Builder` (see `build.rs`): serde models, axum server traits and
//! routers, and a reqwest client, in the `api` module. Nothing generated is
//! checked in.

/// Everything generated from the pages.
#[allow(clippy::all, unused)]
pub mod api {
    include!(concat!(env!("OUT_DIR"), "/restdoc.rs"));
}

#[cfg(test)]
mod tests {
    use super::api;

    #[test]
    fn generated_models_serialise() {
        let v = serde_json::to_value(api::models::Image::default()).expect("serialises");
        assert!(v.is_object());
    }

    #[test]
    fn client_keeps_its_base_url() {
        let c = api::Client::new("http://localhost:1/api", api::Auth::None);
        assert_eq!(c.base_url(), "http://localhost:1/api");
    }
}
