//! Status codes stated in prose, in every form os-api-ref pages use:
//! `Normal response codes: 200, 204` (any capitalisation, singular or
//! plural), the name-with-code form `itemNotFound(404)`, a code followed by
//! its reason (`404 (if the thing is gone)`, `200 (Accepted)`), codes that
//! continue on the next lines of the paragraph, and a bare label
//! (`Error codes:`) whose codes sit in the list below it.
//!
//! A token that is not a code is a reason or is ignored; only a three-digit
//! number outside 100..=599 is reported as a bad status code.

use crate::model::{ResponseKind, StatusCode};

/// One status code as the page states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Stated {
    /// A code and its reason as written (empty when none is given).
    Code(StatusCode, String),
    /// Three digits that are not an HTTP status code (`600`).
    Invalid(String),
}

/// If `s` starts with a response-code label (`Normal response codes:`,
/// `Error Response Code:`, `Error codes:`, `Success codes:`), its kind and
/// the byte offset just after the colon.
pub(crate) fn label_at(s: &str) -> Option<(ResponseKind, usize)> {
    let mut words = s.char_indices().peekable();
    let word_at = |words: &mut std::iter::Peekable<std::str::CharIndices<'_>>| {
        while words.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            words.next();
        }
        let start = words.peek().map(|(i, _)| *i)?;
        let mut end = start;
        while let Some(&(i, c)) = words.peek() {
            if !c.is_alphabetic() {
                break;
            }
            end = i + c.len_utf8();
            words.next();
        }
        (end > start).then(|| (s[start..end].to_ascii_lowercase(), end))
    };
    let (lead, _) = word_at(&mut words)?;
    let kind = match lead.as_str() {
        "normal" | "success" | "successful" => ResponseKind::Normal,
        "error" | "failure" => ResponseKind::Error,
        _ => return None,
    };
    let (mut w, mut end) = word_at(&mut words)?;
    if w == "response" {
        (w, end) = word_at(&mut words)?;
    }
    if w != "code" && w != "codes" {
        return None;
    }
    let rest = &s[end..];
    let colon = rest.len() - rest.trim_start().len();
    rest[colon..]
        .starts_with(':')
        .then_some((kind, end + colon + 1))
}

/// Does this paragraph text start with a response-code label?
pub(crate) fn is_label(text: &str) -> bool {
    label_at(text.trim_start()).is_some()
}

