//! A docutils-free reStructuredText reader, built on nom.
//!
//! It reads the subset of RST that API reference pages use, with docutils'
//! semantics (see `../shared/reference/docutils-rules.md`): input lines are
//! TAB-expanded to 8-column stops and right-stripped, blocks are recognised by
//! indentation as docutils' state machine does, and anything it does not
//! understand becomes a [`Message`] and is skipped. It never panics and never
//! drops a document (docutils drops a page with a line over 10 000
//! characters; we read it and warn).
//!
//! ```
//! use restdoc_rst::{parse, Block};
//! let doc = parse("Title\n=====\n\n.. function:: GET /users/{uid}\n");
//! let Block::Section(s) = &doc.children[0] else { panic!() };
//! let Block::Directive(d) = &s.children[0] else { panic!() };
//! assert_eq!((d.name.as_str(), d.argument.as_str()), ("function", "GET /users/{uid}"));
//! ```

pub mod ast;
mod blocks;
mod directive;
pub mod inline;
mod lines;
mod lists;
mod markers;
mod sections;
pub mod table;
mod table_block;

pub use ast::*;

use std::ops::ControlFlow;

/// Reader settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Lines longer than this get a warning (docutils' `line_length_limit`,
    /// where docutils drops the whole document; we keep reading).
    pub line_length_limit: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            line_length_limit: 10_000,
        }
    }
}

/// Parse a document with default [`Options`].
pub fn parse(text: &str) -> Document {
    parse_with(text, &Options::default())
}

/// Parse a document.
pub fn parse_with(text: &str, options: &Options) -> Document {
    blocks::parse_document(text, options)
}

/// Plain text of a run of inlines (markup stripped, roles' display text).
pub fn plain_text(inlines: &[Inline]) -> String {
    let len = inlines.iter().map(|i| i.plain_text().len()).sum();
    let mut s = String::with_capacity(len);
    for i in inlines {
        s.push_str(i.plain_text());
    }
    s
}

/// Plain text of a block: paragraphs' text; for containers, the children's
/// text joined by a space. Literal blocks give their text.
pub fn plain_text_block(block: &Block) -> String {
    let mut out = String::new();
    push_block_text(block, &mut out);
    out
}

/// Append `block`'s [`plain_text_block`] to `out`.
fn push_block_text(block: &Block, out: &mut String) {
    /// The non-empty texts of `blocks`, joined by a space.
    fn join(blocks: &[Block], out: &mut String) {
        let mut first = true;
        for b in blocks {
            let mark = out.len();
            if !first {
                out.push(' ');
            }
            let start = out.len();
            push_block_text(b, out);
            if out.len() == start {
                out.truncate(mark);
            } else {
                first = false;
            }
        }
    }
    /// Every item's text (empty ones too), joined by a space.
    fn items<'a>(items: impl Iterator<Item = &'a [Block]>, out: &mut String) {
        for (k, blocks) in items.enumerate() {
            if k > 0 {
                out.push(' ');
            }
            join(blocks, out);
        }
    }
    match block {
        Block::Paragraph(p) => p.inlines.iter().for_each(|i| out.push_str(i.plain_text())),
        Block::Section(s) => join(&s.children, out),
        Block::BulletList(l) => items(l.items.iter().map(|i| i.children.as_slice()), out),
        Block::EnumeratedList(l) => items(l.items.iter().map(|i| i.children.as_slice()), out),
        Block::DefinitionList(l) => {
            for (k, i) in l.items.iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                i.term.iter().for_each(|t| out.push_str(t.plain_text()));
                out.push(' ');
                join(&i.definition, out);
            }
        }
        Block::BlockQuote(q) => join(&q.children, out),
        Block::LiteralBlock(l) => out.push_str(&l.text),
        Block::Directive(d) => join(&d.children, out),
        _ => {}
    }
}

/// Normalise a reference name as docutils' `fully_normalize_name` does:
/// lower-case, runs of whitespace collapsed to one space.
pub fn normalize_name(name: &str) -> String {
    let mut squashed = squash_whitespace(name);
    if squashed.is_ascii() {
        // Names are nearly always ASCII: lower-case in place, no second copy.
        squashed.make_ascii_lowercase();
        squashed
    } else {
        squashed.to_lowercase()
    }
}

