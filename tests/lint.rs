//! `restdoc lint`: the UForge URI-parameter disagreements (45 pages, each
//! once, at the right lines, computed here independently from the page
//! text), the checks lint adds on hand-made pages, the WADL cross-check,
//! and the command's formats and exit codes.

use restdoc::lint::{self, render, Options};
use restdoc::{Diagnostic, Severity};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const UFORGE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/uforge-3.8"
);

/// The codes of a URI-parameter list that disagrees with the path.
const URI_CODES: [&str; 3] = [
    "path-param-undocumented",
    "path-param-not-in-path",
    "path-param-optional",
];

fn stem(file: &str) -> String {
    Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The pages whose ``name`` items under "URI Parameters" differ from the
/// `{...}` of their `.. function::` path, or call a path parameter optional.
fn expected_uri_pages() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for entry in walkdir::WalkDir::new(UFORGE).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "rst") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Some(function) = text.lines().find_map(|l| l.strip_prefix(".. function::")) else {
            continue;
        };
        let mut in_path = BTreeSet::new();
        let mut rest = function;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let inner = &rest[open + 1..open + close];
            in_path.insert(inner.split(':').next().unwrap_or("").trim().to_string());
            rest = &rest[open + close + 1..];
        }
        let mut documented = BTreeSet::new();
        let mut optional = false;
        let mut inside = false;
        for line in text.lines() {
            if line == "URI Parameters" {
                inside = true;
            } else if line == "HTTP Request Body Parameters" {
                break;
            } else if let Some(item) = line.trim_start().strip_prefix("* ``").filter(|_| inside) {
                if let Some(end) = item.find("``") {
                    let name = item[..end].to_string();
                    optional |= item.contains("(optional)") && in_path.contains(&name);
                    documented.insert(name);
                }
            }
        }
        if documented != in_path || optional {
            out.insert(stem(&path.to_string_lossy()));
        }
    }
    out
}

fn uforge() -> &'static lint::LintOutput {
    static OUT: std::sync::OnceLock<lint::LintOutput> = std::sync::OnceLock::new();
    OUT.get_or_init(|| lint::lint(&[UFORGE], &Options::default()))
}

fn uri_findings(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags
        .iter()
        .filter(|d| URI_CODES.contains(&d.code.as_ref()))
        .collect()
}

#[test]
fn uforge_uri_parameter_disagreements_are_the_45_pages() {
    let out = uforge();
    let found = uri_findings(&out.diagnostics);
    let pages: BTreeSet<String> = found.iter().map(|d| stem(&d.file)).collect();
    let expected = expected_uri_pages();
    assert_eq!(expected.len(), 45, "the corpus README says 45");
    assert_eq!(pages, expected);
    for d in &found {
        assert_eq!(d.severity, Severity::Warning, "{d}");
    }
}

#[test]
fn uforge_uri_findings_point_at_the_parameter_or_its_list() {
    let out = uforge();
    for d in uri_findings(&out.diagnostics) {
        let text = std::fs::read_to_string(&*d.file).expect("page");
        let line = text.lines().nth(d.line as usize - 1).expect("line exists");
        let name = d
            .message
            .split('`')
            .nth(1)
            .expect("message names the parameter");
        match d.code.as_ref() {
            // the parameter is missing: the list that should hold it
            "path-param-undocumented" => assert_eq!(line, "URI Parameters", "{d}"),
            // the item itself
            _ => assert!(line.contains(&format!("``{name}``")), "{d}: {line}"),
        }
    }
}

#[test]
fn each_uforge_page_is_reported_once() {
    let out = uforge();
    let shown: Vec<Diagnostic> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .cloned()
        .collect();
    let mut sources = render::Sources::default();
    let text = render::human(&shown, &mut sources, render::Style::default());
    let expected = expected_uri_pages();
    for page in &expected {
        let headings = text
            .lines()
            .filter(|l| l.starts_with("── ") && l.contains(&format!("/{page}.rst (")))
            .count();
        assert_eq!(headings, 1, "{page}");
    }
    // two findings on one page: one heading, both underlined
    assert!(
        text.contains("applianceOSProfileServices_get.rst (2 findings)"),
        "{text}"
    );
    assert!(
        text.contains(" 29 │ * ``prid`` (optional): "),
        "the source line is shown"
    );
}

