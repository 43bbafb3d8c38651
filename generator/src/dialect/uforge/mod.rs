//! The UForge dialect (UForge AppCenter REST API reference, Fujitsu).
//!
//! An endpoint page is a section titled with the operation id
//! (`machineImage_downloadFile`) holding `.. function:: METHOD /path`, a
//! `.. sidebar:: Summary` (method, response codes, formats, since), prose,
//! and the `Security Summary`, `URI Parameters`, `HTTP Request Body
//! Parameters` and `Example Request` subsections, closed by `.. seealso::`.
//! An object page lives in a `dto-objects` folder: a `.. _x-object:` label,
//! a title, prose and an `Attributes` list.
//!
//! Query parameters are only ever stated in prose; [`prose`] infers them and
//! says so in `inferred-query-param` infos. Pages copied from a rendered web
//! view (headings as plain lines, `•` bullets, no sidebar directive) are read
//! as far as they go, with `inferred-from-rendered-page` infos.

mod endpoint;
mod examples;
mod object;
mod parts;
mod prose;
mod refs;
mod request;

use super::PageOutput;
use crate::corpus::{Corpus, SourceFile};
use crate::diag::{Diagnostic, Severity};
use crate::model::SourceLoc;
use crate::rst::{Block, Span};

/// Is this page written in the UForge dialect? True for a page with a
/// `function` directive that reads as an operation (or has no argument next
/// to a `sidebar:: Summary`, so the lost endpoint gets reported), and for an
/// object page in a `dto-objects` folder (`overview.rst` excepted).
pub fn detect(file: &SourceFile) -> bool {
    object::is_object_page(file) || endpoint::has_operation(&file.doc.children)
}

/// Read one page: its endpoints (one per `function` directive) and, on an
/// object page, its object.
pub fn read(file: &SourceFile, corpus: &Corpus) -> PageOutput {
    let _ = corpus; // UForge pages are self-contained: nothing else is read.
    let mut out = PageOutput::default();
    if object::is_object_page(file) {
        object::read(file, &mut out);
    }
    endpoint::read(file, &mut out);
    out
}

/// Where `span` is in `file`.
fn loc(file: &SourceFile, span: Span) -> SourceLoc {
    SourceLoc {
        file: file.name.to_string(),
        line: span.line,
        column: span.col,
    }
}

/// A diagnostic at `span` in `file`.
fn diag(
    file: &SourceFile,
    severity: Severity,
    code: &'static str,
    message: impl Into<std::borrow::Cow<'static, str>>,
    span: Span,
) -> Diagnostic {
    Diagnostic::new(severity, code, message, &file.name, span.line, span.col)
}

/// Runs of whitespace (line breaks included) collapsed to one space, trimmed:
/// how a paragraph reads once rendered.
fn squash(text: &str) -> String {
    crate::rst::squash_whitespace(text)
}

/// The readable text of a block for a description: paragraphs squashed,
/// literal and code blocks verbatim, admonitions prefixed with their name.
fn block_text(block: &Block) -> String {
    match block {
        Block::LiteralBlock(l) => l.text.clone(),
        Block::Directive(d) if d.children.is_empty() => d
            .content
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string(),
        Block::Directive(d) => {
            let body = d
                .children
                .iter()
                .map(block_text)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            match d.name.as_str() {
                "note" | "warning" | "important" | "tip" | "caution" | "attention" => {
                    let mut name = d.name.clone();
                    if let Some(first) = name.get_mut(..1) {
                        first.make_ascii_uppercase();
                    }
                    format!("{name}: {body}")
                }
                _ => body,
            }
        }
        Block::BulletList(l) => list_text(l.items.iter().map(|i| &i.children)),
        Block::EnumeratedList(l) => list_text(l.items.iter().map(|i| &i.children)),
        other => squash(&crate::rst::plain_text_block(other)),
    }
}

/// A list as `- item` lines.
fn list_text<'a>(items: impl Iterator<Item = &'a Vec<Block>>) -> String {
    items
        .map(|blocks| {
            let text: Vec<String> = blocks.iter().map(block_text).collect();
            format!("- {}", text.join(" "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}