/// Does `name` read as `normalized` once normalised ([`normalize_name`])?
/// Checked word by word, without building the normalised name: for the
/// fixed headings and names a dialect looks for (`"security summary"`).
/// `normalized` is ASCII, lower-case, its words apart by one space.
///
/// ```
/// assert!(restdoc_rst::normalized_eq("  Security\n  SUMMARY ", "security summary"));
/// assert!(!restdoc_rst::normalized_eq("Security summaries", "security summary"));
/// ```
pub fn normalized_eq(name: &str, normalized: &str) -> bool {
    debug_assert!(normalized.is_ascii(), "{normalized:?} is not ASCII");
    let (n, t) = (name.as_bytes(), normalized.as_bytes());
    if !name.is_ascii() {
        let mut want = normalized.split(' ').filter(|w| !w.is_empty());
        return name.split_whitespace().all(|word| {
            want.next()
                .is_some_and(|w| word.chars().flat_map(char::to_lowercase).eq(w.chars()))
        }) && want.next().is_none();
    }
    // ASCII: one walk over both, a run of gaps in `name` matching one
    // space in `normalized`; most names differ at their first letter.
    let gap = |c: u8| c.is_ascii_whitespace() || c == 0x0b;
    let mut i = n.iter().position(|&c| !gap(c)).unwrap_or(n.len());
    let mut j = 0;
    while i < n.len() {
        if gap(n[i]) {
            while i < n.len() && gap(n[i]) {
                i += 1;
            }
            if i < n.len() {
                if t.get(j) != Some(&b' ') {
                    return false;
                }
                j += 1;
            }
        } else {
            if t.get(j) != Some(&n[i].to_ascii_lowercase()) {
                return false;
            }
            i += 1;
            j += 1;
        }
    }
    j == t.len()
}

/// Runs of whitespace collapsed to one space, ends trimmed (how text reads
/// once rendered). One pass, one allocation.
///
/// ```
/// assert_eq!(restdoc_rst::squash_whitespace("  a \n\t b  "), "a b");
/// ```
pub fn squash_whitespace(text: &str) -> String {
    if is_squashed(text.as_bytes()) {
        return text.to_owned();
    }
    if text.is_ascii() {
        // Most page text is ASCII, and this is on every paragraph: copy
        // the text, then compact it in place, each byte written back (a
        // gap as one space) and kept unless it repeats a gap: no branch on
        // the text, no growth check.
        let mut out = text.as_bytes().to_vec();
        let mut w = 0;
        let mut gap = true; // a gap here would be leading: dropped
        for r in 0..out.len() {
            let c = out[r];
            let space = c.is_ascii_whitespace() || c == 0x0b;
            out[w] = if space { b' ' } else { c };
            w += usize::from(!(space && gap));
            gap = space;
        }
        if gap && w > 0 {
            w -= 1; // a trailing gap
        }
        out.truncate(w);
        return String::from_utf8(out).unwrap_or_default();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True for printable ASCII text with no leading, trailing or doubled
/// space: what [`squash_whitespace`] leaves unchanged, checked in one pass.
fn is_squashed(b: &[u8]) -> bool {
    let mut space = true; // a space here would be leading
    for &c in b {
        if c == b' ' {
            if space {
                return false;
            }
            space = true;
        } else if !(0x21..0x7f).contains(&c) {
            return false;
        } else {
            space = false;
        }
    }
    !space || b.is_empty()
}

/// Walk every block in document order (depth first), including blocks nested
/// in sections, lists, quotes, directives and table cells.
pub fn walk<'a>(blocks: &'a [Block], f: &mut dyn FnMut(&'a Block)) {
    let _ = try_walk(blocks, &mut |b| {
        f(b);
        ControlFlow::Continue(())
    });
}

/// Does any block (in [`walk`] order) satisfy `pred`? Stops at the first.
pub fn any<'a>(blocks: &'a [Block], pred: &mut dyn FnMut(&'a Block) -> bool) -> bool {
    try_walk(blocks, &mut |b| {
        if pred(b) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })
    .is_break()
}

fn try_walk<'a>(
    blocks: &'a [Block],
    f: &mut dyn FnMut(&'a Block) -> ControlFlow<()>,
) -> ControlFlow<()> {
    for b in blocks {
        f(b)?;
        match b {
            Block::Section(s) => try_walk(&s.children, f)?,
            Block::BulletList(l) => l.items.iter().try_for_each(|i| try_walk(&i.children, f))?,
            Block::EnumeratedList(l) => {
                l.items.iter().try_for_each(|i| try_walk(&i.children, f))?
            }
            Block::DefinitionList(l) => l
                .items
                .iter()
                .try_for_each(|i| try_walk(&i.definition, f))?,
            Block::FieldList(l) => l.fields.iter().try_for_each(|i| try_walk(&i.body, f))?,
            Block::BlockQuote(q) => try_walk(&q.children, f)?,
            Block::Directive(d) => try_walk(&d.children, f)?,
            Block::Table(t) => t
                .header
                .iter()
                .chain(&t.body)
                .flat_map(|r| &r.cells)
                .try_for_each(|c| try_walk(&c.children, f))?,
            _ => {}
        }
    }
    ControlFlow::Continue(())
}
