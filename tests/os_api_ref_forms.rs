//! Small os-api-ref doc sets of our own (`tests/fixtures/os-api-ref/`), one
//! per form the reader must accept: status codes in every written form,
//! route lines (argument on the next line, version lines, query strings,
//! method placeholders, a mangled method), actions told apart by body key,
//! and parameter version ranges. Each set gets an insta snapshot of what is
//! read; explicit checks pin the facts the snapshots would only show.

use restdoc::lint::{self, Options};
use restdoc::model::{Dispatch, Endpoint, HttpMethod, Param, ParamLocation, ResponseKind};
use restdoc::{read_api, ReadOutput, Severity};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/os-api-ref")
        .join(name)
}

/// Endpoints and diagnostics as pretty JSON, paths relative to the
/// fixtures folder.
fn snapshot_json(out: &ReadOutput) -> String {
    let value = serde_json::json!({
        "endpoints": out.api.endpoints,
        "diagnostics": out.diagnostics,
    });
    let json = serde_json::to_string_pretty(&value).unwrap_or_else(|e| panic!("serialise: {e}"));
    let base = restdoc::source::normalize(&fixture(""));
    json.replace(&format!("{}/", base.display()), "")
}

fn read(name: &str) -> ReadOutput {
    let out = read_api(&[fixture(name)]);
    insta::assert_snapshot!(name, snapshot_json(&out));
    out
}

fn by_method(out: &ReadOutput, m: HttpMethod, path: &str) -> Endpoint {
    out.api
        .endpoints
        .iter()
        .find(|e| e.method == m && e.path.to_string() == path)
        .cloned()
        .unwrap_or_else(|| panic!("no {m} {path}"))
}

/// (status, kind, reason) of every response.
fn codes(e: &Endpoint) -> Vec<(u16, ResponseKind, String)> {
    e.responses
        .iter()
        .map(|r| (r.status.as_u16(), r.kind, r.description.clone()))
        .collect()
}

fn diags_with(out: &ReadOutput, code: &str) -> Vec<(Severity, u32, String)> {
    out.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| (d.severity, d.line, d.message.to_string()))
        .collect()
}

#[test]
fn status_codes_in_every_form_keep_their_reasons() {
    use ResponseKind::{Error as E, Normal as N};
    let out = read("status-forms");
    assert_eq!(out.api.endpoints.len(), 6);
    let s = |x: &str| x.to_string();
    assert_eq!(
        codes(&by_method(&out, HttpMethod::Get, "/widgets")),
        [(200, N, s("")), (400, E, s("")), (401, E, s(""))]
    );
    assert_eq!(
        codes(&by_method(&out, HttpMethod::Delete, "/widgets/{widget_id}")),
        [
            (202, N, s("Accepted")),
            (204, N, s("the widget was already gone")),
            (400, E, s("badRequest")),
            (404, E, s("itemNotFound: if the widget does not exist")),
            (409, E, s("conflict")),
        ]
    );
    assert_eq!(
        codes(&by_method(&out, HttpMethod::Put, "/widgets/{widget_id}")),
        [
            (200, N, s("Repainted")),
            (400, E, s("Invalid colour")),
            (404, E, s("")),
        ]
    );
    assert_eq!(
        codes(&by_method(&out, HttpMethod::Post, "/widgets")),
        [
            (
                202,
                N,
                s("The request was taken and will be carried out later.")
            ),
            (
                400,
                E,
                s("The colour named in the request is not one the widget can take.")
            ),
            (404, E, s("No such widget.")),
        ]
    );
    assert_eq!(
        codes(&by_method(&out, HttpMethod::Head, "/widgets/{widget_id}")),
        [(204, N, s("")), (404, E, s("No widget by that id"))]
    );
    let patch = by_method(&out, HttpMethod::Patch, "/widgets/{widget_id}");
    assert_eq!(
        codes(&patch),
        [
            (200, N, s("")),
            (202, N, s("Queued")),
            (404, E, s("notHere"))
        ]
    );
    assert_eq!(
        patch.description, "Touches up a widget.",
        "codes are not prose"
    );
    // `2xx` and `teapot` are no codes and say nothing; `600` looks like one.
    let invalid = diags_with(&out, "response-code-invalid");
    assert_eq!(invalid.len(), 1, "{invalid:?}");
    assert!(invalid[0].2.contains("`600`"));
    assert_eq!(diags_with(&out, "status-reason-missing").len(), 1);
    assert!(!out.has_errors());
}

fn param<'e>(e: &'e Endpoint, name: &str) -> &'e Param {
    e.params
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{} {}: no parameter {name}", e.method, e.path))
}

