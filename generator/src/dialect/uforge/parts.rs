//! The parts of an endpoint page: the blocks after `.. function::` cut into
//! the intro prose, the Summary sidebar and the named subsections, plus the
//! `Key: value` bullets the Summary and Security Summary are made of.
//!
//! A page copied from a rendered web view has the same parts, but its
//! headings are plain one-line paragraphs (`Summary`, `Security Summary`)
//! and its bullets are `•` lines inside paragraphs; both are recognised here
//! so the rest of the dialect reads the two kinds of page alike.

use super::squash;
use crate::rst::{self, Block, Span};

/// Which part of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// The description between the function line and the first subsection.
    Intro,
    /// The `.. sidebar:: Summary` bullets.
    Summary,
    Security,
    UriParams,
    Body,
    Example,
    /// A subsection the dialect does not know; its text is kept for refs.
    Other,
}

/// One part and the blocks in it.
#[derive(Debug)]
pub(super) struct Part<'a> {
    pub kind: Kind,
    /// Where its heading is (the function directive for the intro).
    pub span: Span,
    pub blocks: Vec<&'a Block>,
    /// The heading was a plain paragraph: a rendered page.
    pub rendered: bool,
}

/// What a heading (section title, sidebar title or, on a rendered page, a
/// one-line paragraph) names.
fn kind_of(title: &str) -> Option<Kind> {
    match rst::normalize_name(title).as_str() {
        "summary" => Some(Kind::Summary),
        "security summary" => Some(Kind::Security),
        "uri parameters" => Some(Kind::UriParams),
        "http request body parameters" => Some(Kind::Body),
        "example request" => Some(Kind::Example),
        _ => None,
    }
}

/// Cut the blocks that follow a function directive (at `start`) into parts.
/// The intro is always the first part.
pub(super) fn split(area: &[Block], start: Span) -> Vec<Part<'_>> {
    let mut parts = vec![Part {
        kind: Kind::Intro,
        span: start,
        blocks: Vec::new(),
        rendered: false,
    }];
    let mut current = 0;
    // On a rendered page the Summary and Security Summary lines are followed
    // by their bullets only; the prose after them belongs to the intro.
    let mut bullets_only = false;
    for block in area {
        if let Some(kind) = heading_paragraph(block) {
            parts.push(Part {
                kind,
                span: block.span(),
                blocks: Vec::new(),
                rendered: true,
            });
            current = parts.len() - 1;
            bullets_only = matches!(kind, Kind::Summary | Kind::Security);
            continue;
        }
        match block {
            Block::Section(s) => {
                parts.push(Part {
                    kind: kind_of(&s.title_text).unwrap_or(Kind::Other),
                    span: s.span,
                    blocks: s.children.iter().collect(),
                    rendered: false,
                });
                current = parts.len() - 1;
                bullets_only = false;
            }
            Block::Directive(d)
                if d.name == "sidebar" && kind_of(&d.argument) == Some(Kind::Summary) =>
            {
                parts.push(Part {
                    kind: Kind::Summary,
                    span: d.span,
                    blocks: d.children.iter().collect(),
                    rendered: false,
                });
                current = 0;
                bullets_only = false;
            }
            _ => {
                if bullets_only && !is_bullets(block) {
                    current = 0;
                    bullets_only = false;
                }
                if let Some(part) = parts.get_mut(current) {
                    part.blocks.push(block);
                }
            }
        }
    }
    parts
}

/// A one-line paragraph that is a known heading (rendered pages).
fn heading_paragraph(block: &Block) -> Option<Kind> {
    let Block::Paragraph(p) = block else {
        return None;
    };
    let text = rst::plain_text(&p.inlines);
    if text.contains('\n') {
        return None;
    }
    kind_of(text.trim())
}

/// A bullet list, a block quote, or a paragraph of `•` lines.
fn is_bullets(block: &Block) -> bool {
    match block {
        Block::BulletList(_) | Block::BlockQuote(_) => true,
        Block::Paragraph(p) => rst::plain_text(&p.inlines).trim_start().starts_with('•'),
        _ => false,
    }
}

/// One `Key: value` bullet.
#[derive(Debug)]
pub(super) struct Entry {
    pub key: String,
    pub value: String,
    pub span: Span,
}

/// The `Key: value` bullets of a part: list items (also inside block
/// quotes) and `•` lines of paragraphs. Items without a colon are skipped.
pub(super) fn entries(blocks: &[&Block]) -> Vec<Entry> {
    let mut out = Vec::new();
    for block in blocks {
        collect_entries(block, &mut out);
    }
    out
}

fn collect_entries(block: &Block, out: &mut Vec<Entry>) {
    match block {
        Block::BulletList(l) => {
            for item in &l.items {
                let text = item
                    .children
                    .first()
                    .map(rst::plain_text_block)
                    .unwrap_or_default();
                if let Some(e) = entry(&text, item.span) {
                    out.push(e);
                }
            }
        }
        Block::BlockQuote(q) => q.children.iter().for_each(|b| collect_entries(b, out)),
        Block::Paragraph(p) => {
            let text = rst::plain_text(&p.inlines);
            for (i, line) in text.lines().enumerate() {
                let Some(rest) = line.trim_start().strip_prefix('•') else {
                    continue;
                };
                let offset = u32::try_from(i).unwrap_or(u32::MAX);
                let span = Span::new(p.span.line.saturating_add(offset), p.span.col);
                if let Some(e) = entry(rest, span) {
                    out.push(e);
                }
            }
        }
        _ => {}
    }
}

fn entry(text: &str, span: Span) -> Option<Entry> {
    let (key, value) = text.split_once(':')?;
    Some(Entry {
        key: squash(key),
        value: squash(value),
        span,
    })
}
