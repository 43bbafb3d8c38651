//! Our own API docs (`specs/`) read back into the model.
//!
//! Every page under `specs/` gets an insta snapshot of what restdoc reads
//! from it (endpoints, objects, diagnostics), so any change in a reader that
//! alters our documented API shows up in review. The os-api-ref folder is
//! read as one unit because its `index.rst` pulls in the `.inc` page and the
//! `.inc` page needs its YAML file. On top of the snapshots, explicit checks
//! pin what each dialect must get right for the download calls, and that our
//! own docs read with no warning or error.

use restdoc::model::{Dialect, Endpoint, HttpMethod, ParamLocation, ResponseKind, TypeRef};
use restdoc::{read_api, ReadOutput, Severity};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The repository root (`/work/main`), lexically: the parent of the crate.
fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn specs_dir() -> PathBuf {
    root().join("specs")
}

/// The folder read as one unit (its pages include each other).
const OS_API_REF: &str = "os-api-ref";

/// What gets one snapshot: a page, or the os-api-ref folder as a whole.
/// Returns (snapshot name, path to read), sorted by name.
fn units() -> Vec<(String, PathBuf)> {
    let specs = specs_dir();
    let mut out = vec![(OS_API_REF.to_string(), specs.join(OS_API_REF))];
    for entry in walkdir::WalkDir::new(&specs).sort_by_file_name() {
        let entry = entry.unwrap_or_else(|e| panic!("cannot walk specs/: {e}"));
        let path = entry.path();
        let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
        if !entry.file_type().is_file() || !restdoc::source::PAGE_EXTENSIONS.contains(&ext) {
            continue;
        }
        let rel = path.strip_prefix(&specs).unwrap_or(path);
        if rel.starts_with(OS_API_REF) {
            continue;
        }
        out.push((snapshot_name(rel), path.to_path_buf()));
    }
    out.sort();
    out
}

/// `uforge/machineimage/machineImage_download.rst` ->
/// `uforge__machineimage__machineImage_download`.
fn snapshot_name(rel: &Path) -> String {
    rel.with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("__")
}

fn read(path: &Path) -> ReadOutput {
    read_api(&[path])
}

/// The snapshot text: endpoints, objects and diagnostics as pretty JSON, with
/// file paths made relative to the repository root so the snapshot does not
/// depend on where the checkout lives.
fn snapshot_json(out: &ReadOutput) -> String {
    let value = serde_json::json!({
        "endpoints": out.api.endpoints,
        "objects": out.api.objects,
        "diagnostics": out.diagnostics,
    });
    let json = serde_json::to_string_pretty(&value).unwrap_or_else(|e| panic!("serialise: {e}"));
    let manifest_up = format!("{}/../", env!("CARGO_MANIFEST_DIR"));
    let root = format!("{}/", root().display());
    json.replace(&manifest_up, "").replace(&root, "")
}

#[test]
fn every_spec_page_matches_its_snapshot() {
    let units = units();
    assert!(units.len() >= 10, "specs/ looks empty: {units:?}");
    for (name, path) in units {
        let out = read(&path);
        insta::assert_snapshot!(name, snapshot_json(&out));
    }
}

/// A snapshot whose page was removed or renamed would silently rot.
#[test]
fn no_orphan_snapshots() {
    let names: BTreeSet<String> = units().into_iter().map(|(n, _)| n).collect();
    let dir = root().join("tests").join("snapshots");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return; // no snapshots yet, so none without a page
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if let Some(name) = file
            .strip_prefix("specs__")
            .and_then(|f| f.strip_suffix(".snap"))
        {
            assert!(
                names.contains(name),
                "snapshot {file} has no page in specs/"
            );
        }
    }
}

/// Our own docs must read cleanly: no warning, no error (infos are fine).
#[test]
fn specs_read_without_warnings() {
    let out = read(&specs_dir());
    let bad: Vec<String> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| d.to_string())
        .collect();
    assert!(
        bad.is_empty(),
        "specs/ gives warnings or errors:\n{}",
        bad.join("\n")
    );
    assert_eq!(
        out.pages,
        units().len() + 2,
        "index.rst and the two .inc files are three pages"
    );
}

/// The one endpoint a unit documents.
fn single_endpoint(rel: &str) -> Endpoint {
    let out = read(&specs_dir().join(rel));
    match out.api.endpoints.as_slice() {
        [e] => e.clone(),
        other => panic!("{rel}: expected one endpoint, got {}", other.len()),
    }
}

fn codes(e: &Endpoint) -> Vec<u16> {
    e.responses.iter().map(|r| r.status.as_u16()).collect()
}

