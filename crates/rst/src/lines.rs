//! Input preprocessing, as docutils' `string2lines`, and the line views the
//! block reader works on.
//!
//! The source is expanded once per document (TABs to 8-column stops, `\v`
//! and `\f` to spaces, Python `splitlines` separators, trailing whitespace
//! stripped); every later stage works on [`Ln`] views: `&str` slices of that
//! one buffer plus where the slice starts, so dedenting a block never copies
//! text.

use super::ast::{Level, Message, Span};
use super::inline::SourceLine;

/// Docutils' TAB width.
const TAB_WIDTH: usize = 8;

/// One (possibly dedented) source line: its text and the position of the
/// text's first character. Lines are right-stripped, so a blank line is an
/// empty one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ln<'a> {
    pub text: &'a str,
    pub line: u32,
    pub col: u32,
}

impl<'a> Ln<'a> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Number of leading spaces.
    pub fn indent(&self) -> usize {
        self.text.bytes().take_while(|&b| b == b' ').count()
    }

    /// True when the line starts with a space (docutils' "indented").
    pub fn is_indented(&self) -> bool {
        self.text.starts_with(' ')
    }

    /// The line without its first `bytes` bytes (clamped to a character
    /// boundary inside the line), with the column moved accordingly.
    pub fn skip(&self, bytes: usize) -> Ln<'a> {
        let mut at = bytes.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at += 1;
        }
        let cols = self.text[..at].chars().count() as u32;
        Ln {
            text: &self.text[at..],
            line: self.line,
            col: self.col + cols,
        }
    }

    /// The line with up to `n` leading spaces removed.
    pub fn dedent(&self, n: usize) -> Ln<'a> {
        let k = n.min(self.indent());
        Ln {
            text: &self.text[k..],
            line: self.line,
            col: self.col + k as u32,
        }
    }

    /// The line with all leading spaces removed.
    pub fn trim_start(&self) -> Ln<'a> {
        self.dedent(usize::MAX)
    }

    pub fn span(&self) -> Span {
        Span::new(self.line, self.col)
    }

    pub fn source(&self) -> SourceLine<'a> {
        SourceLine {
            span: self.span(),
            text: self.text,
        }
    }
}

/// True for the characters Python's `str.rstrip()` removes.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Bytes that need a look in [`expand`]: line separators (`\n`, `\r`,
/// `\x1c`-`\x1e`, and the first bytes of U+0085, U+2028, U+2029), TAB,
/// `\v`, `\f`.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(
            i as u8,
            b'\n' | b'\r' | b'\t' | 0x0b | 0x0c | 0x1c..=0x1e | 0xC2 | 0xE2
        );
        i += 1;
    }
    t
};

/// Expand a document as docutils' `string2lines(convert_whitespace=True)`
/// does (TABs to 8-column stops, `\v`/`\f` to spaces, Python
/// `splitlines` separators, trailing whitespace stripped), joining the
/// lines with `\n` (no trailing newline). One pass over the bytes.
#[cfg(test)]
pub(crate) fn expand(src: &str) -> String {
    expand_with_breaks(src).0
}

