//! Inline markup (docutils' `Inliner`): literals, emphasis, strong, roles,
//! references, substitutions, standalone URIs, backslash escapes, with
//! docutils' start-string / end-string recognition rules.
//!
//! The scan follows `Inliner.parse`: find the leftmost start-string (or
//! whole `name_` reference), check it is not "quoted", look for its
//! end-string, emit the node; the text in between is searched for
//! standalone URIs. The regexes are emulated with a byte scanner that looks
//! at each byte once (end-string and URI searches remember their results),
//! so even pathological input stays linear.

mod chars;
mod ends;
mod refs;
mod text;
mod uri;

#[cfg(test)]
mod tests;

use self::chars::{is_alnum, is_pair, is_prefix};
use self::ends::{simplename_end, suffix_ok, End, Ends, Kind};
use self::text::{escape, join, restore, SpanMap, Src};
use super::ast::{Inline, Level, Message, Span};
use std::borrow::Cow;

/// One physical source line of a text block: where it starts and its text.
#[derive(Debug, Clone, Copy)]
pub struct SourceLine<'a> {
    pub span: Span,
    pub text: &'a str,
}

/// Parse the inline markup of a text block made of `lines` (joined with
/// `\n`, as docutils joins paragraph lines). Spans of the produced inlines
/// point into the original lines. Problems are pushed onto `messages`.
pub fn parse_inlines(lines: &[SourceLine<'_>], messages: &mut Vec<Message>) -> Vec<Inline> {
    parse_inlines_into(lines, messages, &mut Vec::new())
}

/// [`parse_inlines`] building the nodes in `scratch` (left empty, its
/// capacity kept for the next call), so the result is allocated once at its
/// exact size.
pub(crate) fn parse_inlines_into(
    lines: &[SourceLine<'_>],
    messages: &mut Vec<Message>,
    scratch: &mut Vec<Inline>,
) -> Vec<Inline> {
    let Some(first) = lines.first() else {
        return Vec::new();
    };
    // One line (list items, titles, most table cells) is scanned in place.
    let joined: Cow<'_, str> = match lines {
        [one] => Cow::Borrowed(one.text),
        _ => Cow::Owned(join(lines)),
    };
    if joined.is_empty() {
        return Vec::new();
    }
    let flags = joined.bytes().fold(0, |f, c| f | CLASS[c as usize]);
    // Fast path: nothing that could start markup, a reference or a URI.
    if flags == 0 {
        return vec![Inline::Text {
            text: joined.into_owned(),
            span: first.span,
        }];
    }
    let joined = if flags & ESCAPE != 0 {
        Cow::Owned(escape(&joined))
    } else {
        joined
    };
    let mut inliner = Inliner {
        src: Src::new(&joined, flags & ESCAPE != 0),
        spans: SpanMap::new(lines, &joined),
        ends: Ends::default(),
        uris: flags & URI != 0,
        out: std::mem::take(scratch),
        messages,
    };
    inliner.run();
    let mut out = inliner.out;
    let mut nodes = Vec::with_capacity(out.len());
    nodes.append(&mut out);
    *scratch = out;
    nodes
}

/// Byte classes: what a byte may take part in.
const MARKUP: u8 = 1;
const URI: u8 = 2;
const ESCAPE: u8 = 4;

/// The class of every byte value.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'*' as usize] = MARKUP;
    t[b'`' as usize] = MARKUP;
    t[b'|' as usize] = MARKUP;
    t[b'_' as usize] = MARKUP;
    t[b':' as usize] = MARKUP | URI;
    t[b'@' as usize] = URI;
    t[b'\\' as usize] = ESCAPE;
    // A raw NUL acts as an escape marker, as in docutils.
    t[0] = MARKUP | ESCAPE;
    t
};

/// What a start-string at some position turned out to be.
enum Found {
    /// Not markup here; keep scanning at the next byte.
    Nothing,
    /// A "quoted" start-string: text; the scan restarts after it.
    Quoted(usize),
    /// A node covering `start..end`.
    Node(usize, usize, Inline),
}

struct Inliner<'t, 'm> {
    src: Src<'t>,
    spans: SpanMap<'t>,
    ends: Ends,
    /// Whether the text has a `:` or `@` (so may hold a standalone URI).
    uris: bool,
    out: Vec<Inline>,
    messages: &'m mut Vec<Message>,
}

impl Inliner<'_, '_> {
    /// docutils' `Inliner.parse` main loop. `seg` is where the unprocessed
    /// text starts, `rem` where docutils' `remaining` string starts (the
    /// regex's `^`, which counts as a valid start-string prefix).
    fn run(&mut self) {
        let n = self.src.len();
        let (mut seg, mut rem, mut i) = (0, 0, 0);
        while i < n {
            let Some(off) = self.src.b[i..]
                .iter()
                .position(|&c| matches!(c, b'*' | b'`' | b'|' | b'_' | b':'))
            else {
                break;
            };
            i += off;
            match self.at(i, rem) {
                Found::Nothing => i += 1,
                Found::Quoted(to) => {
                    rem = to;
                    i = to;
                }
                Found::Node(start, end, node) => {
                    self.implicit(seg, start, 0);
                    self.push(node);
                    seg = end;
                    rem = end;
                    i = end;
                }
            }
        }
        self.implicit(seg, n, 0);
    }

