//! Finding, reading and parsing the pages: the front of the pipeline.
//!
//! [`read_api`] takes files and folders, reads every `.rst`, `.inc` and
//! `.txt` page below them (sorted, so the order given does not matter),
//! parses each into an RST tree (in parallel; results are collected in path
//! order, so output stays deterministic), hands the [`Corpus`] to the
//! dialects, and returns the [`Api`] plus every diagnostic.

mod files;
mod walk;
use crate::corpus::order::sort_paths;
pub use crate::corpus::{display, include_targets, normalize, Corpus, SourceFile, PAGE_EXTENSIONS};
use crate::diag::{Diagnostic, Severity};
use crate::dialect::{self, PageOutput};
use crate::model::Api;
use crate::rst::{self, Level};
use crate::settings::DocSetSettings;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// What one run read.
#[derive(Debug, Default)]
pub struct ReadOutput {
    pub api: Api,
    /// Sorted by file, line, column.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read (pages and YAML), for `rerun-if-changed`.
    pub files_read: Vec<PathBuf>,
    /// Number of pages read.
    pub pages: usize,
    /// The doc set's own settings (`restdoc.toml` in a folder given), which
    /// the CLI flags and `Builder` methods override.
    pub settings: DocSetSettings,
}

impl ReadOutput {
    /// True when a page (or an endpoint on it) could not be read.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Read the pages under `paths` (files or folders) into one [`Api`].
///
/// Every page is parsed in parallel. A self-contained page (see
/// [`dialect::needs_corpus`]) is read by its dialect right after parsing,
/// while its tree is still in cache, and its tree is freed there and then;
/// only pages that look at other pages (os-api-ref, includes) wait for the
/// whole set. Results are joined in path order.
pub fn read_api<P: AsRef<Path>>(paths: &[P]) -> ReadOutput {
    read(paths, false).0
}

/// [`read_api`], handing back as well every page of the set with its tree,
/// in path order, for the checks that look at the trees: lint takes them
/// from here rather than reading and parsing the pages a second time.
pub fn read_api_with_pages<P: AsRef<Path>>(paths: &[P]) -> (ReadOutput, Vec<SourceFile>) {
    read(paths, true)
}

/// [`read_api`]; with `keep`, the pages too (else none).
fn read<P: AsRef<Path>>(paths: &[P], keep: bool) -> (ReadOutput, Vec<SourceFile>) {
    let mut diagnostics = Vec::new();
    let (settings, settings_files) = doc_set_settings(paths, &mut diagnostics);
    let standalone = Corpus::default();
    let folders = files::Folders::new();
    // The walk and the reading overlap: each page found is read on the pool
    // while the walk goes on (on a large doc set the walk alone is a tenth
    // of the time); the results are put in path order afterwards.
    let found: Mutex<Vec<(usize, PathBuf, Loaded)>> = Mutex::new(Vec::new());
    let roots: Vec<&Path> = paths.iter().map(AsRef::as_ref).collect();
    rayon::scope(|s| {
        let mut n = 0;
        for root in roots {
            walk::collect(root, &mut diagnostics, &mut |path: PathBuf| {
                let (i, found, standalone, folders) = (n, &found, &standalone, &folders);
                n += 1;
                s.spawn(move |_| {
                    let l = load_page(&path, folders, standalone, keep);
                    found.lock().expect("poisoned").push((i, path, l));
                });
            });
        }
    });
    let found = found.into_inner().expect("poisoned");
    let loaded: Vec<Loaded> = walk::in_path_order(found, paths.len() == 1)
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    let mut files_read = standalone.files_read();
    let mut pages = 0;
    let mut kept = Vec::new();
    let mut outputs = Vec::with_capacity(loaded.len());
    let mut slots = Vec::with_capacity(loaded.len());
    for l in loaded {
        match l {
            Loaded::Failed(d) => diagnostics.push(d),
            Loaded::Kept(f) => {
                pages += 1;
                kept.push(f);
                slots.push(None);
            }
            Loaded::Read(path, page, file) => {
                files_read.push(path);
                pages += 1;
                slots.push(Some((page, file)));
            }
        }
    }
    let mut corpus = Corpus::from_files(kept);
    // Pages with os-api-ref directives need the corpus, so they are all kept.
    let os_api_ref_dirs = dialect::os_api_ref_folders(&corpus.files);
    let mut kept_pages = corpus
        .files
        .par_iter()
        .map(|f| {
            let mut page = dialect::read_page(f, &corpus);
            page.diagnostics = with_reader_diagnostics(f, page.diagnostics);
            page
        })
        .collect::<Vec<_>>()
        .into_iter();
    files_read.extend(corpus.files_read());
    // With `keep`, every page goes back in path order; otherwise the kept
    // pages' trees are freed at the end, in parallel (`Read` pages come
    // without theirs).
    let mut kept_files = std::mem::take(&mut corpus.files).into_iter();
    let (mut trees, mut to_free) = (Vec::new(), Vec::new());
    for slot in slots {
        match slot {
            Some((page, file)) => {
                outputs.push(page);
                trees.extend(file);
            }
            None => {
                outputs.push(kept_pages.next().unwrap_or_default());
                let file = kept_files.next();
                if keep {
                    trees.extend(file);
                } else {
                    to_free.extend(file);
                }
            }
        }
    }
    let mut out = dialect::assemble(outputs);
    dialect::example_calls_are_prose(&mut out, &os_api_ref_dirs);
    diagnostics.extend(out.diagnostics);
    diagnostics.sort();
    diagnostics.dedup();
    files_read.extend(settings_files);
    sort_paths(&mut files_read);
    to_free.into_par_iter().for_each(drop);
    let output = ReadOutput {
        api: out.api,
        diagnostics,
        files_read,
        pages,
        settings,
    };
    (output, trees)
}

/// The settings of the folders given, each read from its `restdoc.toml`.
/// Where two folders' files set the same field differently, the first
/// folder (in the order given) wins and a warning names the other.
fn doc_set_settings<P: AsRef<Path>>(
    paths: &[P],
    diags: &mut Vec<Diagnostic>,
) -> (DocSetSettings, Vec<PathBuf>) {
    let mut merged = DocSetSettings::default();
    let mut files = Vec::new();
    for p in paths {
        let dir = normalize(p.as_ref());
        if !dir.is_dir() {
            continue;
        }
        match DocSetSettings::read(&dir) {
            Ok(None) => {}
            Err(d) => diags.push(*d),
            Ok(Some((s, file))) => {
                let (old, new) = (&merged.microversion, &s.microversion);
                let clash = |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(a), Some(b)) if a != b);
                if clash(&old.header, &new.header) || clash(&old.service_type, &new.service_type) {
                    diags.push(Diagnostic::new(
                        Severity::Warning,
                        "settings-conflict",
                        "these doc-set settings differ from those of a folder given earlier, whose values are used",
                        display(&file),
                        0,
                        0,
                    ));
                }
                merged = s.overridden_by(&merged);
                files.push(file);
            }
        }
    }
    (merged, files)
}

