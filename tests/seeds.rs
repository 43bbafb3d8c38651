//! The five seed pages, each read alone through the full pipeline: four
//! UForge download pages (one of them copied from a rendered web view) and
//! one wadl2rst page (OpenStack Image v2 download).

use restdoc::model::{
    AuthBasis, Dialect, Endpoint, HttpMethod, ParamLocation, RefKind, ResponseKind,
};
use restdoc::{read_api, ReadOutput, Severity};
use std::path::PathBuf;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/seeds");

/// The seed file whose name starts with `prefix` (`000_`), read alone.
fn read_seed(prefix: &str) -> ReadOutput {
    let dir = std::fs::read_dir(SEEDS).unwrap_or_else(|e| panic!("{SEEDS}: {e}"));
    let path: PathBuf = dir
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no seed {prefix}*"));
    read_api(&[path])
}

fn single(out: &ReadOutput, seed: &str) -> Endpoint {
    match out.api.endpoints.as_slice() {
        [e] => e.clone(),
        other => panic!(
            "{seed}: expected one endpoint, got {}: {:#?}",
            other.len(),
            out.diagnostics
        ),
    }
}

fn codes(e: &Endpoint) -> Vec<u16> {
    e.responses.iter().map(|r| r.status.as_u16()).collect()
}

fn codes_of(out: &ReadOutput, severity: Severity) -> Vec<&str> {
    out.diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| d.code.as_ref())
        .collect()
}

/// What every UForge download seed says: GET, `200 / 304`, `*/*`, no
/// authentication but the one-time `downloadId` query parameter.
fn check_uforge_download(seed: &str, id: &str, path: &str, since: &str) -> (ReadOutput, Endpoint) {
    let out = read_seed(seed);
    let e = single(&out, seed);
    assert_eq!(e.dialect, Dialect::Uforge, "{seed}");
    assert_eq!((e.id.as_str(), e.title.as_str()), (id, id), "{seed}");
    assert_eq!(e.method, HttpMethod::Get, "{seed}");
    assert_eq!(e.path.to_string(), path, "{seed}");
    assert_eq!(e.group, "seeds", "{seed}: the folder name");
    let mut expected: Vec<(&str, ParamLocation, bool)> = e
        .path
        .param_names()
        .into_iter()
        .map(|n| (n, ParamLocation::Path, true))
        .collect();
    expected.push(("downloadId", ParamLocation::Query, false));
    let params: Vec<(&str, ParamLocation, bool)> = e
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(params, expected, "{seed}");
    assert_eq!(codes(&e), [200, 304], "{seed}");
    for r in &e.responses {
        assert_eq!(r.kind, ResponseKind::Normal, "{seed}");
        let types: Vec<&str> = r.media_types.iter().map(|m| m.as_str()).collect();
        assert_eq!(types, ["*/*"], "{seed}");
    }
    assert!(!e.auth.required, "{seed}");
    assert_eq!(e.auth.basis, AuthBasis::Documented, "{seed}");
    assert!(e.auth.entitlements.is_empty(), "{seed}: `None`");
    assert_eq!(
        e.auth.one_time_token.as_deref(),
        Some("downloadId"),
        "{seed}"
    );
    assert_eq!(e.since.as_deref(), Some(since), "{seed}");
    assert!(e.request_body.is_none(), "{seed}");
    assert!(
        e.summary.starts_with("Downloads a "),
        "{seed}: {}",
        e.summary
    );
    assert!(
        e.refs.iter().any(|r| r.kind == RefKind::SameAs),
        "{seed}: \"the same as\" ref"
    );
    assert!(
        e.refs.iter().filter(|r| r.kind == RefKind::SeeAlso).count() >= 10,
        "{seed}: seealso refs {:?}",
        e.refs
    );
    (out, e)
}

