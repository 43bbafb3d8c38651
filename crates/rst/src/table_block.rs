//! Grid and simple tables: finding a table's extent (docutils'
//! `isolate_grid_table` / `isolate_simple_table`), handing its lines to the
//! cell-layout parser in `table.rs`, and parsing each cell as a mini
//! document.

use super::ast::{Block, Cell, Level, Row, Span, Table};
use super::blocks::Parser;
use super::lines::{text_block, Ln};
use super::markers;
use super::table::{self, RawCell, RawTable};

impl Parser {
    /// A grid table whose top border is `lines[i]`.
    pub(crate) fn grid_table(&mut self, lines: &[Ln<'_>], i: usize, out: &mut Vec<Block>) -> usize {
        let (mut end, indented) = text_block(lines, i, true);
        let mut blank_finish = true;
        if let Some(at) = indented {
            let span = lines[at].trim_start().span();
            self.report(
                Level::Error,
                "unexpected-indentation",
                "Unexpected indentation.",
                span,
            );
            blank_finish = false;
        }
        if let Some(k) = (i..end).find(|&k| !lines[k].text.starts_with(['+', '|'])) {
            end = k;
            blank_finish = false;
        }
        let mut block = &lines[i..end];
        if !block.last().is_some_and(|l| markers::grid_border(l.text)) {
            let bottom = (2..block.len().saturating_sub(1))
                .rev()
                .find(|&k| markers::grid_border(block[k].text));
            match bottom {
                Some(k) => {
                    block = &block[..=k];
                    end = i + k + 1;
                    blank_finish = false;
                }
                None => {
                    self.malformed(block, "Bottom border missing or corrupt.", 0);
                    return self.table_end(lines, end, blank_finish);
                }
            }
        }
        let width = block[0].text.chars().count();
        if let Some(k) = block
            .iter()
            .position(|l| l.text.chars().count() != width || !l.text.ends_with(['+', '|']))
        {
            self.malformed(block, "Right border not aligned or missing.", k);
            return self.table_end(lines, end, blank_finish);
        }
        let texts: Vec<&str> = block.iter().map(|l| l.text).collect();
        match table::parse_grid(&texts, block[0].span()) {
            Ok(raw) => {
                let t = self.build_table(raw, block[0].span());
                out.push(t);
            }
            Err(m) => self.messages.push(m),
        }
        self.table_end(lines, end, blank_finish)
    }

    /// A simple table whose top border is `lines[i]`.
    pub(crate) fn simple_table(
        &mut self,
        lines: &[Ln<'_>],
        i: usize,
        out: &mut Vec<Block>,
    ) -> usize {
        let top_len = lines[i].text.chars().count();
        let mut found_at: Option<usize> = None;
        let mut found = 0;
        let mut k = i + 1;
        let last = loop {
            let Some(l) = lines.get(k) else {
                let mut details = String::from("No bottom table border found");
                let end = match found_at {
                    Some(f) => {
                        details.push_str(" or no blank line after table bottom");
                        f + 1
                    }
                    None => lines.len(),
                };
                details.push('.');
                self.malformed(&lines[i..end], &details, 0);
                return self.table_end(lines, end, found_at.is_none());
            };
            if markers::simple_border(l.text) {
                if l.text.chars().count() != top_len {
                    self.malformed(
                        &lines[i..=k],
                        "Bottom border or header rule does not match top border.",
                        k - i,
                    );
                    let blank_finish = lines.get(k + 1).is_none_or(Ln::is_blank);
                    return self.table_end(lines, k + 1, blank_finish);
                }
                found += 1;
                found_at = Some(k);
                if found == 2 || lines.get(k + 1).is_none_or(Ln::is_blank) {
                    break k;
                }
            }
            k += 1;
        };
        let block = &lines[i..=last];
        let texts: Vec<&str> = block.iter().map(|l| l.text).collect();
        match table::parse_simple(&texts, block[0].span()) {
            Ok(raw) => {
                let t = self.build_table(raw, block[0].span());
                out.push(t);
            }
            Err(m) => self.messages.push(m),
        }
        let blank_finish = lines.get(last + 1).is_none_or(Ln::is_blank);
        self.table_end(lines, last + 1, blank_finish)
    }

    /// docutils' check after a table (parsed or not): "Blank line required
    /// after table." unless it ended with one. Returns `end`.
    fn table_end(&mut self, lines: &[Ln<'_>], end: usize, blank_finish: bool) -> usize {
        if !blank_finish {
            if let Some(l) = lines.get(end) {
                let text = "Blank line required after table.";
                self.report(Level::Warning, "blank-line-after-table", text, l.span());
            }
        }
        end
    }

    /// docutils' "Malformed table." error, `offset` lines into `block`.
    fn malformed(&mut self, block: &[Ln<'_>], detail: &str, offset: usize) {
        let span = block
            .get(offset)
            .or(block.first())
            .map_or_else(Span::default, |l| Span::new(l.line, l.col));
        self.report(
            Level::Error,
            "malformed-table",
            format!("Malformed table.\n{detail}"),
            span,
        );
    }

    fn build_table(&mut self, raw: RawTable, span: Span) -> Block {
        let mut rows: Vec<Row> = raw
            .rows
            .iter()
            .map(|r| Row {
                cells: r.cells.iter().map(|c| self.cell(c)).collect(),
                span: r.span,
            })
            .collect();
        let body = rows.split_off(raw.header_rows.min(rows.len()));
        Block::Table(Box::new(Table {
            cols: raw.cols,
            header: rows,
            body,
            span,
        }))
    }

    /// A cell's text parsed as a mini document, spans pointing into the
    /// cell's place in the source.
    fn cell(&mut self, c: &RawCell) -> Cell {
        let lines: Vec<Ln<'_>> = c
            .lines
            .iter()
            .enumerate()
            .map(|(k, t)| Ln {
                text: t.trim_end(),
                line: c.span.line + k as u32,
                col: c.span.col,
            })
            .collect();
        Cell {
            children: self.nested(&lines),
            morecols: c.morecols,
            morerows: c.morerows,
            span: c.span,
        }
    }
}
