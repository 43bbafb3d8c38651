//! The two OpenStack corpora read through the whole pipeline
//! (`restdoc::read_api`), checked against facts scanned independently from
//! the raw page text: the wadl2rst pages (one endpoint each, the request
//! line in a code block, a grid table of response codes) and glance's
//! os-api-ref sources (one endpoint per `rest_method`, response code lines,
//! parameters resolved in YAML files).

use restdoc::model::{
    AuthBasis, Dialect, Endpoint, HttpMethod, ParamLocation, ResponseKind, TypeRef,
};
use restdoc::{read_api, ReadOutput, Severity};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn shared(rel: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared")).join(rel)
}

fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext))
        .map(|e| e.path().to_path_buf())
        .collect();
    out.sort();
    out
}

fn read_text(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Diagnostic counts by (severity, code), printed so a run shows them.
fn diagnostic_counts(name: &str, out: &ReadOutput) -> BTreeMap<(Severity, String), usize> {
    let mut counts = BTreeMap::new();
    for d in &out.diagnostics {
        *counts.entry((d.severity, d.code.to_string())).or_insert(0) += 1;
    }
    eprintln!(
        "{name}: {} endpoints; diagnostics:",
        out.api.endpoints.len()
    );
    for ((sev, code), n) in &counts {
        eprintln!("  {sev:7} {code:32} {n}");
    }
    counts
}

/// `a/b/c.rst` -> `b/c`: how a page is keyed in these tests.
fn key(file: &str) -> String {
    let p = Path::new(file);
    let folder = p
        .parent()
        .and_then(Path::file_name)
        .map(|f| f.to_string_lossy().into_owned());
    let stem = p.file_stem().map(|f| f.to_string_lossy().into_owned());
    format!(
        "{}/{}",
        folder.unwrap_or_default(),
        stem.unwrap_or_default()
    )
}

fn codes_of(e: &Endpoint, kind: ResponseKind) -> BTreeSet<u16> {
    e.responses
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| r.status.as_u16())
        .collect()
}

fn path_param_names(e: &Endpoint) -> Vec<&str> {
    e.params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|p| p.name.as_str())
        .collect()
}

// ---------------------------------------------------------------- wadl2rst

/// What the raw text of a wadl2rst page says, scanned without the RST
/// reader: the request line after `.. code-block::` (line number, method,
/// path with `//` collapsed) and the first column of the first grid table
/// after "response codes".
struct WadlPage {
    line: u32,
    method: String,
    path: String,
    codes: BTreeSet<u16>,
}

fn scan_wadl_page(text: &str) -> Option<WadlPage> {
    let lines: Vec<&str> = text.lines().collect();
    let block = lines
        .iter()
        .position(|l| l.starts_with(".. code-block::"))?;
    let (idx, request) = lines
        .iter()
        .enumerate()
        .skip(block + 1)
        .find(|(_, l)| !l.trim().is_empty())?;
    let (method, raw_path) = request.trim().split_once(' ')?;
    let mut path = raw_path.trim().to_string();
    while path.contains("//") {
        path = path.replace("//", "/");
    }
    // One page names `{tenant_id}` twice; the reader renames the repeat.
    let mut seen = BTreeSet::new();
    let path = path
        .split('/')
        .map(
            |seg| match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) if !seen.insert(name.to_string()) => format!("{{{name}_2}}"),
                _ => seg.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("/");
    let caption = lines.iter().position(|l| l.contains("response codes"))?;
    let mut codes = BTreeSet::new();
    let mut in_table = false;
    for l in &lines[caption..] {
        if l.starts_with('+') || l.starts_with('|') {
            in_table = true;
            if let Some(first) = l.strip_prefix('|').and_then(|r| r.split('|').next()) {
                if let Ok(c) = first.trim().parse::<u16>() {
                    codes.insert(c);
                }
            }
        } else if in_table {
            break;
        }
    }
    Some(WadlPage {
        line: u32::try_from(idx + 1).ok()?,
        method: method.to_string(),
        path,
        codes,
    })
}

