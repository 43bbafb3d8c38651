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
    // One walk over both, a run of gaps in `name` matching one space in
    // `normalized`; most names differ at their first letter, so the walk
    // rarely reads far. A non-ASCII byte (which may lower-case to ASCII,
    // or be a space) sends the name to the Unicode comparison.
    let gap = |c: u8| c.is_ascii_whitespace() || c == 0x0b;
    let mut i = n.iter().position(|&c| !gap(c)).unwrap_or(n.len());
    let mut j = 0;
    while i < n.len() {
        if n[i] >= 0x80 {
            return unicode_eq(name, normalized);
        }
        if gap(n[i]) {
            while i < n.len() && gap(n[i]) {
                i += 1;
            }
            if i < n.len() {
                if t.get(j) != Some(&b' ') {
                    // Unless a non-ASCII space continues the gap.
                    return n[i] >= 0x80 && unicode_eq(name, normalized);
                }
                j += 1;
            }
        } else {
            if t.get(j) != Some(&n[i].to_ascii_lowercase()) {
                return false; // an ASCII letter differs, in any reading
            }
            i += 1;
            j += 1;
        }
    }
    j == t.len()
}

/// [`normalized_eq`] for a name with non-ASCII characters: its words,
/// split on Unicode white space and lower-cased, against `normalized`'s.
fn unicode_eq(name: &str, normalized: &str) -> bool {
    let mut want = normalized.split(' ').filter(|w| !w.is_empty());
    name.split_whitespace().all(|word| {
        want.next()
            .is_some_and(|w| word.chars().flat_map(char::to_lowercase).eq(w.chars()))
    }) && want.next().is_none()
}

/// Runs of whitespace collapsed to one space, ends trimmed (how text reads
/// once rendered). One pass, one allocation.
///
/// ```
/// assert_eq!(restdoc_rst::squash_whitespace("  a \n\t b  "), "a b");
/// ```
pub fn squash_whitespace(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut gap = true; // a gap here would be leading: dropped
    let mut chunks = b.chunks_exact(8);
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        if let Some(ends_in_space) = plain_word(word, gap) {
            // Eight bytes that read as they are: copied whole.
            out.extend_from_slice(chunk);
            gap = ends_in_space;
            continue;
        }
        if !squash_bytes(chunk, &mut out, &mut gap) {
            return squash_unicode(text);
        }
    }
    if !squash_bytes(chunks.remainder(), &mut out, &mut gap) {
        return squash_unicode(text);
    }
    if gap {
        out.pop(); // a trailing gap
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Eight bytes (little-endian in `word`) that [`squash_whitespace`] keeps
/// as they are: printable ASCII and single spaces, none right after a gap
/// (`gap`: the byte before was a space, or this is the start). Gives
/// whether the last byte is a space, or `None` when the word needs a look
/// byte by byte.
#[inline]
fn plain_word(word: u64, gap: bool) -> Option<bool> {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if word & HIGH != 0 {
        return None; // not ASCII
    }
    // Per byte, no carry between bytes (each is below 0x80 here):
    // the high bit is set where the byte is 0x21 or more,
    let printable = word.wrapping_add(0x5f5f_5f5f_5f5f_5f5f) & HIGH;
    // and where the byte is a space.
    let x = word ^ 0x2020_2020_2020_2020;
    let space = !((x & LOW).wrapping_add(LOW) | x | LOW);
    if (printable | space) != HIGH {
        return None; // a control character: a tab, a line break, ...
    }
    // A space right after a space (or a gap) collapses.
    let before = (space << 8) | u64::from(gap) << 7;
    if space & before != 0 {
        return None;
    }
    Some(space >> 63 != 0)
}

/// Squash `bytes` onto `out` one at a time: each byte written (a gap as
/// one space) unless it repeats a gap. Only ASCII bytes are changed or
/// dropped, so UTF-8 stays UTF-8. False when a byte may start a non-ASCII
/// space (U+0085, U+00A0, U+1680, U+2000 to U+205F, U+3000): that text
/// takes [`squash_unicode`].
fn squash_bytes(bytes: &[u8], out: &mut Vec<u8>, gap: &mut bool) -> bool {
    for &c in bytes {
        if matches!(c, 0xC2 | 0xE1..=0xE3) {
            return false;
        }
        let space = c == b' ' || (0x09..=0x0d).contains(&c);
        if !(space && *gap) {
            out.push(if space { b' ' } else { c });
        }
        *gap = space;
    }
    true
}

/// [`squash_whitespace`] by its definition: words split on Unicode white
/// space, joined by one space.
fn squash_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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

#[cfg(test)]
mod tests {
    /// The ASCII walk agrees with the definition (the normalised name
    /// equals `normalized`) on names with non-ASCII spaces, letters that
    /// lower-case to ASCII (KELVIN SIGN), and gaps at either end.
    #[test]
    fn normalized_eq_is_normalize_name_equality() {
        let names = [
            "security summary",
            "Security  Summary",
            " Security\nsummary ",
            "security",
            "security summary x",
            "a\n\u{a0}",
            "a\u{a0}",
            "a \u{a0}b",
            "a b",
            "\u{212a}ey",
            "key",
            "KEY",
            "k\u{e9}y",
            "\u{a0}a",
            "",
            " ",
            "a",
            "ab",
            "a\u{2003}b",
        ];
        let wanted = ["security summary", "security", "a", "a b", "key", "ab", ""];
        for n in names {
            for w in wanted {
                assert_eq!(
                    super::normalized_eq(n, w),
                    super::normalize_name(n) == w,
                    "{n:?} {w:?}"
                );
            }
        }
    }

    /// The fast path agrees with the definition (words split on Unicode
    /// white space, joined by one space) on ASCII controls, every
    /// non-ASCII space, bytes that only look like their lead bytes, and
    /// text that is already squashed.
    #[test]
    fn squash_whitespace_is_split_and_join() {
        let reference = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let pieces = [
            "", " ", "a", "word", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\u{85}",
            "\u{a0}", "\u{1680}", "\u{2003}", "\u{2028}", "\u{202f}", "\u{205f}", "\u{3000}",
            "\u{3001}", "é", "Ā", "\u{2010}", "日本", "  ", "x y",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let t = format!("{a}{b}x{c}{a}");
                    assert_eq!(super::squash_whitespace(&t), reference(&t), "{t:?}");
                    let t = format!("{b}{c}");
                    assert_eq!(super::squash_whitespace(&t), reference(&t), "{t:?}");
                }
            }
        }
        // Longer texts, so every piece also falls across the eight-byte
        // words the fast path reads (a fixed pseudo-random sequence).
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut t = String::new();
            while t.len() < 40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            assert_eq!(super::squash_whitespace(&t), reference(&t), "{t:?}");
        }
    }
}
