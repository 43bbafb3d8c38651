//! The accounting invariant, enforced by construction: every
//! endpoint-bearing line of a page ends as an endpoint or as an error
//! diagnostic at that line, whatever a dialect made of the page.
//!
//! Endpoint-bearing lines are found in the page text itself, by the formats'
//! definitions, not by the tree (a mangled page may not parse into the
//! shape a dialect expects):
//! - an explicit-markup line `.. function::` (UForge) or `.. rest_method::`
//!   (os-api-ref), at any indentation;
//! - on a page with neither, the first `.. code-block::` / `.. code::` whose
//!   first non-blank following line, indented deeper, reads `METHOD /path`
//!   (wadl2rst's request line).
//!
//! A directive's header runs on over the following non-blank lines (its
//! argument may continue there), so an endpoint or error placed on any of
//! them accounts for the directive. A code-block request line is weaker
//! evidence (in an os-api-ref set it is an example call): there any
//! diagnostic a dialect gave at the line, saying what it made of it,
//! accounts for it too.

use super::PageOutput;
use crate::corpus::lines::{exotic_breaks, split_lines};
use crate::corpus::SourceFile;
use crate::diag::{Diagnostic, Severity};

/// One endpoint-bearing line: its header's first and last line (1-based),
/// the column of its text and the text.
struct RouteLine<'a> {
    first: u32,
    last: u32,
    column: u32,
    text: &'a str,
    /// A directive (only an endpoint or an error accounts for it), not a
    /// code-block request line.
    directive: bool,
}

/// Add an `endpoint-not-read` error for every endpoint-bearing line of
/// `file` that `out` has neither an endpoint nor an error for.
pub fn check(file: &SourceFile, out: &mut PageOutput) {
    // Every endpoint-bearing line names one of these directives: a page
    // with none of their names has none, and needs no splitting.
    use memchr::memmem::Finder;
    static NAMES: std::sync::LazyLock<[Finder<'static>; 3]> =
        std::sync::LazyLock::new(|| ["function", "rest_method", "code"].map(Finder::new));
    let b = file.text.as_bytes();
    if !NAMES.iter().any(|n| n.find(b).is_some()) {
        return;
    }
    let routes = route_lines(&file.text);
    if routes.is_empty() {
        return;
    }
    // Sorted lines of what the dialect gave, so each route is a binary
    // search (a page may hold thousands of endpoints).
    let sorted = |mut v: Vec<u32>| {
        v.sort_unstable();
        v
    };
    let endpoints = sorted(
        out.endpoints
            .iter()
            .filter(|e| *e.source.file == *file.name)
            .map(|e| e.source.line)
            .collect(),
    );
    let errors = sorted(
        out.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && *d.file == *file.name)
            .map(|d| d.line)
            .collect(),
    );
    let any_diag = sorted(
        out.diagnostics
            .iter()
            .filter(|d| *d.file == *file.name)
            .map(|d| d.line)
            .collect(),
    );
    let within = |v: &[u32], first: u32, last: u32| {
        let i = v.partition_point(|&l| l < first);
        v.get(i).is_some_and(|&l| l <= last)
    };
    for r in routes {
        let read = within(&endpoints, r.first, r.last);
        let reported = within(
            if r.directive { &errors } else { &any_diag },
            r.first,
            r.last,
        );
        if !read && !reported {
            out.diagnostics.push(Diagnostic::new(
                Severity::Error,
                "endpoint-not-read",
                format!(
                    "`{}` names an endpoint, but it could not be read as one \
                     (not `METHOD /path`, or not where the page's format puts it); endpoint skipped",
                    r.text.trim()
                ),
                &file.name,
                r.first,
                r.column,
            ));
        }
    }
}

/// Columns of leading whitespace, TABs to 8-column stops.
fn indent(line: &str) -> usize {
    line.chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .fold(0, |cols, c| {
            if c == '\t' {
                (cols / 8 + 1) * 8
            } else {
                cols + 1
            }
        })
}

/// Is `line` the start of directive `name` (`.. name::`, then a blank or
/// the end of the line)?
fn is_directive(line: &str, names: &[&str]) -> bool {
    let t = line.trim_start_matches([' ', '\t']);
    let Some(rest) = t.strip_prefix("..") else {
        return false;
    };
    if !rest.starts_with([' ', '\t']) {
        return false;
    }
    let rest = rest.trim_start_matches([' ', '\t']);
    names.iter().any(|n| {
        rest.strip_prefix(n)
            .map(|a| a.trim_start_matches(' '))
            .and_then(|a| a.strip_prefix("::"))
            .is_some_and(|a| a.is_empty() || a.starts_with([' ', '\t']))
    })
}

/// `METHOD /path`: upper-case letters, blanks, a path without blanks.
fn is_request_line(text: &str) -> bool {
    let t = text.trim();
    let Some((m, path)) = t.split_once([' ', '\t']) else {
        return false;
    };
    let path = path.trim_start();
    !m.is_empty()
        && m.chars().all(|c| c.is_ascii_uppercase())
        && path.starts_with('/')
        && !path.contains(char::is_whitespace)
}

fn column(line: &str) -> u32 {
    indent(line) as u32 + 1
}

/// The endpoint-bearing lines of a page's text.
fn route_lines(text: &str) -> Vec<RouteLine<'_>> {
    if exotic_breaks(text.as_bytes()) {
        let lines = split_lines(text);
        let routes = directive_routes(&lines);
        return if routes.is_empty() {
            request_line_route(&lines)
        } else {
            routes
        };
    }
    // Lines broken by `\n` alone (nearly every page): only the lines whose
    // text starts with `..` can hold a directive, found by a SIMD search
    // rather than by splitting the page into lines.
    let routes = directive_routes_plain(text);
    if routes.is_empty() {
        request_line_route(&split_lines(text))
    } else {
        routes
    }
}

