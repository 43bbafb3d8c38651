//! The whole UForge 3.8 corpus read through the full pipeline and checked
//! against the service's own `application.wadl` (its ground truth) and
//! against facts computed here, independently, from the raw page text.

use restdoc::model::{Api, Endpoint, ParamLocation, TypeRef};
use restdoc::{read_api, ReadOutput, Severity};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/uforge-3.8"
);

/// The corpus, read once for all tests.
fn corpus() -> &'static ReadOutput {
    static OUT: OnceLock<ReadOutput> = OnceLock::new();
    OUT.get_or_init(|| read_api(&[CORPUS]))
}

/// A file's stem: the page's operation id.
fn stem(file: &str) -> String {
    Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// One WADL method.
#[derive(Debug, Clone)]
struct WadlMethod {
    method: String,
    path: String,
    auth: Option<bool>,
    query: Vec<String>,
}

/// Every WADL method by id. Resources nest: a method's path is its
/// ancestors' `path` attributes joined by single `/`; its query parameters
/// are its request's `style="query"` params plus those of its resources.
fn wadl() -> &'static BTreeMap<String, Vec<WadlMethod>> {
    static WADL: OnceLock<BTreeMap<String, Vec<WadlMethod>>> = OnceLock::new();
    WADL.get_or_init(|| {
        let file = format!("{CORPUS}/application.wadl");
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut out: BTreeMap<String, Vec<WadlMethod>> = BTreeMap::new();
        for resources in doc.descendants().filter(|n| n.has_tag_name("resources")) {
            walk_resources(resources, &[], &[], &mut out);
        }
        out
    })
}

fn query_params(node: roxmltree::Node) -> Vec<String> {
    node.children()
        .filter(|c| c.has_tag_name("param") && c.attribute("style") == Some("query"))
        .filter_map(|c| c.attribute("name").map(str::to_string))
        .collect()
}

fn walk_resources(
    node: roxmltree::Node,
    segments: &[String],
    inherited_query: &[String],
    out: &mut BTreeMap<String, Vec<WadlMethod>>,
) {
    for r in node.children().filter(|c| c.has_tag_name("resource")) {
        let mut segs = segments.to_vec();
        segs.extend(
            r.attribute("path")
                .unwrap_or("")
                .split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
        let mut query = inherited_query.to_vec();
        query.extend(query_params(r));
        for m in r.children().filter(|c| c.has_tag_name("method")) {
            let mut q = query.clone();
            for req in m.children().filter(|c| c.has_tag_name("request")) {
                q.extend(query_params(req));
            }
            let id = m.attribute("id").unwrap_or("").to_string();
            out.entry(id).or_default().push(WadlMethod {
                method: m.attribute("name").unwrap_or("").to_string(),
                path: format!("/{}", segs.join("/")),
                auth: m.attribute("auth").map(|a| a == "true"),
                query: q,
            });
        }
        walk_resources(r, &segs, &query, out);
    }
}

/// Every `.rst` page of the corpus: (file stem, text).
fn pages() -> &'static Vec<(String, String)> {
    static PAGES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let mut out = Vec::new();
        for entry in walkdir::WalkDir::new(CORPUS).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            let path = entry.path();
            if entry.file_type().is_file() && path.extension().is_some_and(|x| x == "rst") {
                if let Ok(text) = std::fs::read_to_string(path) {
                    out.push((stem(&path.to_string_lossy()), text));
                }
            }
        }
        out
    })
}

/// The argument of a page's `.. function::` line, if it has one.
fn function_line(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|l| l.strip_prefix(".. function::"))
        .map(str::trim)
}

/// The names inside `{...}` of a path, pattern after ` : ` dropped.
fn braces(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        out.push(inner.split(':').next().unwrap_or("").trim().to_string());
        rest = &rest[open + close + 1..];
    }
    out
}

/// The ``name`` items under "URI Parameters" (up to the next section), with
/// whether each says `(optional)`.
fn uri_items(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line == "URI Parameters" {
            inside = true;
            continue;
        }
        if line == "HTTP Request Body Parameters" {
            break;
        }
        let Some(item) = line.trim_start().strip_prefix("* ``") else {
            continue;
        };
        if !inside {
            continue;
        }
        if let Some(end) = item.find("``") {
            out.push((item[..end].to_string(), item.contains("(optional)")));
        }
    }
    out
}

fn endpoints() -> &'static [Endpoint] {
    &corpus().api.endpoints
}

