//! A query parameter the docs require from a microversion on
//! (`region` of `show-image-storage`, required from 2.4): the generated
//! client and server require it at the versions that have it and let it be
//! left out at the versions before, end to end over a loopback port.

mod common;

use restdoc_specs::images_storage::{self, ShowImageStorageRequest, ShowImageStorageResponse};
use restdoc_specs::runtime::{Authenticate, Version, VERSION_HEADER};
use restdoc_specs::{Auth, Client, Error};
use std::sync::{Arc, Mutex};

/// Records the `region` each call carried; answers 404.
#[derive(Default)]
struct Regions(Mutex<Vec<Option<String>>>);

impl Authenticate for Regions {
    async fn authenticate(&self, _headers: &axum::http::HeaderMap) -> bool {
        true
    }
}

impl images_storage::Api for Regions {
    async fn show_image_storage(&self, input: ShowImageStorageRequest) -> ShowImageStorageResponse {
        self.0.lock().expect("not poisoned").push(input.region);
        ShowImageStorageResponse::NotFound
    }
}

async fn serve() -> (Arc<Regions>, String) {
    let regions = Arc::new(Regions::default());
    let base = common::serve(images_storage::router(regions.clone())).await;
    (regions, base)
}

fn request(region: Option<&str>) -> ShowImageStorageRequest {
    ShowImageStorageRequest {
        image_id: "1".into(),
        region: region.map(str::to_string),
    }
}

fn client(base: &str, version: Version) -> Client {
    Client::new(base, Auth::Token("t".into())).with_version(version)
}

#[tokio::test]
async fn left_out_before_the_version_that_requires_it() {
    let (regions, base) = serve().await;
    let got = client(&base, Version::new(2, 3))
        .show_image_storage(request(None))
        .await
        .expect("2.3 has no region: the call goes through");
    assert!(matches!(got, ShowImageStorageResponse::NotFound));
    assert_eq!(*regions.0.lock().unwrap(), [None]);
}

#[tokio::test]
async fn sent_from_the_version_that_requires_it() {
    let (regions, base) = serve().await;
    for v in [Version::new(2, 4), Version::new(2, 9)] {
        client(&base, v)
            .show_image_storage(request(Some("eu")))
            .await
            .expect("the region is sent");
    }
    assert_eq!(*regions.0.lock().unwrap(), [Some("eu".into()), Some("eu".into())]);
}

#[tokio::test]
async fn missing_at_a_version_that_requires_it() {
    let (regions, base) = serve().await;
    // The client refuses before sending anything.
    match client(&base, Version::new(2, 4)).show_image_storage(request(None)).await {
        Err(Error::Missing { name, version, .. }) => {
            assert_eq!((name, version), ("region", Some(Version::new(2, 4))));
        }
        other => panic!("expected the client to require `region`, got {other:?}"),
    }
    // The server refuses a request without it: 400 naming it.
    let response = reqwest::Client::new()
        .get(format!("{base}/v2/images/1/storage"))
        .header("X-Auth-Token", "t")
        .header(VERSION_HEADER, Version::new(2, 4).header_value())
        .send()
        .await
        .expect("server answers");
    assert_eq!(response.status(), 400);
    assert!(response.text().await.unwrap_or_default().contains("region"));
    assert!(regions.0.lock().unwrap().is_empty(), "the handler ran");
}
