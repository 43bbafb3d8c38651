//! docutils' `GridTableParser`: trace each cell from its top-left `+`
//! corner (right along the top border, down the right border, back along
//! the bottom, up the left), queueing the corners it finds; every `+` met
//! on the way is a row or column boundary. A row whose inner `|` is missing
//! gives a column span, a missing inner border a row span, and two border
//! lines in a row an extra row of empty cells (as docutils does).

use super::{Block, RawCell, RawRow, RawTable};
use crate::ast::Message;
use std::collections::{BTreeMap, BTreeSet};

/// docutils gives up on nothing, so a pathological table could take
/// quadratic time per cell; this many steps per character is far beyond
/// any real table.
const STEPS_PER_CHAR: usize = 64;

/// A traced cell: top and bottom border lines, left and right border
/// columns.
#[derive(Clone, Copy)]
struct Rect {
    top: usize,
    left: usize,
    bottom: usize,
    right: usize,
}

pub(super) fn parse(block: &Block) -> Result<RawTable, Message> {
    let width = check_borders(block)?;
    let head_sep = head_body_separator(block)?;
    let mut tracer = Tracer {
        block,
        head_sep,
        bottom: block.rows.len() - 1,
        right: width - 1,
        rowseps: BTreeSet::from([0]),
        colseps: BTreeSet::from([0]),
        steps: 0,
        budget: STEPS_PER_CHAR * block.rows.len() * width + 10_000,
    };
    let cells = tracer.trace()?;
    structure(block, &tracer, &cells, head_sep)
}

/// The checks of docutils' `isolate_grid_table` and the top border
/// pattern: a `+-...-+` top and bottom, every line as wide as the first and
/// closed by `+` or `|`. Returns the width.
fn check_borders(block: &Block) -> Result<usize, Message> {
    let is_border = |row: usize| {
        let line = block.slice(row, 0, usize::MAX);
        line.len() >= 5
            && line.first() == Some(&'+')
            && line.get(1) == Some(&'-')
            && line.get(line.len() - 2) == Some(&'-')
            && line.last() == Some(&'+')
            && line.iter().all(|&c| c == '-' || c == '+')
    };
    let Some(top) = block.rows.first() else {
        return Err(block.malformed(0, "Empty table."));
    };
    if !is_border(0) {
        return Err(block.malformed(0, "Top border missing or corrupt."));
    }
    if !is_border(block.rows.len() - 1) {
        return Err(block.malformed(0, "Bottom border missing or corrupt."));
    }
    let width = top.len();
    for (i, row) in block.rows.iter().enumerate() {
        if row.len() != width
            || !matches!(row.first(), Some('+' | '|'))
            || !matches!(row.last(), Some('+' | '|'))
        {
            return Err(block.malformed(i, "Right border not aligned or missing."));
        }
    }
    Ok(width)
}

/// The `+===+` line between header and body (`\+=[=+]+=\+ *$`), if any.
fn head_body_separator(block: &Block) -> Result<Option<usize>, Message> {
    let mut found: Option<usize> = None;
    for (i, row) in block.rows.iter().enumerate() {
        let is_sep = row.len() >= 5
            && row.first() == Some(&'+')
            && row.get(1) == Some(&'=')
            && row.get(row.len() - 2) == Some(&'=')
            && row.last() == Some(&'+')
            && row.iter().all(|&c| c == '=' || c == '+');
        if !is_sep {
            continue;
        }
        if let Some(prev) = found {
            return Err(block.malformed(
                i,
                format!(
                    "Multiple head/body row separators (table lines {} and {}); only one allowed.",
                    prev + 1,
                    i + 1
                ),
            ));
        }
        found = Some(i);
    }
    if found.is_some_and(|s| s == 0 || s + 1 == block.rows.len()) {
        return Err(block.malformed(
            block.rows.len() - 1,
            "The head/body row separator may not be the first or last line of the table.",
        ));
    }
    Ok(found)
}

struct Tracer<'b> {
    block: &'b Block,
    /// The header separator line, whose `=` read as `-`.
    head_sep: Option<usize>,
    bottom: usize,
    right: usize,
    rowseps: BTreeSet<usize>,
    colseps: BTreeSet<usize>,
    steps: usize,
    budget: usize,
}

