//! End-string recognition (docutils' `Inliner.patterns.emphasis`, `strong`,
//! `literal`, `target`, `substitution_ref`, `interpreted_or_phrase_ref`).
//!
//! docutils searches for the end-string from the end of the start-string
//! to the end of the text, once per start-string: quadratic on input such
//! as many unterminated start-strings. Here each kind remembers its last
//! answer, and since start-strings are met in increasing order the search
//! is amortised linear.

use super::chars::{is_alnum, is_suffix, is_ws};
use super::text::Src;

/// The kinds of end-string.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Emphasis,
    Strong,
    Literal,
    Target,
    Substitution,
    Interpreted,
}

const KINDS: usize = 6;

/// A matched end-string: it starts at `at` and ends at `end` (after any
/// suffix role and reference underscores).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct End {
    pub at: usize,
    pub end: usize,
    /// Interpreted text: `:role:` after the closing backquote (byte range
    /// of the role name).
    pub role: Option<(usize, usize)>,
    /// Interpreted text: number of reference underscores (0, 1 or 2).
    pub underscores: usize,
}

/// `end_string_suffix`: text end, whitespace or closing punctuation at `i`.
pub(super) fn suffix_ok(src: &Src<'_>, i: usize, limit: usize) -> bool {
    i >= limit || src.char_at(i).is_none_or(is_suffix)
}

/// The end of the `simplename` starting at `i` (alphanumerics with single
/// inner `-._+:`), or `i` if none starts there.
pub(super) fn simplename_end(src: &Src<'_>, i: usize) -> usize {
    let mut end = i;
    let mut k = i;
    loop {
        match src.char_at(k) {
            Some(c) if is_alnum(c) => {
                k += c.len_utf8();
                end = k;
            }
            // A separator only between two alphanumerics.
            Some('-' | '.' | '_' | '+' | ':')
                if k > i && k == end && src.char_at(k + 1).is_some_and(is_alnum) =>
            {
                k += 1;
            }
            _ => return end,
        }
    }
}

/// Per-kind memory of the last search.
#[derive(Default)]
pub(super) struct Ends {
    /// For each kind: searched from `.0`, first full match at `.1`.
    memo: [Option<(usize, Option<End>)>; KINDS],
}

impl Ends {
    /// docutils' end-string search for `kind` in the text after a
    /// start-string ending at `from`. `None` when there is no end-string,
    /// or when it would enclose nothing (docutils' `endmatch.start(1) == 0`).
    pub fn find(&mut self, src: &Src<'_>, kind: Kind, from: usize) -> Option<End> {
        // At `from` the look-behind sees nothing (the searched string starts
        // there), so a token at `from` matches: that is an empty content.
        if token(src, kind, from).is_some() {
            return None;
        }
        let start = from + 1;
        let slot = &mut self.memo[kind as usize];
        if let Some((searched, found)) = *slot {
            if searched <= start && found.is_none_or(|e| e.at >= start) {
                return found;
            }
        }
        let found = scan(src, kind, start);
        *slot = Some((start, found));
        found
    }
}

/// First position `>= start` where the end-string of `kind` matches with its
/// look-behind.
fn scan(src: &Src<'_>, kind: Kind, start: usize) -> Option<End> {
    let first = match kind {
        Kind::Emphasis | Kind::Strong => b'*',
        Kind::Literal | Kind::Target | Kind::Interpreted => b'`',
        Kind::Substitution => b'|',
    };
    let mut q = start;
    while q < src.len() {
        let off = src.b.get(q..)?.iter().position(|&c| c == first)?;
        q += off;
        if behind_ok(src, kind, q) {
            if let Some(e) = token(src, kind, q) {
                return Some(e);
            }
        }
        q += 1;
    }
    None
}

/// The look-behind of each end pattern at `q` (which is past the start of
/// the searched string, so the previous character is visible).
fn behind_ok(src: &Src<'_>, kind: Kind, q: usize) -> bool {
    let prev = src.char_before(q, 0);
    match kind {
        // non_whitespace_before
        Kind::Literal => !prev.is_some_and(is_ws),
        // non_unescaped_whitespace_escape_before: `(?<!(?<!\x00)[\s\x00])`
        Kind::Interpreted => match prev {
            Some(c) if c == '\0' || is_ws(c) => src.char_before(q - c.len_utf8(), 0) == Some('\0'),
            _ => true,
        },
        // non_whitespace_escape_before
        _ => !prev.is_some_and(|c| c == '\0' || is_ws(c)),
    }
}

/// The end-string of `kind` at `q` followed by an allowed character.
fn token(src: &Src<'_>, kind: Kind, q: usize) -> Option<End> {
    let n = src.len();
    let simple = |len: usize| {
        suffix_ok(src, q + len, n).then_some(End {
            at: q,
            end: q + len,
            role: None,
            underscores: 0,
        })
    };
    match kind {
        Kind::Emphasis if src.byte(q) == b'*' => simple(1),
        Kind::Strong if src.byte(q) == b'*' && src.byte(q + 1) == b'*' => simple(2),
        Kind::Literal if src.byte(q) == b'`' && src.byte(q + 1) == b'`' => simple(2),
        Kind::Target if src.byte(q) == b'`' => simple(1),
        Kind::Substitution if src.byte(q) == b'|' => {
            // `\|_{0,2}`, greedy.
            let unders = (1..=2).take_while(|k| src.byte(q + k) == b'_').count();
            (0..=unders).rev().find_map(|k| simple(1 + k))
        }
        Kind::Interpreted if src.byte(q) == b'`' => interpreted_suffix(src, q),
        _ => None,
    }
}

/// `` ` `` then the optional `:role:` and `__?` suffix, as the regex tries
/// them: with the role first, then without; most underscores first.
fn interpreted_suffix(src: &Src<'_>, q: usize) -> Option<End> {
    let n = src.len();
    let after = q + 1;
    let with_unders = |from: usize, role: Option<(usize, usize)>| {
        let unders = (0..2).take_while(|k| src.byte(from + k) == b'_').count();
        (0..=unders).rev().find_map(|k| {
            suffix_ok(src, from + k, n).then_some(End {
                at: q,
                end: from + k,
                role,
                underscores: k,
            })
        })
    };
    if src.byte(after) == b':' {
        let name_end = simplename_end(src, after + 1);
        if name_end > after + 1 && src.byte(name_end) == b':' {
            if let Some(e) = with_unders(name_end + 1, Some((after + 1, name_end))) {
                return Some(e);
            }
        }
    }
    with_unders(after, None)
}
