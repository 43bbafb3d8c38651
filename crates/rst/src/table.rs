//! Grid tables and simple tables: the cell layout only. The block reader
//! parses each cell's text as a mini document.
//!
//! Both parsers port docutils' `tableparser` (0.23). Columns are character
//! positions (docutils pads East Asian wide characters to two columns; API
//! reference tables are ASCII, so that is not done here). Any layout
//! problem gives docutils' "Malformed table." error with its detail line.

mod grid;
mod simple;

#[cfg(test)]
mod tests;

use super::ast::{Level, Message, Span};

/// One cell as laid out in the source: its text lines (dedented by the
/// cell's common indentation, right-stripped, leading and trailing blank
/// lines dropped), where its first line starts (line and column of
/// `lines[0]`'s first character, so line `k` of the cell is source line
/// `span.line + k` from column `span.col`; for an empty cell, the top-left
/// corner of its interior), and its spans.
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

/// One row: its cells left to right (cells covered by a span from another
/// row or column are absent, as in docutils), and where the row starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    pub cells: Vec<RawCell>,
    pub span: Span,
}

/// Parse a grid table from its lines (all starting with `+` or `|` at column
/// `first.col`; the first line's number is `first.line`). A malformed table
/// gives docutils' "Malformed table." error.
pub fn parse_grid(lines: &[&str], first: Span) -> Result<RawTable, Message> {
    grid::parse(&Block::new(lines, first))
}

/// Parse a simple table (`=====  =====` borders), from its top border to
/// its bottom border.
pub fn parse_simple(lines: &[&str], first: Span) -> Result<RawTable, Message> {
    simple::parse(&Block::new(lines, first))
}

/// The table's lines as characters, and where it sits in the source.
struct Block {
    rows: Vec<Vec<char>>,
    first: Span,
}

impl Block {
    fn new(lines: &[&str], first: Span) -> Self {
        Block {
            rows: lines
                .iter()
                .map(|l| l.trim_end().chars().collect())
                .collect(),
            first,
        }
    }

    /// The character at line `row`, column `col` (a space past the end).
    fn at(&self, row: usize, col: usize) -> char {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .copied()
            .unwrap_or(' ')
    }

    /// Line `row`, columns `from..to` (clipped to the line).
    fn slice(&self, row: usize, from: usize, to: usize) -> &[char] {
        let line = self.rows.get(row).map_or(&[][..], Vec::as_slice);
        let to = to.min(line.len());
        line.get(from.min(to)..to).unwrap_or(&[])
    }

    /// The source position of line `row`, column `col` of the table.
    fn span(&self, row: usize, col: usize) -> Span {
        Span::new(self.first.line + row as u32, self.first.col + col as u32)
    }

    /// docutils' "Malformed table." error at table line `row`.
    fn malformed(&self, row: usize, detail: impl std::fmt::Display) -> Message {
        Message {
            level: Level::Error,
            code: "malformed-table",
            text: format!("Malformed table.\n{detail}").into(),
            span: self.span(row, 0),
        }
    }

    /// docutils' `get_2D_block` for one cell: lines `top..bottom`, columns
    /// `left..right`, right-stripped and dedented by their common
    /// indentation; then blank lines at both ends dropped.
    fn cell(&self, top: usize, left: usize, bottom: usize, right: usize) -> (Vec<String>, Span) {
        let texts: Vec<&[char]> = (top..bottom)
            .map(|r| {
                let s = self.slice(r, left, right);
                let keep = s
                    .iter()
                    .rposition(|c| !c.is_whitespace())
                    .map_or(0, |i| i + 1);
                &s[..keep]
            })
            .collect();
        let indent = texts
            .iter()
            .filter(|t| !t.is_empty())
            .map(|t| t.iter().take_while(|c| c.is_whitespace()).count())
            .min()
            .unwrap_or(0);
        let Some(first) = texts.iter().position(|t| !t.is_empty()) else {
            return (Vec::new(), self.span(top, left));
        };
        let last = texts.iter().rposition(|t| !t.is_empty()).unwrap_or(first);
        let lines = texts[first..=last]
            .iter()
            .map(|t| t.get(indent..).unwrap_or(&[]).iter().collect())
            .collect();
        (lines, self.span(top + first, left + indent))
    }
}
