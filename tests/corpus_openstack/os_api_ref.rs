//! glance's os-api-ref sources: one endpoint per `rest_method`, checked
//! against the raw `.inc` texts, and YAML problems reported at their lines.

use super::*;

// ------------------------------------------------------------- os-api-ref

/// One `rest_method` as the raw `.inc` text has it, with the status codes
/// the text states after it (up to the next `rest_method`), scanned with
/// regexes of this test, not with the reader: label lines (`Normal
/// response codes: 200, 204`, any case, `name(409)` items, codes continued
/// on the next lines, a bare label over a `- 400` list) and
/// `.. rest_status_code::` lists.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct RestMethod {
    file: String,
    line: u32,
    method: String,
    path: String,
    path_params: Vec<String>,
    normal: BTreeSet<u16>,
    error: BTreeSet<u16>,
    min_version: Option<String>,
    max_version: Option<String>,
}

struct Scan {
    marker: regex::Regex,
    version: regex::Regex,
    label: regex::Regex,
    item_code: regex::Regex,
    status_directive: regex::Regex,
    list_code: regex::Regex,
    param: regex::Regex,
}

impl Scan {
    fn new() -> Self {
        let re = |r: &str| regex::Regex::new(r).unwrap_or_else(|e| panic!("{r}: {e}"));
        Scan {
            marker: re(r"^\s*\.\. rest_method::\s*(.*)$"),
            version: re(r"^\s*(min_version|max_version):\s*(\S+)\s*$"),
            label: re(r"(?i)^\s*(normal|error|success)\s+(?:response\s+)?codes?\s*:(.*)$"),
            item_code: re(r"(?:^|,)\s*(?:[A-Za-z_]+\s*\(\s*)?(\d{3})\b"),
            status_directive: re(r"^\s*\.\. rest_status_code::\s+(success|error)\b"),
            // `- 400` items: indented under a directive or a label, or at
            // column 0 under a bare label.
            list_code: re(r"^\s*-\s+(\d{3})\b"),
            param: re(r"\{([^}]*)\}"),
        }
    }
}

/// The path as the model spells it: `//` collapsed, a trailing `/`
/// dropped, a leading `/` added, a dash in a parameter name (`{project-id}`)
/// read as `_` (the reader repairs it with a warning).
fn normal_path(raw: &str) -> String {
    let mut p = String::with_capacity(raw.len());
    let mut in_brace = false;
    for c in raw.chars() {
        in_brace = (in_brace || c == '{') && c != '}';
        p.push(if in_brace && c == '-' { '_' } else { c });
    }
    while p.contains("//") {
        p = p.replace("//", "/");
    }
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    if p.len() > 1 && p.ends_with('/') {
        p.pop();
    }
    p
}

