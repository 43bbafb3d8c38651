//! The parts of an endpoint page: the blocks after `.. function::` cut into
//! the intro prose, the Summary sidebar and the named subsections, plus the
//! `Key: value` bullets the Summary and Security Summary are made of.
//!
//! A page copied from a rendered web view has the same parts, but its
//! headings are plain one-line paragraphs (`Summary`, `Security Summary`)
//! and its bullets are `•` lists read from their source lines; both are
//! recognised here so the rest of the dialect reads the two kinds of page
//! alike.

use super::squash;
use crate::corpus::SourceFile;
use crate::rst::{self, Block, BulletList, ListItem, Paragraph, Span};

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

/// How a part's heading was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Heading {
    /// A section title, the sidebar directive, or (intro) the function line.
    Markup,
    /// A plain one-line paragraph: a page copied from a rendered view.
    PlainLine,
    /// A title with no blank line before it, which docutils (and so Sphinx)
    /// reads as the last lines of the paragraph above: a doc bug.
    InParagraph,
}

/// One part and the blocks in it.
#[derive(Debug)]
pub(super) struct Part<'a> {
    pub kind: Kind,
    /// Where its heading is (the function directive for the intro).
    pub span: Span,
    pub blocks: Vec<&'a Block>,
    pub heading: Heading,
}

impl Kind {
    /// The heading UForge writes for the part.
    pub(super) fn title(self) -> &'static str {
        match self {
            Kind::Intro => "(description)",
            Kind::Summary => "Summary",
            Kind::Security => "Security Summary",
            Kind::UriParams => "URI Parameters",
            Kind::Body => "HTTP Request Body Parameters",
            Kind::Example => "Example Request",
            Kind::Other => "(other section)",
        }
    }
}

/// What a heading (section title, sidebar title or, on a rendered page, a
/// one-line paragraph) names.
fn kind_of(title: &str) -> Option<Kind> {
    const HEADINGS: &[(&str, Kind)] = &[
        ("summary", Kind::Summary),
        ("security summary", Kind::Security),
        ("uri parameters", Kind::UriParams),
        ("http request body parameters", Kind::Body),
        ("example request", Kind::Example),
    ];
    HEADINGS
        .iter()
        .find_map(|(heading, kind)| rst::normalized_eq(title, heading).then_some(*kind))
}

/// Cut the blocks that follow a function directive (at `start`) into parts.
/// The intro is always the first part.
pub(super) fn split(area: &[Block], start: Span) -> Vec<Part<'_>> {
    let mut s = Splitter {
        parts: vec![Part {
            kind: Kind::Intro,
            span: start,
            blocks: Vec::new(),
            heading: Heading::Markup,
        }],
        current: 0,
        bullets_only: false,
    };
    s.blocks(area);
    s.parts
}

struct Splitter<'a> {
    parts: Vec<Part<'a>>,
    /// The part blocks go to.
    current: usize,
    /// On a rendered page the Summary and Security Summary lines are
    /// followed by their bullets only; the prose after them is intro.
    bullets_only: bool,
}

impl<'a> Splitter<'a> {
    fn open(&mut self, kind: Kind, span: Span, heading: Heading) {
        self.parts.push(Part {
            kind,
            span,
            blocks: Vec::new(),
            heading,
        });
        self.current = self.parts.len() - 1;
        self.bullets_only =
            heading == Heading::PlainLine && matches!(kind, Kind::Summary | Kind::Security);
    }

