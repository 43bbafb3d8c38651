//! The block-level reader: docutils' `Body` and `Text` states (titles and
//! the `Line` state live in `sections`).
//!
//! [`Parser::body`] walks a run of [`Ln`] lines and dispatches on the first
//! line of each construct, in docutils' order of precedence (indentation,
//! bullet, enumerator, field marker, line block, tables, explicit markup,
//! adornment line, text). Constructs that hold other blocks recurse on a
//! dedented copy of their lines through [`Parser::nested`], which caps the
//! nesting depth. Only the top level may hold section titles; they are
//! emitted as childless [`Section`]s and nested at the end.
//!
//! Option lists (`-v  text`) are not recognised: the tree has no node for
//! them and no corpus page uses one, so such lines are ordinary text.

use super::ast::{
    Block, BlockQuote, Document, Inline, Level, LiteralBlock, Message, Paragraph, Span,
};
use super::inline::{parse_inlines_into, SourceLine};
use super::lines::{self, get_indented, text_block, Known, Ln};
use super::markers;
use super::sections::{self, Sections};
use super::Options;

/// Deepest nesting of indented constructs before the reader gives up on a
/// block (keeps pathological input from exhausting the stack).
const MAX_DEPTH: usize = 64;

/// Reader state shared by every nesting level of one document.
#[derive(Default)]
pub(crate) struct Parser {
    pub messages: Vec<Message>,
    pub sections: Sections,
    depth: usize,
    /// Spare block buffers: each nesting level fills one, then the result
    /// is copied out at its exact size (no growth reallocations, no slack
    /// kept alive in the tree).
    spare: Vec<Vec<Block>>,
    /// The inliner's output buffer, reused the same way.
    inline_buf: Vec<Inline>,
}

pub(crate) fn parse_document(text: &str, options: &Options) -> Document {
    let (expanded, breaks) = lines::expand_with_breaks(text);
    let lines = lines::lines_at(&expanded, &breaks);
    drop(breaks);
    let mut p = Parser::default();
    lines::check_lengths(&lines, options.line_length_limit, &mut p.messages);
    let flat = p.body(&lines, true);
    let mut messages = p.messages;
    messages.sort_by_key(|m| m.span);
    Document {
        children: sections::nest(flat),
        messages,
    }
}

impl Parser {
    /// Record a message.
    pub fn report(
        &mut self,
        level: Level,
        code: &'static str,
        text: impl Into<std::borrow::Cow<'static, str>>,
        span: Span,
    ) {
        self.messages.push(Message {
            level,
            code,
            text: text.into(),
            span,
        });
    }

    /// docutils' "X ends without a blank line; unexpected unindent." at the
    /// line after a construct, when there is one.
    pub fn unindent_warning(&mut self, what: &str, next: Option<&Ln<'_>>) {
        if let Some(l) = next {
            let text = format!("{what} ends without a blank line; unexpected unindent.");
            self.report(
                Level::Warning,
                "unexpected-unindent",
                text,
                Span::new(l.line, 1),
            );
        }
    }

