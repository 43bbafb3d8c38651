//! Dialects: one module per documentation family. Each turns RST trees into
//! model endpoints and objects; detection is per file, no flag needed.
//!
//! A dialect never touches the disk except through [`Corpus`] (so every file
//! read is recorded), never panics on odd input, and names every endpoint it
//! could not build in an error diagnostic.

mod accounting;
pub mod common;
mod endpoint_tables;
pub mod os_api_ref;
pub mod uforge;
pub mod wadl2rst;

use crate::corpus::{Corpus, SourceFile};
use crate::diag::Diagnostic;
use crate::model::{Api, Dialect, Endpoint, Object};
use rayon::prelude::*;

/// What the dialects read from a corpus.
#[derive(Debug, Default)]
pub struct Output {
    pub api: Api,
    pub diagnostics: Vec<Diagnostic>,
}

/// What one page gave.
#[derive(Debug, Default)]
pub struct PageOutput {
    pub endpoints: Vec<Endpoint>,
    pub objects: Vec<Object>,
    pub diagnostics: Vec<Diagnostic>,
    /// Methods and paths tables give ([`endpoint_tables`]), checked against
    /// the whole set's endpoints once it is read.
    pub table_routes: Vec<endpoint_tables::TableRoute>,
}

/// Which dialect a page is written in, if any (overview and index pages
/// have none and give no endpoints).
pub fn detect(file: &SourceFile, corpus: &Corpus) -> Option<Dialect> {
    if os_api_ref::detect(file, corpus) {
        Some(Dialect::OsApiRef)
    } else if uforge::detect(file) {
        Some(Dialect::Uforge)
    } else if wadl2rst::detect(file) {
        Some(Dialect::Wadl2rst)
    } else {
        None
    }
}

/// Read one page with the dialect detected for it (nothing for a page in
/// no dialect), then make sure every endpoint-bearing line of the page is an
/// endpoint or an error ([`accounting`]), and collect the methods and paths
/// its tables give, which [`assemble`] names where no endpoint of the set
/// has them ([`endpoint_tables`]).
pub fn read_page(file: &SourceFile, corpus: &Corpus) -> PageOutput {
    let mut out = match detect(file, corpus) {
        Some(Dialect::Uforge) => uforge::read(file, corpus),
        Some(Dialect::Wadl2rst) => wadl2rst::read(file, corpus),
        Some(Dialect::OsApiRef) => os_api_ref::read(file, corpus),
        None => PageOutput::default(),
    };
    accounting::check(file, &mut out);
    endpoint_tables::collect(file, &mut out);
    out
}

/// Whether reading `file` may look at other pages (os-api-ref pages and
/// anything that includes a file). Other pages are self-contained: they can
/// be read as soon as they are parsed, against an empty corpus.
pub fn needs_corpus(file: &SourceFile) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    // The searchers are built once: building one costs about as much as
    // running it over a short page.
    static REST: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("rest_"));
    static INCLUDE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("include::"));
    let text = file.text.as_bytes();
    // One SIMD scan per needle; `rest_` is where three of the four start.
    REST.find_iter(text).any(|at| {
        let rest = &text[at + 5..];
        rest.starts_with(b"method")
            || rest.starts_with(b"parameters::")
            || rest.starts_with(b"expand_all::")
    }) || INCLUDE.find(text).is_some()
}

/// Read every page of the corpus with its dialect; see [`assemble`].
///
/// Pages are read in parallel (a page's reading depends only on the page and
/// read-only corpus lookups); results are collected in page order.
pub fn read_corpus(corpus: &Corpus) -> Output {
    let pages: Vec<PageOutput> = corpus
        .files
        .par_iter()
        .map(|file| read_page(file, corpus))
        .collect();
    let mut out = assemble(pages);
    example_calls_are_prose(&mut out, &os_api_ref_folders(&corpus.files));
    out
}

/// Join page outputs (in page order) and make the result deterministic:
/// endpoints and objects sorted by source location, ids made unique (a
/// repeat gets a `_2`, `_3`, ... suffix and a warning).
pub fn assemble(pages: Vec<PageOutput>) -> Output {
    let mut out = Output::default();
    // One allocation of the final size each: growing by doubling moved
    // every endpoint (a large struct) several times.
    out.api
        .endpoints
        .reserve_exact(pages.iter().map(|p| p.endpoints.len()).sum());
    out.api
        .objects
        .reserve_exact(pages.iter().map(|p| p.objects.len()).sum());
    out.diagnostics
        .reserve_exact(pages.iter().map(|p| p.diagnostics.len()).sum());
    let mut table_routes = Vec::new();
    for page in pages {
        out.api.endpoints.extend(page.endpoints);
        out.api.objects.extend(page.objects);
        out.diagnostics.extend(page.diagnostics);
        table_routes.extend(page.table_routes);
    }
    endpoint_tables::report(&out.api.endpoints, table_routes, &mut out.diagnostics);
    common::finish(&mut out);
    crate::model::shape::attach(&mut out.api, &mut out.diagnostics);
    out
}

/// Folders of an os-api-ref doc set: those of the pages written with its
/// directives (`rest_method`, `rest_parameters`, `rest_expand_all`).
pub fn os_api_ref_folders<'a>(files: impl IntoIterator<Item = &'a SourceFile>) -> Vec<String> {
    let mut dirs: Vec<String> = files
        .into_iter()
        .filter(|f| {
            ["rest_method::", "rest_parameters::", "rest_expand_all::"]
                .iter()
                .any(|d| f.text.contains(d))
        })
        .map(|f| parent_of(&f.name).to_string())
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs
}

fn parent_of(name: &str) -> &str {
    name.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Is folder `dir` inside `root` (or `root` itself)?
fn within(dir: &str, root: &str) -> bool {
    dir == root || root.is_empty() || dir.starts_with(&format!("{root}/"))
}

/// In an os-api-ref doc set, a page whose code block shows an example call
/// (`GET /v2/things?name=foo` on an overview page) is prose, not a wadl2rst
/// endpoint: drop such endpoints, each with an `info` at its line. A page
/// is in the set when its folder is, or is inside, a folder of
/// [`os_api_ref_folders`], or is the folder right above one (the set's
/// source root, holding `index.rst` and the per-version folders).
pub fn example_calls_are_prose(out: &mut Output, os_api_ref_dirs: &[String]) {
    if os_api_ref_dirs.is_empty() {
        return;
    }
    let in_set = |file: &str| {
        let dir = parent_of(file);
        os_api_ref_dirs
            .iter()
            .any(|d| within(dir, d) || parent_of(d) == dir)
    };
    let mut dropped = Vec::new();
    let mut notes = Vec::new();
    out.api.endpoints.retain(|e| {
        if e.dialect != Dialect::Wadl2rst || !in_set(&e.source.file) {
            return true;
        }
        dropped.push((e.source.file.clone(), e.source.line));
        notes.push(Diagnostic::new(
            crate::diag::Severity::Info,
            "example-call-is-prose",
            format!(
                "`{} {}` in a code block of an os-api-ref doc set is an example call, not an endpoint",
                e.method, e.path
            ),
            &e.source.file,
            e.source.line,
            e.source.column,
        ));
        false
    });
    // What the dialect said about the call at its line goes with it.
    out.diagnostics.retain(|d| {
        d.severity == crate::diag::Severity::Error
            || !dropped.iter().any(|(f, l)| **f == *d.file && *l == d.line)
    });
    out.diagnostics.extend(notes);
}