#[test]
fn uforge_lint_adds_only_real_findings() {
    let out = uforge();
    let codes = |code: &str| -> Vec<String> {
        out.diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| format!("{}:{}", stem(&d.file), d.line))
            .collect()
    };
    assert!(
        codes("ref-undefined").is_empty(),
        "{:?}",
        codes("ref-undefined")
    );
    // "the same as" a download of the unpublished image: another path
    assert_eq!(
        codes("same-as-shape-mismatch"),
        ["machineImagePublished_download:19"]
    );
    // the two upload pairs nothing tells apart (codegen reports them too)
    assert_eq!(
        codes("route-collision"),
        ["scanOverlay_uploadChunk:8", "scan_multipartCreate:8"]
    );
    assert_eq!(
        codes("media-type-conflict"),
        ["pxeBootScript_download:8", "pxeBootScript_download:8"]
    );
    assert_eq!(out.count(Severity::Error), 0);
}

#[test]
fn wadl_cross_check_finds_the_download_id_the_service_calls_id() {
    let wadl = format!("{UFORGE}/application.wadl");
    let out = lint::lint(
        &[UFORGE],
        &Options {
            wadl: Some(wadl.into()),
        },
    );
    let unknown: Vec<&Diagnostic> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "wadl-query-param-unknown")
        .collect();
    let d = unknown
        .iter()
        .find(|d| stem(&d.file) == "machineImagePublished_download")
        .expect("reported");
    assert!(
        d.message.contains("`downloadId`") && d.message.contains("takes `id`"),
        "{d}"
    );
    let text = std::fs::read_to_string(&*d.file).expect("page");
    let line = text.lines().nth(d.line as usize - 1).expect("line");
    assert!(line.contains("downloadId"), "{line}");
    // method, path and auth agree everywhere (the corpus test checks the
    // same against the WADL independently)
    for code in [
        "wadl-method-mismatch",
        "wadl-path-mismatch",
        "wadl-auth-mismatch",
        "wadl-method-missing",
    ] {
        assert!(!out.diagnostics.iter().any(|d| d.code == code), "{code}");
    }
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.code == "wadl-query-param-undocumented"));
}

/// A folder of hand-made pages.
fn write_pages(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
    dir
}

fn uforge_page(
    label: &str,
    id: &str,
    function: &str,
    formats: &str,
    codes: &str,
    extra: &str,
) -> String {
    format!(
        ".. _{label}:\n\n{id}\n{}\n\n.. function:: {function}\n\n.. sidebar:: Summary\n\n\t* Method: ``GET``\n\t* Response Code: ``{codes}``\n\t* Response Formats: {formats}\n\t* Since: ``UForge 1.0``\n\nDoes a thing.\n\n{extra}\n\nSecurity Summary\n~~~~~~~~~~~~~~~~\n\n* Requires Authentication: ``true``\n* Entitlements Required: ``None``\n\nURI Parameters\n~~~~~~~~~~~~~~\n\n* ``uid`` (required): the user\n\nHTTP Request Body Parameters\n~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n\nNone\n",
        "-".repeat(id.len())
    )
}

fn codes_at(diags: &[Diagnostic], code: &str) -> Vec<(String, u32, u32)> {
    diags
        .iter()
        .filter(|d| d.code == code)
        .map(|d| (stem(&d.file), d.line, d.column))
        .collect()
}

#[test]
fn checks_lint_adds_on_hand_made_pages() {
    let dir = write_pages(&[
        (
            "a/thing_get.rst",
            &uforge_page(
                "thing-get",
                "thing_get",
                "GET /users/{uid}/things",
                "``application/json``",
                "200",
                "See :ref:`nowhere-label` and :ref:`other-get`.",
            ),
        ),
        (
            "a/other_get.rst",
            &uforge_page(
                "other-get",
                "other_get",
                "GET /users/{uid}/things",
                "``application/octet-stream`` ``application/json``",
                "200",
                "This request is the same as :ref:`thing-get`",
            ),
        ),
        (
            "a/third_get.rst",
            &uforge_page(
                "third-get",
                "third_get",
                "GET /users/{uid}/others",
                "``application/json``",
                "999",
                "This request is the same as :ref:`thing-get`",
            ),
        ),
    ]);
    let out = lint::lint(&[dir.path()], &Options::default());
    let d = &out.diagnostics;
    assert_eq!(codes_at(d, "ref-undefined"), [("thing_get".into(), 17, 5)]);
    assert_eq!(
        codes_at(d, "route-collision"),
        [("thing_get".into(), 6, 1)],
        "{d:#?}"
    );
    assert_eq!(
        codes_at(d, "media-type-conflict"),
        [("other_get".into(), 6, 1)]
    );
    // same path: fine; another path: reported at the reference
    assert_eq!(
        codes_at(d, "same-as-shape-mismatch"),
        [("third_get".into(), 17, 29)]
    );
    // a status outside 100..=599 is the dialect's diagnostic
    assert!(
        d.iter()
            .any(|x| x.code == "bad-status-code" && stem(&x.file) == "third_get"),
        "{d:#?}"
    );
}

