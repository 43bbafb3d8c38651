//! What OpenStack reference pages (wadl2rst and os-api-ref alike) state in
//! sentences rather than in tables: "(Since Image API v2.0)", response
//! headers and media types ("The ``Content-MD5`` header contains ..."),
//! whether a token is needed, `:ref:` links. Shared by both OpenStack
//! dialects so they read prose the same way.

use crate::diag::{Diagnostic, Severity};
use crate::model::{
    Auth, AuthBasis, CrossRef, HttpMethod, MediaType, Param, ParamLocation, PathTemplate, RefKind,
    Response, ResponseKind, SegmentPart, SourceLoc, StatusCode, TypeRef,
};
use crate::rst::{self, Block, Inline};

/// Collapse every run of whitespace (zero-width spaces included, which the
/// WADL converter scattered through cells) to one space and trim.
pub(crate) fn squash(text: &str) -> String {
    if text.contains('\u{200b}') {
        rst::squash_whitespace(&text.replace('\u{200b}', ""))
    } else {
        rst::squash_whitespace(text)
    }
}

/// The version in "(Since Image API v2.0)": `Image API v2.0`.
pub(crate) fn since(text: &str) -> Option<String> {
    let start = text.find("(Since ")?;
    let rest = &text[start + "(Since ".len()..];
    let end = rest.find(')')?;
    let v = squash(&rest[..end]);
    (!v.is_empty()).then_some(v)
}