/// Stems of the files that got a diagnostic with `code`.
fn pages_with(code: &str) -> BTreeSet<String> {
    corpus()
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| stem(&d.file))
        .collect()
}

/// The four `projectLogo_*` ids are declared twice in the WADL: once under
/// `/orgs/{oid}/projects/{pid}/logo/...` (what the pages document) and once
/// under `/orgs/{oid}/companies/{cid}/logos/...`, a second resource whose
/// methods reuse the same ids and has no page of its own.
const PROJECT_LOGO: [&str; 4] = [
    "projectLogo_delete",
    "projectLogo_download",
    "projectLogo_downloadFile",
    "projectLogo_upload",
];

#[test]
fn counts_and_no_errors() {
    let out = corpus();
    let mut by_code: BTreeMap<(Severity, &str), usize> = BTreeMap::new();
    for d in &out.diagnostics {
        *by_code.entry((d.severity, d.code.as_ref())).or_default() += 1;
    }
    eprintln!(
        "uforge: {} pages, {} endpoints, {} objects",
        out.pages,
        out.api.endpoints.len(),
        out.api.objects.len()
    );
    for ((sev, code), n) in &by_code {
        eprintln!("  {sev:7} {code:32} {n}");
    }
    assert_eq!(out.api.endpoints.len(), 518);
    assert_eq!(out.api.objects.len(), 220);
    let errors: Vec<String> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && !d.code.starts_with("rst-"))
        .filter(|d| !d.code.starts_with("dangling") && d.code != "unreadable")
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "dialect errors:\n{}", errors.join("\n"));
    let ids: BTreeSet<&str> = out.api.endpoints.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 518, "ids are unique page titles");
    for e in &out.api.endpoints {
        assert_eq!(e.id, stem(&e.source.file), "the title is the file stem");
    }
}

#[test]
fn method_and_path_match_the_wadl() {
    let wadl = wadl();
    let mut differ = BTreeSet::new();
    for e in endpoints() {
        let methods = wadl
            .get(&e.id)
            .unwrap_or_else(|| panic!("{}: no WADL method with this id", e.id));
        let path = e.path.to_string();
        let first = &methods[0];
        assert_eq!(first.method, e.method.as_str(), "{}", e.id);
        assert_eq!(first.path, path, "{}", e.id);
        if PROJECT_LOGO.contains(&e.id.as_str()) {
            let last = methods.last().unwrap_or(first);
            assert_eq!(methods.len(), 2, "{}", e.id);
            assert!(last
                .path
                .starts_with("/orgs/{oid}/companies/{cid}/logos/{sclogoid}"));
            assert_eq!(last.method, e.method.as_str(), "{}", e.id);
            if last.path != path {
                differ.insert(e.id.clone());
            }
        } else {
            assert_eq!(methods.len(), 1, "{}: id declared once", e.id);
        }
    }
    assert_eq!(differ, PROJECT_LOGO.iter().map(|s| s.to_string()).collect());
    // Every WADL id with more than one method is one of those four.
    let repeated: BTreeSet<&str> = wadl
        .iter()
        .filter(|(_, m)| m.len() > 1)
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(repeated, PROJECT_LOGO.iter().copied().collect());
}

#[test]
fn path_params_and_auth_match() {
    let wadl = wadl();
    for e in endpoints() {
        let path_params: Vec<&str> = e
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(path_params, e.path.param_names(), "{}", e.id);
        assert!(e
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
            .all(|p| p.required));
        let w = wadl.get(&e.id).and_then(|m| m.first());
        let auth = w.and_then(|w| w.auth);
        assert_eq!(auth, Some(e.auth.required), "{}: auth", e.id);
        assert_eq!(
            e.auth.basis,
            restdoc::model::AuthBasis::Documented,
            "{}",
            e.id
        );
    }
}

