//! `restdoc lint`: every consistency problem of a doc set, as diagnostics
//! with a stable code and a position.
//!
//! The dialects already report what they see while reading a page (path
//! parameters against the path, path repairs, duplicate ids, YAML keys and
//! entries, unreadable status codes, ...). This module adds the checks that
//! need the whole set or the finished model:
//!
//! | code | what |
//! | --- | --- |
//! | `ref-undefined` | a `:ref:` to a label no page defines |
//! | `same-as-shape-mismatch` | "the same as :ref:`x`" where `x` has another method or path shape |
//! | `route-collision` | two endpoints on one method and route that nothing tells apart |
//! | `media-type-conflict` | a body documented as both binary and JSON |
//! | `rest-parameters-order` | an os-api-ref parameter file out of header/path/query/body, alphabetical order |
//! | `wadl-*` | with `--wadl`: where the pages and the service's WADL disagree |

pub mod model;
pub mod refs;
pub mod render;
pub mod wadl;
pub mod yaml_order;

use crate::diag::{Diagnostic, Severity};
use crate::model::Api;
use crate::source::{self, read_api_with_pages, Corpus, ReadOutput, SourceFile, PAGE_EXTENSIONS};
use render::Sources;
use std::path::{Path, PathBuf};

/// What to check besides the pages.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The service's WADL, to cross-check the pages against.
    pub wadl: Option<PathBuf>,
}

/// A lint run: what was read, every finding (the dialects' and the lint's,
/// sorted), and the text of the pages for rendering.
#[derive(Debug)]
pub struct LintOutput {
    pub read: ReadOutput,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

impl LintOutput {
    /// Findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Read the pages under `paths` and check them.
pub fn lint<P: AsRef<Path>>(paths: &[P], opts: &Options) -> LintOutput {
    let (mut read, pages) = read_api_with_pages(paths);
    let corpus = corpus_of(&read, pages);
    let mut sources = Sources::default();
    for f in &corpus.files {
        sources.insert(f.name.to_string(), f.text.clone());
    }
    let mut diagnostics = std::mem::take(&mut read.diagnostics);
    diagnostics.extend(check(&read.api, &corpus));
    if let Some(w) = &opts.wadl {
        match wadl::read(w) {
            Ok(methods) => {
                wadl::cross_check(&read.api, &methods, &source::display(w), &mut diagnostics)
            }
            Err(d) => diagnostics.push(d),
        }
    }
    diagnostics.sort();
    diagnostics.dedup();
    read.diagnostics = diagnostics.clone();
    LintOutput {
        read,
        diagnostics,
        sources,
    }
}

/// The checks beyond the dialects', on a model and the corpus it was read
/// from.
pub fn check(api: &Api, corpus: &Corpus) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    refs::undefined_refs(corpus, api, &mut diags);
    refs::same_as_shapes(corpus, api, &mut diags);
    model::route_collisions(api, &mut diags);
    model::media_conflicts(api, &mut diags);
    yaml_order::check(corpus, &mut diags);
    diags
}

/// Every page the run read, as a corpus: the pages of the set with the
/// trees the reader kept, and any page read from outside the set (an
/// include) read and parsed here, in the order of `files_read`.
fn corpus_of(read: &ReadOutput, pages: Vec<SourceFile>) -> Corpus {
    let mut by_path: std::collections::HashMap<PathBuf, SourceFile> =
        pages.into_iter().map(|f| (f.path.clone(), f)).collect();
    let files = read
        .files_read
        .iter()
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| PAGE_EXTENSIONS.contains(&e))
        })
        .filter_map(|p| by_path.remove(p).or_else(|| outside_page(p)))
        .collect();
    Corpus::from_files(files)
}

/// A page from outside the set, read and parsed.
fn outside_page(path: &Path) -> Option<SourceFile> {
    let bytes = std::fs::read(path).ok()?;
    let text = source::decode(bytes).ok()?;
    let doc = crate::rst::parse(&text);
    Some(SourceFile::new(
        path.to_path_buf(),
        source::display(path),
        text,
        doc,
    ))
}
