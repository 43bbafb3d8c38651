//! Showing diagnostics to people and tools: each finding with its source
//! line underlined (miette's graphical report, colour only when asked),
//! grouped by page so a page with several findings appears once; or JSON.
//! The CLI and the build.rs [`Builder`](crate::Builder) share this, so a
//! build fails with the same report the command line prints.

use crate::diag::{Diagnostic, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use std::collections::BTreeMap;
use std::path::Path;

/// The text of every file a diagnostic may point into, by display name.
/// Files not registered are read from disk on first use (YAML files).
#[derive(Debug, Default)]
pub struct Sources {
    texts: BTreeMap<String, Option<String>>,
}

impl Sources {
    /// Register a file's text under its display name.
    pub fn insert(&mut self, name: impl Into<String>, text: impl Into<String>) {
        self.texts.insert(name.into(), Some(text.into()));
    }

    /// The text of `name`, reading it from disk if it was not registered.
    pub fn get(&mut self, name: &str) -> Option<&str> {
        self.texts
            .entry(name.to_string())
            .or_insert_with(|| std::fs::read_to_string(Path::new(name)).ok())
            .as_deref()
    }
}

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// ANSI colours (only when writing to a terminal).
    pub color: bool,
    /// Terminal width for wrapping messages.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            width: 100,
        }
    }
}

/// Render `diags` (any order) for a person: grouped by file in path order,
/// one heading per file, each finding with its source line underlined.
pub fn human(diags: &[Diagnostic], sources: &mut Sources, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .tab_width(4);
    let mut out = String::new();
    for (file, group) in by_file(diags) {
        let n = group.len();
        out.push_str(&format!(
            "── {file} ({n} finding{})\n",
            if n == 1 { "" } else { "s" }
        ));
        for d in group {
            out.push_str(&one(d, sources, &handler));
        }
    }
    out
}

/// Diagnostics grouped by file, files in path order, each group sorted by
/// position.
pub fn by_file(diags: &[Diagnostic]) -> BTreeMap<&str, Vec<&Diagnostic>> {
    let mut groups: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diags {
        groups.entry(&*d.file).or_default().push(d);
    }
    for g in groups.values_mut() {
        g.sort_by(|a, b| (a.line, a.column, &a.code).cmp(&(b.line, b.column, &b.code)));
    }
    groups
}

/// One finding as a miette report, or a plain line when it has no position
/// (line 0: the whole file) or its file cannot be read.
fn one(d: &Diagnostic, sources: &mut Sources, handler: &GraphicalReportHandler) -> String {
    let plain = format!("{d}\n");
    if d.line == 0 {
        return plain;
    }
    let Some(text) = sources.get(&d.file) else {
        return plain;
    };
    let Some((offset, len)) = span_of(text, d.line, d.column) else {
        return plain;
    };
    let diag = MietteDiagnostic::new(d.message.clone())
        .with_code(d.code.clone())
        .with_severity(match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
        .with_label(LabeledSpan::new_primary_with_span(
            Some(format!("{} here", d.severity)),
            (offset, len),
        ));
    let report =
        miette::Report::new(diag).with_source_code(NamedSource::new(&d.file, text.to_string()));
    let mut s = String::new();
    match handler.render_report(&mut s, report.as_ref()) {
        Ok(()) => s,
        Err(_) => plain,
    }
}

/// Byte offset and length of what to underline on `line` (1-based), from
/// `column` (1-based, counted as docutils does: a tab advances to the next
/// multiple of 8). A role or literal (`` :ref:`x` ``, ` ``x`` `) is underlined
/// to its closing backquote, anything else to the end of the line's text.
/// `None` when the line does not exist.
pub fn span_of(text: &str, line: u32, column: u32) -> Option<(usize, usize)> {
    let mut start = 0usize;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            let body = l.trim_end_matches(['\n', '\r']);
            let from = byte_at_column(body, column);
            let rest = body[from..].trim_end();
            return Some((start + from, token_len(rest).max(1)));
        }
        start += l.len();
    }
    None
}

/// The byte index of 1-based, tab-expanded `column` in `line` (its end
/// when the column is past it).
fn byte_at_column(line: &str, column: u32) -> usize {
    let want = column.saturating_sub(1) as usize;
    let mut col = 0usize;
    for (b, c) in line.char_indices() {
        if col >= want {
            return b;
        }
        col = if c == '\t' {
            (col / 8 + 1) * 8
        } else {
            col + 1
        };
    }
    line.len()
}

/// How much of `rest` to underline: a role or inline literal up to its
/// closing backquote(s), else all of it.
fn token_len(rest: &str) -> usize {
    let close = if let Some(inner) = rest.strip_prefix("``") {
        inner.find("``").map(|e| e + 4)
    } else if rest.starts_with(':') || rest.starts_with('`') {
        rest.find('`')
            .and_then(|open| rest[open + 1..].find('`').map(|e| open + e + 2))
    } else {
        None
    };
    close.unwrap_or(rest.len())
}

/// Diagnostics as JSON for tools: every finding flat (sorted), the pages
/// with findings and their counts, and the run's summary.
pub fn json(diags: &[Diagnostic], summary: &serde_json::Value) -> String {
    let pages: Vec<serde_json::Value> = by_file(diags)
        .into_iter()
        .map(|(file, g)| serde_json::json!({ "file": file, "findings": g.len() }))
        .collect();
    let mut sorted = diags.to_vec();
    sorted.sort();
    let v = serde_json::json!({
        "diagnostics": sorted,
        "pages": pages,
        "summary": summary,
    });
    serde_json::to_string_pretty(&v).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_the_rest_of_the_line() {
        let text = "first\n* ``prid`` (optional): \n\t * :ref:`x-y` z";
        assert_eq!(span_of(text, 2, 1), Some((6, 22)));
        assert_eq!(span_of(text, 2, 3), Some((8, 8)), "a literal");
        // a tab advances to column 9; the role ends at its backquote
        assert_eq!(span_of(text, 3, 12), Some((34, 10)));
        assert_eq!(span_of(text, 4, 1), None);
        // a column past the end still points at the line
        assert_eq!(span_of(text, 1, 40), Some((5, 1)));
    }

    #[test]
    fn reports_underline_the_line_and_group_by_file() {
        let mut sources = Sources::default();
        sources.insert("a.rst", "title\n=====\n\n.. function:: GET users\n");
        let d = |line, code: &'static str| {
            Diagnostic::new(Severity::Warning, code, "message", "a.rst", line, 1)
        };
        let out = human(
            &[d(4, "x-one"), d(1, "x-two")],
            &mut sources,
            Style::default(),
        );
        assert_eq!(out.matches("── a.rst (2 findings)").count(), 1);
        assert!(out.contains("x-two") && out.contains("x-one"), "{out}");
        assert!(out.contains("[a.rst:4:1]"), "{out}");
        assert!(out.contains(".. function:: GET users"), "{out}");
        assert!(!out.contains('\u{1b}'), "no colour unless asked");
    }
}
