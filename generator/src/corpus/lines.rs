//! A page's lines as docutils counts them, for the checks that quote a
//! source line by its number: [`split_lines`] and, per page, a line index
//! built once on first use ([`LineIndex`]), so looking up line after line
//! of a large page costs one split, not a scan from the top each time.

use std::sync::OnceLock;

/// The page's lines as docutils splits them (Python's `splitlines`, minus
/// `\v` and `\f`, which docutils turns into spaces first): breaks are `\n`,
/// `\r`, `\r\n`, `\x1c`-`\x1e`, U+0085, U+2028 and U+2029. One pass over
/// the bytes; every break starts with an ASCII or lead byte, so each slice
/// falls on char boundaries.
pub fn split_lines(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    if !exotic_breaks(b) {
        // Only `\n` breaks: split on it with SIMD search.
        let mut out = Vec::with_capacity(b.len() / 40 + 1);
        let mut start = 0;
        for i in memchr::memchr_iter(b'\n', b) {
            out.push(&text[start..i]);
            start = i + 1;
        }
        if start < b.len() {
            out.push(&text[start..]);
        }
        return out;
    }
    let mut out = Vec::with_capacity(b.len() / 40 + 1);
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let len = match b[i] {
            b'\n' | 0x1c..=0x1e => 1,
            b'\r' if b.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            0xc2 if b.get(i + 1) == Some(&0x85) => 2,
            0xe2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)) => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        out.push(&text[start..i]);
        i += len;
        start = i;
    }
    if start < b.len() {
        out.push(&text[start..]);
    }
    out
}

/// Does the text break lines anywhere with more than `\n`? Three SIMD
/// passes: the one-byte breaks, then the lead bytes of the multi-byte ones
/// (only checked further where one occurs).
pub fn exotic_breaks(b: &[u8]) -> bool {
    memchr::memchr3(b'\r', 0x1c, 0x1d, b).is_some()
        || memchr::memchr(0x1e, b).is_some()
        || memchr::memchr2_iter(0xc2, 0xe2, b).any(|i| match b[i] {
            0xc2 => b.get(i + 1) == Some(&0x85),
            _ => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)),
        })
}

/// Where each line of a page starts and ends, built on first use.
#[derive(Debug, Default)]
pub struct LineIndex(OnceLock<Vec<(usize, usize)>>);

impl LineIndex {
    /// Line `n` (1-based) of `text`, without its break; `None` past the end.
    /// `text` must be the page the index belongs to.
    pub fn line<'t>(&self, text: &'t str, n: u32) -> Option<&'t str> {
        let ranges = self.0.get_or_init(|| {
            let base = text.as_ptr() as usize;
            split_lines(text)
                .into_iter()
                .map(|l| {
                    let start = l.as_ptr() as usize - base;
                    (start, start + l.len())
                })
                .collect()
        });
        let i = usize::try_from(n).ok()?.checked_sub(1)?;
        let &(start, end) = ranges.get(i)?;
        text.get(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_by_number_with_every_break() {
        let text = "a\r\nb\rc\u{2028}d\x0be\n\nf";
        let index = LineIndex::default();
        let got: Vec<_> = (0..8).map(|n| index.line(text, n)).collect();
        assert_eq!(
            got,
            [
                None,
                Some("a"),
                Some("b"),
                Some("c"),
                Some("d\x0be"),
                Some(""),
                Some("f"),
                None
            ]
        );
        assert_eq!(split_lines(text).len(), 6);
    }
}
