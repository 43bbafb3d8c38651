//! The insides of interpreted text: Sphinx's explicit-title split for
//! roles (`title <target>`) and docutils' embedded URI of a phrase
//! reference (`` `text <uri>`_ ``). Both work on the NUL-escaped text, so
//! an escaped `\<` is not a bracket.

use super::chars::is_ws;
use super::text::{unescape, unescape_collapsed};
use super::uri;
use crate::ast::Inline;
use crate::ast::Span;

/// A role's display text and target: Sphinx's
/// `^(.+?)\s*(?<!\x00)<([^<]*?)>$` (DOTALL). Whitespace runs become one
/// space.
pub(super) fn role_parts(raw: &str) -> (String, Option<String>) {
    if let Some((title, target)) = explicit_title(raw) {
        return (unescape_collapsed(title), Some(unescape_collapsed(target)));
    }
    (unescape_collapsed(raw), None)
}

fn explicit_title(raw: &str) -> Option<(&str, &str)> {
    let inner = raw.strip_suffix('>')?;
    // The target holds no `<`: the opening bracket is the last one.
    let lt = inner.rfind('<')?;
    let before = &inner[..lt];
    if before.is_empty() || before.ends_with('\0') {
        return None;
    }
    let trimmed = before.trim_end_matches(is_ws);
    // `(.+?)` takes at least one character, even a space.
    let title = if trimmed.is_empty() {
        before.get(..before.chars().next().map_or(0, char::len_utf8))?
    } else {
        trimmed
    };
    Some((title, &inner[lt + 1..]))
}

/// A phrase reference (`` `text`_ ``, `` `text <uri>`__ ``) from the
/// escaped text between the backquotes.
pub(super) fn phrase_reference(escaped: &str, anonymous: bool, span: Span) -> Inline {
    let Some((text, alias)) = embedded(escaped) else {
        return Inline::Reference(Box::new(crate::Reference {
            text: unescape(escaped),
            uri: None,
            anonymous,
            span,
        }));
    };
    let alias_is_name = alias.ends_with('_') && !alias.ends_with("\0_") && !looks_like_uri(alias);
    let uri = if alias_is_name {
        None
    } else {
        Some(embedded_uri(alias))
    };
    let text = if text.is_empty() {
        match &uri {
            Some(u) => u.clone(),
            None => unescape(alias.strip_suffix('_').unwrap_or(alias)),
        }
    } else {
        unescape(text)
    };
    Inline::Reference(Box::new(crate::Reference {
        text,
        uri,
        anonymous,
        span,
    }))
}

/// docutils' `embedded_link`:
/// `((?:[ \n]+|^)<(?!\s)(([^<>]|\x00[<>])+)(?<![\s\x00])>)$`.
/// Returns the text before it and the alias inside the brackets.
fn embedded(escaped: &str) -> Option<(&str, &str)> {
    let inner = escaped.strip_suffix('>')?;
    let b = inner.as_bytes();
    // The opening bracket: the last `<` not escaped. Any earlier `<` would
    // put an unescaped `<` inside the alias.
    let lt = (0..b.len())
        .rev()
        .find(|&i| b[i] == b'<' && (i == 0 || b[i - 1] != 0))?;
    let alias = &inner[lt + 1..];
    let first = alias.chars().next()?;
    let last = alias.chars().next_back()?;
    if is_ws(first) || is_ws(last) || last == '\0' {
        return None;
    }
    // An unescaped `>` inside the alias ends the match early: no match.
    let ab = alias.as_bytes();
    if (0..ab.len()).any(|i| ab[i] == b'>' && (i == 0 || ab[i - 1] != 0)) {
        return None;
    }
    let before = &inner[..lt];
    let text = before.trim_end_matches([' ', '\n']);
    if text.len() == before.len() && lt != 0 {
        return None;
    }
    Some((text, alias))
}

/// docutils' `patterns.uri.match`: does the alias start with a URI or an
/// e-mail address?
fn looks_like_uri(alias: &str) -> bool {
    let src = super::text::Src::new(alias, true);
    uri::find(&src, 0, alias.len()).is_some_and(|m| m.start == 0)
}

/// The URI of an embedded link: unescaped whitespace removed (an escaped
/// space is kept as one space), escapes resolved, `mailto:` added to an
/// e-mail address.
fn embedded_uri(alias: &str) -> String {
    let parts: Vec<String> = alias
        .split("\0 ")
        .flat_map(|p| p.split("\0\n"))
        .map(|p| p.chars().filter(|&c| !is_ws(c)).collect())
        .collect();
    let mut uri = unescape(&parts.join(" "));
    if let Some(stripped) = uri.strip_suffix("\\_") {
        uri = format!("{stripped}_");
    }
    if is_email(&uri) {
        uri.insert_str(0, "mailto:");
    }
    uri
}

/// docutils' `adjust_uri`: a whole e-mail address gets `mailto:`.
fn is_email(uri: &str) -> bool {
    let src = super::text::Src::new(uri, true);
    uri::find(&src, 0, uri.len())
        .is_some_and(|m| m.start == 0 && m.end == uri.len() && m.scheme_end.is_none())
}
