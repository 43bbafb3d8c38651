//! The text being scanned, with docutils' escape representation, and the
//! map from byte offsets back to source lines and columns.
//!
//! Like docutils' `escape2null`, every escaping backslash is replaced by a
//! NUL byte before scanning (same length, so offsets are unchanged): the
//! escaped character stays, and rules such as "an end-string is not
//! preceded by an escape" become a look at the previous byte.

use super::chars::is_ws;
use super::SourceLine;
use crate::ast::Span;

/// The joined, NUL-escaped text of a block with character helpers.
#[derive(Clone, Copy)]
pub(super) struct Src<'a> {
    pub s: &'a str,
    pub b: &'a [u8],
    /// Whether the text holds any escape (NUL) at all.
    pub escapes: bool,
}

impl<'a> Src<'a> {
    /// `escapes`: whether `s` may hold a NUL.
    pub fn new(s: &'a str, escapes: bool) -> Self {
        Src {
            s,
            b: s.as_bytes(),
            escapes,
        }
    }

    /// The text `from..to` with escapes resolved.
    pub fn unescaped(&self, from: usize, to: usize) -> String {
        let t = self.slice(from, to);
        if self.escapes {
            unescape(t)
        } else {
            t.to_string()
        }
    }

    pub fn len(&self) -> usize {
        self.b.len()
    }

    /// The byte at `i`, or 0 past the end (callers treat 0 as "no special
    /// character"; a real NUL is only ever an escape marker).
    pub fn byte(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    /// The character starting at byte `i` (`i` must be a char boundary).
    pub fn char_at(&self, i: usize) -> Option<char> {
        match self.b.get(i) {
            Some(&c) if c < 0x80 => Some(c as char),
            Some(_) => self.s.get(i..).and_then(|t| t.chars().next()),
            None => None,
        }
    }

    /// The character ending at byte `i`, if `i > lo` (`lo` is where the
    /// scanned string starts, as a regex look-behind cannot see before it).
    pub fn char_before(&self, i: usize, lo: usize) -> Option<char> {
        if i <= lo {
            return None;
        }
        match self.b.get(i - 1) {
            Some(&c) if c < 0x80 => Some(c as char),
            Some(_) => self.s.get(..i).and_then(|t| t.chars().next_back()),
            None => None,
        }
    }

    /// `(?!\s)` at `i`: true unless a whitespace character starts there.
    pub fn no_ws_at(&self, i: usize) -> bool {
        !self.char_at(i).is_some_and(is_ws)
    }

    pub fn slice(&self, from: usize, to: usize) -> &'a str {
        self.s.get(from..to).unwrap_or("")
    }
}

/// Join `lines` with `\n`.
pub(super) fn join(lines: &[SourceLine<'_>]) -> String {
    let cap = lines.iter().map(|l| l.text.len() + 1).sum();
    let mut joined = String::with_capacity(cap);
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            joined.push('\n');
        }
        joined.push_str(l.text);
    }
    joined
}

/// docutils' `escape2null`: every escaping backslash becomes a NUL; the
/// escaped character (if any) is kept verbatim, even a backslash.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push('\0');
            if let Some(escaped) = chars.next() {
                out.push(escaped);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// docutils' `unescape`: drop escape markers, and escaped whitespace
/// (`\ ` and backslash-newline) entirely.
pub(super) fn unescape(s: &str) -> String {
    if !s.contains('\0') {
        return s.to_string();
    }
    unescaped_chars(s).collect()
}

/// The characters of `s` with docutils' escape markers resolved: each NUL
/// dropped, and with it a space or line break right after it (escaped
/// whitespace is no text at all).
fn unescaped_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = s.chars().peekable();
    std::iter::from_fn(move || loop {
        let c = chars.next()?;
        if c != '\0' {
            return Some(c);
        }
        if matches!(chars.peek(), Some(' ' | '\n')) {
            chars.next();
        }
    })
}

/// docutils' `unescape(text, restore_backslashes=True)`: the source text.
pub(super) fn restore(s: &str) -> String {
    s.replace('\0', "\\")
}

/// `unescape`, then every run of whitespace collapsed to one space and the
/// ends trimmed, in one pass.
pub(super) fn unescape_collapsed(s: &str) -> String {
    // Common case: printable ASCII with single inner spaces.
    let b = s.as_bytes();
    let simple = b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && b.iter().all(|&c| (b' '..0x7f).contains(&c))
        && !b.windows(2).any(|w| w == b"  ");
    if simple {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in unescaped_chars(s) {
        if is_ws(c) {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// Maps byte offsets of the joined text back to source spans. Queries are
/// expected in mostly increasing order; a cursor makes them amortised O(1).
pub(super) struct SpanMap<'a> {
    lines: &'a [SourceLine<'a>],
    text: &'a str,
    /// Cursor: line index, where that line starts in the joined text, and
    /// the byte offset and column of the last answer.
    line: usize,
    line_start: usize,
    pos: usize,
    col: u32,
}

impl<'a> SpanMap<'a> {
    pub fn new(lines: &'a [SourceLine<'a>], text: &'a str) -> Self {
        SpanMap {
            lines,
            text,
            line: 0,
            line_start: 0,
            pos: 0,
            col: lines.first().map_or(1, |l| l.span.col),
        }
    }

    /// The span of the character at byte `offset`.
    pub fn span(&mut self, offset: usize) -> Span {
        let line_len = |i: usize| self.lines.get(i).map_or(0, |l| l.text.len());
        // Move the cursor to the line holding `offset` (a line's `\n` counts
        // as its last character).
        let mut moved = false;
        while offset > self.line_start + line_len(self.line) && self.line + 1 < self.lines.len() {
            self.line_start += line_len(self.line) + 1;
            self.line += 1;
            moved = true;
        }
        while offset < self.line_start && self.line > 0 {
            self.line -= 1;
            self.line_start -= line_len(self.line) + 1;
            moved = true;
        }
        let Some(line) = self.lines.get(self.line) else {
            return Span::default();
        };
        if moved {
            self.pos = self.line_start;
            self.col = line.span.col;
        }
        // Step from the cursor (backwards too: a node's span is asked for
        // before the text in front of it).
        if offset >= self.pos {
            let chunk = self.text.get(self.pos..offset).unwrap_or("");
            self.col += chunk.chars().count() as u32;
        } else {
            let chunk = self.text.get(offset..self.pos).unwrap_or("");
            self.col = self.col.saturating_sub(chunk.chars().count() as u32);
        }
        self.pos = offset;
        Span::new(line.span.line, self.col)
    }
}
