//! Accounting: every `.. function::` (UForge) and `.. rest_method::`
//! (os-api-ref) directive in the input ends as an endpoint or as an error
//! diagnostic at its line, however mangled its route line is. The pages
//! are written here, in our own words; the directive lines are found with a
//! plain text scan, not with the reader.

use restdoc::{read_api, ReadOutput, Severity};
use std::collections::BTreeSet;
use std::path::Path;

/// (file name, line) of every `function` / `rest_method` directive.
fn directive_lines(dir: &Path) -> BTreeSet<(String, u32)> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (i, l) in text.lines().enumerate() {
            let t = l.trim_start();
            let request_line = lines_after_code_block(&text, i);
            if t.starts_with(".. function::") || t.starts_with(".. rest_method::") || request_line {
                out.insert((name.clone().unwrap_or_default(), i as u32 + 1));
            }
        }
    }
    out
}

/// Is line `i` the first line of a `code-block` holding `WORD /path`
/// (a wadl2rst request line)?
fn lines_after_code_block(text: &str, i: usize) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    let Some(l) = lines.get(i) else { return false };
    let mut words = l.split_whitespace();
    let (Some(m), Some(p), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    let upper = m.bytes().all(|b| b.is_ascii_uppercase());
    let opened = lines[..i]
        .iter()
        .rev()
        .find(|x| !x.trim().is_empty())
        .is_some_and(|x| x.trim_start().starts_with(".. code-block::"));
    upper && p.starts_with('/') && l.starts_with(' ') && opened
}

fn accounted(out: &ReadOutput) -> BTreeSet<(String, u32)> {
    let file = |f: &str| {
        Path::new(f)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut got: BTreeSet<(String, u32)> = out
        .api
        .endpoints
        .iter()
        .map(|e| (file(&e.source.file), e.source.line))
        .collect();
    got.extend(
        out.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| (file(&d.file), d.line)),
    );
    got
}

const UFORGE_PAGE: &str = "\
.. _box-open:

box_open
--------

.. function:: GETar:: Summary

	* Method: ``GET``
	* Response Code: ``200``

Opens a box.

.. _box-close:

box_close
---------

.. function:: PUT /boxes/{bid}/close

.. sidebar:: Summary

	* Method: ``PUT``
	* Response Code: ``204``
	* Since: ``Box 1.0``

Closes a box.
";

const OS_API_REF_PAGE: &str = "\
Boxes
=====

Fine route
----------

.. rest_method:: GET /boxes

Normal response codes: 200

Method in lower case
--------------------

.. rest_method:: get /boxes/{box_id}

Normal response codes: 200

No path at all
--------------

.. rest_method:: DELETE

Normal response codes: 204

Broken brace
------------

.. rest_method:: PUT /boxes/{box_id

Normal response codes: 200

A method of its own
-------------------

.. rest_method:: FETCH /boxes/{box_id}/lid

Normal response codes: 200

Not a method
------------

.. rest_method:: fetch-lid /boxes/{box_id}/lid

Normal response codes: 200
";

#[test]
fn every_route_directive_is_an_endpoint_or_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("box_open.rst"), UFORGE_PAGE).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("boxes.inc"), OS_API_REF_PAGE).unwrap_or_else(|e| panic!("{e}"));
    let want = directive_lines(dir.path());
    assert_eq!(want.len(), 8);
    let out = read_api(&[dir.path()]);
    assert_eq!(accounted(&out), want, "{:#?}", out.diagnostics);
    let read: Vec<String> = out
        .api
        .endpoints
        .iter()
        .map(|e| format!("{} {}", e.method, e.path))
        .collect();
    assert_eq!(
        read,
        [
            "PUT /boxes/{bid}/close",
            "GET /boxes",
            "GET /boxes/{box_id}",
            "FETCH /boxes/{box_id}/lid"
        ]
    );
    // os-api-ref takes any upper-case token as the method: an unregistered
    // one is kept, with a warning; a word that is no token is an error.
    assert!(out.diagnostics.iter().any(|d| d.code == "method-extension"
        && d.severity == Severity::Warning
        && d.message.contains("`FETCH`")));
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.code == "invalid-method" && d.message.contains("fetch-lid")));
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.code == "endpoint-unreadable" && d.message.contains("GETar::")));
}

const WADL2RST_GOOD: &str = "\
List boxes
~~~~~~~~~~

.. code-block:: javascript

    GET /v1/boxes

Lists boxes.
";

const WADL2RST_ANY: &str = "\
Echo
~~~~

.. code-block:: javascript

    METHOD /v1/echo

Answers any method.
";

const WADL2RST_BAD: &str = "\
Fetch a box
~~~~~~~~~~~

.. code-block:: javascript

    FETCH /v1/boxes/{box_id}

Not a method.
";

#[test]
fn every_wadl2rst_request_line_is_an_endpoint_or_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (name, text) in [
        ("good.rst", WADL2RST_GOOD),
        ("any.rst", WADL2RST_ANY),
        ("bad.rst", WADL2RST_BAD),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let want = directive_lines(dir.path());
    assert_eq!(want.len(), 3);
    let out = read_api(&[dir.path()]);
    assert_eq!(accounted(&out), want, "{:#?}", out.diagnostics);
    let methods: Vec<&str> = out
        .api
        .endpoints
        .iter()
        .map(|e| e.method.as_str())
        .collect();
    assert_eq!(methods, ["ANY", "GET"]);
}
