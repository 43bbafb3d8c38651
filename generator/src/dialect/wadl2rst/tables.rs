//! The grid tables of a wadl2rst page: response codes (`Response Code |
//! Name | Description`) and parameters (`Name | Type | Description`, with
//! `*(Required)*` in the Type cell). Cells wrap mid-word; rows made of the
//! converter's doubled borders are empty and skipped.

use crate::corpus::SourceFile;
use crate::diag::{Diagnostic, Severity};
use crate::dialect::os_api_ref::prose::squash;
use crate::dialect::os_api_ref::wire::{self, Documented};
use crate::model::{Param, ParamLocation, ResponseKind, SourceLoc, StatusCode, TypeRef};
use crate::rst::{Cell, Row, Table};

/// The cells of a row by the column they start in.
pub(super) fn cell_at(row: &Row, col: usize) -> Option<&Cell> {
    let mut at = 0usize;
    for c in &row.cells {
        if at == col {
            return Some(c);
        }
        at += 1 + c.morecols as usize;
        if at > col {
            return None;
        }
    }
    None
}

/// The column whose header text contains `word`, else `fallback`.
pub(super) fn column(table: &Table, word: &str, fallback: usize) -> usize {
    table
        .header
        .last()
        .and_then(|h| {
            let mut at = 0usize;
            h.cells.iter().find_map(|c| {
                let this = at;
                at += 1 + c.morecols as usize;
                c.text().to_lowercase().contains(word).then_some(this)
            })
        })
        .unwrap_or(fallback)
}

/// A cell's text on one line. A line ending in `-` followed by one
/// starting with a letter is a word the converter wrapped mid-word
/// (`port-` / `id`), so it is joined without a space.
pub(super) fn cell_text(row: &Row, col: usize) -> String {
    let Some(cell) = cell_at(row, col) else {
        return String::new();
    };
    let text = cell.text();
    let mut joined = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        joined.push(c);
        if c == '-' {
            let mut ahead = chars.clone();
            if ahead.next() == Some('\n') && ahead.peek().is_some_and(|n| n.is_alphabetic()) {
                chars.next();
            }
        }
    }
    squash(&joined)
}

/// A name wrapped inside its cell (`os-availability-` / `zone:availability_zone`):
/// names never contain spaces, so every space is a wrap.
pub(super) fn cell_name(row: &Row, col: usize) -> String {
    cell_at(row, col)
        .map(|c| {
            c.text()
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{200b}')
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn is_empty_row(row: &Row) -> bool {
    row.cells.iter().all(|c| squash(&c.text()).is_empty())
}

pub(super) fn loc(file: &SourceFile, line: u32, col: u32) -> SourceLoc {
    SourceLoc {
        file: file.name.to_string(),
        line,
        column: col,
    }
}

pub(super) fn read_codes(
    table: &Table,
    file: &SourceFile,
    doc: &mut Documented,
    diags: &mut Vec<Diagnostic>,
) {
    let (code_col, name_col, desc_col) = (
        column(table, "code", 0),
        column(table, "name", 1),
        column(table, "description", 2),
    );
    for row in table.body.iter().filter(|r| !is_empty_row(r)) {
        let text = cell_text(row, code_col);
        let at = cell_at(row, code_col).map_or(row.span, |c| c.span);
        let here = loc(file, at.line, at.col);
        match text.parse::<StatusCode>() {
            Ok(status) => {
                let kind = if status.as_u16() < 400 {
                    ResponseKind::Normal
                } else {
                    ResponseKind::Error
                };
                let mut description = cell_text(row, desc_col);
                if description.is_empty() {
                    description = cell_text(row, name_col);
                }
                wire::add_response(&mut doc.responses, status, kind, description, &here, diags);
            }
            Err(e) => diags.push(Diagnostic::new(
                Severity::Warning,
                "response-code-invalid",
                e.to_string(),
                &here.file,
                here.line,
                here.column,
            )),
        }
    }
}

/// Remove a `(Required)` / `(Optional)` marker; what it said, if present.
pub(super) fn take_marker(text: &mut String) -> Option<bool> {
    for (marker, required) in [("(Required)", true), ("(Optional)", false)] {
        if let Some(at) = text.find(marker) {
            text.replace_range(at..at + marker.len(), "");
            *text = squash(text);
            return Some(required);
        }
    }
    None
}

pub(super) fn read_params(
    table: &Table,
    location: ParamLocation,
    file: &SourceFile,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Param> {
    let (name_col, type_col, desc_col) = (
        column(table, "name", 0),
        column(table, "type", 1),
        column(table, "description", 2),
    );
    let mut out = Vec::new();
    for row in table.body.iter().filter(|r| !is_empty_row(r)) {
        let at = cell_at(row, name_col).map_or(row.span, |c| c.span);
        let raw = cell_name(row, name_col);
        let name = raw
            .strip_prefix('{')
            .and_then(|n| n.strip_suffix('}'))
            .unwrap_or(&raw)
            .to_string();
        if name.is_empty() {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "param-name-missing",
                "a parameter row with no name; skipped",
                &file.name,
                at.line,
                at.col,
            ));
            continue;
        }
        let mut ty = cell_text(row, type_col);
        let mut description = cell_text(row, desc_col);
        let marked = take_marker(&mut ty).or_else(|| take_marker(&mut description));
        let ty: String = ty.chars().filter(|c| !c.is_whitespace()).collect();
        out.push(Param {
            name,
            location,
            required: location == ParamLocation::Path || marked.unwrap_or(false),
            ty: TypeRef::from_doc(&ty),
            description,
            min_version: None,
            max_version: None,
            fixed: None,
            example: None,
            documented: true,
            source: Some(loc(file, at.line, at.col)),
        });
    }
    out
}
