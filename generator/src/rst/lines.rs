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

/// True for the line separators of Python's `str.splitlines()` (other than
/// `\v` and `\f`, which docutils turns into spaces first).
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Expand a document as docutils' `string2lines(convert_whitespace=True)`
/// does, joining the lines with `\n` (no trailing newline).
pub(crate) fn expand(src: &str) -> String {
    let mut out = String::with_capacity(src.len() + src.len() / 8);
    let mut rest = src;
    let mut first = true;
    while !rest.is_empty() {
        let (line, next) = match rest.char_indices().find(|&(_, c)| is_line_break(c)) {
            Some((i, c)) => {
                let after = i + c.len_utf8();
                let after = if c == '\r' && rest[after..].starts_with('\n') {
                    after + 1
                } else {
                    after
                };
                (&rest[..i], &rest[after..])
            }
            None => (rest, ""),
        };
        if !first {
            out.push('\n');
        }
        first = false;
        push_expanded(&mut out, line);
        rest = next;
    }
    out
}

/// Append one line, TABs expanded and trailing whitespace stripped.
fn push_expanded(out: &mut String, line: &str) {
    let start = out.len();
    if !line.contains(['\t', '\x0b', '\x0c']) {
        out.push_str(line);
    } else {
        let mut col = 0usize;
        for c in line.chars() {
            match c {
                '\t' => {
                    let n = TAB_WIDTH - col % TAB_WIDTH;
                    out.extend(std::iter::repeat_n(' ', n));
                    col += n;
                }
                '\x0b' | '\x0c' => {
                    out.push(' ');
                    col += 1;
                }
                _ => {
                    out.push(c);
                    col += 1;
                }
            }
        }
    }
    let kept = out[start..].trim_end_matches(is_py_space).len();
    out.truncate(start + kept);
}

/// Split an expanded document into lines (1-based numbers, column 1).
pub(crate) fn split(text: &str) -> Vec<Ln<'_>> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split('\n')
        .enumerate()
        .map(|(i, t)| Ln {
            text: t,
            line: i as u32 + 1,
            col: 1,
        })
        .collect()
}

/// Warn about lines longer than `limit` characters (docutils drops the
/// whole document; we keep reading).
pub(crate) fn check_lengths(lines: &[Ln<'_>], limit: usize, messages: &mut Vec<Message>) {
    for l in lines {
        if l.text.len() > limit && l.text.chars().count() > limit {
            messages.push(Message {
                level: Level::Warning,
                code: "line-too-long",
                text: format!("Line {} exceeds the line-length-limit.", l.line),
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
    }

    #[test]
    fn splits_like_splitlines() {
        let t = expand("a\rb\u{2028}c");
        let lines = split(&t);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[2].text, "c");
        assert_eq!(lines[2].line, 3);
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