impl Tracer<'_> {
    fn at(&mut self, row: usize, col: usize) -> char {
        self.steps += 1;
        match self.block.at(row, col) {
            '=' if self.head_sep == Some(row) => '-',
            c => c,
        }
    }

    /// docutils' `parse_table`: process corners top to bottom, left to
    /// right; `done[col]` is the last text line seen in each column.
    fn trace(&mut self) -> Result<Vec<Rect>, Message> {
        let mut done: Vec<isize> = vec![-1; self.right + 1];
        let mut corners = BTreeSet::from([(0usize, 0usize)]);
        let mut cells = Vec::new();
        while let Some((top, left)) = corners.pop_first() {
            if self.steps > self.budget {
                return Err(self.block.malformed(top, "Table too complex."));
            }
            let seen = done.get(left).copied().unwrap_or(isize::MAX);
            if top == self.bottom || left == self.right || top as isize <= seen {
                continue;
            }
            let Some((rect, rowseps, colseps)) = self.scan_right(top, left) else {
                continue;
            };
            self.rowseps.extend(rowseps);
            self.colseps.extend(colseps);
            // docutils asserts each column was seen exactly up to this top.
            for col in rect.left..rect.right {
                match done.get_mut(col) {
                    Some(d) if *d == top as isize - 1 => *d = rect.bottom as isize - 1,
                    _ => {
                        return Err(self
                            .block
                            .malformed(top, "Malformed table; parse incomplete."))
                    }
                }
            }
            cells.push(rect);
            corners.insert((top, rect.right));
            corners.insert((rect.bottom, left));
        }
        let last = self.bottom as isize - 1;
        if done.iter().take(self.right).any(|&d| d != last) {
            return Err(self
                .block
                .malformed(0, "Malformed table; parse incomplete."));
        }
        Ok(cells)
    }

    /// Along the top border from the corner, trying each `+` as the
    /// top-right corner.
    fn scan_right(&mut self, top: usize, left: usize) -> Option<(Rect, Vec<usize>, Vec<usize>)> {
        let mut colseps = Vec::new();
        for i in left + 1..=self.right {
            match self.at(top, i) {
                '+' => {
                    colseps.push(i);
                    if let Some((bottom, rowseps, more)) = self.scan_down(top, left, i) {
                        colseps.extend(more);
                        let rect = Rect {
                            top,
                            left,
                            bottom,
                            right: i,
                        };
                        return Some((rect, rowseps, colseps));
                    }
                }
                '-' => {}
                _ => return None,
            }
        }
        None
    }

    /// Down the right border, trying each `+` as the bottom-right corner.
    fn scan_down(
        &mut self,
        top: usize,
        left: usize,
        right: usize,
    ) -> Option<(usize, Vec<usize>, Vec<usize>)> {
        let mut rowseps = Vec::new();
        for i in top + 1..=self.bottom {
            match self.at(i, right) {
                '+' => {
                    rowseps.push(i);
                    if let Some((more, colseps)) = self.scan_left(top, left, i, right) {
                        rowseps.extend(more);
                        return Some((i, rowseps, colseps));
                    }
                }
                '|' => {}
                _ => return None,
            }
        }
        None
    }

    /// Back along the bottom border to the bottom-left corner, which must
    /// line up with the top-left one; then up the left border.
    fn scan_left(
        &mut self,
        top: usize,
        left: usize,
        bottom: usize,
        right: usize,
    ) -> Option<(Vec<usize>, Vec<usize>)> {
        let mut colseps = Vec::new();
        for i in (left + 1..right).rev() {
            match self.at(bottom, i) {
                '+' => colseps.push(i),
                '-' => {}
                _ => return None,
            }
        }
        if self.at(bottom, left) != '+' {
            return None;
        }
        let mut rowseps = Vec::new();
        for i in (top + 1..bottom).rev() {
            match self.at(i, left) {
                '+' => rowseps.push(i),
                '|' => {}
                _ => return None,
            }
        }
        Some((rowseps, colseps))
    }
}

/// docutils' `structure_from_cells`: place each cell in the row/column grid
/// given by all the boundaries seen, with its spans; every grid position
/// must be covered exactly once.
fn structure(
    block: &Block,
    tracer: &Tracer<'_>,
    cells: &[Rect],
    head_sep: Option<usize>,
) -> Result<RawTable, Message> {
    let rowindex: BTreeMap<usize, usize> = tracer
        .rowseps
        .iter()
        .enumerate()
        .map(|(i, &r)| (r, i))
        .collect();
    let colindex: BTreeMap<usize, usize> = tracer
        .colseps
        .iter()
        .enumerate()
        .map(|(i, &c)| (c, i))
        .collect();
    let nrows = rowindex.len().saturating_sub(1);
    let ncols = colindex.len().saturating_sub(1);
    let bad = |row: usize| block.malformed(row, "Malformed table; parse incomplete.");
    let mut grid: Vec<Vec<Option<RawCell>>> = vec![vec![None; ncols]; nrows];
    let mut remaining = nrows * ncols;
    for r in cells {
        let (Some(&row), Some(&col), Some(&end_row), Some(&end_col)) = (
            rowindex.get(&r.top),
            colindex.get(&r.left),
            rowindex.get(&r.bottom),
            colindex.get(&r.right),
        ) else {
            return Err(bad(r.top));
        };
        let slot = grid
            .get_mut(row)
            .and_then(|g| g.get_mut(col))
            .filter(|s| s.is_none())
            .ok_or_else(|| bad(r.top))?;
        let morerows = end_row.checked_sub(row + 1).ok_or_else(|| bad(r.top))?;
        let morecols = end_col.checked_sub(col + 1).ok_or_else(|| bad(r.top))?;
        let area = (morerows + 1) * (morecols + 1);
        remaining = remaining.checked_sub(area).ok_or_else(|| bad(r.top))?;
        let (lines, span) = block.cell(r.top + 1, r.left + 1, r.bottom, r.right);
        *slot = Some(RawCell {
            lines,
            span,
            morecols: morecols as u32,
            morerows: morerows as u32,
        });
    }
    if remaining != 0 {
        return Err(bad(0));
    }
    let header_rows = match head_sep {
        Some(s) => *rowindex.get(&s).ok_or_else(|| bad(s))?,
        None => 0,
    };
    let rows = grid
        .into_iter()
        .zip(&tracer.rowseps)
        .map(|(cells, &sep)| RawRow {
            cells: cells.into_iter().flatten().collect(),
            span: block.span(sep + 1, 0),
        })
        .collect();
    Ok(RawTable {
        cols: ncols as u32,
        header_rows,
        rows,
    })
}
