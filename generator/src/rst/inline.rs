//! Inline markup (docutils' `Inliner`): literals, emphasis, strong, roles,
//! references, substitutions, standalone URIs, backslash escapes, with
//! docutils' start-string / end-string recognition rules.

use super::ast::{Inline, Message, Span};

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
    let _ = messages;
    // Placeholder until the real inliner lands: one text node.
    let text = lines.iter().map(|l| l.text).collect::<Vec<_>>().join("\n");
    let span = lines.first().map(|l| l.span).unwrap_or_default();
    vec![Inline::Text { text, span }]
}
