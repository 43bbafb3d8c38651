//! docutils' `SimpleTableParser`: columns come from the top border's `=`
//! runs; a line whose first column has text starts a new row, one whose
//! first column is blank continues the row above; a `-----` line under a
//! row gives its column spans; text in the gap between columns is an
//! error, text past the last column widens it.

use super::{Block, RawCell, RawRow, RawTable};
use crate::ast::Message;

/// A column: start and end character positions.
type Col = (usize, usize);

pub(super) fn parse(block: &Block) -> Result<RawTable, Message> {
    let n = block.rows.len();
    if n < 2 || !is_rule(block, 0, '=') {
        return Err(block.malformed(0, "Top border missing or corrupt."));
    }
    if !is_rule(block, n - 1, '=') {
        return Err(block.malformed(n - 1, "Bottom border missing or corrupt."));
    }
    // The head/body separator: a `=` rule other than the borders.
    let mut head_sep = None;
    for i in 1..n - 1 {
        if is_rule(block, i, '=') {
            if let Some(prev) = head_sep {
                return Err(block.malformed(
                    i,
                    format!(
                        "Multiple head/body row separators (table lines {} and {}); only one \
                         allowed.",
                        prev + 1,
                        i + 1
                    ),
                ));
            }
            head_sep = Some(i);
        }
    }
    let columns = span_columns(block, 0, None)?;
    let mut parser = Parser {
        block,
        border_end: columns.last().map_or(0, |c| c.1),
        columns,
        rows: Vec::new(),
    };
    parser.rows_of(head_sep)?;
    let header_rows = match head_sep {
        Some(sep) => parser.rows.iter().position(|r| r.start > sep).unwrap_or(0),
        None => 0,
    };
    Ok(RawTable {
        cols: parser.columns.len() as u32,
        header_rows,
        rows: parser.rows.into_iter().map(|r| r.row).collect(),
    })
}

/// A `=` border or `-` span rule: `X[ X]*$` with `X` the rule character
/// (the borders and the header rule may use either once read, as docutils
/// turns their `=` into `-`).
fn is_rule(block: &Block, row: usize, c: char) -> bool {
    let line = block.slice(row, 0, usize::MAX);
    line.first() == Some(&c) && line.iter().all(|&x| x == c || x == ' ')
}

/// A rule line (any of `=`/`-`) that ends a row.
fn is_span_line(block: &Block, row: usize, head_sep: Option<usize>) -> bool {
    let last = block.rows.len() - 1;
    if row == 0 || row == last || head_sep == Some(row) {
        return true;
    }
    is_rule(block, row, '-')
}

/// docutils' `parse_columns`: the runs of rule characters of line `row`.
/// With the table's `main` columns, the last run must end where the top
/// border's does, and then reaches the (possibly widened) last column.
fn span_columns(
    block: &Block,
    row: usize,
    main: Option<(&[Col], usize)>,
) -> Result<Vec<Col>, Message> {
    let line = block.slice(row, 0, usize::MAX);
    let mut cols = Vec::new();
    let mut k = 0;
    while let Some(begin) = (k..line.len()).find(|&i| line[i] != ' ') {
        let end = (begin..line.len())
            .find(|&i| line[i] == ' ')
            .unwrap_or(line.len());
        cols.push((begin, end));
        k = end;
    }
    if let (Some((main, border_end)), Some(last)) = (main, cols.last_mut()) {
        if last.1 != border_end {
            return Err(block.malformed(
                row,
                format!("Column span incomplete in table line {}.", row + 1),
            ));
        }
        last.1 = main.last().map_or(border_end, |c| c.1);
    }
    if cols.is_empty() {
        return Err(block.malformed(row, "Top border missing or corrupt."));
    }
    Ok(cols)
}

/// A parsed row and the table line it starts on.
struct Row {
    start: usize,
    row: RawRow,
}

struct Parser<'b> {
    block: &'b Block,
    /// The columns of the top border (the last one widened by overflowing
    /// text).
    columns: Vec<Col>,
    /// Where the top border ends.
    border_end: usize,
    rows: Vec<Row>,
}