/// A page after the parallel pass.
enum Loaded {
    /// Could not be read.
    Failed(Diagnostic),
    /// Needs the other pages: read in the corpus pass.
    Kept(SourceFile),
    /// Already read by its dialect; the page itself only when asked to
    /// keep it, else its tree is gone.
    Read(PathBuf, PageOutput, Option<SourceFile>),
}

/// Run the dialects over a corpus: reader messages become diagnostics, then
/// each page is read by the dialect detected for it.
pub fn read_corpus(corpus: &Corpus) -> (Api, Vec<Diagnostic>) {
    let out = crate::dialect::read_corpus(corpus);
    // One vector of the final size: a hostile page's hundred thousand
    // reader messages are written once, not copied on every growth.
    let messages: usize = corpus.files.iter().map(|f| f.doc.messages.len()).sum();
    let mut diagnostics = Vec::with_capacity(messages + out.diagnostics.len());
    for f in &corpus.files {
        push_reader_diagnostics(f, &mut diagnostics);
    }
    diagnostics.extend(out.diagnostics);
    (out.api, diagnostics)
}

/// A page's reader messages as diagnostics, then `after` (its dialect's).
fn with_reader_diagnostics(f: &SourceFile, after: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if f.doc.messages.is_empty() {
        return after;
    }
    let mut diags = Vec::with_capacity(f.doc.messages.len() + after.len());
    push_reader_diagnostics(f, &mut diags);
    diags.extend(after);
    diags
}

