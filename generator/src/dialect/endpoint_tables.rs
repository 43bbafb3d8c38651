//! Endpoints written as a table, in a form no dialect reads: flagged, not
//! lost.
//!
//! Hand-written API pages often give an operation as a table rather than
//! as a directive: a key-value table (`Request Type | GET`, `Endpoint |
//! URL/v1/things`) or a list of routes (`GET | /v1/things | List things`).
//! No dialect reads those, and [`super::accounting`] only knows the
//! dialects' own route lines, so such a page would give nothing and say
//! nothing. Here every table that names an HTTP method and a path (in one
//! row, else anywhere in the table) and matches no endpoint read from the
//! set (an overview page may list routes other pages document) gets a
//! warning at its row, naming the method and path.

use super::PageOutput;
use crate::corpus::SourceFile;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Endpoint, HttpMethod, PathTemplate};
use crate::rst::{self, Block, Row, Table};
use rustc_hash::FxHashSet as HashSet;

/// A method and path a table gives, and where.
#[derive(Debug)]
pub struct TableRoute {
    method: HttpMethod,
    path: String,
    file: String,
    line: u32,
    column: u32,
}

/// The endpoint-like table rows of `file`, kept in `out` until the whole
/// set is read ([`report`]): an overview page may list routes other pages
/// document.
pub fn collect(file: &SourceFile, out: &mut PageOutput) {
    if !may_hold_a_table(file.text.as_bytes()) {
        return;
    }
    rst::walk(&file.doc.children, &mut |block| {
        if let Block::Table(t) = block {
            out.table_routes
                .extend(
                    endpoint_rows(t)
                        .into_iter()
                        .map(|(method, path, row)| TableRoute {
                            method,
                            path,
                            file: file.name.to_string(),
                            line: row.line,
                            column: row.col,
                        }),
                );
        }
    });
}

/// Warn about every table route no endpoint of the set has.
pub fn report(endpoints: &[Endpoint], routes: Vec<TableRoute>, diags: &mut Vec<Diagnostic>) {
    if routes.is_empty() {
        return;
    }
    let read: HashSet<(HttpMethod, String)> = endpoints
        .iter()
        .map(|e| (e.method, e.path.shape()))
        .collect();
    for r in routes {
        if read.contains(&(r.method, shape(&r.path))) {
            continue;
        }
        diags.push(Diagnostic::new(
            Severity::Warning,
            "endpoint-form-unknown",
            format!(
                "this table gives method `{}` and path `{}`, a form no dialect reads as an endpoint; not generated",
                r.method, r.path
            ),
            &r.file,
            r.line,
            r.column,
        ));
    }
}

/// A grid table has a `+-` border, a simple table `===  ===` column rules
/// (columns one space or more apart): a page with neither has no table,
/// and needs no walk.
fn may_hold_a_table(text: &[u8]) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static BORDER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("+-"));
    static RULE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("= "));
    BORDER.find(text).is_some()
        || RULE
            .find_iter(text)
            .any(|at| text[at + 2..].iter().find(|&&c| c != b' ') == Some(&b'='))
}

/// The (method, path, row) pairs of a table: one per row that has both,
/// else the first method and the first path of the whole table (a
/// key-value table gives them on rows of their own).
fn endpoint_rows(t: &Table) -> Vec<(HttpMethod, String, rst::Span)> {
    let rows = || t.header.iter().chain(&t.body);
    // Most tables name no method: those are done without a copy.
    let methods: Vec<_> = rows()
        .filter_map(|r| method_in(r).map(|m| (m, r)))
        .collect();
    let Some(&(first, first_row)) = methods.first() else {
        return Vec::new();
    };
    let per_row: Vec<_> = methods
        .iter()
        .filter_map(|&(m, r)| Some((m, path_in(r)?, r.span)))
        .collect();
    if !per_row.is_empty() {
        return per_row;
    }
    rows()
        .find_map(path_in)
        .map(|p| vec![(first, p, first_row.span)])
        .unwrap_or_default()
}

/// A cell that is an HTTP method and nothing else (upper case, literal or
/// not): one paragraph of one inline.
fn method_in(row: &Row) -> Option<HttpMethod> {
    row.cells.iter().find_map(|c| {
        let [Block::Paragraph(p)] = c.children.as_slice() else {
            return None;
        };
        let [inline] = p.inlines.as_slice() else {
            return None;
        };
        let word = inline.plain_text().trim();
        let upper = !word.is_empty() && word.bytes().all(|b| b.is_ascii_uppercase());
        upper.then(|| word.parse().ok()).flatten()
    })
}

/// A cell paragraph that is a path and nothing else: one word (or words
/// each going on with `/`) starting with `/` (after an optional base such
/// as `URL`, `{endpoint}` or `https://host`), with more after the slash.
/// A path mentioned in a sentence is prose.
fn path_in(row: &Row) -> Option<String> {
    row.cells
        .iter()
        .flat_map(|c| &c.children)
        .find_map(|b| path_word(&rst::plain_text_block(b)))
}