#[test]
fn os_api_ref_problems() {
    let inc = "\
.. -*- rst -*-

Get thing
~~~~~~~~~

.. rest_method::  GET /v2/things/{thing_id}/parts/{part_id}

Gets a thing.

Normal response codes: 200

Request
-------

.. rest_parameters:: parameters.yaml

   - thing_id: thing_id
   - missing: no-such-key
   - untyped: untyped

Response
--------

.. rest_parameters:: parameters.yaml

";
    let yaml = "\
thing_id:
  description: The thing.
  in: path
  required: true
  type: string
auth-header:
  description: A header.
  in: header
  required: true
  type: string
untyped:
  description: No type.
  in: body
  required: true
";
    let index = ":tocdepth: 3\n\n=========\nThing API\n=========\n\n.. rest_expand_all::\n\n.. include:: things.inc\n";
    let dir = write_pages(&[
        ("index.rst", index),
        ("things.inc", inc),
        ("parameters.yaml", yaml),
    ]);
    let out = lint::lint(&[dir.path()], &Options::default());
    let codes: BTreeSet<&str> = out.diagnostics.iter().map(|d| d.code.as_ref()).collect();
    for code in [
        "yaml-key-missing",
        "yaml-entry-incomplete",
        "rest-parameters-empty",
        "rest-parameters-order",
        // `part_id` is in the path but not in the request stanza
        "path-param-undocumented",
    ] {
        assert!(codes.contains(code), "{code}: {:#?}", out.diagnostics);
    }
    let order: Vec<(String, u32)> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "rest-parameters-order")
        .map(|d| (stem(&d.file), d.line))
        .collect();
    assert_eq!(order, [("parameters".to_string(), 6)]);
}

fn restdoc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_restdoc"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .env("NO_COLOR", "1")
        .output()
        .expect("restdoc runs")
}

#[test]
fn cli_formats_and_exit_codes() {
    let uforge = "../shared/corpus/uforge-3.8";
    let human = restdoc(&["lint", uforge]);
    assert_eq!(human.status.code(), Some(0));
    let err = String::from_utf8_lossy(&human.stderr);
    assert!(err.contains("path-param-optional"), "{err}");
    assert!(!err.contains('\u{1b}'), "no colour off a terminal");
    let last = err.lines().last().unwrap_or("");
    assert!(
        last.starts_with("restdoc: 793 pages read, 518 endpoints, 220 objects, ")
            && last.contains(" warnings, 0 errors in "),
        "{last}"
    );

    let json = restdoc(&["lint", uforge, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    for d in diags {
        for key in ["severity", "code", "message", "file", "line", "column"] {
            assert!(!d[key].is_null(), "{key}: {d}");
        }
    }
    assert!(
        diags.iter().all(|d| d["severity"] != "info"),
        "infos only with -v"
    );
    assert_eq!(v["summary"]["endpoints"], 518);

    assert_eq!(
        restdoc(&["lint", uforge, "--deny", "warnings", "-q"])
            .status
            .code(),
        Some(1)
    );
    let quiet = restdoc(&["lint", uforge, "-q"]);
    assert!(quiet.stderr.is_empty(), "-q: errors only, no summary");
    assert_eq!(restdoc(&["lint"]).status.code(), Some(2));
    let help = restdoc(&["lint", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("Exit codes:"));
}

/// The reader hands lint the trees it read: every page of the set, once, in
/// path order, each the page on disk parsed, and the model is the one
/// `read_api` gives.
#[test]
fn the_reader_hands_its_pages_over() {
    let specs = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs");
    let (read, pages) = restdoc::source::read_api_with_pages(&[specs]);
    let plain = restdoc::read_api(&[specs]);
    assert_eq!(read.pages, pages.len());
    assert_eq!(
        serde_json::to_string(&read.api).unwrap(),
        serde_json::to_string(&plain.api).unwrap()
    );
    let paths: Vec<_> = pages.iter().map(|p| p.path.clone()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(paths, sorted, "once each, in path order");
    for p in &pages {
        assert!(read.files_read.contains(&p.path));
        let on_disk = std::fs::read_to_string(&p.path).unwrap();
        let text = on_disk.trim_start_matches('\u{feff}');
        assert_eq!(p.text, text);
        assert_eq!(
            format!("{:?}", p.doc),
            format!("{:?}", restdoc::rst::parse(text))
        );
    }
}