    /// Try every start-string alternative at byte `i`.
    fn at(&mut self, i: usize, rem: usize) -> Found {
        let src = self.src;
        let prefix_ok = i == rem || src.char_before(i, rem).is_some_and(is_prefix);
        match src.byte(i) {
            b'_' => {
                if let Some(found) = self.whole_reference(i, rem) {
                    return found;
                }
                if prefix_ok && src.byte(i + 1) == b'`' && src.no_ws_at(i + 2) {
                    return self.inline_obj(i, i + 2, Kind::Target, rem);
                }
                Found::Nothing
            }
            _ if !prefix_ok => Found::Nothing,
            b'*' if src.byte(i + 1) == b'*' => {
                if src.no_ws_at(i + 2) {
                    self.inline_obj(i, i + 2, Kind::Strong, rem)
                } else {
                    Found::Nothing
                }
            }
            b'*' if src.no_ws_at(i + 1) => self.inline_obj(i, i + 1, Kind::Emphasis, rem),
            b'`' if src.byte(i + 1) == b'`' => {
                if src.no_ws_at(i + 2) {
                    self.inline_obj(i, i + 2, Kind::Literal, rem)
                } else {
                    Found::Nothing
                }
            }
            b'`' if src.no_ws_at(i + 1) => self.interpreted(i, i, None, rem),
            b'|' if src.byte(i + 1) != b'|' && src.no_ws_at(i + 1) => {
                self.inline_obj(i, i + 1, Kind::Substitution, rem)
            }
            b':' => {
                // `:role:` right before a backquote that starts interpreted text.
                let name_end = simplename_end(&src, i + 1);
                let bq = name_end + 1;
                if name_end > i + 1
                    && src.byte(name_end) == b':'
                    && src.byte(bq) == b'`'
                    && src.byte(bq + 1) != b'`'
                    && src.no_ws_at(bq + 1)
                {
                    self.interpreted(i, bq, Some((i + 1, name_end)), rem)
                } else {
                    Found::Nothing
                }
            }
            _ => Found::Nothing,
        }
    }

    /// docutils' `quoted_start`: the start-string `start..end` sits between
    /// a matching opening and closing character (or ends the text).
    fn quoted(&self, start: usize, end: usize, rem: usize) -> bool {
        if start == rem {
            return false;
        }
        let Some(post) = self.src.char_at(end) else {
            return true;
        };
        self.src
            .char_before(start, rem)
            .is_some_and(|pre| is_pair(pre, post))
    }

    /// docutils' `inline_obj`: emphasis, strong, literal, target and
    /// substitution reference.
    fn inline_obj(&mut self, start: usize, end: usize, kind: Kind, rem: usize) -> Found {
        if self.quoted(start, end, rem) {
            return Found::Quoted(end);
        }
        let src = self.src;
        let Some(close) = self.ends.find(&src, kind, end) else {
            let (text, code) = match kind {
                Kind::Emphasis => (
                    "Inline emphasis start-string without end-string.",
                    "inline-emphasis-unterminated",
                ),
                Kind::Strong => (
                    "Inline strong start-string without end-string.",
                    "inline-strong-unterminated",
                ),
                Kind::Literal => (
                    "Inline literal start-string without end-string.",
                    "inline-literal-unterminated",
                ),
                Kind::Target => (
                    "Inline target start-string without end-string.",
                    "inline-target-unterminated",
                ),
                _ => (
                    "Inline substitution_reference start-string without end-string.",
                    "inline-substitution-unterminated",
                ),
            };
            return self.problem(start, end, code, text.into());
        };
        let content = src.slice(end, close.at);
        let text = src.unescaped(end, close.at);
        let span = self.spans.span(start);
        let node = match kind {
            Kind::Emphasis => Inline::Emphasis { text, span },
            Kind::Strong => Inline::Strong { text, span },
            Kind::Literal => Inline::Literal {
                text: restore(content),
                span,
            },
            // An inline target (`` _`name` ``) reads as its text.
            Kind::Target => Inline::Text { text, span },
            _ => Inline::SubstitutionReference { name: text, span },
        };
        Found::Node(start, close.end, node)
    }

