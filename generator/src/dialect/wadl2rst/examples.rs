//! wadl2rst examples: a bold label ("**Example Update server name: JSON
//! request**") followed by a `.. code::` block holding the body, or a code
//! block whose language says JSON or XML.
//!
//! Direction: the section the example sits in ("Request" / "Response")
//! decides, as it decides for the parameter tables; the label's last word
//! only where no section says (wadl2rst labels a GET's response sample
//! "JSON request" on many pages; that disagreement is an `info`).

use super::{side_of_title, Side};
use crate::corpus::SourceFile;
use crate::diag::{Diagnostic, Severity};
use crate::model::example::{self, Direction, Example};
use crate::model::{MediaType, Response, SourceLoc};
use crate::rst::{self, Block, Directive, Inline};

/// The examples in `blocks` (the endpoint's section), in page order.
pub(super) fn find(
    file: &SourceFile,
    blocks: &[Block],
    responses: &[Response],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Example> {
    let mut out = Vec::new();
    walk(file, blocks, None, responses, &mut out, diags);
    out
}

/// An all-bold paragraph starting with "Example": the label's text.
fn label(b: &Block) -> Option<String> {
    let Block::Paragraph(p) = b else { return None };
    let all_bold = p.inlines.iter().all(|i| match i {
        Inline::Strong { .. } => true,
        Inline::Text { text, .. } => text.trim().is_empty(),
        _ => false,
    });
    let text = rst::plain_text(&p.inlines).trim().to_string();
    (all_bold && text.starts_with("Example")).then_some(text)
}

fn walk(
    file: &SourceFile,
    blocks: &[Block],
    side: Option<Side>,
    responses: &[Response],
    out: &mut Vec<Example>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut pending: Option<String> = None;
    for b in blocks {
        match b {
            Block::Section(s) => {
                let side = side_of_title(&s.title_text).or(side);
                walk(file, &s.children, side, responses, out, diags);
                pending = None;
            }
            Block::Directive(d) if matches!(d.name.as_str(), "code" | "code-block") => {
                if let Some(e) = one(file, d, pending.take(), side, responses, diags) {
                    out.push(e);
                }
            }
            other => pending = label(other),
        }
    }
}

/// The media type: the directive's language, else the label ("JSON
/// request"), else the first character of the content.
fn media_of(d: &Directive, label: Option<&str>, text: &str) -> Option<MediaType> {
    let lang = d.argument.trim().to_ascii_lowercase();
    let from_label = label.map(|l| l.to_ascii_lowercase()).and_then(|l| {
        if l.contains("json") {
            Some("json")
        } else if l.contains("xml") {
            Some("xml")
        } else {
            None
        }
    });
    // Unlabelled `code-block:: javascript` is wadl2rst's request line.
    let name = match (lang.as_str(), from_label) {
        ("json", _) => "json",
        ("javascript" | "js", _) if label.is_some() => "json",
        ("xml", _) => "xml",
        ("", Some(l)) => l,
        ("", None) if label.is_some() => match text.trim_start().chars().next() {
            Some('{' | '[') => "json",
            Some('<') => "xml",
            _ => return None,
        },
        _ => return None,
    };
    Some(example::media_type_of(Some(name), ""))
}

fn one(
    file: &SourceFile,
    d: &Directive,
    label: Option<String>,
    side: Option<Side>,
    responses: &[Response],
    diags: &mut Vec<Diagnostic>,
) -> Option<Example> {
    let at = SourceLoc {
        file: file.name.to_string(),
        line: d.span.line,
        column: d.span.col,
    };
    let whole = example::dedent(d.content.iter().map(|l| l.text.as_str()));
    // A whole HTTP message (`HTTP/1.1 202 Accepted`, headers, blank line,
    // body): the status line ties the example to its code.
    let (status_line, text) = match whole.strip_prefix("HTTP/") {
        Some(rest) => {
            let (head, body) = rest.split_once("\n\n").unwrap_or((rest, ""));
            let line = head.lines().next().unwrap_or("").to_string();
            if body.trim().is_empty() {
                diags.push(Diagnostic::new(
                    Severity::Info,
                    "example-no-body",
                    format!("the example is an HTTP message without a body (`HTTP/{line}`); no body example"),
                    &at.file,
                    at.line,
                    at.column,
                ));
                return None;
            }
            (line, body.to_string())
        }
        None => (String::new(), whole),
    };
    let media = media_of(d, label.as_deref(), &text)?;
    let what = format!("the {} example", media.as_str());
    let body = example::parse_as(&media, &text, &at, &what, diags)?;
    let title = label.unwrap_or_default();
    let lower = title.to_ascii_lowercase();
    let said = if lower.ends_with("response") {
        Some(Direction::Response)
    } else if lower.ends_with("request") {
        Some(Direction::Request)
    } else {
        None
    };
    let by_section = side.map(|s| match s {
        Side::Request => Direction::Request,
        Side::Response => Direction::Response,
    });
    if let (Some(sec), Some(lab)) = (by_section, said) {
        if sec != lab {
            diags.push(Diagnostic::new(
                Severity::Info,
                "example-label-direction",
                format!(
                    "the label says {lab:?} but the example is in the {sec:?} section; read as {sec:?}"
                )
                .to_lowercase(),
                &at.file,
                at.line,
                at.column,
            ));
        }
    }
    let direction = by_section.or(said).unwrap_or(Direction::Request);
    let status = match direction {
        Direction::Request => None,
        Direction::Response => example::response_status(responses, &[&status_line, &title]),
    };
    Some(Example {
        direction,
        status,
        media_type: media,
        title,
        source: at,
        file: None,
        body,
    })
}