/// The labelled runs of a paragraph (several labels may share one):
/// each label's kind and the text up to the next label.
pub(crate) fn labelled(text: &str) -> Vec<(ResponseKind, &str)> {
    let text = text.trim_start();
    let Some((mut kind, mut from)) = label_at(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut i = from;
    while i < text.len() {
        let at_word = text[..i].ends_with(char::is_whitespace);
        if let Some((k, len)) = at_word.then(|| label_at(&text[i..])).flatten() {
            out.push((kind, &text[from..i]));
            kind = k;
            from = i + len;
            i = from;
            continue;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    out.push((kind, &text[from..]));
    out
}

/// Split at commas outside parentheses.
fn items(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' | ';' if depth <= 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn three_digits(t: &str) -> bool {
    t.len() == 3 && t.bytes().all(|b| b.is_ascii_digit())
}

/// `(reason)` → `reason`; a reason without parentheses is kept as is.
fn unwrap_reason(r: &str) -> String {
    let r = r.trim().trim_end_matches([',', ';']).trim();
    match r.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        Some(inner) if !inner.contains(['(', ')']) => inner.trim().to_string(),
        _ => r.to_string(),
    }
}

fn code(t: &str, reason: String, out: &mut Vec<Stated>) {
    match t.parse::<StatusCode>() {
        Ok(c) => out.push(Stated::Code(c, reason)),
        Err(_) => out.push(Stated::Invalid(t.to_string())),
    }
}

/// Read one item: `200`, `200 (Accepted)`, `404 if not found`,
/// `conflict(409)`, `conflict (409) reason`, or `200 202` (several codes
/// without commas). Anything else states no code.
pub(crate) fn item(raw: &str, out: &mut Vec<Stated>) {
    let t = raw.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    let first_end = t.find(char::is_whitespace).unwrap_or(t.len());
    let first = &t[..first_end];
    let rest = t[first_end..].trim();
    if three_digits(first) {
        let mut more = rest.split_whitespace();
        if !rest.is_empty() && more.all(three_digits) {
            code(first, String::new(), out);
            for w in rest.split_whitespace() {
                code(w, String::new(), out);
            }
            return;
        }
        code(first, unwrap_reason(rest), out);
        return;
    }
    // name(NNN) or name (NNN), then optional prose.
    let Some(open) = t.find('(') else { return };
    let name = t[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return;
    }
    let after = &t[open + 1..];
    let Some(close) = after.find(')') else { return };
    let digits = after[..close].trim();
    if !three_digits(digits) {
        return;
    }
    let tail = unwrap_reason(&after[close + 1..]);
    let reason = if tail.is_empty() {
        name.to_string()
    } else {
        format!("{name}: {tail}")
    };
    code(digits, reason, out);
}

/// Every code stated in the text after a label.
pub(crate) fn after_label(text: &str) -> Vec<Stated> {
    let mut out = Vec::new();
    for i in items(text) {
        item(i, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(ResponseKind, u16, String)> {
        labelled(text)
            .into_iter()
            .flat_map(|(k, t)| {
                after_label(t).into_iter().filter_map(move |s| match s {
                    Stated::Code(c, r) => Some((k, c.as_u16(), r)),
                    Stated::Invalid(_) => None,
                })
            })
            .collect()
    }

    #[test]
    fn labels_in_any_case_and_number() {
        for l in [
            "Normal response codes: 200",
            "Normal Response Code: 200",
            "normal response codes : 200",
            "Success codes: 200",
        ] {
            assert_eq!(label_at(l).map(|x| x.0), Some(ResponseKind::Normal), "{l}");
        }
        assert_eq!(
            label_at("Error codes:").map(|x| x.0),
            Some(ResponseKind::Error)
        );
        assert!(label_at("Normal response").is_none());
        assert!(label_at("Errors happen: 400").is_none());
        assert!(label_at("Normal codes are fine").is_none());
    }

    #[test]
    fn every_written_form() {
        let n = ResponseKind::Normal;
        let e = ResponseKind::Error;
        assert_eq!(
            codes("Normal response codes: 200, 204 Error response codes: 400, 2xx"),
            [
                (n, 200, "".into()),
                (n, 204, "".into()),
                (e, 400, "".into())
            ]
        );
        assert_eq!(
            codes("Error response codes: badRequest(400), conflict(409)"),
            [(e, 400, "badRequest".into()), (e, 409, "conflict".into())]
        );
        assert_eq!(
            codes(
                "Error codes: notThere(404) if the box is gone. (If it is empty, 200 comes back.)"
            ),
            [(
                e,
                404,
                "notThere: if the box is gone. (If it is empty, 200 comes back.)".into()
            )]
        );
        assert_eq!(
            codes("Normal Response Codes: 200 (versions 1.0 - 1.3), 204 (versions 1.4 - )"),
            [
                (n, 200, "versions 1.0 - 1.3".into()),
                (n, 204, "versions 1.4 -".into())
            ]
        );
        assert_eq!(
            codes("Error response codes: 404 (if node not found), 409"),
            [(e, 404, "if node not found".into()), (e, 409, "".into())]
        );
        assert_eq!(
            codes("Normal response codes: 200 202"),
            [(n, 200, "".into()), (n, 202, "".into())]
        );
        assert_eq!(codes("Error response codes: see below"), []);
    }

    #[test]
    fn three_digits_out_of_range_are_invalid() {
        assert_eq!(after_label(" 600, teapot"), [Stated::Invalid("600".into())]);
    }
}
