//! `restdoc-images`: the image-download service and download client that
//! `specs/` documents, built on the server traits, routers, models and
//! client that `restdoc::Builder` generates from those pages in `build.rs`.

/// Everything generated from `specs/` (see `build.rs`).
#[allow(clippy::all, unused, missing_docs)]
pub mod api {
    include!(concat!(env!("OUT_DIR"), "/restdoc.rs"));
}

pub mod client;
pub mod demo;
pub mod download_ids;
pub mod http;
pub mod manifest;
pub mod routes;
pub mod server;
pub mod service;
pub mod store;