    fn blocks(&mut self, blocks: &'a [Block]) {
        for block in blocks {
            // A paragraph's text, read once for both heading checks.
            let text = match block {
                Block::Paragraph(p) => Some((p, rst::plain_text(&p.inlines))),
                _ => None,
            };
            if let Some(kind) = text.as_ref().and_then(|(_, t)| heading_paragraph(t)) {
                self.open(kind, block.span(), Heading::PlainLine);
                continue;
            }
            match block {
                Block::Section(s) => {
                    let kind = kind_of(&s.title_text).unwrap_or(Kind::Other);
                    self.open(kind, s.span, Heading::Markup);
                    self.blocks(&s.children);
                }
                Block::Directive(d)
                    if d.name == "sidebar" && kind_of(&d.argument) == Some(Kind::Summary) =>
                {
                    self.parts.push(Part {
                        kind: Kind::Summary,
                        span: d.span,
                        blocks: d.children.iter().collect(),
                        heading: Heading::Markup,
                    });
                    self.current = 0;
                    self.bullets_only = false;
                }
                _ => {
                    if self.bullets_only && !is_bullets(block) {
                        self.current = 0;
                        self.bullets_only = false;
                    }
                    if let Some(part) = self.parts.get_mut(self.current) {
                        part.blocks.push(block);
                    }
                    if let Some((kind, span)) =
                        text.as_ref().and_then(|(p, t)| title_in_paragraph(p, t))
                    {
                        self.open(kind, span, Heading::InParagraph);
                    }
                }
            }
        }
    }
}

/// A known section title and its underline run into the end of a
/// paragraph (`None` / `HTTP Request Body Parameters` / `~~~~`, no blank
/// line between): the kind and where the title line is.
fn title_in_paragraph(p: &Paragraph, text: &str) -> Option<(Kind, Span)> {
    let mut last = text.lines().rev();
    let (underline, title) = (last.next()?.trim(), last.next()?.trim());
    let mut chars = underline.chars();
    let first = chars.next()?;
    let adornment = first.is_ascii_punctuation()
        && chars.all(|c| c == first)
        && underline.chars().count() >= title.chars().count();
    let kind = kind_of(title).filter(|_| adornment)?;
    let offset = u32::try_from(text.lines().count().saturating_sub(2)).unwrap_or(u32::MAX);
    Some((
        kind,
        Span::new(p.span.line.saturating_add(offset), p.span.col),
    ))
}

/// A one-line paragraph that is a known heading (rendered pages).
fn heading_paragraph(text: &str) -> Option<Kind> {
    if text.contains('\n') {
        return None;
    }
    kind_of(text.trim())
}

/// A bullet list, or a block quote (holding one).
fn is_bullets(block: &Block) -> bool {
    matches!(block, Block::BulletList(_) | Block::BlockQuote(_))
}

/// One `Key: value` bullet.
#[derive(Debug)]
pub(super) struct Entry {
    pub key: String,
    pub value: String,
    pub span: Span,
}

/// The `Key: value` bullets of a part: list items (also inside block
/// quotes). Items without a colon are skipped.
pub(super) fn entries(blocks: &[&Block], file: &SourceFile) -> Vec<Entry> {
    let mut out = Vec::new();
    for block in blocks {
        collect_entries(block, file, &mut out);
    }
    out
}

fn collect_entries(block: &Block, file: &SourceFile, out: &mut Vec<Entry>) {
    match block {
        Block::BulletList(l) => {
            for item in &l.items {
                if let Some(e) = entry(&item_text(l, item, file), item.span) {
                    out.push(e);
                }
            }
        }
        Block::BlockQuote(q) => q
            .children
            .iter()
            .for_each(|b| collect_entries(b, file, out)),
        _ => {}
    }
}

/// The text of a list item. On a page copied from a rendered view (`•`
/// bullets) it is the source line as written: inline markup there is
/// accidental (`Response Formats: */*` would read as an emphasised `/`).
pub(super) fn item_text(list: &BulletList, item: &ListItem, file: &SourceFile) -> String {
    let raw = (list.bullet == '•')
        .then(|| file.line(item.span.line))
        .flatten()
        .and_then(|l| l.trim_start().strip_prefix('•'));
    match raw {
        Some(text) => text.trim().to_string(),
        None => item
            .children
            .first()
            .map(rst::plain_text_block)
            .unwrap_or_default(),
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
