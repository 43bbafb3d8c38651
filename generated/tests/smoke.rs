//! The generated `machineimage` router served on a loopback port, called
//! through the generated client: a documented route answers, and path
//! parameters holding `/`, spaces or `%` reach the server intact in their
//! own segment, while `..` is refused before anything is sent.

mod common;

use common::{text, Echo};
use restdoc_specs::machineimage::{
    self, MachineImageDownloadFileRequest, MachineImageDownloadFileResponse,
    MachineImageFileDownloadRequest, MachineImageFileDownloadResponse,
};
use restdoc_specs::{Auth, Client, Error};
use std::sync::Arc;

async fn serve() -> String {
    common::serve(machineimage::router(Arc::new(Echo))).await
}

fn request(file_name: &str) -> MachineImageDownloadFileRequest {
    MachineImageDownloadFileRequest {
        uid: "root".into(),
        aid: "7".into(),
        itid: "42".into(),
        file_name: file_name.into(),
        download_id: Some("a b&c".into()),
        if_none_match: None,
    }
}

#[tokio::test]
async fn client_and_router_round_trip_path_parameters() {
    let base = serve().await;
    let client = Client::new(base.clone(), Auth::None);

    let got = client
        .machine_image_download_file(request("disk/../image 1%.qcow2"))
        .await
        .expect("documented route answers");
    let MachineImageDownloadFileResponse::Ok(b, _) = got else {
        panic!("expected 200, got {got:?}")
    };
    assert_eq!(
        text(b).await,
        "root|7|42|disk/../image 1%.qcow2|Some(\"a b&c\")",
        "a `/` in a segment parameter stays inside that segment"
    );

    // a catch-all parameter keeps its `/` as path separators
    let got = client
        .machine_image_file_download(MachineImageFileDownloadRequest {
            uid: "root".into(),
            aid: "7".into(),
            itid: "42".into(),
            filepath: "boot/pxelinux.cfg/default".into(),
            if_none_match: None,
        })
        .await
        .expect("catch-all route answers");
    let MachineImageFileDownloadResponse::Ok(b, _) = got else {
        panic!("expected 200, got {got:?}")
    };
    assert_eq!(text(b).await, "boot/pxelinux.cfg/default");

    // `..` would climb out of the route: refused before sending
    let err = client
        .machine_image_download_file(request(".."))
        .await
        .expect_err("`..` is not a segment");
    assert!(
        matches!(
            err,
            Error::InvalidParam {
                name: "fileName",
                ..
            }
        ),
        "{err}"
    );

    // the route is mounted with the documented method only
    let http = reqwest::Client::new();
    let url = format!("{base}/users/root/appliances/7/images/42/downloads/x");
    let status = |r: reqwest::Response| r.status().as_u16();
    assert_eq!(http.get(&url).send().await.map(status).ok(), Some(200));
    assert_eq!(http.delete(&url).send().await.map(status).ok(), Some(405));
    let undocumented = format!("{base}/users/root/nothing");
    assert_eq!(
        http.get(undocumented).send().await.map(status).ok(),
        Some(404)
    );
}