#[test]
fn download_id_is_an_optional_query_parameter() {
    let stated: BTreeSet<String> = pages()
        .iter()
        .filter(|(_, t)| {
            t.lines()
                .any(|l| l.contains("``downloadId``") && l.contains("query parameter"))
        })
        .map(|(s, _)| s.clone())
        .collect();
    let read: BTreeSet<String> = endpoints()
        .iter()
        .filter(|e| {
            e.params.iter().any(|p| {
                p.name == "downloadId" && p.location == ParamLocation::Query && !p.required
            })
        })
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(read, stated);
    assert_eq!(read.len(), 14);
    // The token lets the call through without credentials; two of these
    // pages (and the WADL) still say `Requires Authentication: true`.
    let mut authenticated = BTreeSet::new();
    for e in endpoints().iter().filter(|e| read.contains(&e.id)) {
        assert_eq!(
            e.auth.one_time_token.as_deref(),
            Some("downloadId"),
            "{}",
            e.id
        );
        if e.auth.required {
            authenticated.insert(e.id.as_str());
        }
    }
    assert_eq!(
        authenticated,
        BTreeSet::from(["cloudAccountCert_download", "projectArtifact_download"])
    );
    // The WADL agrees on 13 of them. For machineImagePublished_download it
    // names the query parameter `id`, while the page (like every other
    // download page) says `downloadId`.
    let in_wadl: BTreeSet<String> = wadl()
        .iter()
        .filter(|(_, ms)| ms.iter().any(|m| m.query.iter().any(|q| q == "downloadId")))
        .map(|(id, _)| id.clone())
        .collect();
    let only_pages: Vec<&String> = stated.difference(&in_wadl).collect();
    let only_wadl: Vec<&String> = in_wadl.difference(&stated).collect();
    assert_eq!(only_pages, ["machineImagePublished_download"]);
    assert!(only_wadl.is_empty(), "{only_wadl:?}");
    let published = wadl()
        .get("machineImagePublished_download")
        .and_then(|m| m.first());
    assert_eq!(
        published.map(|m| m.query.clone()),
        Some(vec!["id".to_string()])
    );
}