#[test]
fn route_lines_as_os_api_ref_reads_them() {
    let out = read("route-lines");
    // Every rest_method is an endpoint, or an error at its line.
    assert_eq!(out.api.endpoints.len(), 7);
    let bad = diags_with(&out, "invalid-method");
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].0, Severity::Error);
    let show = by_method(&out, HttpMethod::Get, "/gadgets/{gadget_id}");
    assert_eq!(param(&show, "gadget_id").location, ParamLocation::Path);

    let patch = by_method(&out, HttpMethod::Patch, "/gadgets/{gadget_id}");
    let range = |e: &Endpoint| {
        (
            e.min_version.map(|v| v.to_string()),
            e.max_version.map(|v| v.to_string()),
        )
    };
    assert_eq!(range(&patch), (Some("1.4".into()), Some("1.19".into())));
    let delete = by_method(&out, HttpMethod::Delete, "/gadgets/{gadget_id}");
    assert_eq!(range(&delete), (Some("1.10".into()), None));
    let put = by_method(&out, HttpMethod::Put, "/gadgets/{gadget_id}");
    assert_eq!(range(&put), (None, None));
    assert_eq!(diags_with(&out, "version-invalid").len(), 1);
    assert_eq!(diags_with(&out, "rest-method-content-ignored").len(), 1);

    let list = by_method(&out, HttpMethod::Get, "/gadgets");
    let q = |name: &str| {
        let p = param(&list, name);
        assert_eq!(p.location, ParamLocation::Query, "{name}");
        (p.documented, p.required, p.fixed.clone(), p.example.clone())
    };
    assert_eq!(
        q("colour"),
        (true, false, None, None),
        "documented as colour_name"
    );
    assert_eq!(q("shelf"), (true, false, None, None));
    assert_eq!(q("verbose"), (true, false, None, Some("true".into())));
    assert_eq!(q("kind"), (false, true, Some("round".into()), None));
    assert_eq!(q("listing"), (false, true, Some("full".into()), None));
    assert_eq!(
        q("home"),
        (
            false,
            true,
            Some("https://gadgets.example.org".into()),
            None
        )
    );
    assert_eq!(
        param(&list, "shelf").ty,
        restdoc::model::TypeRef::Integer,
        "typed from the YAML"
    );
    assert_eq!(diags_with(&out, "route-query-string").len(), 6);
    assert!(diags_with(&out, "route-query-string")
        .iter()
        .all(|d| d.0 == Severity::Info));

    let parts = by_method(&out, HttpMethod::Get, "/gadgets/{gadget_id}/parts");
    assert!(
        param(&parts, "gadget_id").documented,
        "the repaired name meets the YAML"
    );
    assert_eq!(diags_with(&out, "path-param-name-repaired").len(), 1);

    let any = by_method(&out, HttpMethod::Any, "/gadgets/{gadget_id}/echo");
    assert_eq!(any.method.as_str(), "ANY");
    assert_eq!(diags_with(&out, "method-placeholder").len(), 1);
}

#[test]
fn actions_are_told_apart_by_body_key() {
    let out = read("actions");
    let keys: Vec<(String, Option<Dispatch>)> = out
        .api
        .endpoints
        .iter()
        .map(|e| (e.path.to_string(), e.dispatch.clone()))
        .collect();
    let key = |k: &str| Some(Dispatch::BodyKey(k.into()));
    let action = "/lamps/{lamp_id}/action".to_string();
    assert_eq!(
        keys,
        [
            ("/lamps".to_string(), None),
            (action.clone(), key("dim")),
            (action.clone(), key("glow")),
            (action.clone(), key("switch_off")),
            (action, key("glow")),
        ]
    );
    let linted = lint::lint(&[fixture("actions")], &Options::default());
    let collisions: Vec<u32> = linted
        .diagnostics
        .iter()
        .filter(|d| d.code == "route-collision")
        .map(|d| d.line)
        .collect();
    let last = out.api.endpoints[4].source.line;
    assert_eq!(collisions, [last], "only the repeated `glow` collides");
}

/// Actions of one route documented on two pages: one router serves the
/// route, so all of them land in one group (the page holding most), keep
/// their keys, and nothing collides.
#[test]
fn actions_on_several_pages_share_one_group() {
    let out = read("actions-across-pages");
    let got: Vec<(String, String, Option<Dispatch>)> = out
        .api
        .endpoints
        .iter()
        .map(|e| (e.id.clone(), e.group.clone(), e.dispatch.clone()))
        .collect();
    let row = |id: &str, key: &str| {
        (
            id.to_string(),
            "kettle-actions".to_string(),
            Some(Dispatch::BodyKey(key.into())),
        )
    };
    assert_eq!(
        got,
        [
            row("boil-the-water", "boil"),
            row("pour-a-cup", "pour"),
            row("descale-the-kettle", "descale"),
        ]
    );
    let info = diags_with(&out, "actions-grouped");
    assert_eq!(info.len(), 1, "{info:?}");
    assert_eq!(info[0].0, Severity::Info);
    assert!(info[0].2.contains("groups `kettle-care` too"), "{info:?}");
    let linted = lint::lint(&[fixture("actions-across-pages")], &Options::default());
    assert!(
        !linted
            .diagnostics
            .iter()
            .any(|d| d.code == "route-collision"),
        "{:?}",
        linted.diagnostics
    );
}