    /// Inline markup of a run of lines.
    pub fn inlines(&mut self, lines: &[Ln<'_>]) -> Vec<Inline> {
        if let [one] = lines {
            return parse_inlines_into(&[one.source()], &mut self.messages, &mut self.inline_buf);
        }
        let src: Vec<SourceLine<'_>> = lines.iter().map(Ln::source).collect();
        parse_inlines_into(&src, &mut self.messages, &mut self.inline_buf)
    }

    /// Parse indented content (list items, block quotes, directive bodies,
    /// table cells): no section titles, depth-limited.
    pub fn nested(&mut self, lines: &[Ln<'_>]) -> Vec<Block> {
        if lines.iter().all(Ln::is_blank) {
            return Vec::new();
        }
        if self.depth >= MAX_DEPTH {
            let first = lines
                .iter()
                .find(|l| !l.is_blank())
                .map_or_else(Span::default, Ln::span);
            self.report(
                Level::Severe,
                "nesting-too-deep",
                format!(
                    "Content nested more than {MAX_DEPTH} levels deep; kept as a literal block."
                ),
                first,
            );
            let text = lines::join(lines.iter().map(|l| l.text), "\n");
            return vec![Block::LiteralBlock(LiteralBlock { text, span: first })];
        }
        self.depth += 1;
        let out = self.body(lines, false);
        self.depth -= 1;
        out
    }

    /// docutils' `Body` state over `lines`; `top` allows section titles.
    pub fn body(&mut self, lines: &[Ln<'_>], top: bool) -> Vec<Block> {
        let mut out = self.spare.pop().unwrap_or_default();
        let mut i = 0;
        while i < lines.len() {
            i = self.construct(lines, i, top, &mut out);
        }
        // Moved out at exact size; `out` keeps its capacity for reuse.
        let mut blocks = Vec::with_capacity(out.len());
        blocks.append(&mut out);
        self.spare.push(out);
        blocks
    }

    /// Read the construct starting at `lines[i]`; return the index after it.
    fn construct(&mut self, lines: &[Ln<'_>], i: usize, top: bool, out: &mut Vec<Block>) -> usize {
        let ln = lines[i];
        let t = ln.text;
        if ln.is_blank() {
            return i + 1;
        }
        if ln.is_indented() {
            return self.block_quote(lines, i, out);
        }
        if let Some((bullet, _)) = markers::bullet(t) {
            return self.bullet_list(lines, i, bullet, out);
        }
        if markers::enumerator(t).is_some() {
            if let Some(next) = self.enumerated_list(lines, i, out) {
                return next;
            }
            return self.text(lines, i, top, out);
        }
        if markers::field_marker(t).is_some() {
            return self.field_list(lines, i, out);
        }
        if t.starts_with(">>>") && (t.len() == 3 || t[3..].starts_with(' ')) {
            let (end, _) = text_block(lines, i, false);
            let text = lines::join(lines[i..end].iter().map(|l| l.text), "\n");
            out.push(Block::LiteralBlock(LiteralBlock {
                text,
                span: ln.span(),
            }));
            return end;
        }
        if markers::line_block(t).is_some() {
            return self.line_block(lines, i, out);
        }
        if markers::grid_border(t) {
            return self.grid_table(lines, i, out);
        }
        if markers::simple_top(t) {
            return self.simple_table(lines, i, out);
        }
        if let Some(start) = markers::explicit(t) {
            return self.explicit(lines, i, start, out);
        }
        if let Some(start) = markers::anonymous(t) {
            return self.anonymous(lines, i, start, out);
        }
        if markers::adornment(t).is_some() {
            return self.line(lines, i, top, out);
        }
        self.text(lines, i, top, out)
    }

    /// An indented block after a blank line: block quote(s), with
    /// attributions split off.
    fn block_quote(&mut self, lines: &[Ln<'_>], i: usize, out: &mut Vec<Block>) -> usize {
        let b = get_indented(lines, i, Known::None, false, true, true);
        let mut rest: &[Ln<'_>] = &b.lines;
        while !rest.is_empty() {
            let (content, attribution, remaining) = split_attribution(rest);
            let span = content.first().map_or_else(Span::default, Ln::span);
            let children = self.nested(content);
            let attribution = attribution.map(|a| self.inlines(&a));
            out.push(Block::BlockQuote(Box::new(BlockQuote {
                children,
                attribution,
                span,
            })));
            let skip = remaining.iter().take_while(|l| l.is_blank()).count();
            rest = &remaining[skip..];
        }
        if !b.blank_finish {
            self.unindent_warning("Block quote", lines.get(b.end));
        }
        b.end
    }

    /// A text line (docutils' `Text` state): paragraph, definition list or
    /// underlined title, decided by the next line.
    pub fn text(&mut self, lines: &[Ln<'_>], i: usize, top: bool, out: &mut Vec<Block>) -> usize {
        match lines.get(i + 1) {
            None => self.paragraph(lines, i, i + 1, out),
            Some(n) if n.is_blank() => self.paragraph(lines, i, i + 1, out),
            Some(n) if n.is_indented() => self.definition_list(lines, i, out),
            Some(n) if markers::adornment(n.text).is_some() => self.underlined(lines, i, top, out),
            Some(_) => self.paragraph_block(lines, i, out),
        }
    }

    /// Paragraph lines `i..` up to a blank line; an indented line ends it
    /// with "Unexpected indentation.".
    pub(crate) fn paragraph_block(
        &mut self,
        lines: &[Ln<'_>],
        i: usize,
        out: &mut Vec<Block>,
    ) -> usize {
        let (end, indented) = text_block(lines, i + 1, true);
        let next = self.paragraph_only(&lines[i..end], out);
        if let Some(at) = indented {
            let span = lines[at].trim_start().span();
            self.report(
                Level::Error,
                "unexpected-indentation",
                "Unexpected indentation.",
                span,
            );
        }
        if next {
            return self.literal_block(lines, end, out);
        }
        end
    }

    /// A paragraph made of `lines[i..end]`, then its literal block if it
    /// ends in `::`.
    fn paragraph(&mut self, lines: &[Ln<'_>], i: usize, end: usize, out: &mut Vec<Block>) -> usize {
        if self.paragraph_only(&lines[i..end], out) {
            return self.literal_block(lines, end, out);
        }
        end
    }

    /// Push the paragraph; true when a literal block follows (`::`).
    fn paragraph_only(&mut self, para: &[Ln<'_>], out: &mut Vec<Block>) -> bool {
        let Some(last) = para.last() else {
            return false;
        };
        if !ends_with_literal_marker(last.text) {
            let inlines = self.inlines(para);
            out.push(Block::Paragraph(Paragraph {
                inlines,
                span: para[0].span(),
            }));
            return false;
        }
        if para.len() == 1 && last.text == "::" {
            return true;
        }
        let mut body: Vec<Ln<'_>> = para.to_vec();
        let t = last.text;
        let before = &t[..t.len() - 2];
        if t == "::" {
            body.pop();
            if let Some(prev) = body.last_mut() {
                prev.text = prev.text.trim_end();
            }
        } else if let Some(l) = body.last_mut() {
            l.text = if before.ends_with(' ') {
                before.trim_end()
            } else {
                &t[..t.len() - 1]
            };
        }
        let inlines = self.inlines(&body);
        out.push(Block::Paragraph(Paragraph {
            inlines,
            span: para[0].span(),
        }));
        true
    }

    /// The literal block after a `::` paragraph, starting the search at
    /// `lines[j]`: an indented block, else a quoted one.
    fn literal_block(&mut self, lines: &[Ln<'_>], j: usize, out: &mut Vec<Block>) -> usize {
        let mut b = get_indented(lines, j, Known::None, false, true, true);
        lines::trim_end(&mut b.lines);
        if b.lines.is_empty() {
            return self.quoted_literal_block(lines, j, out);
        }
        let text = lines::join(b.lines.iter().map(|l| l.text), "\n");
        out.push(Block::LiteralBlock(LiteralBlock {
            text,
            span: b.lines[0].span(),
        }));
        if !b.blank_finish {
            self.unindent_warning("Literal block", lines.get(b.end));
        }
        b.end
    }

    /// Unindented lines all starting with the same punctuation character.
    fn quoted_literal_block(&mut self, lines: &[Ln<'_>], j: usize, out: &mut Vec<Block>) -> usize {
        let start = j + lines[j.min(lines.len())..]
            .iter()
            .take_while(|l| l.is_blank())
            .count();
        let quote = lines
            .get(start)
            .filter(|l| !l.is_indented())
            .and_then(|l| l.text.chars().next())
            .filter(|&c| markers::is_adornment_char(c));
        let Some(quote) = quote else {
            let span = lines
                .get(start)
                .or(lines.last())
                .map_or_else(Span::default, Ln::span);
            self.report(
                Level::Warning,
                "literal-block-expected",
                "Literal block expected; none found.",
                span,
            );
            return start;
        };
        let mut end = start;
        while let Some(l) = lines.get(end) {
            if l.is_blank() {
                break;
            }
            if l.is_indented() {
                self.report(
                    Level::Error,
                    "unexpected-indentation",
                    "Unexpected indentation.",
                    l.span(),
                );
                break;
            }
            if !l.text.starts_with(quote) {
                self.report(
                    Level::Error,
                    "inconsistent-quoting",
                    "Inconsistent literal block quoting.",
                    l.span(),
                );
                break;
            }
            end += 1;
        }
        let text = lines::join(lines[start..end].iter().map(|l| l.text), "\n");
        out.push(Block::LiteralBlock(LiteralBlock {
            text,
            span: lines[start].span(),
        }));
        end
    }
}

/// True when a paragraph's last line ends with an unescaped `::`.
fn ends_with_literal_marker(t: &str) -> bool {
    let Some(before) = t.strip_suffix("::") else {
        return false;
    };
    before.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 0
}

/// Split a block quote's lines into content, attribution (a line starting
/// with `--`, `---` or an em dash after a blank line) and what follows.
fn split_attribution<'s, 'a>(
    lines: &'s [Ln<'a>],
) -> (&'s [Ln<'a>], Option<Vec<Ln<'a>>>, &'s [Ln<'a>]) {
    let mut blank: Option<usize> = None;
    let mut nonblank_seen = false;
    for (i, l) in lines.iter().enumerate() {
        if l.is_blank() {
            blank = Some(i);
            continue;
        }
        if nonblank_seen && blank == Some(i.wrapping_sub(1)) {
            if let Some(mark) = attribution_mark(l.text) {
                if let Some((end, indent)) = check_attribution(lines, i) {
                    let mut a = vec![l.skip(mark)];
                    a.extend(lines[i + 1..end].iter().map(|x| x.dedent(indent)));
                    return (&lines[..i], Some(a), &lines[end.min(lines.len())..]);
                }
            }
        }
        nonblank_seen = true;
    }
    (lines, None, &[])
}

/// `--`, `---` (not followed by another `-`) or an em dash, then spaces,
/// then text: the byte length of the mark and spaces.
fn attribution_mark(t: &str) -> Option<usize> {
    let mark = if t.starts_with("---") && !t.starts_with("----") {
        3
    } else if t.starts_with("--") && !t.starts_with("---") {
        2
    } else if t.starts_with('\u{2014}') {
        3
    } else {
        return None;
    };
    let spaces = t[mark..].bytes().take_while(|&b| b == b' ').count();
    (mark + spaces < t.len()).then_some(mark + spaces)
}

/// Lines after an attribution's first line must share one indentation up
/// to a blank line: the index after the attribution and that indentation.
fn check_attribution(lines: &[Ln<'_>], start: usize) -> Option<(usize, usize)> {
    let mut indent: Option<usize> = None;
    let mut i = start + 1;
    while let Some(l) = lines.get(i) {
        if l.is_blank() {
            return Some((i, indent.unwrap_or(0)));
        }
        match indent {
            None => indent = Some(l.indent()),
            Some(n) if n != l.indent() => return None,
            Some(_) => {}
        }
        i += 1;
    }
    Some((lines.len(), indent.unwrap_or(0)))
}