/// `text` without its "(Since ...)" markers.
fn strip_since(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("(Since ") {
        out.push_str(&rest[..start]);
        match rest[start..].find(')') {
            Some(end) => rest = &rest[start + end + 1..],
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Summary (first part) and description (parts separated by a blank line)
/// of an endpoint's prose blocks, "(Since ...)" markers removed.
pub(crate) fn describe(blocks: &[&Block]) -> (String, String) {
    let parts: Vec<String> = blocks
        .iter()
        .map(|b| squash(&strip_since(&rst::plain_text_block(b))))
        .filter(|t| !t.is_empty())
        .collect();
    (
        parts.first().cloned().unwrap_or_default(),
        parts.join("\n\n"),
    )
}

/// Sentences that say a call needs no token.
const NO_AUTH_PHRASES: &[&str] = &[
    "does not require authentication",
    "doesn't require authentication",
    "does not require a token",
    "does not require an authentication token",
    "no authentication is required",
    "no token is required",
    "without authentication",
    "unauthenticated",
    "call is not authenticated",
    "no authentication needed",
    "no authentication is needed",
];

/// Who may call: OpenStack sends `X-Auth-Token` on every call by convention,
/// unless the page says no token is needed; version discovery (`GET /`,
/// `GET /versions`) is unauthenticated by the same convention.
pub(crate) fn auth(description: &str, method: HttpMethod, path: &PathTemplate) -> Auth {
    let lower = description.to_lowercase();
    let (required, basis) = if NO_AUTH_PHRASES.iter().any(|p| lower.contains(p)) {
        (false, AuthBasis::Documented)
    } else if is_version_discovery(method, path) {
        (false, AuthBasis::Convention)
    } else {
        (true, AuthBasis::Convention)
    };
    Auth {
        required,
        basis,
        entitlements: Vec::new(),
        one_time_token: None,
    }
}

fn is_version_discovery(method: HttpMethod, path: &PathTemplate) -> bool {
    let segs = path.segments();
    method == HttpMethod::Get
        && (segs.is_empty()
            || (segs.len() == 1
                && matches!(segs[0].parts.as_slice(), [SegmentPart::Literal(l)] if l == "versions")))
}

/// Whether a response with this status carries a body.
pub(crate) fn has_body(status: StatusCode) -> bool {
    let c = status.as_u16();
    c >= 200 && !matches!(c, 204 | 205 | 304)
}

/// Media types named in free text (`Use application/octet-stream.`): tokens
/// of the form `type/subtype` with a registered top-level type.
pub(crate) fn media_types_in(text: &str) -> Vec<MediaType> {
    const TOP: &[&str] = &[
        "application",
        "text",
        "image",
        "audio",
        "video",
        "multipart",
        "font",
        "model",
        "message",
    ];
    let mut out: Vec<MediaType> = Vec::new();
    for token in text.split(|c: char| c.is_whitespace() || c == '`' || c == ',') {
        let t = token.trim_matches(|c: char| matches!(c, '.' | ';' | ':' | '(' | ')' | '"' | '\''));
        let Some((top, _)) = t.split_once('/') else {
            continue;
        };
        if !TOP.contains(&top.to_ascii_lowercase().as_str()) {
            continue;
        }
        if let Ok(m) = t.parse::<MediaType>() {
            if !out.contains(&m) {
                out.push(m);
            }
        }
    }
    out
}

/// What sentences state about the wire format.
#[derive(Debug, Default)]
pub(crate) struct ProseFacts {
    /// Response headers: name, the sentence that names it, where.
    pub response_headers: Vec<(String, String, SourceLoc)>,
    /// "The ``Content-Type`` header contains the ``X`` value".
    pub response_media: Vec<(MediaType, SourceLoc)>,
    /// "Set the ``Content-Type`` request header to ``X``".
    pub request_media: Vec<MediaType>,
}

/// Read response headers and media types from the paragraphs in `blocks`
/// (nested ones included): a literal that looks like a header name followed
/// by "header contains", "header returns" or "response header".
pub(crate) fn prose_facts(blocks: &[&Block], file: &str) -> ProseFacts {
    let mut facts = ProseFacts::default();
    for b in blocks {
        rst::walk(std::slice::from_ref(*b), &mut |blk| {
            if let Block::Paragraph(p) = blk {
                paragraph_facts(&p.inlines, file, &mut facts);
            }
        });
    }
    listed_request_media(blocks, &mut facts);
    facts
}

/// "The request body must conform to one of these media types:" followed
/// by one paragraph per media type (``application/...``, perhaps with a
/// parenthesised note).
fn listed_request_media(blocks: &[&Block], facts: &mut ProseFacts) {
    let mut listing = false;
    for b in blocks {
        let Block::Paragraph(p) = b else {
            listing = false;
            continue;
        };
        if listing {
            let rest = squash(&rst::plain_text(p.inlines.get(1..).unwrap_or_default()));
            if let Some(Inline::Literal { text, .. }) = p.inlines.first() {
                let listed = media_types_in(text);
                if (rest.is_empty() || rest.starts_with('(')) && !listed.is_empty() {
                    for m in listed {
                        if !facts.request_media.contains(&m) {
                            facts.request_media.push(m);
                        }
                    }
                    continue;
                }
            }
        }
        let text = squash(&rst::plain_text(&p.inlines)).to_lowercase();
        listing =
            text.contains("request body") && text.contains("media type") && text.ends_with(':');
    }
}

fn paragraph_facts(inlines: &[Inline], file: &str, facts: &mut ProseFacts) {
    for (i, inline) in inlines.iter().enumerate() {
        let Inline::Literal { text: name, span } = inline else {
            continue;
        };
        if !is_header_name(name) {
            continue;
        }
        let Some(Inline::Text { text: next, .. }) = inlines.get(i + 1) else {
            continue;
        };
        let next = squash(next).to_lowercase();
        let value = match inlines.get(i + 2) {
            Some(Inline::Literal { text, .. }) => text.parse::<MediaType>().ok(),
            _ => None,
        };
        let is_content_type = name.eq_ignore_ascii_case("content-type");
        if next.starts_with("request header") {
            if let (true, Some(m)) = (is_content_type, value) {
                facts.request_media.push(m);
            }
            continue;
        }
        if !["response header", "header contains", "header returns"]
            .iter()
            .any(|p| next.starts_with(p))
        {
            continue;
        }
        let loc = SourceLoc {
            file: file.to_string(),
            line: span.line,
            column: span.col,
        };
        let sentence = sentence_with(&squash(&rst::plain_text(inlines)), name);
        facts
            .response_headers
            .push((name.clone(), sentence, loc.clone()));
        if let (true, Some(m)) = (is_content_type, value) {
            facts.response_media.push((m, loc));
        }
    }
}

/// `Content-MD5`, `Location`, `X-Openstack-Request-Id`: letters, digits and
/// dashes, starting with an upper-case letter.
fn is_header_name(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The sentence of `text` that contains `needle` (the whole text if the
/// needle is not found).
fn sentence_with(text: &str, needle: &str) -> String {
    let Some(at) = text.find(needle) else {
        return text.to_string();
    };
    let start = text[..at].rfind(". ").map_or(0, |i| i + 2);
    let end = text[at..].find(". ").map_or(text.len(), |i| at + i + 1);
    text[start..end].to_string()
}

/// Attach prose-stated response headers and media types to the response
/// they describe (the first normal response with a body, else the first
/// normal one), skipping what is already documented; each addition is an
/// Info diagnostic since it was inferred from a sentence.
pub(crate) fn apply_response_facts(
    responses: &mut [Response],
    facts: &ProseFacts,
    diags: &mut Vec<Diagnostic>,
) {
    if facts.response_headers.is_empty() && facts.response_media.is_empty() {
        return;
    }
    let at = responses
        .iter()
        .position(|r| r.kind == ResponseKind::Normal && has_body(r.status))
        .or_else(|| {
            responses
                .iter()
                .position(|r| r.kind == ResponseKind::Normal)
        });
    let Some(target) = at.and_then(|i| responses.get_mut(i)) else {
        for (name, _, loc) in &facts.response_headers {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "response-header-without-response",
                format!("the prose names response header `{name}` but the page lists no normal response"),
                &loc.file,
                loc.line,
                loc.column,
            ));
        }
        return;
    };
    for (name, sentence, loc) in &facts.response_headers {
        if target
            .headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case(name))
        {
            continue;
        }
        diags.push(Diagnostic::new(
            Severity::Info,
            "inferred-response-header",
            format!(
                "response header `{name}` inferred from the prose, on the {} response",
                target.status
            ),
            &loc.file,
            loc.line,
            loc.column,
        ));
        target.headers.push(Param {
            name: name.clone(),
            location: ParamLocation::Header,
            required: false,
            ty: TypeRef::String,
            description: sentence.clone(),
            min_version: None,
            max_version: None,
            fixed: None,
            example: None,
            documented: true,
            source: Some(loc.clone()),
        });
    }
    for (media, loc) in &facts.response_media {
        if target.media_types.contains(media) {
            continue;
        }
        diags.push(Diagnostic::new(
            Severity::Info,
            "inferred-media-type",
            format!(
                "media type `{}` inferred from the prose, on the {} response",
                media.as_str(),
                target.status
            ),
            &loc.file,
            loc.line,
            loc.column,
        ));
        target.media_types.push(media.clone());
    }
}

/// `:ref:` targets named in `blocks`, in order, each once.
pub(crate) fn refs(blocks: &[&Block]) -> Vec<CrossRef> {
    let mut out: Vec<CrossRef> = Vec::new();
    for b in blocks {
        rst::walk(std::slice::from_ref(*b), &mut |blk| {
            let inlines = match blk {
                Block::Paragraph(p) => &p.inlines,
                _ => return,
            };
            for i in inlines {
                if let Some((t, span)) = i.ref_target() {
                    if !t.is_empty() && !out.iter().any(|r| r.target == t) {
                        out.push(CrossRef {
                            target: t,
                            kind: RefKind::Mention,
                            line: span.line,
                        });
                    }
                }
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_and_strip() {
        let t = "(Since Image API v2.0) Downloads binary image data.";
        assert_eq!(since(t).as_deref(), Some("Image API v2.0"));
        assert_eq!(squash(&strip_since(t)), "Downloads binary image data.");
        assert_eq!(since("no marker"), None);
    }

    #[test]
    fn media_types_from_text() {
        let m = media_types_in("Use ``application/octet-stream``. See HTTP/1.1 (text/plain)");
        let got: Vec<&str> = m.iter().map(MediaType::as_str).collect();
        assert_eq!(got, ["application/octet-stream", "text/plain"]);
    }

    #[test]
    fn auth_conventions() {
        let p = PathTemplate::parse("/v2/images").unwrap();
        let a = auth("Lists images.", HttpMethod::Get, &p);
        assert!(a.required && a.basis == AuthBasis::Convention);
        let a = auth(
            "This call does not require authentication.",
            HttpMethod::Get,
            &p,
        );
        assert!(!a.required && a.basis == AuthBasis::Documented);
        for said in [
            "Because it goes straight to the middleware, the call is not authenticated.",
            "No authentication needed.",
        ] {
            let a = auth(said, HttpMethod::Get, &p);
            assert!(!a.required && a.basis == AuthBasis::Documented, "{said}");
        }
        let v = PathTemplate::parse("/versions").unwrap();
        assert!(!auth("", HttpMethod::Get, &v).required);
    }

    #[test]
    fn request_media_listed_after_a_sentence() {
        let sp = crate::rst::Span::new(1, 1);
        let para =
            |inlines: Vec<Inline>| Block::Paragraph(crate::rst::Paragraph { inlines, span: sp });
        let text = |t: &str| Inline::Text {
            text: t.into(),
            span: sp,
        };
        let lit = |t: &str| Inline::Literal {
            text: t.into(),
            span: sp,
        };
        let blocks = [
            para(vec![text(
                "The request body must conform to one of these media types:",
            )]),
            para(vec![lit("application/openstack-images-v2.0-json-patch")]),
            para(vec![
                lit("application/openstack-images-v2.1-json-patch"),
                text(" (since v2.2)"),
            ]),
            para(vec![
                lit("text/plain"),
                text(" is not listed: the list ended."),
            ]),
        ];
        let refs: Vec<&Block> = blocks.iter().collect();
        let got: Vec<String> = prose_facts(&refs, "p.rst")
            .request_media
            .iter()
            .map(|m| m.as_str().to_string())
            .collect();
        assert_eq!(
            got,
            [
                "application/openstack-images-v2.0-json-patch",
                "application/openstack-images-v2.1-json-patch"
            ]
        );
    }

    #[test]
    fn sentence_picking() {
        let t = "The body is raw. The Content-MD5 header contains a sum. Use it.";
        assert_eq!(
            sentence_with(t, "Content-MD5"),
            "The Content-MD5 header contains a sum."
        );
    }
}