/// [`expand`], with where each `\n` of the result is: the line split comes
/// from the same pass, so the text is not scanned again for it.
pub(crate) fn expand_with_breaks(src: &str) -> (String, Vec<usize>) {
    let b = src.as_bytes();
    let mut breaks = Vec::with_capacity(b.len() / 32 + 1);
    let mut out: Vec<u8> = Vec::with_capacity(b.len() + b.len() / 8);
    let mut line_start = 0; // in `out`
    let mut col = 0; // characters in out[line_start..counted]
    let mut counted = 0;
    let mut run = 0; // start of the bytes not yet copied
    let mut i = 0;
    let mut ended_with_break = false;
    while i < b.len() {
        i = next_special(b, i);
        let Some(&c) = b.get(i) else {
            break;
        };
        let brk = match c {
            b'\n' | 0x1c..=0x1e => Some(1),
            b'\r' => Some(if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 }),
            0xC2 if b.get(i + 1) == Some(&0x85) => Some(2),
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => {
                Some(3)
            }
            0xC2 | 0xE2 => {
                i += 1;
                continue;
            }
            _ => None,
        };
        out.extend_from_slice(&b[run..i]);
        match brk {
            Some(n) => {
                rstrip(&mut out, line_start);
                breaks.push(out.len());
                out.push(b'\n');
                line_start = out.len();
                counted = line_start;
                col = 0;
                i += n;
                ended_with_break = true;
                run = i;
                continue;
            }
            None if c == b'\t' => {
                col += out[counted..]
                    .iter()
                    .filter(|&&x| (x & 0xC0) != 0x80)
                    .count();
                let n = TAB_WIDTH - col % TAB_WIDTH;
                out.resize(out.len() + n, b' ');
                col += n;
                counted = out.len();
            }
            None => out.push(b' '),
        }
        i += 1;
        run = i;
        ended_with_break = false;
    }
    if run < b.len() {
        out.extend_from_slice(&b[run..]);
        ended_with_break = false;
    }
    rstrip(&mut out, line_start);
    if ended_with_break {
        out.pop();
        breaks.pop();
    }
    let text = match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    (text, breaks)
}

/// The lines of an expanded document from its breaks (see
/// [`expand_with_breaks`]); the same as [`split`] on the text.
pub(crate) fn lines_at<'a>(text: &'a str, breaks: &[usize]) -> Vec<Ln<'a>> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(breaks.len() + 1);
    let mut start = 0;
    for &end in breaks.iter().chain(std::iter::once(&text.len())) {
        out.push(Ln {
            text: text.get(start..end).unwrap_or(""),
            line: out.len() as u32 + 1,
            col: 1,
        });
        start = end + 1;
    }
    out
}

/// The index of the first [`SPECIAL`] byte at or after `i` (or the
/// length): eight bytes at a time while they are all printable ASCII.
fn next_special(b: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    loop {
        while let Some(chunk) = b.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let w = u64::from_le_bytes(word);
            // A byte below 0x20 or above 0x7f sets its high bit here.
            if (w.wrapping_sub(SPACES) | w) & HIGH != 0 {
                break;
            }
            i += 8;
        }
        let stop = (i + 8).min(b.len());
        while i < stop {
            if SPECIAL[usize::from(b[i])] {
                return i;
            }
            i += 1;
        }
        if i >= b.len() {
            return b.len();
        }
    }
}

/// Strip trailing whitespace (Python's `str.rstrip()`) from the line that
/// starts at `from`.
fn rstrip(out: &mut Vec<u8>, from: usize) {
    while out.len() > from {
        let last = out[out.len() - 1];
        if last < 0x80 {
            if is_py_space(char::from(last)) {
                out.pop();
                continue;
            }
            return;
        }
        let mut k = out.len() - 1;
        while k > from && (out[k] & 0xC0) == 0x80 {
            k -= 1;
        }
        match std::str::from_utf8(&out[k..])
            .ok()
            .and_then(|t| t.chars().next())
        {
            Some(c) if is_py_space(c) => out.truncate(k),
            _ => return,
        }
    }
}

/// Split an expanded document into lines (1-based numbers, column 1): the
/// oracle [`lines_at`] is tested against.
#[cfg(test)]
pub(crate) fn split(text: &str) -> Vec<Ln<'_>> {
    if text.is_empty() {
        return Vec::new();
    }
    // One pass, eight bytes at a time: a per-line `memchr` costs more than
    // it saves on lines this short.
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 24 + 1);
    let mut push = |from: usize, to: usize| {
        out.push(Ln {
            text: text.get(from..to).unwrap_or(""),
            line: out.len() as u32 + 1,
            col: 1,
        })
    };
    let mut start = 0;
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ (ONES * u64::from(b'\n'));
        // High bit set exactly in the bytes that were `\n`.
        let mut hits = !(((x & LOW7) + LOW7) | x | LOW7);
        while hits != 0 {
            let at = i + (hits.trailing_zeros() / 8) as usize;
            push(start, at);
            start = at + 1;
            hits &= hits - 1;
        }
        i += 8;
    }
    for (at, &c) in b.iter().enumerate().skip(i) {
        if c == b'\n' {
            push(start, at);
            start = at + 1;
        }
    }
    push(start, b.len());
    out
}

