//! The os-api-ref dialect (current OpenStack API references, e.g. glance's
//! `api-ref/source`): `.. rest_method:: METHOD /path` per endpoint,
//! `Normal response codes:` / `Error response codes:` lines, and
//! `.. rest_parameters:: file.yaml` lists resolved in YAML files.
//!
//! Every page yields the endpoints of its own `rest_method`s, attributed to
//! it; an index page that includes `.inc` files yields nothing for them when
//! they are pages of the set too (each is read on its own), and reads the
//! ones outside the set itself, so every endpoint comes out exactly once.

mod codes;
mod dispatch;
mod endpoint;
mod examples;
mod includes;
mod params;
pub(crate) mod prose;
pub(crate) mod route;
pub(crate) mod wire;
mod yaml;

use super::PageOutput;
use crate::corpus::{Corpus, SourceFile};
use crate::diag::{Diagnostic, Severity};
use std::collections::HashSet;

pub(crate) use includes::has_rest_method;

/// Is this page written in the os-api-ref dialect: does it hold a
/// `rest_method`, or include (transitively) a file that does?
pub fn detect(file: &SourceFile, corpus: &Corpus) -> bool {
    // The searcher is built once: building one costs about as much as
    // running it over a short page.
    static REST_METHOD: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("rest_method"));
    (REST_METHOD.find(file.text.as_bytes()).is_some() && includes::has_rest_method(&file.doc))
        || includes::includes_rest_method(file, corpus)
}

/// Read one page: its own endpoints, then those of included files that are
/// not pages of the set (unless an earlier page of the set includes them
/// too and so reads them).
pub fn read(file: &SourceFile, corpus: &Corpus) -> PageOutput {
    let mut out = PageOutput::default();
    let mut ctx = params::Ctx::new(corpus, file);
    endpoint::read_page(file, &mut ctx, &mut out);
    let position = corpus.files.iter().position(|f| f.path == file.path);
    let mut seen = HashSet::new();
    let mut todo: Vec<_> = includes::targets(file)
        .into_iter()
        .map(|(p, span)| (p, span, file.name.clone(), 1))
        .rev()
        .collect();
    while let Some((path, span, from, depth)) = todo.pop() {
        if depth > 8 || !seen.insert(path.clone()) || corpus.file(&path).is_some() {
            continue;
        }
        if depth == 1 && read_by_earlier_page(&path, position, corpus) {
            continue;
        }
        let Some(page) = includes::open(&path, corpus) else {
            out.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "include-missing",
                format!(
                    "included file `{}` cannot be read",
                    crate::corpus::display(&path)
                ),
                from,
                span.line,
                span.col,
            ));
            continue;
        };
        endpoint::read_page(&page, &mut ctx, &mut out);
        let next = includes::targets(&page);
        todo.extend(
            next.into_iter()
                .rev()
                .map(|(p, s)| (p, s, page.name.clone(), depth + 1)),
        );
    }
    out
}

/// Does a page of the set that comes before position `before` include
/// `path` directly (and therefore read it)?
fn read_by_earlier_page(path: &std::path::Path, before: Option<usize>, corpus: &Corpus) -> bool {
    let Some(before) = before else { return false };
    includes::includers(path, corpus).iter().any(|f| {
        corpus
            .files
            .iter()
            .position(|g| g.path == f.path)
            .is_some_and(|i| i < before)
    })
}
