//! Line-start token parsers (nom): the markers docutils' `Body` state
//! recognises at the start of a line, in its order of precedence. Each
//! returns the byte offset where the marker (and the spaces after it) end.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{anychar, char};
use nom::combinator::{eof, opt, recognize, value};
use nom::multi::many0;
use nom::sequence::preceded;
use nom::{IResult, Parser};

type R<'a, O> = IResult<&'a str, O>;

/// One or more spaces, or the end of the line (docutils' `( +|$)`).
fn gap(s: &str) -> IResult<&str, ()> {
    alt((value((), take_while1(|c| c == ' ')), value((), eof))).parse(s)
}

/// Byte offset of `rest` within `s`.
fn offset(s: &str, rest: &str) -> usize {
    s.len() - rest.len()
}

/// `*`, `-`, `+`, `•`, `‣`, `⁃` followed by spaces or the end of the line:
/// the bullet character and where the item text starts.
pub(crate) fn bullet(s: &str) -> Option<(char, usize)> {
    if !matches!(s.as_bytes().first(), Some(b'*' | b'-' | b'+' | 0xE2)) {
        return None;
    }
    let r: R<char> = alt((
        char('*'),
        char('-'),
        char('+'),
        char('\u{2022}'),
        char('\u{2023}'),
        char('\u{2043}'),
    ))
    .parse(s);
    let (rest, c) = r.ok()?;
    let (rest, ()) = gap(rest).ok()?;
    Some((c, offset(s, rest)))
}

/// Enumerator formats: `(1)`, `1)`, `1.`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EnumFormat {
    Parens,
    Rparen,
    Period,
}

impl EnumFormat {
    pub fn prefix(self) -> &'static str {
        match self {
            EnumFormat::Parens => "(",
            _ => "",
        }
    }

    pub fn suffix(self) -> &'static str {
        match self {
            EnumFormat::Period => ".",
            _ => ")",
        }
    }
}

/// An enumerator as written: format, the text between prefix and suffix,
/// and where the item text starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Enumerator<'a> {
    pub format: EnumFormat,
    pub text: &'a str,
    pub end: usize,
}

/// The enumerator token: digits, one letter, a roman numeral or `#`.
fn enum_token(s: &str) -> IResult<&str, &str> {
    alt((
        take_while1(|c: char| c.is_ascii_digit()),
        take_while1(|c: char| "ivxlcdm".contains(c)),
        take_while1(|c: char| "IVXLCDM".contains(c)),
        recognize(nom::character::complete::satisfy(|c| {
            c.is_ascii_alphabetic()
        })),
        tag("#"),
    ))
    .parse(s)
}

pub(crate) fn enumerator(s: &str) -> Option<Enumerator<'_>> {
    // Cheap rejection of ordinary text: after an optional `(`, a run of
    // alphanumerics or `#` must end in `.` or `)`.
    let b = s.as_bytes();
    let start = usize::from(b.first() == Some(&b'('));
    let run = b[start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
        .count();
    if run == 0 || !matches!(b.get(start + run), Some(b'.' | b')')) {
        return None;
    }
    let parens = (char('('), enum_token, char(')')).map(|(_, t, _)| (EnumFormat::Parens, t));
    let rparen = (enum_token, char(')')).map(|(t, _)| (EnumFormat::Rparen, t));
    let period = (enum_token, char('.')).map(|(t, _)| (EnumFormat::Period, t));
    let (rest, (format, text)) = alt((parens, rparen, period)).parse(s).ok()?;
    let (rest, ()) = gap(rest).ok()?;
    Some(Enumerator {
        format,
        text,
        end: offset(s, rest),
    })
}

