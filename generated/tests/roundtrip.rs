//! Property: whatever string a path parameter holds, the generated client
//! encodes it and the generated router decodes it back unchanged — for an
//! ordinary segment (`{fileName}`, where `/` must stay inside the segment)
//! and for a catch-all (`{filepath : .+}`, where `/` separates segments).
//! The only values refused, before anything is sent, are those that would
//! change the path: empty, `.` or `..` (as a whole segment, or as any piece
//! of a catch-all).

mod common;

use common::{text, Echo};
use proptest::prelude::*;
use restdoc_specs::machineimage::{
    self, MachineImageDownloadFileRequest, MachineImageDownloadFileResponse,
    MachineImageFileDownloadRequest, MachineImageFileDownloadResponse,
};
use restdoc_specs::{Auth, Client, Error};
use std::sync::{Arc, LazyLock};

/// One server for every case, on a runtime the cases block on.
struct World {
    rt: tokio::runtime::Runtime,
    client: Client,
}

fn world() -> World {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let client = rt.block_on(async {
        let base = common::serve(machineimage::router(Arc::new(Echo))).await;
        Client::new(base, Auth::None)
    });
    World { rt, client }
}

fn refused(piece: &str) -> bool {
    piece.is_empty() || piece == "." || piece == ".."
}

/// Any string, and strings made of the characters paths get wrong.
fn values() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[/%?#&=+;:@ .~a\\\\ä😀\u{0}\u{7f}-]{0,12}",
        "(%[0-9A-Fa-f]{2}|[/.a])*",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn ordinary_segment_round_trips(value in values()) {
        let w = &*WORLD;
        let got = w.rt.block_on(async {
            let r = w.client.machine_image_download_file(MachineImageDownloadFileRequest {
                uid: "root".into(),
                aid: "7".into(),
                itid: "42".into(),
                file_name: value.clone(),
                download_id: None,
                if_none_match: None,
            }).await;
            match r {
                Ok(MachineImageDownloadFileResponse::Ok(b, _)) => Ok(text(b).await),
                Ok(other) => panic!("unexpected variant {other:?}"),
                Err(e) => Err(e),
            }
        });
        if refused(&value) {
            prop_assert!(matches!(got, Err(Error::InvalidParam { name: "fileName", .. })), "{got:?}");
        } else {
            prop_assert_eq!(got.map_err(|e| e.to_string()), Ok(format!("root|7|42|{value}|None")));
        }
    }

    #[test]
    fn catch_all_round_trips(value in values()) {
        let w = &*WORLD;
        let got = w.rt.block_on(async {
            let r = w.client.machine_image_file_download(MachineImageFileDownloadRequest {
                uid: "root".into(),
                aid: "7".into(),
                itid: "42".into(),
                filepath: value.clone(),
                if_none_match: None,
            }).await;
            match r {
                Ok(MachineImageFileDownloadResponse::Ok(b, _)) => Ok(text(b).await),
                Ok(other) => panic!("unexpected variant {other:?}"),
                Err(e) => Err(e),
            }
        });
        if value.split('/').any(refused) {
            prop_assert!(matches!(got, Err(Error::InvalidParam { name: "filepath", .. })), "{got:?}");
        } else {
            prop_assert_eq!(got.map_err(|e| e.to_string()), Ok(value));
        }
    }
}

/// One server for both properties, started on first use.
static WORLD: LazyLock<World> = LazyLock::new(world);