#[test]
fn other_prose_query_parameters_are_inferred() {
    let params = |id: &str| -> Vec<String> {
        endpoints()
            .iter()
            .find(|e| e.id == id)
            .map(|e| {
                e.params
                    .iter()
                    .filter(|p| p.location == ParamLocation::Query)
                    .map(|p| p.name.clone())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(params("orgOS_getAll"), ["name", "version", "arch"]);
    assert_eq!(
        params("applianceBootScript_deleteAll"),
        ["name", "id", "type"]
    );
    assert_eq!(
        params("scanInstance_getAll"),
        ["name", "ids", "index", "max", "orderBy", "asc"]
    );
    assert_eq!(params("project_delete"), ["erase"]);
    assert_eq!(params("appliance_delete"), ["force"]);
    assert_eq!(params("userMachineImage_getAll"), ["img"]);
    assert_eq!(params("sshKey_getAll"), ["name"]);
    assert_eq!(params("scanPackageBinary_getAll"), ["downloadToken"]);
    // Mentions that name no parameter are reported, not guessed.
    let unnamed = pages_with("query-param-unnamed");
    for id in [
        "user_getAll",
        "os_create",
        "workspaceMember_deleteList",
        "scanFile_getAll",
    ] {
        assert!(unnamed.contains(id), "{id}: {unnamed:?}");
    }
    // Every inferred parameter is named in an info on its page.
    let inferred = corpus()
        .diagnostics
        .iter()
        .filter(|d| d.code == "inferred-query-param")
        .count();
    let query: usize = endpoints()
        .iter()
        .map(|e| {
            e.params
                .iter()
                .filter(|p| p.location == ParamLocation::Query)
                .count()
        })
        .sum();
    assert_eq!(inferred, query);
}

#[test]
fn uri_parameter_disagreements_are_warned_on_exactly_the_right_pages() {
    let mut expected = BTreeSet::new();
    for (stem, text) in pages() {
        let Some(function) = function_line(text) else {
            continue;
        };
        let in_path = braces(function);
        let items = uri_items(text);
        let documented: BTreeSet<&str> = items.iter().map(|(n, _)| n.as_str()).collect();
        let path_set: BTreeSet<&str> = in_path.iter().map(String::as_str).collect();
        let optional = items
            .iter()
            .any(|(n, opt)| *opt && path_set.contains(n.as_str()));
        if documented != path_set || optional {
            expected.insert(stem.clone());
        }
    }
    assert_eq!(expected.len(), 45, "the corpus README says 45");
    let mut warned = pages_with("path-param-undocumented");
    warned.extend(pages_with("path-param-not-in-path"));
    warned.extend(pages_with("path-param-optional"));
    assert_eq!(warned, expected);
    assert_eq!(
        pages_with("path-param-optional"),
        BTreeSet::from(["mySoftwareArtifact_addChild".to_string()])
    );
    assert_eq!(
        pages_with("path-param-not-in-path"),
        BTreeSet::from([
            "applianceOSProfileServices_get".to_string(),
            "applianceOSProfileServices_getAll".to_string()
        ])
    );
}

#[test]
fn path_repairs_are_warned() {
    let mut leading = BTreeSet::new();
    let mut double = BTreeSet::new();
    let mut trailing = BTreeSet::new();
    for (stem, text) in pages() {
        let Some(function) = function_line(text) else {
            continue;
        };
        let path = function.split_once(' ').map_or("", |(_, p)| p.trim());
        if !path.starts_with('/') {
            leading.insert(stem.clone());
        }
        if path.contains("//") {
            double.insert(stem.clone());
        }
        if path.len() > 1 && path.ends_with('/') {
            trailing.insert(stem.clone());
        }
    }
    assert_eq!((leading.len(), double.len(), trailing.len()), (42, 2, 1));
    assert_eq!(pages_with("path-missing-leading-slash"), leading);
    assert_eq!(pages_with("path-double-slash"), double);
    assert_eq!(pages_with("path-trailing-slash"), trailing);
}

/// Eight pages run a section title into the paragraph above it (no blank
/// line between): docutils reads it as paragraph text; the dialect still
/// reads the section, and warns.
#[test]
fn section_titles_run_into_a_paragraph_are_warned() {
    let titles = [
        "Security Summary",
        "URI Parameters",
        "HTTP Request Body Parameters",
        "Example Request",
    ];
    let mut expected = BTreeSet::new();
    for (stem, text) in pages() {
        let lines: Vec<&str> = text.lines().collect();
        let run_in = lines
            .windows(3)
            .any(|w| !w[0].trim().is_empty() && titles.contains(&w[1]) && w[2].starts_with("~~~"));
        if run_in {
            expected.insert(stem.clone());
        }
    }
    assert_eq!(expected.len(), 8);
    assert_eq!(pages_with("section-title-in-paragraph"), expected);
    let user_create = endpoints().iter().find(|e| e.id == "user_create");
    let body = user_create.and_then(|e| e.request_body.as_ref());
    assert_eq!(
        body.and_then(|b| b.object.clone()),
        Some(TypeRef::Object("user-object".into()))
    );
}

/// Every object type an attribute or a request body names is an object of
/// the corpus (Sphinx resolves all of UForge's `:ref:`s case-insensitively).
#[test]
fn objects_and_their_references_resolve() {
    let api: &Api = &corpus().api;
    let labels: BTreeSet<&str> = api.objects.iter().map(|o| o.label.as_str()).collect();
    assert_eq!(labels.len(), 220, "labels are unique");
    fn object_of(t: &TypeRef) -> Option<&str> {
        match t {
            TypeRef::Object(l) => Some(l),
            TypeRef::List(inner) => object_of(inner),
            _ => None,
        }
    }
    for o in &api.objects {
        assert!(o.label.ends_with("-object"), "{}", o.label);
        for f in &o.fields {
            if let Some(l) = object_of(&f.ty) {
                assert!(labels.contains(l), "{}.{}: {l}", o.name, f.name);
            }
        }
    }
    for e in &api.endpoints {
        if let Some(l) = e
            .request_body
            .as_ref()
            .and_then(|b| b.object.as_ref())
            .and_then(object_of)
        {
            assert!(labels.contains(l), "{}: {l}", e.id);
        }
    }
    let bodies = api
        .endpoints
        .iter()
        .filter(|e| e.request_body.is_some())
        .count();
    assert_eq!(bodies, 160, "136 object bodies and 24 file uploads");
    let empty: BTreeSet<String> = pages_with("object-no-attributes");
    assert_eq!(
        empty,
        BTreeSet::from(["UriList".to_string(), "UserStats".to_string()])
    );
    let appliance = api.objects.iter().find(|o| o.label == "appliance-object");
    let appliance = appliance.unwrap_or_else(|| panic!("no appliance-object"));
    let ty = |n: &str| {
        appliance
            .fields
            .iter()
            .find(|f| f.name == n)
            .map(|f| f.ty.clone())
    };
    assert_eq!(ty("uuid"), Some(TypeRef::String));
    assert_eq!(ty("installedSize"), Some(TypeRef::Long));
    assert_eq!(
        ty("bootScriptUris"),
        Some(TypeRef::Object("urilist-object".into()))
    );
    assert_eq!(
        ty("projects"),
        Some(TypeRef::List(Box::new(TypeRef::Object(
            "project-object".into()
        ))))
    );
}
