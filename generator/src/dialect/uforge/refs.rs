//! Cross references of an endpoint page: every `:ref:`, classified as a
//! see-also entry, the operation this one is "the same as", or a mention.

use super::diag;
use crate::corpus::SourceFile;
use crate::diag::{Diagnostic, Severity};
use crate::model::{CrossRef, RefKind};
use crate::rst::{self, Block, Inline};

/// Every `:ref:` of `blocks`: under `.. seealso::` (or, on a rendered page,
/// after a paragraph ending in `.. seealso::`) a [`RefKind::SeeAlso`];
/// right after "the same as" a [`RefKind::SameAs`]; otherwise a
/// [`RefKind::Mention`]. Targets normalised; each (target, kind) once.
pub(super) fn refs(
    file: &SourceFile,
    blocks: &[&Block],
    diags: &mut Vec<Diagnostic>,
) -> Vec<CrossRef> {
    let mut out = Vec::new();
    collect_refs(file, &mut blocks.iter().copied(), false, &mut out, diags);
    let mut seen = rustc_hash::FxHashSet::default();
    seen.reserve(out.len());
    let keep: Vec<bool> = out
        .iter()
        .map(|r| seen.insert((r.target.as_str(), r.kind as u8)))
        .collect();
    drop(seen);
    let mut keep = keep.into_iter();
    out.retain(|_| keep.next().unwrap_or(true));
    out
}

/// Walks `blocks` (a lazy iterator, so nesting costs no list copies); the
/// rendered-see-also state carries from one block to the next.
fn collect_refs(
    file: &SourceFile,
    blocks: &mut dyn Iterator<Item = &Block>,
    see_also: bool,
    out: &mut Vec<CrossRef>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut rendered_see_also = false;
    for block in blocks {
        let see_also = see_also || std::mem::take(&mut rendered_see_also);
        let children: &mut dyn Iterator<Item = &Block> = match block {
            Block::Paragraph(p) => {
                inline_refs(&p.inlines, see_also, out);
                // docutils reads the `::` ending the paragraph as a literal
                // block marker, leaving `.. seealso:` in the text.
                if ends_with_see_also(&p.inlines) {
                    rendered_see_also = true;
                    diags.push(diag(
                        file,
                        Severity::Info,
                        "inferred-from-rendered-page",
                        "`.. seealso::` is run into a paragraph (a page copied from a rendered view); the block after it is read as the see-also list",
                        p.span,
                    ));
                }
                continue;
            }
            Block::LiteralBlock(l) if see_also => {
                // The see-also list made a literal block by that `::`: read
                // it as the RST it is, lines counted from the block.
                let doc = rst::parse(&l.text);
                let start = out.len();
                collect_refs(file, &mut doc.children.iter(), true, out, diags);
                for r in out.iter_mut().skip(start) {
                    r.line = r.line.saturating_add(l.span.line).saturating_sub(1);
                }
                continue;
            }
            Block::Directive(d) => {
                let nested = see_also || d.name == "seealso";
                collect_refs(file, &mut d.children.iter(), nested, out, diags);
                continue;
            }
            Block::Section(s) => &mut s.children.iter(),
            Block::BlockQuote(q) => &mut q.children.iter(),
            Block::BulletList(l) => &mut l.items.iter().flat_map(|i| &i.children),
            Block::EnumeratedList(l) => &mut l.items.iter().flat_map(|i| &i.children),
            Block::DefinitionList(l) => {
                for item in &l.items {
                    inline_refs(&item.term, see_also, out);
                }
                &mut l.items.iter().flat_map(|i| &i.definition)
            }
            _ => continue,
        };
        collect_refs(file, children, see_also, out, diags);
    }
}

fn inline_refs(inlines: &[Inline], see_also: bool, out: &mut Vec<CrossRef>) {
    let mut previous: Option<&Inline> = None;
    for i in inlines {
        if let Some((target, span)) = i.ref_target() {
            let same_as = previous.is_some_and(|p| ends_with_same_as(p.plain_text()));
            let kind = if see_also {
                RefKind::SeeAlso
            } else if same_as {
                RefKind::SameAs
            } else {
                RefKind::Mention
            };
            out.push(CrossRef {
                target,
                kind,
                line: span.line,
            });
        }
        previous = Some(i);
    }
}

/// Does the paragraph's plain text, right-trimmed and then stripped of
/// trailing colons, end with `.. seealso`? Read backwards, no copy.
fn ends_with_see_also(inlines: &[Inline]) -> bool {
    let mut rev = inlines
        .iter()
        .rev()
        .flat_map(|i| i.plain_text().chars().rev())
        .skip_while(|c| c.is_whitespace())
        .skip_while(|&c| c == ':');
    ".. seealso"
        .chars()
        .rev()
        .all(|want| rev.next() == Some(want))
}

/// Does `text`, whitespace squashed and ASCII-lower-cased, end with
/// `same as`? Checked in place.
fn ends_with_same_as(text: &str) -> bool {
    let t = text.trim_end();
    let Some(before_as) = t
        .len()
        .checked_sub(2)
        .filter(|&at| t.is_char_boundary(at) && t[at..].eq_ignore_ascii_case("as"))
        .map(|at| &t[..at])
    else {
        return false;
    };
    let gap = before_as.trim_end();
    if gap.len() == before_as.len() {
        return false;
    }
    gap.len()
        .checked_sub(4)
        .is_some_and(|at| gap.is_char_boundary(at) && gap[at..].eq_ignore_ascii_case("same"))
}