/// The UForge download pages: path, UForge's `200 / 304`, `*/*`, no
/// authentication but an optional one-time `downloadId` query parameter.
#[test]
fn uforge_download_pages() {
    let pages = [
        (
            "uforge/machineimage/machineImage_download.rst",
            "machineImage_download",
            "/users/{uid}/appliances/{aid}/images/{itid}/downloads",
            "UForge 1.0",
        ),
        (
            "uforge/machineimage/machineImage_downloadFile.rst",
            "machineImage_downloadFile",
            "/users/{uid}/appliances/{aid}/images/{itid}/downloads/{fileName}",
            "UForge 1.0",
        ),
        (
            "uforge/machineimage/machineImagePublished_download.rst",
            "machineImagePublished_download",
            "/users/{uid}/appliances/{aid}/pimages/{pitid}/downloads",
            "UForge 3.0",
        ),
        (
            "uforge/containertemplate/containerTemplateImage_download.rst",
            "containerTemplateImage_download",
            "/users/{uid}/mysoftware/{msid}/templates/{tid}/images/{itid}/downloads",
            "UForge 3.8.9",
        ),
        (
            "uforge/scan/scanImage_download.rst",
            "scanImage_download",
            "/users/{uid}/scannedinstances/{siid}/scans/{sid}/images/{itid}/downloads",
            "UForge 3.4",
        ),
    ];
    for (rel, id, path, since) in pages {
        let e = single_endpoint(rel);
        assert_eq!(e.dialect, Dialect::Uforge, "{rel}");
        assert_eq!(e.id, id, "{rel}");
        assert_eq!(e.method, HttpMethod::Get, "{rel}");
        assert_eq!(e.path.to_string(), path, "{rel}");
        assert_eq!(e.since.as_deref(), Some(since), "{rel}");
        assert_eq!(codes(&e), [200, 304], "{rel}");
        assert!(
            e.responses
                .iter()
                .all(|r| r.media_types.iter().any(|m| m.as_str() == "*/*")),
            "{rel}: responses should be */*"
        );
        assert!(!e.auth.required, "{rel}");
        assert_eq!(
            e.auth.one_time_token.as_deref(),
            Some("downloadId"),
            "{rel}"
        );
        let names: Vec<&str> = e.path.param_names();
        let path_params: Vec<&str> = e
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(path_params, names, "{rel}: path params in path order");
        assert!(e.params.iter().all(|p| p.documented), "{rel}");
        let download_id = e
            .params
            .iter()
            .find(|p| p.name == "downloadId")
            .unwrap_or_else(|| panic!("{rel}: no downloadId parameter"));
        assert_eq!(download_id.location, ParamLocation::Query, "{rel}");
        assert!(!download_id.required, "{rel}: downloadId is optional");
        assert!(e.request_body.is_none(), "{rel}: no request body");
    }
}

/// The catch-all route keeps its JAX-RS pattern and needs authentication.
#[test]
fn uforge_catch_all_file_route() {
    let e = single_endpoint("uforge/machineimage/machineImageFile_download.rst");
    assert_eq!(e.id, "machineImageFile_download");
    assert_eq!(e.method, HttpMethod::Get);
    assert_eq!(
        e.path.to_string(),
        "/users/{uid}/appliances/{aid}/images/{itid}/files/{filepath : .+}"
    );
    assert_eq!(e.path.param_pattern("filepath"), Some(".+"));
    assert_eq!(e.path.param_names(), ["uid", "aid", "itid", "filepath"]);
    assert_eq!(codes(&e), [200, 304]);
    assert!(e.auth.required);
    assert_eq!(e.auth.one_time_token, None);
    assert!(e.params.iter().all(|p| p.name != "downloadId"));
}

/// The object pages: one object each, with the attribute types our docs use.
#[test]
fn uforge_object_pages() {
    let out = read(&specs_dir().join("uforge/dto-objects"));
    assert!(out.api.endpoints.is_empty());
    let labels: Vec<&str> = out.api.objects.iter().map(|o| o.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "image-object",
            "imagelabel-object",
            "labeltag-object",
            "publishimage-object"
        ]
    );
    let image = &out.api.objects[0];
    assert_eq!(image.name, "image");
    // the element of a UForge object is its name, in UForge's namespace
    assert!(out
        .api
        .objects
        .iter()
        .all(|o| o.xml_namespace.as_deref() == Some("http://www.usharesoft.com/uforge")));
    let label = &out.api.objects[1];
    assert_eq!(
        label
            .fields
            .iter()
            .find(|f| f.name == "tags")
            .map(|f| &f.ty),
        Some(&TypeRef::List(Box::new(TypeRef::Object(
            "labeltag-object".into()
        ))))
    );
    let ty = |name: &str| {
        image
            .fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.ty.clone())
            .unwrap_or_else(|| panic!("image has no field {name}"))
    };
    assert_eq!(ty("fileName"), TypeRef::String);
    assert_eq!(ty("fileSize"), TypeRef::Long);
    assert_eq!(ty("compress"), TypeRef::Boolean);
    assert_eq!(ty("downloadUri"), TypeRef::Uri);
    assert_eq!(ty("created"), TypeRef::DateTime);
    assert!(
        matches!(ty("targetFormat"), TypeRef::Object(l) if l.eq_ignore_ascii_case("targetFormat-object")),
        "targetFormat is a :ref: typed attribute"
    );
    assert_eq!(image.fields.len(), 9);
    let publish = &out.api.objects[3];
    assert_eq!(publish.name, "publishImage");
    assert_eq!(publish.fields.len(), 8);
}