    /// docutils' `interpreted_or_phrase_ref`: the backquote is at `bq`, a
    /// prefix role (name range) starts at `start`.
    fn interpreted(
        &mut self,
        start: usize,
        bq: usize,
        role: Option<(usize, usize)>,
        rem: usize,
    ) -> Found {
        if role.is_none() && self.quoted(bq, bq + 1, rem) {
            return Found::Quoted(bq + 1);
        }
        let src = self.src;
        let Some(close) = self.ends.find(&src, Kind::Interpreted, bq + 1) else {
            let text =
                "Inline interpreted text or phrase reference start-string without end-string.";
            return self.problem(bq, bq + 1, "inline-interpreted-unterminated", text.into());
        };
        let End {
            at,
            end,
            role: suffix,
            underscores,
        } = close;
        if role.is_some() && suffix.is_some() {
            let text = "Multiple roles in interpreted text (both prefix and suffix present; \
                        only one allowed).";
            return self.problem(start, end, "inline-multiple-roles", text.into());
        }
        let escaped = src.slice(bq + 1, at);
        let role_name = role.or(suffix).map(|(a, b)| src.slice(a, b).to_string());
        if underscores > 0 {
            if role_name.is_some() {
                let position = if role.is_some() { "prefix" } else { "suffix" };
                let text = format!(
                    "Mismatch: both interpreted text role {position} and reference suffix."
                );
                return self.problem(start, end, "inline-role-reference-mismatch", text.into());
            }
            let span = self.spans.span(bq);
            let node = refs::phrase_reference(escaped, underscores == 2, span);
            return Found::Node(bq, end, node);
        }
        let span = self.spans.span(start);
        let node = match role_name {
            Some(role) => {
                let (text, target) = refs::role_parts(escaped);
                Inline::Role(Box::new(crate::Role {
                    role,
                    text,
                    target,
                    span,
                }))
            }
            None => Inline::Interpreted {
                text: src.unescaped(bq + 1, at),
                span,
            },
        };
        Found::Node(start, end, node)
    }

    /// A `name_` / `name__` reference whose underscore is at `i`: the
    /// regex match starts at the leftmost valid start of the name.
    fn whole_reference(&mut self, i: usize, rem: usize) -> Option<Found> {
        let src = self.src;
        if !src.char_before(i, rem).is_some_and(is_alnum) {
            return None;
        }
        let end = if src.byte(i + 1) == b'_' && suffix_ok(&src, i + 2, src.len()) {
            i + 2
        } else if suffix_ok(&src, i + 1, src.len()) {
            i + 1
        } else {
            return None;
        };
        // Walk back over the simplename that ends at `i`.
        let mut k = i;
        loop {
            match src.char_before(k, rem) {
                Some(c) if is_alnum(c) => k -= c.len_utf8(),
                Some('-' | '.' | '_' | '+' | ':')
                    if src.char_before(k - 1, rem).is_some_and(is_alnum) =>
                {
                    k -= 1
                }
                _ => break,
            }
        }
        // The first position in it where a match may start: its beginning
        // if preceded by a prefix character, else just after an inner `-`
        // or `:` (themselves prefix characters).
        let start = if k == rem || src.char_before(k, rem).is_some_and(is_prefix) {
            k
        } else {
            (k..i).find(|&p| {
                p > k
                    && matches!(src.byte(p - 1), b'-' | b':')
                    && src.char_at(p).is_some_and(is_alnum)
            })?
        };
        let name = src.slice(start, i).to_string();
        let span = self.spans.span(start);
        let node = Inline::Reference(Box::new(crate::Reference {
            text: name,
            uri: None,
            anonymous: end == i + 2,
            span,
        }));
        Some(Found::Node(start, end, node))
    }

    /// A start-string without end-string (or a bad role): a problematic
    /// node holding the source text and a warning.
    fn problem(
        &mut self,
        start: usize,
        end: usize,
        code: &'static str,
        text: std::borrow::Cow<'static, str>,
    ) -> Found {
        let span = self.spans.span(start);
        self.messages.push(Message {
            level: Level::Warning,
            code,
            text,
            span,
        });
        let raw = restore(self.src.slice(start, end));
        Found::Node(start, end, Inline::Problematic { text: raw, span })
    }

    /// docutils' `implicit_inline` on the text `start..end`: standalone URIs
    /// and e-mail addresses, the rest text. As in docutils, a first
    /// URI-shaped match with an unknown scheme leaves the rest unlinked.
    fn implicit(&mut self, start: usize, end: usize, depth: u32) {
        let src = self.src;
        let mut pos = start;
        while self.uris && pos < end {
            let Some(m) = uri::find(&src, pos, end) else {
                break;
            };
            if m.scheme_end
                .is_some_and(|s| !uri::known_scheme(src.slice(m.start, s)))
            {
                break;
            }
            // docutils re-searches the text before the match on its own,
            // where its end counts as the text end. Depth-limited: it can
            // only matter in contrived text.
            if depth < 4 {
                self.implicit(pos, m.start, depth + 1);
            } else {
                self.text(pos, m.start);
            }
            let span = self.spans.span(m.start);
            self.push(Inline::StandaloneUri {
                uri: src.unescaped(m.start, m.end),
                span,
            });
            pos = m.end;
        }
        self.text(pos, end);
    }

    fn text(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let text = self.src.unescaped(start, end);
        if !text.is_empty() {
            let span = self.spans.span(start);
            self.push(Inline::Text { text, span });
        }
    }

    /// Append a node, merging adjacent text nodes.
    fn push(&mut self, node: Inline) {
        if let (Some(Inline::Text { text: prev, .. }), Inline::Text { text, .. }) =
            (self.out.last_mut(), &node)
        {
            prev.push_str(text);
            return;
        }
        if let Inline::Text { text, .. } = &node {
            if text.is_empty() {
                return;
            }
        }
        self.out.push(node);
    }
}
