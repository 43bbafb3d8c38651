//! Issue 9: the generated Glance types read what a real image service
//! sends. Glance documents `checksum`, `name`, `min_disk`,
//! `container_format` and `disk_format` as values that "might be null", and
//! a freshly created (queued) image has them all `null`. This test
//! generates the Glance crate from the shared corpus, takes the image
//! show/list response types (and what they use) out of it, compiles them in
//! a tiny crate with serde, and decodes such bodies written here. The
//! crate builds under `target/glance-nulls`, so later runs reuse serde.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The item `pub struct <name>` with its doc comments and attributes, as
/// prettyplease writes it (the closing brace alone at the line start).
fn struct_text(code: &str, name: &str) -> Option<String> {
    let lines: Vec<&str> = code.lines().collect();
    let open = format!("pub struct {name} ");
    let at = lines.iter().position(|l| l.starts_with(&open))?;
    let mut start = at;
    while start > 0 && (lines[start - 1].starts_with("///") || lines[start - 1].starts_with("#[")) {
        start -= 1;
    }
    let end = if lines[at].ends_with(';') {
        at
    } else {
        at + lines[at..].iter().position(|l| *l == "}")?
    };
    Some(lines[start..=end].join("\n"))
}

/// `roots` and every struct of `code` they use, transitively.
fn structs_used(code: &str, roots: &[&str]) -> String {
    let mut todo: Vec<String> = roots.iter().map(|r| r.to_string()).collect();
    let mut done: Vec<String> = Vec::new();
    let mut out = String::new();
    while let Some(name) = todo.pop() {
        if done.contains(&name) {
            continue;
        }
        let Some(text) = struct_text(code, &name) else {
            continue;
        };
        done.push(name);
        for word in text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
            if word.starts_with(|c: char| c.is_ascii_uppercase()) && !done.iter().any(|d| d == word)
            {
                todo.push(word.to_string());
            }
        }
        out.push_str(&text);
        out.push_str("\n\n");
    }
    out
}

const CARGO_TOML: &str = r#"[package]
name = "glance-nulls"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
"#;

/// A queued image as the service shows it before any data is uploaded:
/// no checksum, no formats, no name, no size limits yet.
const SHOW_BODY: &str = r#"{
    "id": "0c3c5e7a-13c6-4d2c-9a1b-000000000001",
    "status": "queued",
    "name": null,
    "checksum": null,
    "min_disk": null,
    "min_ram": 0,
    "container_format": null,
    "disk_format": null,
    "size": null,
    "virtual_size": null,
    "owner": "a5b0c81b9d2e4f3a8c7d6e5f4a3b2c1d",
    "visibility": "private",
    "protected": false,
    "os_hidden": false,
    "os_hash_algo": null,
    "os_hash_value": null,
    "tags": [],
    "created_at": "2024-02-03T04:05:06Z",
    "updated_at": "2024-02-03T04:05:06Z",
    "self": "/v2/images/0c3c5e7a-13c6-4d2c-9a1b-000000000001",
    "file": "/v2/images/0c3c5e7a-13c6-4d2c-9a1b-000000000001/file",
    "schema": "/v2/schemas/image",
    "hw_disk_bus": "scsi"
}"#;

const MAIN: &str = r#"
mod types;
use types::*;

fn same(typed: serde_json::Value, text: &str, what: &str) {
    fn strip(v: serde_json::Value) -> serde_json::Value {
        match v {
            serde_json::Value::Object(m) => m.into_iter().filter(|(_, x)| !x.is_null()).map(|(k, x)| (k, strip(x))).collect(),
            serde_json::Value::Array(xs) => xs.into_iter().map(strip).collect(),
            x => x,
        }
    }
    let original: serde_json::Value = serde_json::from_str(text).expect("test body is JSON");
    assert_eq!(strip(typed), strip(original), "{what} re-encoded");
}

fn main() {
    let show: ShowImageOk = serde_json::from_str(SHOW).unwrap_or_else(|e| panic!("show image body: {e}"));
    assert!(show.checksum.is_none() && show.name.is_none() && show.min_disk.is_none());
    assert!(show.container_format.is_none() && show.disk_format.is_none());
    assert_eq!(show.min_ram, Some(0));
    assert_eq!(show.extra.get("hw_disk_bus"), Some(&serde_json::json!("scsi")), "an undocumented member is kept");
    same(serde_json::to_value(&show).expect("encodes"), SHOW, "show image");

    let list: ListImagesOk = serde_json::from_str(LIST).unwrap_or_else(|e| panic!("list images body: {e}"));
    let first = &list.images[0];
    assert!(first.checksum.is_none() && first.name.is_none() && first.min_disk.is_none());
    assert!(first.container_format.is_none() && first.disk_format.is_none());
    same(serde_json::to_value(&list).expect("encodes"), LIST, "list images");
    println!("decoded");
}
"#;

#[test]
fn glance_image_show_and_list_decode_null_members() {
    let docs = root().join("../shared/corpus/glance-api-ref");
    let read = restdoc::read_api(&[docs]);
    let opts = restdoc::codegen::Options {
        crate_name: "glance".into(),
        service_type: Some("image".into()),
        ..Default::default()
    };
    let generated = restdoc::codegen::generate(&read.api, &opts).expect("Glance generates");
    let group = generated
        .files
        .iter()
        .find(|(p, text)| p.starts_with("src") && text.contains("pub struct ShowImageOk "))
        .map(|(_, t)| t.as_str())
        .expect("a group defines ShowImageOk");
    let runtime = generated
        .files
        .iter()
        .find(|(p, _)| p == Path::new("src/runtime.rs"))
        .map(|(_, t)| t.as_str())
        .expect("the runtime");

    let mut types = String::from("#![allow(dead_code)]\npub mod runtime {\n");
    if let Some(t) = struct_text(runtime, "Timestamp") {
        types.push_str(&t);
    }
    types.push_str("\n}\n");
    types.push_str(&structs_used(group, &["ShowImageOk", "ListImagesOk"]));
    let types = types.replace("crate::runtime::", "crate::types::runtime::");

    let list_body = format!(
        r#"{{"images": [{}], "first": "/v2/images", "schema": "/v2/schemas/images"}}"#,
        // a list item carries the image's members, and its own `schema`
        SHOW_BODY.replace(
            "/v2/schemas/image\"",
            "/v2/schemas/image\", \"direct_url\": null"
        )
    );
    let main = format!(
        "const SHOW: &str = r##\"{SHOW_BODY}\"##;\nconst LIST: &str = r##\"{list_body}\"##;\n{MAIN}"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("src")).expect("src");
    std::fs::write(dir.path().join("Cargo.toml"), CARGO_TOML).expect("manifest");
    std::fs::write(dir.path().join("src/types.rs"), &types).expect("types");
    std::fs::write(dir.path().join("src/main.rs"), main).expect("main");
    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(dir.path())
        .env("CARGO_TARGET_DIR", root().join("target/glance-nulls"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("decoded"),
        "the generated Glance types do not read a body with null members:\n{stderr}\n--- types.rs\n{types}"
    );
}