/// The Glance download call in the wadl2rst dialect: the code table with the
/// range codes and the UUID path parameter.
#[test]
fn wadl2rst_glance_download() {
    let e = single_endpoint(
        "wadl2rst/images/GET_download_binary_image_data_v2_images_image_id_file.rst",
    );
    assert_eq!(e.dialect, Dialect::Wadl2rst);
    assert_eq!(
        e.id,
        "GET_download_binary_image_data_v2_images_image_id_file"
    );
    assert_eq!(e.method, HttpMethod::Get);
    assert_eq!(e.path.to_string(), "/v2/images/{image_id}/file");
    assert_eq!(codes(&e), [200, 204, 206, 403, 404, 416]);
    let partial = e.responses.iter().find(|r| r.status.as_u16() == 206);
    assert!(partial.is_some_and(|r| r.kind == ResponseKind::Normal));
    let unsatisfiable = e.responses.iter().find(|r| r.status.as_u16() == 416);
    assert!(unsatisfiable.is_some_and(|r| r.kind == ResponseKind::Error));
    let image_id = e.params.first().unwrap_or_else(|| panic!("no parameters"));
    assert_eq!(
        (
            image_id.name.as_str(),
            image_id.location,
            &image_id.ty,
            image_id.required
        ),
        ("image_id", ParamLocation::Path, &TypeRef::Uuid, true)
    );
    assert_eq!(e.since.as_deref(), Some("Image API v2.0"));
    assert!(
        e.auth.required,
        "OpenStack calls take a token by convention"
    );
}

/// The Glance download call in the os-api-ref dialect, read through
/// `index.rst`: listed once, codes split normal/error, parameters resolved
/// from the YAML file, range headers documented.
#[test]
fn os_api_ref_glance_download() {
    let out = read(&specs_dir().join(OS_API_REF));
    let e = out
        .api
        .endpoints
        .iter()
        .find(|e| e.path.to_string() == "/v2/images/{image_id}/file")
        .cloned()
        .expect("the download endpoint");
    assert_eq!(e.dialect, Dialect::OsApiRef);
    assert_eq!(e.method, HttpMethod::Get);
    assert_eq!(e.path.to_string(), "/v2/images/{image_id}/file");
    assert_eq!(e.group, "images-data");
    assert_eq!(codes(&e), [200, 204, 206, 400, 401, 403, 404, 416]);
    for r in &e.responses {
        let normal = [200, 204, 206].contains(&r.status.as_u16());
        let want = if normal {
            ResponseKind::Normal
        } else {
            ResponseKind::Error
        };
        assert_eq!(r.kind, want, "{}", r.status);
    }
    let params: Vec<(&str, ParamLocation, bool)> = e
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        params,
        [
            ("image_id", ParamLocation::Path, true),
            ("Range", ParamLocation::Header, false)
        ]
    );
    let partial = e
        .responses
        .iter()
        .find(|r| r.status.as_u16() == 206)
        .unwrap_or_else(|| panic!("no 206 response"));
    let headers: Vec<&str> = partial.headers.iter().map(|h| h.name.as_str()).collect();
    for h in [
        "Content-Type",
        "Content-MD5",
        "Content-Length",
        "Content-Range",
    ] {
        assert!(headers.contains(&h), "206 lacks header {h}: {headers:?}");
    }
    assert!(
        e.description.contains("Range"),
        "range semantics are in the prose"
    );
}

/// Our own JSON examples: an os-api-ref `literalinclude` (a nested object,
/// an array of objects and a `null`) and a wadl2rst inline request and
/// response, each tied to its endpoint, direction and status.
#[test]
fn json_examples_of_our_own() {
    let out = read(&specs_dir().join(OS_API_REF));
    let storage = out
        .api
        .endpoints
        .iter()
        .find(|e| e.id == "show-image-storage")
        .expect("the storage endpoint");
    let x = match storage.examples.as_slice() {
        [x] => x,
        other => panic!("one example, got {}", other.len()),
    };
    assert_eq!(x.direction, restdoc::model::Direction::Response);
    assert_eq!(x.status.map(|s| s.as_u16()), Some(200));
    let v = x.body.as_json().expect("JSON");
    assert!(v["storage"]["checksum"].is_null());
    assert_eq!(v["storage"]["disk"]["virtual_size"], 2147483648u64);
    assert_eq!(v["storage"]["locations"].as_array().map(Vec::len), Some(2));

    let tags =
        single_endpoint("wadl2rst/image-tags/PUT_replace_image_tags_v2_images_image_id_tags.rst");
    let dirs: Vec<_> = tags
        .examples
        .iter()
        .map(|x| (x.direction, x.status.map(|s| s.as_u16())))
        .collect();
    assert_eq!(
        dirs,
        [
            (restdoc::model::Direction::Request, None),
            (restdoc::model::Direction::Response, Some(200))
        ]
    );
}