fn scan_inc(file: &Path) -> Vec<RestMethod> {
    let re = Scan::new();
    let text = read_text(file);
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<RestMethod> = Vec::new();
    // (kind is normal, inside a label's run / directive list)
    let mut open: Option<(bool, bool)> = None;
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if let Some(c) = re.marker.captures(l) {
            let mut arg = c[1].trim().to_string();
            let mut j = i + 1;
            if arg.is_empty() {
                while j < lines.len() && lines[j].trim().is_empty() {
                    j += 1;
                }
                arg = lines.get(j).map_or("", |l| l.trim()).to_string();
                j += 1;
            }
            let (mut min_version, mut max_version) = (None, None);
            // The directive's indented block: version lines.
            while j < lines.len() && (lines[j].trim().is_empty() || lines[j].starts_with(' ')) {
                if let Some(v) = re.version.captures(lines[j]) {
                    if &v[1] == "min_version" {
                        min_version = Some(v[2].to_string());
                    } else {
                        max_version = Some(v[2].to_string());
                    }
                }
                if lines[j].trim().is_empty()
                    && lines.get(j + 1).is_some_and(|n| !n.starts_with(' '))
                {
                    break;
                }
                j += 1;
            }
            let mut words = arg.split_whitespace();
            let method = words.next().unwrap_or("").to_string();
            let url = words.next().unwrap_or("");
            let path = normal_path(url.split('?').next().unwrap_or(""));
            let path_params = re
                .param
                .captures_iter(&path)
                .map(|c| c[1].split(':').next().unwrap_or("").trim().to_string())
                .collect();
            out.push(RestMethod {
                file: key(&file.to_string_lossy()),
                line: u32::try_from(i + 1).unwrap_or(0),
                method,
                path,
                path_params,
                normal: BTreeSet::new(),
                error: BTreeSet::new(),
                min_version,
                max_version,
            });
            open = None;
            i += 1;
            continue;
        }
        let Some(current) = out.last_mut() else {
            i += 1;
            continue;
        };
        // A code stated as both keeps the kind it was first stated with
        // (the model's rule; the reader warns about the conflict).
        let mut add = |normal: bool, code: u16| {
            if current.normal.contains(&code) || current.error.contains(&code) {
                return;
            }
            if normal {
                current.normal.insert(code);
            } else {
                current.error.insert(code);
            }
        };
        if let Some(c) = re.label.captures(l) {
            let normal = !c[1].eq_ignore_ascii_case("error");
            // The label's run: this line and the following non-blank ones.
            let mut run = c[2].to_string();
            while lines
                .get(i + 1)
                .is_some_and(|n| !n.trim().is_empty() && !re.label.is_match(n))
            {
                i += 1;
                run.push(' ');
                run.push_str(lines[i].trim());
            }
            for code in re.item_code.captures_iter(&run) {
                add(normal, code[1].parse().unwrap_or(0));
            }
            // A bare label: its codes are the list below.
            open = run.trim().is_empty().then_some((normal, true));
        } else if let Some(c) = re.status_directive.captures(l) {
            open = Some((&c[1] == "success", false));
        } else if let Some((normal, _)) = open {
            if let Some(c) = re.list_code.captures(l) {
                add(normal, c[1].parse().unwrap_or(0));
            } else if !l.trim().is_empty() {
                open = None;
            }
        }
        i += 1;
    }
    out
}

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
        .map(|d| d.message.as_str())
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

/// `min_version` / `max_version` of every YAML entry a `rest_parameters`
/// item names, keyed by (page key, item line): read with yaml-rust2 and a
/// line scan, not with the reader.
fn scanned_param_versions(dir: &Path) -> BTreeMap<(String, u32), (Option<String>, Option<String>)> {
    use yaml_rust2::{Yaml, YamlLoader};
    let directive =
        regex::Regex::new(r"^\s*\.\. rest_parameters::\s*(\S+)").unwrap_or_else(|e| panic!("{e}"));
    let item = regex::Regex::new(r"^\s+-\s+[^:]+:\s*(\S+)\s*$").unwrap_or_else(|e| panic!("{e}"));
    let mut yamls: BTreeMap<PathBuf, Yaml> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for file in files_with_ext(dir, "inc") {
        let text = read_text(&file);
        let mut current: Option<PathBuf> = None;
        for (i, l) in text.lines().enumerate() {
            if let Some(c) = directive.captures(l) {
                current = file.parent().map(|d| d.join(&c[1]));
                continue;
            }
            if !l.starts_with(' ') && !l.trim().is_empty() {
                current = None;
            }
            let (Some(yaml), Some(c)) = (&current, item.captures(l)) else {
                continue;
            };
            let doc = yamls.entry(yaml.clone()).or_insert_with(|| {
                let t = std::fs::read_to_string(yaml).unwrap_or_default();
                YamlLoader::load_from_str(&t)
                    .ok()
                    .and_then(|d| d.into_iter().next())
                    .unwrap_or(Yaml::Null)
            });
            let entry = &doc[&c[1]];
            let v = |k: &str| match &entry[k] {
                Yaml::Real(s) | Yaml::String(s) => Some(s.clone()),
                Yaml::Integer(n) => Some(n.to_string()),
                _ => None,
            };
            let valid =
                |x: Option<String>| x.filter(|s| s.parse::<restdoc::model::ApiVersion>().is_ok());
            out.insert(
                (
                    key(&file.to_string_lossy()),
                    u32::try_from(i + 1).unwrap_or(0),
                ),
                (valid(v("min_version")), valid(v("max_version"))),
            );
        }
    }
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