/// The RST reader's messages on a page, as diagnostics. docutils' errors
/// become warnings: the page is still read, only the block is skipped.
fn push_reader_diagnostics(f: &SourceFile, out: &mut Vec<Diagnostic>) {
    out.extend(f.doc.messages.iter().map(|m| {
        Diagnostic::new(
            match m.level {
                Level::Info => Severity::Info,
                Level::Warning | Level::Error | Level::Severe => Severity::Warning,
            },
            rst_code(m.code),
            m.text.clone(),
            &f.name,
            m.span.line,
            m.span.col,
        )
    }));
}

/// Read one page: parsed, and read by its dialect at once unless it needs
/// the other pages (then kept for the corpus pass).
fn load_page(path: &Path, folders: &files::Folders, standalone: &Corpus, keep: bool) -> Loaded {
    match load(path, folders) {
        Err(d) => Loaded::Failed(d),
        Ok(file) if dialect::needs_corpus(&file) => Loaded::Kept(file),
        Ok(file) => {
            let mut page = dialect::read_page(&file, standalone);
            page.diagnostics = with_reader_diagnostics(&file, page.diagnostics);
            if keep {
                Loaded::Read(file.path.clone(), page, Some(file))
            } else {
                Loaded::Read(file.path, page, None)
            }
        }
    }
}

/// `rst-<code>` for a reader message's code, made once per code and kept:
/// the codes are a fixed set, and a hostile page can carry a hundred
/// thousand messages. Each thread keeps the few it has met in a short list
/// (a page uses a handful of codes), so a message costs a comparison or two
/// rather than a lock and a hash; only a code new to the thread goes to the
/// shared table, which makes each string once per process.
fn rst_code(code: &'static str) -> &'static str {
    thread_local! {
        static SEEN: std::cell::RefCell<Vec<(&'static str, &'static str)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(&(_, prefixed)) = seen.iter().find(|(c, _)| *c == code) {
            return prefixed;
        }
        static CODES: OnceLock<Mutex<rustc_hash::FxHashMap<&'static str, &'static str>>> =
            OnceLock::new();
        let prefixed: &'static str = CODES
            .get_or_init(Default::default)
            .lock()
            .expect("poisoned")
            .entry(code)
            .or_insert_with(|| Box::leak(format!("rst-{code}").into_boxed_str()));
        seen.push((code, prefixed));
        prefixed
    })
}

fn load(path: &Path, folders: &files::Folders) -> Result<SourceFile, Diagnostic> {
    let name = display(path);
    let bytes = folders.read(path).map_err(|e| {
        Diagnostic::new(
            Severity::Error,
            "unreadable",
            format!("cannot read: {e}"),
            &name,
            0,
            0,
        )
    })?;
    let text = decode(bytes).map_err(|(line, column, why)| {
        Diagnostic::new(Severity::Error, "not-text", why, &name, line, column)
    })?;
    let doc = rst::parse(&text);
    Ok(SourceFile::new(path.to_path_buf(), name, text, doc))
}

/// Decode a page: UTF-8 (a BOM is dropped), no NUL bytes. On failure, the
/// 1-based line and column of the first offending byte.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, (u32, u32, String)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // Valid UTF-8 is the common case: validate first, then look for a NUL
    // with a SIMD search; a byte-by-byte scan runs only
    // when the page is not text anyway (a NUL is reported before bad UTF-8).
    let nul = |bytes: &[u8], at: usize| {
        let (l, c) = position(bytes, at);
        (
            l,
            c,
            "binary file (NUL byte): not a reStructuredText page".into(),
        )
    };
    match String::from_utf8(bytes) {
        Ok(text) => match memchr::memchr(0, text.as_bytes()) {
            Some(at) => Err(nul(text.as_bytes(), at)),
            None => Ok(text),
        },
        Err(e) => {
            let bytes = e.as_bytes();
            if let Some(at) = bytes.iter().position(|&b| b == 0) {
                return Err(nul(bytes, at));
            }
            let (l, c) = position(bytes, e.utf8_error().valid_up_to());
            Err((l, c, "not valid UTF-8: not a reStructuredText page".into()))
        }
    }
}

/// 1-based line and column (in characters) of byte offset `at`.
fn position(bytes: &[u8], at: usize) -> (u32, u32) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count() as u32
        + 1;
    (line, col)
}