impl Parser<'_> {
    /// docutils' `parse_table`: gather each row's lines.
    fn rows_of(&mut self, head_sep: Option<usize>) -> Result<(), Message> {
        let (first_start, first_end) = self.columns.first().copied().unwrap_or((0, 0));
        let mut start = 1;
        let mut text_found = false;
        for offset in 1..self.block.rows.len() {
            if is_span_line(self.block, offset, head_sep) {
                self.row(start, offset, Some(offset))?;
                start = offset + 1;
                text_found = false;
            } else if self
                .block
                .slice(offset, first_start, first_end)
                .iter()
                .any(|c| !c.is_whitespace())
            {
                // Text in the first column: a new row.
                if text_found && offset != start {
                    self.row(start, offset, None)?;
                }
                start = offset;
                text_found = true;
            } else if !text_found {
                start = offset + 1;
            }
        }
        Ok(())
    }

    /// docutils' `parse_row`: lines `start..end`, columns from the span
    /// line `span` if given.
    fn row(&mut self, start: usize, end: usize, span: Option<usize>) -> Result<(), Message> {
        if start >= end && span.is_none() {
            return Ok(());
        }
        let mut columns = match span {
            Some(row) => span_columns(self.block, row, Some((&self.columns, self.border_end)))?,
            None => self.columns.clone(),
        };
        self.check_columns(start, end, &mut columns)?;
        let morecols = self.spans(&columns, start)?;
        let cells = columns
            .iter()
            .zip(morecols)
            .map(|(&(from, to), morecols)| {
                let (lines, cell_span) = self.block.cell(start, from, end, to);
                RawCell {
                    lines,
                    span: cell_span,
                    morecols,
                    morerows: 0,
                }
            })
            .collect();
        self.rows.push(Row {
            start,
            row: RawRow {
                cells,
                span: self.block.span(start, 0),
            },
        });
        Ok(())
    }

    /// docutils' `check_columns`: no text in the gaps between columns;
    /// text past the last column widens it (for this row and the table).
    fn check_columns(
        &mut self,
        start: usize,
        end: usize,
        columns: &mut [Col],
    ) -> Result<(), Message> {
        let last = columns.len().saturating_sub(1);
        for i in 0..columns.len() {
            let (col_start, col_end) = columns[i];
            let next_start = columns.get(i + 1).map_or(usize::MAX, |c| c.0);
            for row in start..end {
                let past = self.block.slice(row, col_end, usize::MAX);
                if i == last && past.iter().any(|c| !c.is_whitespace()) {
                    let line = self.block.slice(row, col_start, usize::MAX);
                    let text = line
                        .iter()
                        .rposition(|c| !c.is_whitespace())
                        .map_or(0, |k| k + 1);
                    let new_end = col_start + text;
                    if let Some(main) = self.columns.last_mut() {
                        columns[i].1 = main.1.max(new_end);
                        main.1 = main.1.max(new_end);
                    }
                } else if self
                    .block
                    .slice(row, col_end, next_start)
                    .iter()
                    .any(|c| !c.is_whitespace())
                {
                    return Err(self.block.malformed(
                        row,
                        format!("Text in column margin in table line {}.", row + 1),
                    ));
                }
            }
        }
        Ok(())
    }

    /// docutils' `init_row`: how many table columns each of the row's
    /// columns spans beyond its first.
    fn spans(&self, columns: &[Col], start: usize) -> Result<Vec<u32>, Message> {
        let bad = || {
            self.block.malformed(
                start + 1,
                format!("Column span alignment problem in table line {}.", start + 2),
            )
        };
        let mut i = 0;
        let mut out = Vec::with_capacity(columns.len());
        for &(from, to) in columns {
            if self.columns.get(i).map(|c| c.0) != Some(from) {
                return Err(bad());
            }
            let mut morecols = 0;
            while self.columns.get(i).ok_or_else(bad)?.1 != to {
                i += 1;
                morecols += 1;
            }
            out.push(morecols);
            i += 1;
        }
        Ok(out)
    }
}
