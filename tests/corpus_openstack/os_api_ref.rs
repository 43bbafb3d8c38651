//! glance's os-api-ref sources: one endpoint per `rest_method`, checked
//! against the raw `.inc` texts, and YAML problems reported at their lines.

use super::*;

#[path = "scan.rs"]
mod scan;
use scan::{scan_inc, scanned_param_versions, RestMethod};

// ------------------------------------------------------------- os-api-ref

fn glance() -> PathBuf {
    shared("corpus/glance-api-ref")
}

/// Every `rest_method` of an os-api-ref set is an endpoint with the method,
/// path, path parameters, status codes and version range its text states.
fn check_set(name: &str, want_count: usize) -> ReadOutput {
    let dir = shared(&format!("corpus/{name}"));
    let out = read_api(&[&dir]);
    diagnostic_counts(name, &out);
    let errors: Vec<String> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}:{} {} {}", d.file, d.line, d.code, d.message))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    // Every YAML file a directive names is found, also where an included
    // page names it relative to the including page (keystone's federation).
    let missing_yaml: Vec<&str> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "yaml-file-missing")
        .map(|d| d.message.as_ref())
        .collect();
    assert!(missing_yaml.is_empty(), "{name}: {missing_yaml:#?}");
    let want: BTreeSet<RestMethod> = files_with_ext(&dir, "inc")
        .iter()
        .flat_map(|f| scan_inc(f))
        .collect();
    assert_eq!(want.len(), want_count, "{name}: rest_methods in the text");
    assert_eq!(out.api.endpoints.len(), want_count, "{name}: endpoints");
    let got: BTreeSet<RestMethod> = out
        .api
        .endpoints
        .iter()
        .map(|e| RestMethod {
            file: key(&e.source.file),
            line: e.source.line,
            method: e.method.as_str().to_string(),
            path: e.path.to_string(),
            path_params: path_param_names(e).iter().map(|s| s.to_string()).collect(),
            normal: codes_of(e, ResponseKind::Normal),
            error: codes_of(e, ResponseKind::Error),
            min_version: e.min_version.map(|v| v.to_string()),
            max_version: e.max_version.map(|v| v.to_string()),
        })
        .collect();
    let missing: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{name}: scanned but not read as such: {missing:#?}\nread but not scanned: {extra:#?}"
    );
    for e in &out.api.endpoints {
        assert_eq!(e.dialect, Dialect::OsApiRef, "{name} {}", e.id);
        assert_eq!(path_param_names(e), e.path.param_names(), "{}", e.id);
    }
    check_param_versions(name, &dir, &out);
    out
}

/// Every parameter read from a `rest_parameters` item carries the version
/// range of its YAML entry.
fn check_param_versions(name: &str, dir: &Path, out: &ReadOutput) {
    let want = scanned_param_versions(dir);
    let mut checked = 0;
    let mut ranged = 0;
    for e in &out.api.endpoints {
        let body = e.request_body.iter().flat_map(|b| &b.fields);
        let resp = e
            .responses
            .iter()
            .flat_map(|r| r.fields.iter().chain(&r.headers));
        for p in e.params.iter().chain(body).chain(resp) {
            let Some(at) = &p.source else { continue };
            if !p.documented {
                continue;
            }
            let Some(w) = want.get(&(key(&at.file), at.line)) else {
                continue;
            };
            let got = (
                p.min_version.map(|v| v.to_string()),
                p.max_version.map(|v| v.to_string()),
            );
            assert_eq!(&got, w, "{name} {}:{} {}", at.file, at.line, p.name);
            checked += 1;
            ranged += usize::from(got.0.is_some() || got.1.is_some());
        }
    }
    eprintln!("{name}: {checked} parameter version ranges checked, {ranged} with a bound");
    assert!(checked > 0, "{name}: no parameter checked");
}