fn path_word(text: &str) -> Option<String> {
    // A long path broken over the cell's lines before a `/` is one word.
    let mut words = text.split_whitespace();
    let first = words.next()?;
    let mut joined = first.to_string();
    for w in words {
        if !w.starts_with('/') {
            return None;
        }
        joined.push_str(w);
    }
    let w = joined.trim_matches('`');
    let after_base = match w.find('/') {
        Some(0) => w,
        Some(at) if is_base(&w[..at]) => {
            let rest = &w[at..];
            match rest.strip_prefix("//") {
                // `https://host/path`: the path after the host.
                Some(host_on) => &host_on[host_on.find('/')?..],
                None => rest,
            }
        }
        _ => return None,
    };
    // The route ends where a query (`?`, or `[?` for an optional one) or
    // a fragment starts.
    let route = after_base.split(['?', '#', '[']).next().unwrap_or("");
    (route.len() > 1 && !route.starts_with("//")).then(|| route.to_string())
}

/// What may stand before a path for the service's root: a word of capitals
/// (`URL`), a placeholder (`{endpoint}`, `<base>`), or a URL scheme.
fn is_base(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
        || (word.starts_with('{') && word.ends_with('}'))
        || (word.starts_with('<') && word.ends_with('>'))
        || word == "http:"
        || word == "https:"
}

/// A table's path in the shape endpoints' paths are compared by
/// ([`PathTemplate::shape`]): `<id>` and `:id` segments read as `{id}`,
/// the path parsed as a route line is. A path that does not parse stays as
/// written, and matches no endpoint.
fn shape(path: &str) -> String {
    let braced: Vec<String> = path
        .split('/')
        .map(|seg| match seg.strip_prefix(':') {
            Some(name) => format!("{{{name}}}"),
            None if seg.starts_with('<') && seg.ends_with('>') => {
                format!("{{{}}}", &seg[1..seg.len() - 1])
            }
            None => seg.to_string(),
        })
        .collect();
    let braced = braced.join("/");
    PathTemplate::parse_lenient(&braced).map_or(braced, |(p, _)| p.shape())
}

#[cfg(test)]
mod tests {
    use crate::corpus::Corpus;

    fn warnings(page: &str) -> Vec<String> {
        let corpus = Corpus::from_texts(vec![("p.rst".into(), page.into())]);
        let mut out = crate::dialect::read_corpus(&corpus);
        out.diagnostics
            .retain(|d| d.code == "endpoint-form-unknown");
        out.diagnostics
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn a_key_value_table_is_flagged_at_its_method_row() {
        let page = "\
List things
===========

+----------------+------------------------+
| Request Type   | ``GET``                |
+----------------+------------------------+
| Endpoint       | ``URL/v1/things/{id}`` |
+----------------+------------------------+
";
        assert_eq!(
            warnings(page),
            ["5:1 this table gives method `GET` and path `/v1/things/{id}`, a form no dialect reads as an endpoint; not generated"]
        );
    }

    #[test]
    fn a_path_broken_over_cell_lines_is_joined_and_a_query_dropped() {
        let page = "\
T
=

+----------+------------------------------+
| Method   | ``DELETE``                   |
+----------+------------------------------+
| Endpoint | Removes one.                 |
|          |                              |
|          | ``URL/v1/things/{id}`` \\     |
|          | ``/parts[?kind={kind}]``     |
+----------+------------------------------+
";
        let got = warnings(page);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].contains("`DELETE` and path `/v1/things/{id}/parts`"),
            "{got:?}"
        );
    }

    #[test]
    fn routes_listed_on_an_overview_page_and_documented_elsewhere_are_quiet() {
        let overview = "\
Overview
========

====== ============== =====
Method Path           What
====== ============== =====
GET    /things/{id}   Show.
PUT    /things/{id}   Edit.
====== ============== =====
";
        let page = "\
thing_get
---------

.. function:: GET /things/{tid}
";
        let corpus = Corpus::from_texts(vec![
            ("a/index.rst".into(), overview.into()),
            ("a/thing_get.rst".into(), page.into()),
        ]);
        let out = crate::dialect::read_corpus(&corpus);
        let got: Vec<_> = out
            .diagnostics
            .iter()
            .filter(|d| d.code == "endpoint-form-unknown")
            .map(|d| (&*d.file, d.line, d.message.to_string()))
            .collect();
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0, got[0].1), ("a/index.rst", 8));
        assert!(
            got[0].2.contains("`PUT` and path `/things/{id}`"),
            "{got:?}"
        );
    }

    #[test]
    fn a_route_list_is_flagged_row_by_row() {
        let page = "\
Routes
======

======  ================================  ===========
Method  URI                               Description
======  ================================  ===========
GET     https://api.example.com/things    List them.
DELETE  /things/{id}                      Drop one.
======  ================================  ===========
";
        let got = warnings(page);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].starts_with("7:1 ") && got[0].contains("`GET` and path `/things`"));
        assert!(got[1].starts_with("8:1 ") && got[1].contains("`DELETE` and path `/things/{id}`"));
    }

    #[test]
    fn tables_without_a_method_and_a_path_and_read_endpoints_are_quiet() {
        let prose = "\
T
=

+------+------------------+
| Name | Get the /things  |
+------+------------------+
| GET  | no path here     |
+------+------------------+
";
        assert!(warnings(prose).is_empty());
        // A UForge page whose table repeats the endpoint it documents.
        let read = "\
thing_get
---------

.. function:: GET /things/{tid}

+-----+------------------+
| GET | /things/{thing}  |
+-----+------------------+
";
        assert!(warnings(read).is_empty());
    }
}