/// `texts` joined with `sep`, allocated once at its exact size.
pub(crate) fn join<'a>(texts: impl Iterator<Item = &'a str> + Clone, sep: &str) -> String {
    let (mut len, mut n) = (0usize, 0usize);
    for t in texts.clone() {
        len += t.len();
        n += 1;
    }
    let mut out = String::with_capacity(len + sep.len() * n.saturating_sub(1));
    for (i, t) in texts.enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(t);
    }
    out
}

/// Warn about lines longer than `limit` characters (docutils drops the
/// whole document; we keep reading).
pub(crate) fn check_lengths(lines: &[Ln<'_>], limit: usize, messages: &mut Vec<Message>) {
    for l in lines {
        if l.text.len() > limit && l.text.chars().count() > limit {
            messages.push(Message {
                level: Level::Warning,
                code: "line-too-long",
                text: format!("Line {} exceeds the line-length-limit.", l.line).into(),
                span: Span::new(l.line, 1),
            });
        }
    }
}

/// An indented block cut out of a run of lines (docutils'
/// `StringList.get_indented`).
pub(crate) struct Indented<'a> {
    /// The block's lines, dedented; leading blank lines removed when asked.
    pub lines: Vec<Ln<'a>>,
    /// Index (in the slice given) of the first line after the block.
    pub end: usize,
    /// True when the block ended with a blank line or at the end of input.
    pub blank_finish: bool,
}

/// How the indentation of a block is known.
#[derive(Clone, Copy)]
pub(crate) enum Known {
    /// Unknown for every line (block quotes, literal blocks).
    None,
    /// The first line starts after `.0` bytes; every other line must be
    /// indented by at least `.1` columns (list items with text).
    Block(usize, usize),
    /// The first line starts after this many bytes; the others' indentation
    /// is their minimum (markers alone on their line, directives, fields).
    First(usize),
}

/// Cut the indented block starting at `lines[start]` (docutils'
/// `get_indented` family). `until_blank` stops at the first blank line;
/// `strip` removes the common indentation; `strip_top` drops leading blank
/// lines.
pub(crate) fn get_indented<'a>(
    lines: &[Ln<'a>],
    start: usize,
    known: Known,
    until_blank: bool,
    strip: bool,
    strip_top: bool,
) -> Indented<'a> {
    let (block_indent, first_indent) = match known {
        Known::None => (None, None),
        Known::Block(first, n) => (Some(n), Some(first)),
        Known::First(n) => (None, Some(n)),
    };
    let mut indent = block_indent;
    let mut end = start + usize::from(first_indent.is_some());
    let mut blank_finish = true;
    while let Some(line) = lines.get(end) {
        if !line.is_blank()
            && (!line.is_indented() || block_indent.is_some_and(|b| line.indent() < b))
        {
            blank_finish = end > start && lines[end - 1].is_blank();
            break;
        }
        if line.is_blank() {
            if until_blank {
                blank_finish = true;
                break;
            }
        } else if block_indent.is_none() {
            let li = line.indent();
            indent = Some(indent.map_or(li, |i| i.min(li)));
        }
        end += 1;
    }
    let end = end.min(lines.len());
    let begin = start.min(end);
    let mut block: Vec<Ln<'a>> = lines[begin..end].to_vec();
    let from = usize::from(first_indent.is_some());
    if let (Some(fi), Some(first)) = (first_indent, block.first_mut()) {
        *first = first.skip(fi);
    }
    if let (Some(n), true) = (indent, strip) {
        if n > 0 {
            for l in block.iter_mut().skip(from) {
                *l = l.dedent(n);
            }
        }
    }
    if strip_top {
        let blanks = block.iter().take_while(|l| l.is_blank()).count();
        block.drain(..blanks);
    }
    Indented {
        lines: block,
        end,
        blank_finish,
    }
}

