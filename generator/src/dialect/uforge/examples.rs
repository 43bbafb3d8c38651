//! UForge examples: the XML (or JSON) body a page shows in a
//! `.. code-block:: xml` ("Example of representation.xml content (the
//! request body):"). A UForge page documents a request body this way; a
//! block whose lead-in or heading speaks of the response is a response
//! example for the endpoint's normal code.

use super::parts::Part;
use crate::corpus::SourceFile;
use crate::diag::Diagnostic;
use crate::model::example::{self, Direction, Example};
use crate::model::{Response, SourceLoc};
use crate::rst::{self, Block};

/// Every XML/JSON code block among the parts' blocks, in page order.
pub(super) fn find(
    file: &SourceFile,
    parts: &[Part<'_>],
    responses: &[Response],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Example> {
    let mut out = Vec::new();
    for part in parts {
        // The paragraph last seen: its text, taken only when an example
        // follows it, titles that example.
        let mut lead = None;
        for b in &part.blocks {
            rst::walk(std::slice::from_ref(*b), &mut |x| match x {
                Block::Paragraph(p) => lead = Some(p),
                Block::Directive(d) if matches!(d.name.as_str(), "code-block" | "code") => {
                    let media = example::media_type_of(Some(d.argument.trim()), "");
                    if !(media.is_json() || media.is_xml()) {
                        return;
                    }
                    let at = SourceLoc {
                        file: file.name.to_string(),
                        line: d.span.line,
                        column: d.span.col,
                    };
                    let text = example::dedent(d.content.iter().map(|l| l.text.as_str()));
                    let what = format!("the {} example", media.as_str());
                    let Some(body) = example::parse_as(&media, &text, &at, &what, diags) else {
                        return;
                    };
                    let text = lead.take().map(|p| rst::plain_text(&p.inlines));
                    let text = text.as_deref().map(str::trim).unwrap_or("");
                    let title = if text.is_empty() {
                        part.kind.title().to_string()
                    } else {
                        text.trim_end_matches(':').trim().to_string()
                    };
                    let says = |w: &str| title.to_lowercase().contains(w);
                    let direction = if says("response") && !says("request") {
                        Direction::Response
                    } else {
                        Direction::Request
                    };
                    let status = match direction {
                        Direction::Request => None,
                        Direction::Response => example::response_status(responses, &[&title]),
                    };
                    out.push(Example {
                        direction,
                        status,
                        media_type: media,
                        title,
                        source: at,
                        file: None,
                        body,
                    });
                }
                _ => {}
            });
        }
    }
    out
}