#[test]
fn glance_one_endpoint_per_rest_method() {
    let out = check_set("glance-api-ref", 79);
    assert_eq!(
        out.api.endpoints.len(),
        79,
        "index.rst pages must not repeat the .inc endpoints"
    );
    for e in &out.api.endpoints {
        assert_eq!(
            Some(e.group.as_str()),
            key(&e.source.file).split('/').nth(1),
            "{}",
            e.id
        );
        for p in e
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
        {
            assert!(
                p.documented && p.required,
                "{} {}: path param from YAML",
                e.id,
                p.name
            );
            assert!(
                !p.description.is_empty(),
                "{} {}: YAML description",
                e.id,
                p.name
            );
        }
    }
    let ids: BTreeSet<&str> = out.api.endpoints.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 79, "ids are unique");
    assert!(
        ids.contains("image-create") && ids.contains("store-discovery-call"),
        "labels become ids"
    );
}

#[test]
fn cinder_every_rest_method() {
    check_set("cinder-api-ref", 301);
}

#[test]
fn keystone_every_rest_method() {
    check_set("keystone-api-ref", 249);
}

#[test]
fn manila_every_rest_method() {
    check_set("manila-api-ref", 209);
}

#[test]
fn placement_every_rest_method() {
    check_set("placement-api-ref", 36);
}

#[test]
fn glance_image_download_and_upload() {
    let out = read_api(&[glance()]);
    let find = |method: HttpMethod| {
        out.api
            .endpoints
            .iter()
            .find(|e| e.method == method && e.path.to_string() == "/v2/images/{image_id}/file")
            .unwrap_or_else(|| panic!("no {method} /v2/images/{{image_id}}/file"))
    };
    let get = find(HttpMethod::Get);
    assert_eq!(get.group, "images-data");
    assert_eq!(get.title, "Download binary image data");
    assert_eq!(get.since.as_deref(), Some("Image API v2.0"));
    assert!(get.auth.required && get.auth.basis == AuthBasis::Convention);
    let normal = codes_of(get, ResponseKind::Normal);
    assert!(normal.contains(&200) && normal.contains(&204), "{normal:?}");
    let params: Vec<(&str, ParamLocation)> = get
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.location))
        .collect();
    assert_eq!(
        params,
        [
            ("image_id", ParamLocation::Path),
            ("Range", ParamLocation::Header),
            ("prefer", ParamLocation::Query)
        ]
    );
    let ok = get
        .responses
        .iter()
        .find(|r| r.status.as_u16() == 200)
        .unwrap_or_else(|| panic!("no 200"));
    let headers: Vec<&str> = ok.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(
        headers,
        [
            "Content-Type",
            "Content-Md5",
            "Content-Length",
            "Content-Range"
        ]
    );
    assert!(ok
        .headers
        .iter()
        .all(|h| h.documented && !h.description.is_empty()));
    assert_eq!(
        ok.media_types
            .iter()
            .map(|m| m.as_str())
            .collect::<Vec<_>>(),
        ["application/octet-stream"]
    );
    let no_content = get
        .responses
        .iter()
        .find(|r| r.status.as_u16() == 204)
        .unwrap_or_else(|| panic!("no 204"));
    assert!(no_content.media_types.is_empty() && no_content.fields.is_empty());

    let put = find(HttpMethod::Put);
    let body = put
        .request_body
        .as_ref()
        .unwrap_or_else(|| panic!("upload has a body"));
    assert_eq!(
        body.media_types
            .iter()
            .map(|m| m.as_str())
            .collect::<Vec<_>>(),
        ["application/octet-stream"]
    );
    assert_eq!(codes_of(put, ResponseKind::Normal), BTreeSet::from([204]));
}

#[test]
fn glance_version_discovery_needs_no_token() {
    let out = read_api(&[glance().join("versions")]);
    assert_eq!(out.api.endpoints.len(), 2);
    for e in &out.api.endpoints {
        assert!(!e.auth.required, "{} {}", e.method, e.path);
        assert_eq!(e.group, "versions");
    }
    let ids: Vec<&str> = out.api.endpoints.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["list-api-versions", "list-api-versions_2"]);
}

