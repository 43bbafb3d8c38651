//! The accounting invariant, checked from outside the reader: every
//! endpoint-bearing line of a page ends as an endpoint or as an error
//! diagnostic at that line.
//!
//! The endpoint-bearing lines are found by a plain-text scan written from
//! the formats' definitions, sharing no code with the reader:
//! - an explicit-markup line `.. function:: …` (UForge) or
//!   `.. rest_method:: …` (os-api-ref), at any indentation;
//! - on a page with neither, the first `.. code-block::` / `.. code::`
//!   whose first non-blank content line (indented deeper than the directive)
//!   reads `WORD /path` (wadl2rst's request line; one endpoint per page).
//!   Being weaker evidence (an example call in an os-api-ref set), it is
//!   also accounted for by any diagnostic at its line.
//!
//! Lines are split as docutils' `string2lines` splits them (Python's
//! `splitlines` separators, `\v` and `\f` not among them), so line numbers
//! agree with docutils'.

#![allow(dead_code)] // each test crate uses a part

use restdoc::model::Api;
use restdoc::{Diagnostic, Severity};

/// One endpoint-bearing line found by the scan (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteLine {
    pub line: u32,
    /// The last line of the directive's header: its argument may go on
    /// over the following non-blank lines (`.. rest_method::` with the
    /// route on the next line), and the endpoint may be placed there.
    pub last: u32,
    pub text: String,
    /// A directive line (needs an endpoint or an error), not a request line.
    pub directive: bool,
}

/// Python's `str.splitlines` without `\v` / `\f` (docutils turns those into
/// spaces before splitting).
pub fn split_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let sep = matches!(
            c,
            '\n' | '\r' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}'
        );
        if sep {
            out.push(&text[start..i]);
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some(&(j, '\n')) = chars.peek() {
                    chars.next();
                    end = j + 1;
                }
            }
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// `.. name::` at the start of `line` (after indentation), with the
/// directive name matched exactly.
fn directive_named<'a>(line: &'a str, names: &[&str]) -> Option<&'a str> {
    let t = line.trim_start_matches([' ', '\t']);
    let rest = t.strip_prefix("..")?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim_start_matches([' ', '\t']);
    names.iter().find_map(|n| {
        let after = rest.strip_prefix(n)?;
        let after = after.trim_start_matches(' ');
        let arg = after.strip_prefix("::")?;
        (arg.is_empty() || arg.starts_with([' ', '\t'])).then_some(arg)
    })
}

fn indent(line: &str) -> usize {
    let mut cols = 0;
    for c in line.chars() {
        match c {
            ' ' => cols += 1,
            '\t' => cols = (cols / 8 + 1) * 8,
            _ => break,
        }
    }
    cols
}

/// `WORD /path`: a wadl2rst request line (method letters, one space run,
/// a path with no blank in it).
fn is_request_line(text: &str) -> bool {
    let t = text.trim();
    let Some((m, path)) = t.split_once(' ') else {
        return false;
    };
    let path = path.trim_start();
    !m.is_empty()
        && m.chars().all(|c| c.is_ascii_uppercase())
        && path.starts_with('/')
        && !path.contains(char::is_whitespace)
}

/// Every endpoint-bearing line of a page.
pub fn route_lines(text: &str) -> Vec<RouteLine> {
    let lines = split_lines(text);
    let mut out: Vec<RouteLine> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| directive_named(l, &["function", "rest_method"]).is_some())
        .map(|(i, l)| {
            let more = lines[i + 1..]
                .iter()
                .take_while(|c| !c.trim().is_empty())
                .count();
            RouteLine {
                line: i as u32 + 1,
                last: (i + 1 + more) as u32,
                text: l.to_string(),
                directive: true,
            }
        })
        .collect();
    if !out.is_empty() {
        return out;
    }
    for (i, l) in lines.iter().enumerate() {
        let Some(arg) = directive_named(l, &["code-block", "code"]) else {
            continue;
        };
        let _ = arg;
        let base = indent(l);
        let first = lines[i + 1..]
            .iter()
            .enumerate()
            .find(|(_, c)| !c.trim().is_empty());
        if let Some((k, c)) = first {
            if indent(c) > base && is_request_line(c) {
                out.push(RouteLine {
                    line: (i + 2 + k) as u32,
                    last: (i + 2 + k) as u32,
                    text: c.to_string(),
                    directive: false,
                });
                break;
            }
        }
    }
    out
}

/// The route lines of `text` that ended as neither an endpoint of `file`
/// nor an error diagnostic of `file` on the route's header lines (for a
/// code-block request line, any diagnostic there).
pub fn lost(text: &str, file: &str, api: &Api, diagnostics: &[Diagnostic]) -> Vec<RouteLine> {
    route_lines(text)
        .into_iter()
        .filter(|r| {
            let endpoint = api
                .endpoints
                .iter()
                .any(|e| e.source.file == file && (r.line..=r.last).contains(&e.source.line));
            let error = diagnostics.iter().any(|d| {
                (d.severity == Severity::Error || !r.directive)
                    && *d.file == *file
                    && (r.line..=r.last).contains(&d.line)
            });
            !endpoint && !error
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_finds_each_kind() {
        let page = "T\n=\n\n.. function:: GET /a\n\n  .. rest_method::  POST /b\n";
        let lines: Vec<u32> = route_lines(page).iter().map(|r| r.line).collect();
        assert_eq!(lines, [4, 6]);
        let wadl =
            "T\n=\n\n.. code-block:: javascript\n\n    GET /v2/x\n\n.. code:: \n\n   PUT /y\n";
        let lines: Vec<u32> = route_lines(wadl).iter().map(|r| r.line).collect();
        assert_eq!(lines, [6]);
        assert!(route_lines(".. functions:: GET /a\n..function:: GET /a\n").is_empty());
        assert_eq!(
            split_lines("a\r\nb\rc\u{2028}d\x0be"),
            ["a", "b", "c", "d\x0be"]
        );
    }
}
