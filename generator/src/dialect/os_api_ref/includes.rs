//! `.. include::` handling. os-api-ref books are an `index.rst` including
//! one `.inc` file per resource group; each `.inc` holds the `rest_method`s.
//! Includes are followed for context only (substitution definitions used by
//! YAML descriptions, and detection of index pages); an endpoint always
//! belongs to the file its `rest_method` is written in.

use crate::corpus::{self, Corpus, SourceFile};
use crate::rst::{self, Block, Document};
use std::collections::{HashMap, HashSet};
use std::ops::Deref;
use std::path::{Path, PathBuf};

/// How deep include chains are followed (guards against include cycles
/// through paths that normalise differently).
const MAX_DEPTH: usize = 8;

/// A page reached through an include: one of the corpus pages, or a file
/// read (and recorded) on demand.
pub(crate) enum Page<'a> {
    InCorpus(&'a SourceFile),
    Read(Box<SourceFile>),
}

impl Deref for Page<'_> {
    type Target = SourceFile;
    fn deref(&self) -> &SourceFile {
        match self {
            Page::InCorpus(f) => f,
            Page::Read(f) => f,
        }
    }
}

/// The page at `path`: from the corpus if it is a page of the set, else
/// read through [`Corpus::read_extra`]. `None` if it cannot be read.
pub(crate) fn open<'a>(path: &Path, corpus: &'a Corpus) -> Option<Page<'a>> {
    if let Some(f) = corpus.file(path) {
        return Some(Page::InCorpus(f));
    }
    let text = corpus.read_extra(path).ok()?;
    let doc = rst::parse(&text);
    Some(Page::Read(Box::new(SourceFile::new(
        corpus::normalize(path),
        corpus::display(path),
        text,
        doc,
    ))))
}

/// The `.. include::` targets of a page, resolved against its folder.
pub(crate) use crate::corpus::include_targets as targets;

/// Does the document hold a `rest_method` directive?
pub(crate) fn has_rest_method(doc: &Document) -> bool {
    rst::any(
        &doc.children,
        &mut |b| matches!(b, Block::Directive(d) if d.name == "rest_method"),
    )
}

/// Does the page include, directly or through further includes, a file
/// with a `rest_method` (an os-api-ref index page)?
pub(crate) fn includes_rest_method(file: &SourceFile, corpus: &Corpus) -> bool {
    let mut seen = HashSet::new();
    let mut todo: Vec<(PathBuf, usize)> = targets(file).into_iter().map(|(p, _)| (p, 1)).collect();
    while let Some((path, depth)) = todo.pop() {
        if depth > MAX_DEPTH || !seen.insert(path.clone()) {
            continue;
        }
        let Some(page) = open(&path, corpus) else {
            continue;
        };
        if has_rest_method(&page.doc) {
            return true;
        }
        todo.extend(targets(&page).into_iter().map(|(p, _)| (p, depth + 1)));
    }
    false
}

/// The corpus pages that include `path` directly.
pub(crate) fn includers<'a>(path: &Path, corpus: &'a Corpus) -> Vec<&'a SourceFile> {
    corpus.includers(path)
}

/// Substitution definitions visible to a page: its own, those of the pages
/// that include it (transitively), and those of every file those pages
/// include. Maps each name to its replacement text (`replace::` text;
/// empty for `raw`, `image` and other non-text substitutions).
pub(crate) fn substitutions(file: &SourceFile, corpus: &Corpus) -> HashMap<String, String> {
    let mut roots: Vec<PathBuf> = vec![file.path.clone()];
    let mut up_seen: HashSet<PathBuf> = roots.iter().cloned().collect();
    let mut i = 0;
    while i < roots.len() && roots.len() <= 64 {
        let current = roots[i].clone();
        for f in includers(&current, corpus) {
            if up_seen.insert(f.path.clone()) {
                roots.push(f.path.clone());
            }
        }
        i += 1;
    }
    let mut subs = HashMap::new();
    collect_substitutions(file, &mut subs);
    let mut seen: HashSet<PathBuf> = HashSet::from([file.path.clone()]);
    let mut todo: Vec<(PathBuf, usize)> = roots.into_iter().map(|p| (p, 0)).collect();
    while let Some((path, depth)) = todo.pop() {
        if depth > MAX_DEPTH || (depth > 0 && !seen.insert(path.clone())) {
            continue;
        }
        let Some(page) = open(&path, corpus) else {
            continue;
        };
        collect_substitutions(&page, &mut subs);
        todo.extend(targets(&page).into_iter().map(|(p, _)| (p, depth + 1)));
    }
    subs
}

fn collect_substitutions(file: &SourceFile, subs: &mut HashMap<String, String>) {
    rst::walk(&file.doc.children, &mut |b| {
        if let Block::SubstitutionDefinition(s) = b {
            let d = &s.directive;
            let text = if d.name == "replace" {
                std::iter::once(d.argument.as_str())
                    .chain(d.content.iter().map(|l| l.text.as_str()))
                    .filter(|t| !t.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                String::new()
            };
            subs.entry(s.name.clone()).or_insert(text);
        }
    });
}

/// Replace `|name|` references by their definitions (repeatedly, for
/// definitions that use other substitutions); unknown names are kept.
pub(crate) fn substitute(text: &str, subs: &HashMap<String, String>) -> String {
    let mut cur = text.to_string();
    for _ in 0..4 {
        if !cur.contains('|') {
            break;
        }
        let mut out = String::with_capacity(cur.len());
        let mut rest = cur.as_str();
        let mut changed = false;
        while let Some(open) = rest.find('|') {
            let after = &rest[open + 1..];
            match after.find('|') {
                Some(close) if subs.contains_key(&after[..close]) => {
                    out.push_str(&rest[..open]);
                    out.push_str(subs.get(&after[..close]).map_or("", String::as_str));
                    rest = &after[close + 1..];
                    changed = true;
                }
                _ => {
                    out.push_str(&rest[..=open]);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        cur = out;
        if !changed {
            break;
        }
    }
    cur
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitution_is_recursive_and_keeps_unknown_names() {
        let subs = HashMap::from([
            ("a".to_string(), "|p|x|p|".to_string()),
            ("p".to_string(), String::new()),
        ]);
        assert_eq!(
            substitute("see |a| and |b| or a|b", &subs),
            "see x and |b| or a|b"
        );
    }
}
