//! Grid tables and simple tables: the cell layout only. The block reader
//! parses each cell's text as a mini document.

use super::ast::{Message, Span};

/// One cell as laid out in the source: its text lines (dedented by the
/// cell's common indentation, right-stripped), where its first line starts,
/// and its spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawCell {
    pub lines: Vec<String>,
    pub span: Span,
    pub morecols: u32,
    pub morerows: u32,
}

/// A table's cell layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    pub cols: u32,
    /// Number of leading rows that form the header (0 if none).
    pub header_rows: usize,
    pub rows: Vec<RawRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    pub cells: Vec<RawCell>,
    pub span: Span,
}

/// Parse a grid table from its lines (all starting with `+` or `|` at column
/// `first.col`; the first line's number is `first.line`). A malformed table
/// gives docutils' "Malformed table." error.
pub fn parse_grid(lines: &[&str], first: Span) -> Result<RawTable, Message> {
    let _ = lines;
    Err(Message {
        level: super::ast::Level::Error,
        code: "malformed-table",
        text: "Malformed table.".into(),
        span: first,
    })
}

/// Parse a simple table (`=====  =====` borders).
pub fn parse_simple(lines: &[&str], first: Span) -> Result<RawTable, Message> {
    parse_grid(lines, first)
}