#[test]
fn seed_000_machine_image_download_file() {
    let (out, e) = check_uforge_download(
        "000_",
        "machineImage_downloadFile",
        "/users/{uid}/appliances/{aid}/images/{itid}/downloads/{fileName}",
        "UForge 1.0",
    );
    assert!(
        codes_of(&out, Severity::Warning).is_empty(),
        "{:#?}",
        out.diagnostics
    );
    assert!(e.params.iter().all(|p| p.documented));
    let same_as: Vec<&str> = e
        .refs
        .iter()
        .filter(|r| r.kind == RefKind::SameAs)
        .map(|r| r.target.as_str())
        .collect();
    assert_eq!(same_as, ["machineimage-download"]);
    assert!(e
        .refs
        .iter()
        .any(|r| r.kind == RefKind::SeeAlso && r.target == "machineimagestatus-getall"));
    assert_eq!((e.source.line, e.source.column), (8, 1));
}

#[test]
fn seed_001_container_template_image_download() {
    let (out, _) = check_uforge_download(
        "001_",
        "containerTemplateImage_download",
        "/users/{uid}/mysoftware/{msid}/templates/{tid}/images/{itid}/downloads",
        "UForge 3.8.9",
    );
    assert!(
        codes_of(&out, Severity::Warning).is_empty(),
        "{:#?}",
        out.diagnostics
    );
}

#[test]
fn seed_002_scan_image_download() {
    let (out, _) = check_uforge_download(
        "002_",
        "scanImage_download",
        "/users/{uid}/scannedinstances/{siid}/scans/{sid}/images/{itid}/downloads",
        "UForge 3.4",
    );
    assert!(
        codes_of(&out, Severity::Warning).is_empty(),
        "{:#?}",
        out.diagnostics
    );
}

/// Copied from a rendered web view: no sidebar directive, `•` bullets under
/// plain `Summary` / `Security Summary` lines, the code block and the URI
/// parameter list lost. Read anyway, saying what was inferred.
#[test]
fn seed_003_rendered_page_is_read_with_inferences_reported() {
    let (out, e) = check_uforge_download(
        "003_",
        "machineImagePublished_download",
        "/users/{uid}/appliances/{aid}/pimages/{pitid}/downloads",
        "UForge 3.0",
    );
    let inferred: Vec<&str> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Info && d.code == "inferred-from-rendered-page")
        .map(|d| d.message.as_ref())
        .collect();
    for what in [
        "`Summary`",
        "`Security Summary`",
        "named `machineImagePublished_download`",
        "seealso",
    ] {
        assert!(
            inferred.iter().any(|m| m.contains(what)),
            "no info about {what}: {inferred:#?}"
        );
    }
    assert!(codes_of(&out, Severity::Info).contains(&"inferred-query-param"));
    // The URI parameter list is empty: the path implies the parameters.
    let undocumented: Vec<&str> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "path-param-undocumented")
        .map(|d| d.message.as_ref())
        .collect();
    assert_eq!(undocumented.len(), 3, "{undocumented:?}");
    let path_documented: Vec<bool> = e
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|p| p.documented)
        .collect();
    assert_eq!(path_documented, [false, false, false]);
    assert!(
        codes_of(&out, Severity::Error).is_empty(),
        "{:#?}",
        out.diagnostics
    );
    assert!(e
        .refs
        .iter()
        .any(|r| r.kind == RefKind::SeeAlso && r.target == "publishimage-object"));
}

/// The wadl2rst seed (read by the wadl2rst dialect).
#[test]
fn seed_004_wadl2rst_image_download() {
    let out = read_seed("004_");
    let e = single(&out, "004_");
    assert_eq!(e.dialect, Dialect::Wadl2rst);
    assert_eq!(e.method, HttpMethod::Get);
    assert_eq!(e.path.to_string(), "/v2/images/{image_id}/file");
    assert_eq!(codes(&e), [200, 204, 403, 404]);
    assert!(e.auth.required);
    assert_eq!(e.auth.basis, AuthBasis::Convention);
    assert_eq!(e.since.as_deref(), Some("Image API v2.0"));
    let path_params: Vec<(&str, ParamLocation, bool)> = e
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(path_params, [("image_id", ParamLocation::Path, true)]);
}
