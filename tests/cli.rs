//! The `restdoc` binary: JSON shape, exit codes.

use std::path::Path;
use std::process::Command;

fn restdoc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_restdoc"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .output()
        .expect("restdoc runs")
}

#[test]
fn model_json_has_the_documented_shape() {
    let out = restdoc(&[
        "model",
        "../shared/seeds/000_6ec71de68200e937.txt",
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let e = &v["endpoints"][0];
    for key in [
        "id",
        "title",
        "method",
        "path",
        "params",
        "responses",
        "auth",
        "source",
    ] {
        assert!(!e[key].is_null(), "endpoint.{key} missing: {e}");
    }
    assert_eq!(e["id"], "machineImage_downloadFile");
    assert_eq!(e["method"], "GET");
    assert_eq!(
        e["path"],
        "/users/{uid}/appliances/{aid}/images/{itid}/downloads/{fileName}"
    );
    assert_eq!(e["auth"]["required"], false);
    assert_eq!(
        e["source"]["file"],
        "../shared/seeds/000_6ec71de68200e937.txt"
    );
    assert_eq!(e["source"]["line"], 8);
    let p = &e["params"][0];
    for key in ["name", "in", "required", "type"] {
        assert!(!p[key].is_null(), "param.{key} missing: {p}");
    }
    let codes: Vec<_> = e["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(codes, [200, 304]);
    assert!(v["objects"].is_array());
    assert!(v["diagnostics"].is_array());
}

#[test]
fn diagnostics_in_json_carry_positions() {
    let out = restdoc(&[
        "model",
        "../shared/seeds/003_d022808ce5af3d17.txt",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(
        !diags.is_empty(),
        "the rendered-page seed says what was inferred"
    );
    for d in diags {
        for key in ["severity", "code", "message", "file", "line", "column"] {
            assert!(!d[key].is_null(), "diagnostic.{key} missing: {d}");
        }
    }
}

#[test]
fn exit_codes() {
    assert_eq!(
        restdoc(&["model"]).status.code(),
        Some(2),
        "missing path is a usage error"
    );
    assert_eq!(restdoc(&["frobnicate"]).status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("blob.rst"), [0u8, 159, 146, 150]).unwrap();
    let out = restdoc(&["model", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "an unreadable page exits 1");
    assert!(String::from_utf8_lossy(&out.stderr).contains("blob.rst:1:1"));
    let missing = restdoc(&["model", "no/such/folder"]);
    assert_eq!(missing.status.code(), Some(1));
}

/// `restdoc model .` inside a doc set reads the same pages, under the same
/// names, as the folder named from outside: `.` is the current folder (it
/// once normalised to no path at all), and pages found under it are not
/// named `./x` (an include resolved to `x` would then be read twice).
#[test]
fn the_current_folder_reads_like_the_folder_named() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let json = |dir: &Path, arg: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_restdoc"))
            .args(["-q", "model", arg, "--json"])
            .current_dir(dir)
            .output()
            .expect("restdoc runs");
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("valid JSON")
    };
    let outside = json(&root, "specs/os-api-ref");
    let inside = json(&root.join("specs/os-api-ref"), ".");
    let files = |v: &serde_json::Value, strip: &str| -> Vec<String> {
        v["endpoints"]
            .as_array()
            .expect("endpoints")
            .iter()
            .map(|e| {
                let f = e["source"]["file"].as_str().expect("file");
                f.strip_prefix(strip).unwrap_or(f).to_string()
            })
            .collect()
    };
    let named = files(&outside, "specs/os-api-ref/");
    assert!(!named.is_empty());
    assert_eq!(files(&inside, ""), named);
}
