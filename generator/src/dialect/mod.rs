//! Dialects: one module per documentation family. Each turns RST trees into
//! model endpoints and objects; detection is per file, no flag needed.
//!
//! A dialect never touches the disk except through [`Corpus`] (so every file
//! read is recorded), never panics on odd input, and names every endpoint it
//! could not build in an error diagnostic.

mod accounting;
pub mod common;
pub mod os_api_ref;
pub mod uforge;
pub mod wadl2rst;

use crate::diag::Diagnostic;
use crate::model::{Api, Dialect, Endpoint, Object};
use crate::source::{Corpus, SourceFile};
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
/// endpoint or an error ([`accounting`]).
pub fn read_page(file: &SourceFile, corpus: &Corpus) -> PageOutput {
    let mut out = match detect(file, corpus) {
        Some(Dialect::Uforge) => uforge::read(file, corpus),
        Some(Dialect::Wadl2rst) => wadl2rst::read(file, corpus),
        Some(Dialect::OsApiRef) => os_api_ref::read(file, corpus),
        None => PageOutput::default(),
    };
    accounting::check(file, &mut out);
    out
}

/// Whether reading `file` may look at other pages (os-api-ref pages and
/// anything that includes a file). Other pages are self-contained: they can
/// be read as soon as they are parsed, against an empty corpus.
pub fn needs_corpus(file: &SourceFile) -> bool {
    file.text.contains("rest_method") || file.text.contains("include::")
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
    assemble(pages)
}

/// Join page outputs (in page order) and make the result deterministic:
/// endpoints and objects sorted by source location, ids made unique (a
/// repeat gets a `_2`, `_3`, ... suffix and a warning).
pub fn assemble(pages: impl IntoIterator<Item = PageOutput>) -> Output {
    let mut out = Output::default();
    for page in pages {
        out.api.endpoints.extend(page.endpoints);
        out.api.objects.extend(page.objects);
        out.diagnostics.extend(page.diagnostics);
    }
    common::finish(&mut out);
    out
}