/// Drop trailing blank lines.
pub(crate) fn trim_end(lines: &mut Vec<Ln<'_>>) {
    while lines.last().is_some_and(|l| l.is_blank()) {
        lines.pop();
    }
}

/// The text block starting at `start`: lines up to the first blank one.
/// With `flush_left`, an indented line also ends it; its index is returned
/// as the second value (docutils' "Unexpected indentation.").
pub(crate) fn text_block(
    lines: &[Ln<'_>],
    start: usize,
    flush_left: bool,
) -> (usize, Option<usize>) {
    let mut end = start;
    while let Some(l) = lines.get(end) {
        if l.is_blank() {
            break;
        }
        if flush_left && l.is_indented() {
            return (end, Some(end));
        }
        end += 1;
    }
    (end, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_tabs_and_strips() {
        assert_eq!(
            expand("a\tb  \n\t* x\r\n\t \t.\n"),
            "a       b\n        * x\n                ."
        );
        assert_eq!(expand("x\x0cy\n\n"), "x y\n");
        assert_eq!(expand("é\tx\u{a0}\r\n\u{2028}y\u{85}"), "é       x\n\ny");
        assert_eq!(expand("a\n"), "a");
    }

    #[test]
    fn splits_like_splitlines() {
        let t = expand("a\rb\u{2028}c");
        let lines = split(&t);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[2].text, "c");
        assert_eq!(lines[2].line, 3);
        // Line breaks in every position of the word-at-a-time scan.
        for t in [
            "x",
            "\n",
            "\n\n\n\n\n\n\n\n\n",
            "é\nabcdefgh\nij\n\nklmnopqrstu\nv\n",
            "abcdefg\nhijklmno\npqrstuvwxyz\u{a0}\u{2000}12\n\n3",
        ] {
            let got: Vec<(&str, u32)> = split(t).iter().map(|l| (l.text, l.line)).collect();
            let want: Vec<(&str, u32)> = t.split('\n').zip(1..).collect();
            assert_eq!(got, want, "{t:?}");
        }
    }

    /// The breaks recorded while expanding give the lines `split` finds.
    #[test]
    fn breaks_give_the_split_lines() {
        for t in [
            "",
            "x",
            "\n",
            "a\n",
            "a\n\n",
            "a  \n \t\n\nb\t\n",
            "a\r\nb\rc\u{2028}d\u{85}e\x1cf\n\n\n",
            "\t* x\r\n\t \t.\n   \n",
            "é\tx\u{a0}\r\n\u{2028}y\u{85}",
        ] {
            let (text, breaks) = expand_with_breaks(t);
            let got: Vec<(&str, u32)> = lines_at(&text, &breaks)
                .iter()
                .map(|l| (l.text, l.line))
                .collect();
            let want: Vec<(&str, u32)> = split(&text).iter().map(|l| (l.text, l.line)).collect();
            assert_eq!(got, want, "{t:?}");
        }
    }

    #[test]
    fn indented_block_with_first_indent() {
        let t = expand(".. note:: a\n   b\n     c\n\nd");
        let lines = split(&t);
        let b = get_indented(&lines, 0, Known::First(10), false, true, true);
        let texts: Vec<&str> = b.lines.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["a", "b", "  c", ""]);
        assert_eq!((b.lines[0].col, b.lines[1].col), (11, 4));
        assert_eq!(b.end, 4);
        assert!(b.blank_finish);
    }
}
