//! Cross-reference checks: a `:ref:` to a label no page defines, and a
//! "same as" that points at an endpoint whose path has another shape.

use crate::corpus::Corpus;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Api, Endpoint, RefKind};
use crate::rst::{self, Block, Inline};
use std::collections::{BTreeMap, BTreeSet};

/// Labels Sphinx defines itself; a `:ref:` to them is never dangling.
const BUILTIN_LABELS: &[&str] = &["genindex", "modindex", "search"];

/// A `.. _label:` target: where it is defined.
struct Label {
    file: String,
    line: u32,
}

/// Every internal target (`.. _label:`) of the corpus, normalised.
fn labels(corpus: &Corpus) -> BTreeMap<String, Label> {
    let mut out = BTreeMap::new();
    for f in &corpus.files {
        rst::walk(&f.doc.children, &mut |b| {
            if let Block::Target(t) = b {
                if t.uri.is_none() {
                    out.entry(rst::normalize_name(&t.name)).or_insert(Label {
                        file: f.name.to_string(),
                        line: t.span.line,
                    });
                }
            }
        });
    }
    out
}

/// One `:ref:` use: file, line, column, normalised target.
type RefUse = (String, u32, u32, String);

/// Every `:ref:` in the pages' text (paragraphs and definition terms,
/// anywhere in the tree), plus those the dialects found in places the tree
/// holds as literal text (a see-also list on a rendered page).
fn ref_uses(corpus: &Corpus, api: &Api) -> BTreeSet<RefUse> {
    let mut out = BTreeSet::new();
    for f in &corpus.files {
        let mut push = |inlines: &[Inline]| {
            for i in inlines {
                if let Some((t, span)) = i.ref_target() {
                    out.insert((f.name.to_string(), span.line, span.col, t));
                }
            }
        };
        rst::walk(&f.doc.children, &mut |b| match b {
            Block::Paragraph(p) => push(&p.inlines),
            Block::DefinitionList(l) => l.items.iter().for_each(|i| push(&i.term)),
            _ => {}
        });
    }
    let seen: BTreeSet<(String, u32, String)> = out
        .iter()
        .map(|(f, l, _, t)| (f.clone(), *l, t.clone()))
        .collect();
    let mut found = std::mem::take(&mut out);
    for e in &api.endpoints {
        for r in &e.refs {
            if !seen.contains(&(e.source.file.clone(), r.line, r.target.clone())) {
                found.insert((e.source.file.clone(), r.line, 1, r.target.clone()));
            }
        }
    }
    found
        .into_iter()
        .map(|(f, l, c, t)| {
            let col = ref_column(corpus, &f, l, &t, c);
            (f, l, col, t)
        })
        .collect()
}

/// The column (1-based, tabs advancing to the next multiple of 8, as
/// docutils counts) of the `:ref:` on `line` whose target is `target`
/// (normalised), else of the first `:ref:` on the line, else `fallback`.
/// Needed because refs read from nested content (a `seealso` body, a
/// literal block) carry columns relative to that content.
fn ref_column(corpus: &Corpus, file: &str, line: u32, target: &str, fallback: u32) -> u32 {
    let Some(text) = corpus
        .files
        .iter()
        .find(|f| *f.name == *file)
        .and_then(|f| f.line(line))
    else {
        return fallback;
    };
    let starts: Vec<usize> = text.match_indices(":ref:`").map(|(b, _)| b).collect();
    let hit = starts
        .iter()
        .find(|&&b| {
            let inner = &text[b + 6..];
            let inner = &inner[..inner.find('`').unwrap_or(inner.len())];
            let label = inner
                .rsplit_once('<')
                .map_or(inner, |(_, l)| l.trim_end_matches('>'));
            rst::normalize_name(label) == target
        })
        .or(starts.first());
    hit.map_or(fallback, |&b| {
        text[..b].chars().fold(0u32, |col, c| {
            if c == '\t' {
                (col / 8 + 1) * 8
            } else {
                col + 1
            }
        }) + 1
    })
}

/// `ref-undefined`: a `:ref:` whose label no page of the set defines.
pub fn undefined_refs(corpus: &Corpus, api: &Api, diags: &mut Vec<Diagnostic>) {
    let labels = labels(corpus);
    for (file, line, col, target) in ref_uses(corpus, api) {
        if !labels.contains_key(&target) && !BUILTIN_LABELS.contains(&target.as_str()) {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "ref-undefined",
                format!("`:ref:` to `{target}`, a label no page defines"),
                file,
                line,
                col,
            ));
        }
    }
}

/// `same-as-shape-mismatch`: "this request is the same as :ref:`x`" where
/// `x` documents another method, or a path whose shape differs beyond
/// trailing parameters (`.../downloads` and `.../downloads/{fileName}` are
/// the same request; `.../pimages/{}` and `.../images/{}` are not).
pub fn same_as_shapes(corpus: &Corpus, api: &Api, diags: &mut Vec<Diagnostic>) {
    let labels = labels(corpus);
    for e in &api.endpoints {
        for r in e.refs.iter().filter(|r| r.kind == RefKind::SameAs) {
            let Some(target) = labels.get(&r.target).and_then(|l| endpoint_at(api, l)) else {
                continue;
            };
            if std::ptr::eq(target, e) || same_request(e, target) {
                continue;
            }
            diags.push(Diagnostic::new(
                Severity::Warning,
                "same-as-shape-mismatch",
                format!(
                    "`{} {}` is said to be the same as `{}` ({}:{}), which is `{} {}`",
                    e.method,
                    e.path,
                    target.id,
                    target.source.file,
                    target.source.line,
                    target.method,
                    target.path
                ),
                &e.source.file,
                r.line,
                ref_column(corpus, &e.source.file, r.line, &r.target, 1),
            ));
        }
    }
}

/// The endpoint a label introduces: the first one documented at or after
/// it on its page.
fn endpoint_at<'a>(api: &'a Api, label: &Label) -> Option<&'a Endpoint> {
    api.endpoints
        .iter()
        .filter(|e| e.source.file == label.file && e.source.line >= label.line)
        .min_by_key(|e| e.source.line)
}

/// Same method, and one path shape is the other plus trailing parameter
/// segments.
fn same_request(a: &Endpoint, b: &Endpoint) -> bool {
    if a.method != b.method {
        return false;
    }
    let (sa, sb) = (a.path.shape(), b.path.shape());
    let (short, long) = if sa.len() <= sb.len() {
        (sa, sb)
    } else {
        (sb, sa)
    };
    long == short
        || long
            .strip_prefix(short.as_str())
            .is_some_and(|rest| rest.split('/').skip(1).all(|s| s == "{}") && rest.starts_with('/'))
}
