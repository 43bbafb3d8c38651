//! Standalone URIs and e-mail addresses (docutils' `Inliner.patterns.uri`,
//! applied by `implicit_inline` to the text between inline markup).
//!
//! The regex is emulated by hand: a match needs a start-string prefix, then
//! either `scheme:` + URI characters (optional `?query` and `#fragment`)
//! whose last character is not punctuation, or `name@host`; and then an
//! end-string suffix. As in the regex, the longest candidate that is
//! followed by an allowed character wins, so `https://h/users/{uid}` gives
//! `https://h/users`.

use super::chars::is_prefix;
use super::ends::suffix_ok;
use super::text::Src;

/// The leftmost match in a text segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct UriMatch {
    pub start: usize,
    pub end: usize,
    /// `Some(end of scheme)` for an absolute URI, `None` for an e-mail.
    pub scheme_end: Option<usize>,
}

/// URI characters (RFC 2396 + NUL for escapes).
fn uric(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"-_.!~*'()[];/:@&=+$,%\0".contains(&c)
}

/// A URI's last character: no punctuation.
fn urilast(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"_~*/=+".contains(&c)
}

/// E-mail address characters.
fn emailc(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"-_!~*'{|}/#?^`&=+$%\0".contains(&c)
}

fn scheme_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b".+-".contains(&c)
}

/// The schemes docutils links (`docutils.utils.urischemes`), sorted.
const SCHEMES: &[&str] = &[
    "about",
    "acap",
    "addbook",
    "afp",
    "afs",
    "aim",
    "callto",
    "castanet",
    "chttp",
    "cid",
    "crid",
    "data",
    "dav",
    "dict",
    "dns",
    "eid",
    "fax",
    "feed",
    "file",
    "finger",
    "freenet",
    "ftp",
    "go",
    "gopher",
    "gsm-sms",
    "h323",
    "h324",
    "hdl",
    "hnews",
    "http",
    "https",
    "hydra",
    "iioploc",
    "ilu",
    "im",
    "imap",
    "info",
    "ior",
    "ipp",
    "irc",
    "iris.beep",
    "iseek",
    "jar",
    "javascript",
    "jdbc",
    "ldap",
    "lifn",
    "livescript",
    "lrq",
    "mailbox",
    "mailserver",
    "mailto",
    "md5",
    "mid",
    "mocha",
    "modem",
    "mtqp",
    "mupdate",
    "news",
    "nfs",
    "nntp",
    "opaquelocktoken",
    "phone",
    "pop",
    "pop3",
    "pres",
    "printer",
    "prospero",
    "rdar",
    "res",
    "rtsp",
    "rvp",
    "rwhois",
    "rx",
    "sdp",
    "service",
    "shttp",
    "sip",
    "sips",
    "smb",
    "snews",
    "snmp",
    "soap.beep",
    "soap.beeps",
    "ssh",
    "t120",
    "tag",
    "tcp",
    "tel",
    "telephone",
    "telnet",
    "tftp",
    "tip",
    "tn3270",
    "tv",
    "urn",
    "uuid",
    "vemmi",
    "videotex",
    "view-source",
    "wais",
    "whodp",
    "whois++",
    "x-man-page",
    "xmlrpc.beep",
    "xmlrpc.beeps",
    "z39.50r",
    "z39.50s",
];

/// Whether docutils links a URI with this scheme (case-insensitive).
pub(super) fn known_scheme(scheme: &str) -> bool {
    let lower = scheme.to_ascii_lowercase();
    SCHEMES.binary_search(&lower.as_str()).is_ok()
}