/// An index page read without its `.inc` files still yields their
/// endpoints, attributed to the `.inc` files, each once.
#[test]
fn glance_index_alone_reads_its_includes() {
    let index = glance().join("v2/metadefs-index.rst");
    let out = read_api(&[&index]);
    assert_eq!(out.pages, 1);
    let included: Vec<PathBuf> = read_text(&index)
        .lines()
        .filter_map(|l| l.strip_prefix(".. include:: "))
        .map(|f| glance().join("v2").join(f.trim()))
        .collect();
    let want: BTreeSet<(String, u32)> = included
        .iter()
        .flat_map(|f| scan_inc(f))
        .map(|m| (m.file, m.line))
        .collect();
    let got: BTreeSet<(String, u32)> = out
        .api
        .endpoints
        .iter()
        .map(|e| (key(&e.source.file), e.source.line))
        .collect();
    assert!(!want.is_empty());
    assert_eq!(out.api.endpoints.len(), want.len());
    assert_eq!(got, want);
    assert!(out
        .files_read
        .iter()
        .any(|f| f.ends_with("metadefs-parameters.yaml")));
}

// ------------------------------------------------------ YAML diagnostics

const PROBLEM_PAGE: &str = "\
Things
******

Get thing
~~~~~~~~~

.. rest_method:: GET /things/{thing_id}

Gets a thing.

Normal response codes: 200

Error response codes: 404

Request
-------

.. rest_parameters:: params.yaml

   - thing_id: thing_id
   - missing: no-such-key
   - limit: limit-no-in
   - sort: sort-no-type

Response
--------

.. rest_parameters:: gone.yaml

   - x: x

.. rest_parameters:: params.yaml

Delete things
~~~~~~~~~~~~~

.. rest_method:: DELETE /things

Normal response codes: 204

.. rest_parameters:: broken.yaml

   - a: a
";

const PROBLEM_YAML: &str = "\
thing_id:
  description: The thing.
  in: path
  required: true
  type: string
limit-no-in:
  description: x
  required: false
  type: integer
sort-no-type:
  description: y
  in: query
  required: false
";

/// 1-based number of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> u32 {
    let i = text
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no {needle}"));
    u32::try_from(i + 1).unwrap_or(0)
}

#[test]
fn os_api_ref_yaml_problems_point_at_their_lines() {
    let dir = std::env::temp_dir().join(format!("restdoc-os-api-ref-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    for (name, text) in [
        ("api.inc", PROBLEM_PAGE),
        ("params.yaml", PROBLEM_YAML),
        ("broken.yaml", "a: [1, 2\nb: c\n"),
    ] {
        std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = read_api(&[&dir]);
    let _ = std::fs::remove_dir_all(&dir);

    let found = |code: &str, file: &str| -> Vec<u32> {
        out.diagnostics
            .iter()
            .filter(|d| d.code == code && d.file.ends_with(file))
            .map(|d| d.line)
            .collect()
    };
    assert_eq!(
        found("yaml-key-missing", "api.inc"),
        [line_of(PROBLEM_PAGE, "- missing:")]
    );
    assert_eq!(
        found("yaml-entry-incomplete", "params.yaml"),
        [
            line_of(PROBLEM_YAML, "limit-no-in:"),
            line_of(PROBLEM_YAML, "sort-no-type:")
        ]
    );
    assert_eq!(
        found("yaml-file-missing", "api.inc"),
        [line_of(PROBLEM_PAGE, "gone.yaml")]
    );
    let empty = PROBLEM_PAGE
        .lines()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| l.contains(":: params.yaml"))
        .map(|i| i as u32 + 1);
    assert_eq!(
        found("rest-parameters-empty", "api.inc"),
        [empty.unwrap_or(0)]
    );
    assert_eq!(found("yaml-invalid", "broken.yaml").len(), 1);

    let [get, delete] = out.api.endpoints.as_slice() else {
        panic!("expected two endpoints, got {}", out.api.endpoints.len())
    };
    assert_eq!(
        (get.id.as_str(), delete.id.as_str()),
        ("get-thing", "delete-things")
    );
    let params: Vec<(&str, ParamLocation, &TypeRef)> = get
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.location, &p.ty))
        .collect();
    assert_eq!(
        params,
        [
            ("thing_id", ParamLocation::Path, &TypeRef::String),
            ("sort", ParamLocation::Query, &TypeRef::String)
        ]
    );
    assert_eq!(get.params[0].description, "The thing.");
    assert_eq!(codes_of(get, ResponseKind::Normal), BTreeSet::from([200]));
    assert_eq!(codes_of(get, ResponseKind::Error), BTreeSet::from([404]));
    assert_eq!(
        codes_of(delete, ResponseKind::Normal),
        BTreeSet::from([204])
    );
}