/// A field marker `:name:` followed by spaces or the end of the line (the
/// name may hold backslash-escaped characters and colons not followed by a
/// space or backquote): the raw name and where the body starts.
pub(crate) fn field_marker(s: &str) -> Option<(&str, usize)> {
    let body = s.strip_prefix(':')?;
    if body.starts_with([':', ' ']) || body.is_empty() {
        return None;
    }
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next()?;
            }
            ':' => {
                let after = &body[i + 1..];
                if after.is_empty() || after.starts_with([' ', '`']) {
                    let name = &body[..i];
                    if name.ends_with(' ') || after.starts_with('`') {
                        return None;
                    }
                    let (rest, ()) = gap(after).ok()?;
                    return Some((name, offset(s, rest)));
                }
            }
            _ => {}
        }
    }
    None
}

/// `|` followed by spaces or the end of the line (a line-block line): the
/// number of spaces after the bar and where the text starts.
pub(crate) fn line_block(s: &str) -> Option<(usize, usize)> {
    let r: R<char> = char('|').parse(s);
    let (rest, _) = r.ok()?;
    let (rest2, ()) = gap(rest).ok()?;
    Some((rest.len() - rest2.len(), offset(s, rest2)))
}

/// The top or bottom border of a grid table: `+-` `[-+]+` `-+`.
pub(crate) fn grid_border(s: &str) -> bool {
    s.len() >= 5
        && s.starts_with("+-")
        && s.ends_with("-+")
        && s.bytes().all(|b| b == b'+' || b == b'-')
}

/// The top border of a simple table: two or more `=` runs separated by
/// spaces.
pub(crate) fn simple_top(s: &str) -> bool {
    if !s.starts_with('=') {
        return false;
    }
    let runs: IResult<&str, Vec<&str>> = many0(preceded(
        take_while(|c| c == ' '),
        take_while1(|c| c == '='),
    ))
    .parse(s);
    matches!(runs, Ok((rest, r)) if rest.is_empty() && r.len() >= 2)
}

/// A simple-table border or header rule: `=` then only `=` and spaces.
pub(crate) fn simple_border(s: &str) -> bool {
    s.starts_with('=') && s.bytes().all(|b| b == b'=' || b == b' ')
}

/// `..` followed by spaces or the end of the line: where the rest starts.
pub(crate) fn explicit(s: &str) -> Option<usize> {
    let r: R<&str> = tag("..").parse(s);
    let (rest, _) = r.ok()?;
    let (rest, ()) = gap(rest).ok()?;
    Some(offset(s, rest))
}

/// `__` followed by spaces or the end of the line (anonymous target).
pub(crate) fn anonymous(s: &str) -> Option<usize> {
    let r: R<&str> = tag("__").parse(s);
    let (rest, _) = r.ok()?;
    let (rest, ()) = gap(rest).ok()?;
    Some(offset(s, rest))
}

/// True for docutils' 7-bit non-alphanumeric printable characters.
pub(crate) fn is_adornment_char(c: char) -> bool {
    c.is_ascii_punctuation()
}

/// A line made of one repeated punctuation character (a title adornment or
/// a transition): that character.
pub(crate) fn adornment(s: &str) -> Option<char> {
    let r: R<char> = anychar(s);
    let (rest, c) = r.ok()?;
    if !is_adornment_char(c) {
        return None;
    }
    rest.chars().all(|d| d == c).then_some(c)
}

/// True when a line starts any construct other than plain text (the lines
/// that end a definition list).
pub(crate) fn starts_construct(s: &str) -> bool {
    bullet(s).is_some()
        || enumerator(s).is_some()
        || field_marker(s).is_some()
        || (s.starts_with(">>>") && (s.len() == 3 || s[3..].starts_with(' ')))
        || line_block(s).is_some()
        || grid_border(s)
        || simple_top(s)
        || explicit(s).is_some()
        || anonymous(s).is_some()
        || adornment(s).is_some()
}

/// docutils' `simplename`: alphanumeric runs joined by single `-._+:`.
fn simplename(s: &str) -> IResult<&str, &str> {
    let word = || take_while1(|c: char| c.is_alphanumeric());
    recognize((
        word(),
        many0((
            alt((char('-'), char('.'), char('_'), char('+'), char(':'))),
            word(),
        )),
    ))
    .parse(s)
}