/// Find the leftmost URI or e-mail match in `src[start..limit]` (the regex
/// sees `start` as the string start and `limit` as its end).
///
/// Every match contains a `:` (after its scheme) or an `@`, and starts in
/// the run of scheme characters or address characters right before it.
/// Those runs cannot contain another `:` or `@`, so matches start in the
/// order of their `:`/`@`: trying each in turn finds the leftmost.
pub(super) fn find(src: &Src<'_>, start: usize, limit: usize) -> Option<UriMatch> {
    let seg = src.b.get(start..limit)?;
    let mut from = 0;
    while let Some(off) = colon_or_at(seg.get(from..)?) {
        let anchor = start + from + off;
        from += off + 1;
        let found = if src.byte(anchor) == b':' {
            absolute(src, start, anchor, limit)
        } else {
            email(src, start, anchor, limit)
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The first `:` or `@` in `b`: eight bytes at a time while a word holds
/// neither (most text between inline markup has no URI at all).
fn colon_or_at(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |w: u64| w.wrapping_sub(ONES) & !w & HIGH != 0;
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        if zero_byte(w ^ (ONES * u64::from(b':'))) || zero_byte(w ^ (ONES * u64::from(b'@'))) {
            break;
        }
        i += 8;
    }
    b.get(i..)?
        .iter()
        .position(|&c| c == b':' || c == b'@')
        .map(|off| i + off)
}

/// Whether a match may start at `p`: the text start, or after whitespace
/// or an opening/delimiting character.
fn prefix_ok(src: &Src<'_>, start: usize, p: usize) -> bool {
    p == start || src.char_before(p, start).is_some_and(is_prefix)
}

/// `scheme:...` with its colon at `colon`.
fn absolute(src: &Src<'_>, start: usize, colon: usize, limit: usize) -> Option<UriMatch> {
    let run = run_start(src, start, colon, scheme_char);
    let p =
        (run..colon).find(|&p| src.byte(p).is_ascii_alphabetic() && prefix_ok(src, start, p))?;
    let end = after_colon(src, colon, limit)?;
    Some(UriMatch {
        start: p,
        end,
        scheme_end: Some(colon),
    })
}

/// `name@host` with its `@` at `at`: `emailc+(?:\.emailc+)*(?<!\x00)@`,
/// so no leading, trailing or doubled dot in the name.
fn email(src: &Src<'_>, start: usize, at: usize, limit: usize) -> Option<UriMatch> {
    if at == start || matches!(src.byte(at - 1), b'.' | 0) {
        return None;
    }
    let run = run_start(src, start, at, |c| emailc(c) || c == b'.');
    let local = src.b.get(run..at)?;
    let after_dots = local
        .windows(2)
        .rposition(|w| w == b"..")
        .map_or(run, |d| run + d + 2);
    let p = (after_dots..at).find(|&p| src.byte(p) != b'.' && prefix_ok(src, start, p))?;
    let end = host(src, at, limit)?;
    Some(UriMatch {
        start: p,
        end,
        scheme_end: None,
    })
}

/// Where the run of `class` bytes ending at `end` starts (not before
/// `start`).
fn run_start(src: &Src<'_>, start: usize, end: usize, class: fn(u8) -> bool) -> usize {
    let mut k = end;
    while k > start && class(src.byte(k - 1)) {
        k -= 1;
    }
    k
}

fn run_end(src: &Src<'_>, from: usize, limit: usize, class: fn(u8) -> bool) -> usize {
    let mut k = from;
    while k < limit && class(src.byte(k)) {
        k += 1;
    }
    k
}

/// After `scheme:` at `colon`: `(//?)?uric*uri_end`, optional `?query` and
/// `#fragment`, then an end-string suffix; the longest that fits.
fn after_colon(src: &Src<'_>, colon: usize, limit: usize) -> Option<usize> {
    let hier_run = run_end(src, colon + 1, limit, uric);
    let ends = |from: usize, run: usize| {
        // Candidate ends (exclusive) of `uric* uri_end` starting at `from`,
        // longest first.
        (from + 1..=run)
            .rev()
            .filter(move |&e| urilast(src.byte(e - 1)) || (e < limit && src.byte(e) == b'>'))
    };
    // Then the optional fragment, and the suffix test.
    let finish = |q: usize| {
        if q < limit && src.byte(q) == b'#' {
            let frag_run = run_end(src, q + 1, limit, uric);
            if let Some(f) = ends(q + 1, frag_run).find(|&f| suffix_ok(src, f, limit)) {
                return Some(f);
            }
        }
        suffix_ok(src, q, limit).then_some(q)
    };
    for h in ends(colon + 1, hier_run) {
        // Only the longest hierarchical part can be followed by `?` (it is
        // not a URI character).
        if h < limit && src.byte(h) == b'?' {
            let query_run = run_end(src, h + 1, limit, uric);
            if let Some(end) = ends(h + 1, query_run).find_map(finish) {
                return Some(end);
            }
        }
        if let Some(end) = finish(h) {
            return Some(end);
        }
    }
    None
}

/// `emailc+(?:\.emailc*)*uri_end` after the `@`, then an end-string suffix.
fn host(src: &Src<'_>, at: usize, limit: usize) -> Option<usize> {
    let start = at + 1;
    if start >= limit || !emailc(src.byte(start)) {
        return None;
    }
    let run = run_end(src, start, limit, |c| emailc(c) || c == b'.');
    // The last character may be one past the run when it is a URI character
    // followed by `>`.
    (start + 2..=(run + 1).min(limit)).rev().find(|&e| {
        let last = src.byte(e - 1);
        (urilast(last) || (uric(last) && e < limit && src.byte(e) == b'>'))
            && suffix_ok(src, e, limit)
    })
}

#[cfg(test)]
mod tests {
    use super::colon_or_at;

    #[test]
    fn finds_first_colon_or_at_in_any_position() {
        assert_eq!(colon_or_at(b""), None);
        assert_eq!(colon_or_at(b"plain words, no links here at all"), None);
        for n in 0..20 {
            let mut t = vec![b'x'; n];
            t.extend_from_slice(b"@a:b");
            assert_eq!(colon_or_at(&t), Some(n));
            t[n] = b':';
            assert_eq!(colon_or_at(&t), Some(n));
        }
        assert_eq!(colon_or_at("é9:x".as_bytes()), Some(3));
    }
}