/// `.. literalinclude:: /samples/x.json` starts from the Sphinx source
/// folder (the one holding `conf.py`), not from the page's folder; a file
/// not there is reported with the path tried.
#[test]
fn absolute_sample_names_start_from_the_source_folder() {
    let out = read("source-root");
    let show = by_method(&out, HttpMethod::Get, "/bells/{bell_id}");
    assert_eq!(show.examples.len(), 1, "{:?}", out.diagnostics);
    let file = show.examples[0].file.as_deref().unwrap_or("");
    assert!(
        file.ends_with("source-root/samples/bell-show-response.json"),
        "{file}"
    );
    assert!(
        matches!(&show.examples[0].body, restdoc::model::ExampleBody::Json(v) if v["bell"]["tone"] == "low")
    );
    let missing = diags_with(&out, "example-missing");
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(
        missing[0]
            .2
            .contains("source-root/samples/bell-ring-response.json"),
        "{missing:?}"
    );
}

#[test]
fn parameter_version_ranges_come_from_the_yaml() {
    let out = read("versions");
    let [e] = out.api.endpoints.as_slice() else {
        panic!("one endpoint, got {}", out.api.endpoints.len())
    };
    assert_eq!(e.min_version.map(|v| v.to_string()).as_deref(), Some("2.1"));
    let body = e.request_body.as_ref().unwrap_or_else(|| panic!("a body"));
    let ranges: Vec<(&str, Option<String>, Option<String>)> = body
        .fields
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.min_version.map(|v| v.to_string()),
                p.max_version.map(|v| v.to_string()),
            )
        })
        .collect();
    assert_eq!(
        ranges,
        [
            ("capacity", Some("2.3".into()), None),
            ("handle", None, Some("2.9".into())),
            ("lid", Some("2.10".into()), None),
        ]
    );
    let bad = diags_with(&out, "version-invalid");
    assert_eq!(bad.len(), 1, "`max_version: latest` is reported");
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.code == "version-invalid" && d.file.ends_with("parameters.yaml")));
}

/// os-api-ref's own warnings: a stanza line that is not `name: reference`,
/// a parameters file that is not there, and one that is there but empty,
/// each reported as what it is.
#[test]
fn stanza_problems_are_told_apart() {
    let out = read("stanzas");
    let [e] = out.api.endpoints.as_slice() else {
        panic!("one endpoint, got {}", out.api.endpoints.len())
    };
    let line = |code: &str| -> Vec<u32> { diags_with(&out, code).iter().map(|d| d.1).collect() };
    let text =
        std::fs::read_to_string(fixture("stanzas/crates.inc")).unwrap_or_else(|e| panic!("{e}"));
    let line_of = |needle: &str| -> Vec<u32> {
        let i = text.lines().position(|l| l.ends_with(needle));
        vec![i.map_or(0, |i| i as u32 + 1)]
    };
    assert_eq!(line("rest-parameters-malformed-line"), line_of("- label"));
    assert_eq!(
        line("yaml-key-missing"),
        Vec::<u32>::new(),
        "not a missing key"
    );
    assert_eq!(line("yaml-file-empty"), line_of("empty.yaml"));
    assert_eq!(line("yaml-file-missing"), line_of("no-such-file.yaml"));
    let body = e.request_body.as_ref().unwrap_or_else(|| panic!("a body"));
    let names: Vec<&str> = body.fields.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["label", "os-crate-ext:weight"],
        "well-formed lines are read; a name and a reference may hold `:`"
    );
}

/// An overview page of an os-api-ref doc set showing an example call in a
/// code block is prose, not a wadl2rst endpoint.
#[test]
fn example_calls_on_overview_pages_are_prose() {
    let out = read("overview");
    let read: Vec<String> = out
        .api
        .endpoints
        .iter()
        .map(|e| format!("{} {} {}", e.dialect, e.method, e.path))
        .collect();
    assert_eq!(read, ["os_api_ref GET /v1/kettles"]);
    let prose = diags_with(&out, "example-call-is-prose");
    assert_eq!(prose.len(), 1);
    assert_eq!(prose[0].0, Severity::Info);
    // Read alone, the same page is a wadl2rst endpoint: the doc set decides.
    let alone = read_api(&[fixture("overview/usage.rst")]);
    assert_eq!(alone.api.endpoints.len(), 1);
}