/// `.. name::` (at most one space before `::`) followed by spaces or the
/// end of the line: the name as written and where the argument starts.
pub(crate) fn directive(s: &str) -> Option<(&str, usize)> {
    if !s.starts_with("..") {
        return None;
    }
    let r: R<(&str, &str)> = (tag(".."), take_while1(|c| c == ' ')).parse(s);
    let (rest, _) = r.ok()?;
    let (name, end) = embedded_directive(rest)?;
    Some((name, offset(s, rest) + end))
}

/// `name::` followed by spaces or the end of the line (a directive inside a
/// substitution definition, or after `.. `).
pub(crate) fn embedded_directive(s: &str) -> Option<(&str, usize)> {
    let r: R<(&str, Option<char>, &str, ())> =
        (simplename, opt(char(' ')), tag("::"), gap).parse(s);
    let (rest, (name, _, _, ())) = r.ok()?;
    Some((name, offset(s, rest)))
}

/// After `.. `: what kind of explicit construct the text `s` (the part after
/// the `..` and its spaces) starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExplicitKind {
    Footnote,
    Target,
    Substitution,
    Other,
}

pub(crate) fn explicit_kind(s: &str) -> ExplicitKind {
    let next_ok = |t: &str| !t.is_empty() && !t.starts_with(' ');
    if let Some(t) = s.strip_prefix('_') {
        if next_ok(t) {
            return ExplicitKind::Target;
        }
    }
    if let Some(t) = s.strip_prefix('|') {
        if next_ok(t) {
            return ExplicitKind::Substitution;
        }
    }
    if let Some(t) = s.strip_prefix('[') {
        if let Some(close) = t.find(']') {
            let label = &t[..close];
            let after = &t[close + 1..];
            let label_ok = !label.is_empty()
                && (label == "*"
                    || label.starts_with('#')
                    || simplename(label).is_ok_and(|(r, _)| r.is_empty()));
            if label_ok && gap(after).is_ok() {
                return ExplicitKind::Footnote;
            }
        }
    }
    ExplicitKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(bullet("* a"), Some(('*', 2)));
        assert_eq!(bullet("-"), Some(('-', 1)));
        assert_eq!(bullet("*a*"), None);
        let e = enumerator("(a) x").map(|e| (e.format, e.text, e.end));
        assert_eq!(e, Some((EnumFormat::Parens, "a", 4)));
        assert_eq!(enumerator("ii) x").map(|e| e.text), Some("ii"));
        assert_eq!(enumerator("#. x").map(|e| e.text), Some("#"));
        assert!(enumerator("1.5 x").is_none());
        assert_eq!(field_marker(":maxdepth: 1"), Some(("maxdepth", 11)));
        assert_eq!(field_marker(":hidden:"), Some(("hidden", 8)));
        assert_eq!(field_marker(":ref:`x`"), None);
        assert_eq!(field_marker(":a b :"), None);
        assert!(grid_border("+---+---+"));
        assert!(!grid_border("+===+"));
        assert!(simple_top("=====  ====="));
        assert!(!simple_top("====="));
        assert_eq!(adornment("~~~~"), Some('~'));
        assert_eq!(adornment("~~-"), None);
        assert_eq!(directive(".. code-block:: bash"), Some(("code-block", 16)));
        assert_eq!(directive(".. note :: x"), Some(("note", 11)));
        assert_eq!(directive(".. note  :: x"), None);
        assert_eq!(directive(".. py:function:: f"), Some(("py:function", 17)));
        assert_eq!(directive("..note::"), None);
        assert_eq!(explicit(".."), Some(2));
        assert_eq!(explicit_kind("_label:"), ExplicitKind::Target);
        assert_eq!(explicit_kind("|x| replace:: y"), ExplicitKind::Substitution);
        assert_eq!(explicit_kind("[1] note"), ExplicitKind::Footnote);
        assert_eq!(line_block("|  x"), Some((2, 3)));
        assert_eq!(line_block("|x|"), None);
    }
}