/// [`directive_routes`] over text whose only line break is `\n`, looking
/// only at the lines that start (after blanks) with `..`.
fn directive_routes_plain(text: &str) -> Vec<RouteLine<'_>> {
    let b = text.as_bytes();
    let line_end = |from: usize| memchr::memchr(b'\n', &b[from..]).map_or(b.len(), |p| from + p);
    let mut out = Vec::new();
    // Line number of `counted`, a line start at or before the next hit.
    let (mut number, mut counted) = (1u32, 0usize);
    let mut next_line = 0; // hits before this offset are on a line already seen
    static DOTS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(".."));
    for hit in DOTS.find_iter(b) {
        if hit < next_line {
            continue;
        }
        let start = memchr::memrchr(b'\n', &b[..hit]).map_or(0, |p| p + 1);
        let end = line_end(hit);
        next_line = end + 1;
        if !b[start..hit].iter().all(|&c| c == b' ' || c == b'\t') {
            continue;
        }
        let line = &text[start..end];
        if !is_directive(line, &["function", "rest_method"]) {
            continue;
        }
        number += memchr::memchr_iter(b'\n', &b[counted..start]).count() as u32;
        counted = start;
        // The header runs on over the following non-blank lines.
        let (mut more, mut at) = (0u32, end);
        while at + 1 < b.len() {
            let next_end = line_end(at + 1);
            if text[at + 1..next_end].trim().is_empty() {
                break;
            }
            more += 1;
            at = next_end;
        }
        out.push(RouteLine {
            first: number,
            last: number + more,
            column: column(line),
            text: line,
            directive: true,
        });
    }
    out
}

/// Every `.. function::` and `.. rest_method::` line, with the lines its
/// header runs on over.
fn directive_routes<'a>(lines: &[&'a str]) -> Vec<RouteLine<'a>> {
    let mut out: Vec<RouteLine<'a>> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if is_directive(l, &["function", "rest_method"]) {
            let more = lines[i + 1..]
                .iter()
                .take_while(|c| !c.trim().is_empty())
                .count();
            out.push(RouteLine {
                first: i as u32 + 1,
                last: (i + 1 + more) as u32,
                column: column(l),
                text: l,
                directive: true,
            });
        }
    }
    out
}

/// On a page with no route directive: the first code block whose first
/// non-blank line, indented deeper, reads `METHOD /path`.
fn request_line_route<'a>(lines: &[&'a str]) -> Vec<RouteLine<'a>> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !is_directive(l, &["code-block", "code"]) {
            continue;
        }
        let next = lines[i + 1..]
            .iter()
            .enumerate()
            .find(|(_, c)| !c.trim().is_empty());
        if let Some((k, c)) = next {
            if indent(c) > indent(l) && is_request_line(c) {
                let line = (i + 2 + k) as u32;
                out.push(RouteLine {
                    first: line,
                    last: line,
                    column: column(c),
                    text: c,
                    directive: false,
                });
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> Vec<(u32, u32)> {
        route_lines(text)
            .iter()
            .map(|r| (r.first, r.last))
            .collect()
    }

    #[test]
    fn finds_route_lines_of_each_format() {
        assert_eq!(
            lines_of("T\n=\n\n.. function:: GET /a\n\n  .. rest_method::\n     POST /b\n"),
            [(4, 4), (6, 7)]
        );
        assert_eq!(
            lines_of("T\n=\n\n.. code-block:: js\n\n    GET /v2/x\n\n.. code::\n\n   PUT /y\n"),
            [(6, 6)]
        );
        assert!(lines_of(".. functions:: GET /a\n..function:: GET /a\nGET /a\n").is_empty());
        assert_eq!(
            split_lines("a\r\nb\rc\u{2028}d\x0be\n"),
            ["a", "b", "c", "d\x0be"]
        );
        assert_eq!(split_lines("a\n\nb\n"), ["a", "", "b"]);
        assert_eq!(split_lines("\n"), [""]);
        assert!(split_lines("").is_empty());
        assert_eq!(
            split_lines("é\u{85}x\x1cy\u{2029}“z”"),
            ["é", "x", "y", "“z”"]
        );
    }

    proptest::proptest! {
        /// Looking only at the lines that start with `..` finds what
        /// splitting the page into lines finds, on pages made of route
        /// directives, continuation and blank lines, indentation, `..`
        /// in the middle of a line, and no final line break.
        #[test]
        fn plain_search_finds_what_splitting_finds(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(".. function:: GET /a"),
                    proptest::strategy::Just("   .. rest_method:: POST /b"),
                    proptest::strategy::Just("\t.. function::"),
                    proptest::strategy::Just("  GET /c"),
                    proptest::strategy::Just(""),
                    proptest::strategy::Just("   "),
                    proptest::strategy::Just("text .. function:: GET /d"),
                    proptest::strategy::Just("... function:: GET /e"),
                    proptest::strategy::Just(".. functions:: GET /f"),
                    proptest::strategy::Just(".. note:: see .. function:: x"),
                    proptest::strategy::Just(".. rest_method::  PUT /g .."),
                ],
                0..12,
            ),
            final_break in proptest::bool::ANY,
        ) {
            let mut text = parts.join("\n");
            if final_break {
                text.push('\n');
            }
            let key = |r: &RouteLine<'_>| (r.first, r.last, r.column, r.text.to_string());
            let plain: Vec<_> = directive_routes_plain(&text).iter().map(key).collect();
            let split: Vec<_> = directive_routes(&split_lines(&text)).iter().map(key).collect();
            proptest::prop_assert_eq!(plain, split);
        }
    }
}
