//! Bad input: each broken page gives a diagnostic with file:line:column, no
//! panic, and the rest of the set is still read.

use restdoc::{read_api, Diagnostic, ReadOutput, Severity};
use std::path::Path;

/// A clean UForge-style page (our own words) that must survive next to the
/// broken ones.
const GOOD: &str = "\
.. _thing-get:

thing_get
---------

.. function:: GET /users/{uid}/things/{tid}

.. sidebar:: Summary

\t* Method: ``GET``
\t* Response Code: ``200``
\t* Response Formats: ``application/xml`` ``application/json``
\t* Since: ``UForge 3.0``

Returns one thing.

Security Summary
~~~~~~~~~~~~~~~~

* Requires Authentication: ``true``
* Entitlements Required: ``None``

URI Parameters
~~~~~~~~~~~~~~

* ``uid`` (required): the user name
* ``tid`` (required): the id of the thing
";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn read(files: &[(&str, Vec<u8>)]) -> (tempfile::TempDir, ReadOutput) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good/thing_get.rst", GOOD.as_bytes());
    for (name, bytes) in files {
        write(dir.path(), name, bytes);
    }
    let out = read_api(&[dir.path()]);
    (dir, out)
}

fn find<'a>(out: &'a ReadOutput, file_suffix: &str, code: &str) -> &'a Diagnostic {
    out.diagnostics
        .iter()
        .find(|d| d.file.ends_with(file_suffix) && d.code == code)
        .unwrap_or_else(|| {
            panic!(
                "no `{code}` diagnostic for {file_suffix}: {:#?}",
                out.diagnostics
            )
        })
}

fn good_still_read(out: &ReadOutput) {
    let e = out
        .api
        .endpoints
        .iter()
        .find(|e| e.id == "thing_get")
        .expect("the good page is still read");
    assert_eq!(e.path.to_string(), "/users/{uid}/things/{tid}");
    assert_eq!(e.responses.len(), 1);
}

#[test]
fn binary_file_is_an_error_with_position() {
    let mut bin = b"thing\n=====\n\nab".to_vec();
    bin.extend_from_slice(&[0, 1, 2, 0xff]);
    let (_d, out) = read(&[("bad/blob.rst", bin)]);
    let d = find(&out, "bad/blob.rst", "not-text");
    assert_eq!((d.severity, d.line, d.column), (Severity::Error, 4, 3));
    assert!(out.has_errors());
    good_still_read(&out);
}

#[test]
fn invalid_utf8_is_an_error_with_position() {
    let (_d, out) = read(&[("bad/latin1.rst", b"Title\n=====\n\ncaf\xe9\n".to_vec())]);
    let d = find(&out, "bad/latin1.rst", "not-text");
    assert_eq!((d.line, d.column), (4, 4));
    good_still_read(&out);
}

#[test]
fn truncated_page_keeps_what_it_has() {
    // Cut in the middle of the sidebar, inside an inline literal.
    let cut = &GOOD[..GOOD.find("Response Code: ``200").unwrap() + "Response Code: ``20".len()];
    let (_d, out) = read(&[(
        "bad/thing_cut.rst",
        cut.replace("thing_get", "thing_cut").into_bytes(),
    )]);
    let d = find(&out, "bad/thing_cut.rst", "rst-inline-literal-unterminated");
    assert_eq!((d.line, d.column), (11, 26), "{d}");
    let e = out
        .api
        .endpoints
        .iter()
        .find(|e| e.id == "thing_cut")
        .expect("the truncated page still gives its endpoint");
    assert_eq!(e.path.to_string(), "/users/{uid}/things/{tid}");
    good_still_read(&out);
}

#[test]
fn ten_megabyte_line_is_read_not_dropped() {
    let long = format!(
        "{GOOD}\nA very long line: {}\n",
        "x".repeat(10 * 1024 * 1024)
    );
    let (_d, out) = read(&[(
        "big/thing_big.rst",
        long.replace("thing_get", "thing_big").into_bytes(),
    )]);
    let d = find(&out, "big/thing_big.rst", "rst-line-too-long");
    assert_eq!(
        (d.severity, d.line, d.column),
        (Severity::Warning, 29, 1),
        "{d}"
    );
    assert!(
        out.api.endpoints.iter().any(|e| e.id == "thing_big"),
        "docutils drops such a page; we read it"
    );
    good_still_read(&out);
}

#[test]
fn directive_without_argument_names_the_lost_endpoint() {
    let page = GOOD.replace("thing_get", "thing_noarg").replace(
        ".. function:: GET /users/{uid}/things/{tid}",
        ".. function::",
    );
    let (_d, out) = read(&[("bad/thing_noarg.rst", page.into_bytes())]);
    let d = out
        .diagnostics
        .iter()
        .find(|d| d.file.ends_with("bad/thing_noarg.rst") && d.severity == Severity::Error)
        .unwrap_or_else(|| panic!("an error names the page: {:#?}", out.diagnostics));
    assert_eq!((d.line, d.column), (6, 1), "{d}");
    assert!(!out.api.endpoints.iter().any(|e| e.id == "thing_noarg"));
    assert!(out.has_errors());
    good_still_read(&out);
}

#[test]
fn broken_table_border_is_reported_and_the_page_read() {
    let page = "\
==========================
Show Thing -  Example API
==========================

Show Thing
~~~~~~~~~~

.. code-block:: javascript

    GET /v1/things/{thing_id}

Shows a thing.

This table shows the possible response codes for this operation:

+--------------+------------+
|Response Code |Name        |
+==============+============+
|200           |            |
+--------------+------------+
|404           |           
+--------------+------------+
";
    let (_d, out) = read(&[("wadl/GET_show_thing.rst", page.as_bytes().to_vec())]);
    let d = find(&out, "wadl/GET_show_thing.rst", "rst-malformed-table");
    assert_eq!(d.line, 21, "{d}");
    assert!(d.column >= 1);
    let e = out
        .api
        .endpoints
        .iter()
        .find(|e| e.id == "GET_show_thing")
        .expect("endpoint still read");
    assert_eq!(e.path.to_string(), "/v1/things/{thing_id}");
    good_still_read(&out);
}

#[test]
fn pathological_nesting_does_not_overflow() {
    let mut page = String::from("Deep\n====\n\n");
    for depth in 0..5000 {
        page.push_str(&" ".repeat(depth));
        page.push_str("* x\n\n");
    }
    let (_d, out) = read(&[("deep/deep.rst", page.into_bytes())]);
    good_still_read(&out);
}