#[test]
fn wadl2rst_corpus_one_endpoint_per_page() {
    let dir = shared("corpus/openstack-wadl2rst");
    let out = read_api(&[&dir]);
    let counts = diagnostic_counts("openstack-wadl2rst", &out);
    assert_eq!(out.pages, 261);
    assert_eq!(out.api.endpoints.len(), 261, "one endpoint per page");
    assert!(!out.has_errors(), "no page fails to read");

    let by_page: BTreeMap<String, &Endpoint> = out
        .api
        .endpoints
        .iter()
        .map(|e| (key(&e.source.file), e))
        .collect();
    assert_eq!(by_page.len(), 261, "each page gives its own endpoint");
    let mut checked = 0;
    for file in files_with_ext(&dir, "rst") {
        let text = read_text(&file);
        let want =
            scan_wadl_page(&text).unwrap_or_else(|| panic!("{}: no request line", file.display()));
        let k = key(&file.to_string_lossy());
        let e = by_page
            .get(&k)
            .unwrap_or_else(|| panic!("{k}: no endpoint"));
        assert_eq!(e.dialect, Dialect::Wadl2rst, "{k}");
        assert_eq!(e.method.as_str(), want.method, "{k}");
        assert_eq!(e.path.to_string(), want.path, "{k}");
        assert_eq!(e.source.line, want.line, "{k}: source is the request line");
        let got: BTreeSet<u16> = e.responses.iter().map(|r| r.status.as_u16()).collect();
        assert_eq!(got, want.codes, "{k}: response codes");
        for r in &e.responses {
            let want_kind = if r.status.as_u16() < 400 {
                ResponseKind::Normal
            } else {
                ResponseKind::Error
            };
            assert_eq!(r.kind, want_kind, "{k}: {}", r.status);
        }
        assert_eq!(
            path_param_names(e),
            e.path.param_names(),
            "{k}: path params in path order"
        );
        let discovery = e.method == HttpMethod::Get
            && ["/", "/versions"].contains(&e.path.to_string().as_str());
        assert_eq!(
            e.auth.required, !discovery,
            "{k}: token by convention, none for version discovery"
        );
        assert_eq!(e.auth.basis, AuthBasis::Convention, "{k}");
        assert!(
            !e.title.is_empty() && !e.title.contains("OpenStack"),
            "{k}: title is the `~` section: {}",
            e.title
        );
        checked += 1;
    }
    assert_eq!(checked, 261);
    assert_eq!(
        counts.get(&(Severity::Warning, "path-double-slash".to_string())),
        Some(&6)
    );
    assert_eq!(
        counts.get(&(Severity::Warning, "path-param-repeated".to_string())),
        Some(&1)
    );
}

#[test]
fn wadl2rst_cells_keep_wrapped_names_and_required_markers() {
    let out = read_api(&[shared("corpus/openstack-wadl2rst/servers")]);
    let create = out
        .api
        .endpoints
        .iter()
        .find(|e| e.id == "POST_create_server_v2.1_tenant_id_servers")
        .unwrap_or_else(|| panic!("no create server endpoint"));
    let body = create
        .request_body
        .as_ref()
        .unwrap_or_else(|| panic!("create server has a body"));
    let names: Vec<&str> = body.fields.iter().map(|p| p.name.as_str()).collect();
    assert!(
        names.contains(&"os-availability-zone:availability_zone"),
        "{names:?}"
    );
    assert!(names.contains(&"block_device_mapping_v2"), "{names:?}");
    let sg = body.fields.iter().find(|p| p.name == "security_groups");
    assert!(sg.is_some_and(|p| p.required
        && p.ty == TypeRef::String
        && p.description.starts_with("One or more security groups.")));
    assert!(body.media_types.iter().any(|m| m.is_json()));
    let tenant = &create.params[0];
    assert_eq!(
        (tenant.name.as_str(), &tenant.ty, tenant.required),
        ("tenant_id", &TypeRef::Uuid, true)
    );
    assert_eq!(
        tenant.description,
        "The UUID of the tenant in a multi-tenancy cloud."
    );
    assert_eq!(create.title, "Create Server");
    assert_eq!(create.group, "servers");
}

// ------------------------------------------------------------------ seed

#[test]
fn seed_004_download_binary_image_data() {
    let out = read_api(&[shared("seeds/004_b96b098a3dbd31d4.txt")]);
    let [e] = out.api.endpoints.as_slice() else {
        panic!("expected one endpoint, got {}", out.api.endpoints.len())
    };
    assert_eq!(e.dialect, Dialect::Wadl2rst);
    assert_eq!(e.method, HttpMethod::Get);
    assert_eq!(e.path.to_string(), "/v2/images/{image_id}/file");
    assert_eq!(e.title, "Download Binary Image Data");
    assert_eq!(e.summary, "Downloads binary image data.");
    assert_eq!(e.since.as_deref(), Some("Image API v2.0"));
    assert_eq!((e.source.line, e.source.column), (13, 5));
    let codes: Vec<u16> = e.responses.iter().map(|r| r.status.as_u16()).collect();
    assert_eq!(codes, [200, 204, 403, 404]);
    let [image_id] = e.params.as_slice() else {
        panic!("params: {:?}", e.params)
    };
    assert_eq!(
        (
            image_id.name.as_str(),
            image_id.location,
            &image_id.ty,
            image_id.required
        ),
        ("image_id", ParamLocation::Path, &TypeRef::Uuid, true)
    );
    assert_eq!(image_id.description, "The UUID of the image.");
    assert!(e.auth.required && e.auth.basis == AuthBasis::Convention);
    let ok = &e.responses[0];
    let md5 = ok
        .headers
        .iter()
        .find(|h| h.name == "Content-MD5")
        .unwrap_or_else(|| panic!("no Content-MD5"));
    assert!(md5.description.contains("MD5 checksum"));
    assert!(ok
        .media_types
        .iter()
        .any(|m| m.as_str() == "application/octet-stream"));
    assert!(
        e.responses[1].headers.is_empty(),
        "the 204 carries no inferred header"
    );
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.code == "inferred-response-header"
            && d.severity == Severity::Info
            && d.line == 19));
    assert!(
        out.diagnostics
            .iter()
            .all(|d| d.severity == Severity::Info || d.code.starts_with("rst-")),
        "{:?}",
        out.diagnostics
    );
}

#[path = "corpus_openstack/os_api_ref.rs"]
mod os_api_ref;