/// `.. versionadded:: X.Y` in an endpoint's description is its
/// `min_version` when the route line states none (Manila's way); a route
/// line's own bound wins, with a warning; a release number, a
/// `versionchanged` and a note inside the Request part set nothing.
#[test]
fn versionadded_in_the_description_is_the_first_microversion() {
    let out = read("versionadded");
    let got: Vec<(String, Option<String>)> = out
        .api
        .endpoints
        .iter()
        .map(|e| (e.title.clone(), e.min_version.map(|v| v.to_string())))
        .collect();
    assert_eq!(
        got,
        [
            ("List lanterns".to_string(), Some("2.11".to_string())),
            ("Light a lantern".to_string(), Some("2.5".to_string())),
            ("Trim a lantern".to_string(), None),
            ("Dim a lantern".to_string(), None),
            ("Hang a lantern".to_string(), None),
        ]
    );
    let inferred = diags_with(&out, "inferred-min-version");
    assert_eq!(inferred.len(), 1, "{inferred:?}");
    assert_eq!(inferred[0].1, 12);
    let conflict = diags_with(&out, "min-version-conflict");
    assert_eq!(conflict.len(), 1, "{conflict:?}");
    assert_eq!((conflict[0].0, conflict[0].1), (Severity::Warning, 26));
}

#[test]
fn response_parameters_go_to_success_codes_or_are_named() {
    let out = read("response-params");
    // A 2xx listed as an error is a success, and gets the documented headers.
    let check = by_method(&out, HttpMethod::Head, "/v1/lanterns/{lantern_id}");
    let kinds: Vec<(u16, ResponseKind)> = codes(&check).iter().map(|c| (c.0, c.1)).collect();
    assert_eq!(
        kinds,
        [(204, ResponseKind::Normal), (404, ResponseKind::Error)]
    );
    let headers: Vec<&str> = check.responses[0]
        .headers
        .iter()
        .map(|h| h.name.as_str())
        .collect();
    assert_eq!(headers, ["X-Lantern-Glow", "X-Request-Id"]);
    let kind = diags_with(&out, "response-code-kind");
    assert_eq!(kind.len(), 1, "{kind:?}");
    assert_eq!(kind[0].0, Severity::Warning);
    assert!(kind[0].2.contains("status 204"), "{kind:?}");

    // No success code, or none with a body: what cannot be attached is
    // named at the endpoint, with how many parameters it drops.
    let unattached = diags_with(&out, "response-params-unattached");
    let lines: Vec<(u32, &str)> = unattached
        .iter()
        .map(|(_, l, m)| (*l, m.as_str()))
        .collect();
    assert_eq!(lines.len(), 2, "{unattached:?}");
    assert!(
        lines[0].1.contains("POST /v1/lanterns/{lantern_id}/trim")
            && lines[0].1.contains("documents 2 response"),
        "{lines:?}"
    );
    assert!(
        lines[1].1.contains("DELETE /v1/lanterns/{lantern_id}")
            && lines[1].1.contains("documents 1 response"),
        "{lines:?}"
    );
    let snuff = by_method(&out, HttpMethod::Delete, "/v1/lanterns/{lantern_id}");
    assert_eq!(snuff.responses[0].headers.len(), 1);
    assert!(snuff.responses[0].fields.is_empty());
}

#[test]
fn a_name_listed_twice_keeps_its_first_definition() {
    let out = read("response-params");
    let show = by_method(&out, HttpMethod::Get, "/v1/lanterns/{lantern_id}");
    let fields: Vec<(&str, &str)> = show.responses[0]
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.description.trim()))
        .collect();
    assert_eq!(
        fields,
        [
            ("lantern", "One lantern."),
            ("name", "The lantern's name."),
            ("glow", "How the lantern glows, in a word."),
            ("glow", "How the lantern glows, in lumens."),
        ]
    );
    let dup = diags_with(&out, "param-duplicate");
    assert_eq!(dup.len(), 1, "{dup:?}");
    let wick_line = std::fs::read_to_string(fixture("response-params/lanterns.inc"))
        .unwrap_or_else(|e| panic!("{e}"))
        .lines()
        .position(|l| l.trim() == "- name: wick_name")
        .map(|i| i as u32 + 1);
    assert_eq!(Some(dup[0].1), wick_line, "{dup:?}");
    assert!(dup[0].2.contains("first at line"), "{dup:?}");
}
