//! Finding, reading and parsing the pages: the front of the pipeline.
//!
//! [`read_api`] takes files and folders, reads every `.rst`, `.inc` and
//! `.txt` page below them (sorted, so the order given does not matter),
//! parses each into an RST tree (in parallel; results are collected in path
//! order, so output stays deterministic), hands the [`Corpus`] to the
//! dialects, and returns the [`Api`] plus every diagnostic.

mod order;
mod walk;
use crate::diag::{Diagnostic, Severity};
use crate::dialect::{self, PageOutput};
use crate::model::Api;
use crate::rst::{self, Document, Level};
use crate::settings::DocSetSettings;
use order::sort_paths;
use rayon::prelude::*;
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// Page file extensions read when walking a folder.
pub const PAGE_EXTENSIONS: &[&str] = &["rst", "inc", "txt"];

/// One page: where it is, its text and its RST tree.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as found (lexically normalised), used to open it.
    pub path: PathBuf,
    /// The path shown in diagnostics and in the model (`/`-separated).
    pub name: String,
    pub text: String,
    pub doc: Document,
}

/// Every page of a run, plus a record of any other file a dialect read
/// (YAML parameter files, includes outside the set), so `build.rs` can say
/// `rerun-if-changed` for exactly what was read.
#[derive(Debug, Default)]
pub struct Corpus {
    pub files: Vec<SourceFile>,
    by_path: HashMap<PathBuf, usize>,
    extra: Mutex<Vec<PathBuf>>,
    parsed: ParsedExtras,
    /// Target path -> indices of the pages including it, built on first use.
    includers: OnceLock<HashMap<PathBuf, Vec<usize>>>,
}

/// Extra files already parsed in this run, by path and result type: one
/// cell per file, filled by the first page that needs it while the others
/// wait for that file only.
#[derive(Default)]
struct ParsedExtras(Mutex<HashMap<(PathBuf, TypeId), ExtraCell>>);

/// The cell of one extra file: filled once, shared by every page.
type ExtraCell = Arc<OnceLock<ParsedExtra>>;

/// One parsed extra file, its type erased (the key holds its `TypeId`).
type ParsedExtra = Arc<dyn Any + Send + Sync>;

impl std::fmt::Debug for ParsedExtras {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.lock().map(|m| m.len()).unwrap_or(0);
        write!(f, "ParsedExtras({n} files)")
    }
}

impl Corpus {
    /// Build a corpus from in-memory pages (tests, fuzzing).
    pub fn from_texts(pages: Vec<(String, String)>) -> Self {
        let files = pages
            .into_par_iter()
            .map(|(name, text)| {
                let doc = rst::parse(&text);
                SourceFile {
                    path: PathBuf::from(&name),
                    name,
                    text,
                    doc,
                }
            })
            .collect();
        Corpus::new(files)
    }

    /// A corpus of pages already read (see [`read_api_with_pages`]).
    pub fn from_files(files: Vec<SourceFile>) -> Self {
        Corpus::new(files)
    }

    fn new(files: Vec<SourceFile>) -> Self {
        let by_path = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.clone(), i))
            .collect();
        Corpus {
            files,
            by_path,
            extra: Mutex::new(Vec::new()),
            parsed: ParsedExtras::default(),
            includers: OnceLock::new(),
        }
    }

    /// The pages of the set that include `path` (normalised) directly, in
    /// corpus order. The include graph is built once per corpus, so asking
    /// for every sample of every page stays linear.
    pub fn includers(&self, path: &Path) -> Vec<&SourceFile> {
        let graph = self.includers.get_or_init(|| {
            let mut g: HashMap<PathBuf, Vec<usize>> = HashMap::new();
            for (i, f) in self.files.iter().enumerate() {
                for (t, _) in include_targets(f) {
                    let pages = g.entry(t).or_default();
                    if pages.last() != Some(&i) {
                        pages.push(i);
                    }
                }
            }
            g
        });
        graph
            .get(path)
            .map(|v| v.iter().map(|&i| &self.files[i]).collect())
            .unwrap_or_default()
    }

    /// The page at `path` (lexically normalised), if it is in the set.
    pub fn file(&self, path: &Path) -> Option<&SourceFile> {
        self.by_path.get(&normalize(path)).map(|&i| &self.files[i])
    }

    /// Read a file that is not a page of the set (a YAML file, an include
    /// outside the folders given) and remember that it was read.
    pub fn read_extra(&self, path: &Path) -> std::io::Result<String> {
        let path = normalize(path);
        let text = std::fs::read_to_string(&path)?;
        self.extra.lock().expect("poisoned").push(path);
        Ok(text)
    }

    /// Read an extra file through [`Corpus::read_extra`] and parse it, once
    /// per run for each path and result type: every page naming the file
    /// (os-api-ref sets name one `parameters.yaml` from dozens of pages)
    /// shares the one parse, on whichever thread asks. `parse` must be a
    /// function of the text alone, so the result does not depend on which
    /// page came first.
    pub fn parse_extra<T: Any + Send + Sync>(
        &self,
        path: &Path,
        parse: impl FnOnce(std::io::Result<String>) -> T,
    ) -> Arc<T> {
        let path = normalize(path);
        let cell = self
            .parsed
            .0
            .lock()
            .expect("poisoned")
            .entry((path.clone(), TypeId::of::<T>()))
            .or_default()
            .clone();
        let value = cell
            .get_or_init(|| Arc::new(parse(self.read_extra(&path))))
            .clone();
        // The key holds T's TypeId, so the cell holds a T.
        value.downcast::<T>().expect("a cell holds its key's type")
    }

    /// Every file read: the pages, then the extra files, sorted, deduplicated.
    pub fn files_read(&self) -> Vec<PathBuf> {
        let mut all: Vec<PathBuf> = self.files.iter().map(|f| f.path.clone()).collect();
        all.extend(self.extra.lock().expect("poisoned").iter().cloned());
        sort_paths(&mut all);
        all
    }
}

/// The `.. include::` targets of a page, resolved against its folder
/// (docutils reads an include path relative to the including document; a
/// leading `/`, Sphinx's source root, is read as relative too), with where
/// each directive is.
pub fn include_targets(file: &SourceFile) -> Vec<(PathBuf, rst::Span)> {
    if !file.text.contains("include::") {
        return Vec::new();
    }
    let dir = file.path.parent().unwrap_or_else(|| Path::new(""));
    let mut out = Vec::new();
    rst::walk(&file.doc.children, &mut |b| {
        if let rst::Block::Directive(d) = b {
            if d.name == "include" && !d.argument.is_empty() {
                let arg = d.argument.trim_start_matches('/');
                out.push((normalize(&dir.join(arg)), d.span));
            }
        }
    });
    out
}

/// Lexical normalisation: drop `.`, resolve `x/..`. Does not touch the disk.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

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
    // The walk and the reading overlap: each page found is read on the pool
    // while the walk goes on (on a large doc set the walk alone is a tenth
    // of the time); the results are put in path order afterwards.
    let found: Mutex<Vec<(usize, PathBuf, Loaded)>> = Mutex::new(Vec::new());
    let roots: Vec<&Path> = paths.iter().map(AsRef::as_ref).collect();
    rayon::scope(|s| {
        let mut n = 0;
        for root in roots {
            walk::collect(root, &mut diagnostics, &mut |path: PathBuf| {
                let (i, found, standalone) = (n, &found, &standalone);
                n += 1;
                s.spawn(move |_| {
                    let l = load_page(&path, standalone, keep);
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
    let mut corpus = Corpus::new(kept);
    // Pages with os-api-ref directives need the corpus, so they are all kept.
    let os_api_ref_dirs = dialect::os_api_ref_folders(&corpus.files);
    let mut kept_pages = corpus
        .files
        .par_iter()
        .map(|f| {
            let mut page = dialect::read_page(f, &corpus);
            let mut diags = reader_diagnostics(f);
            diags.append(&mut page.diagnostics);
            page.diagnostics = diags;
            page
        })
        .collect::<Vec<_>>()
        .into_iter();
    files_read.extend(corpus.files_read());
    let kept_files = std::mem::take(&mut corpus.files);
    let mut trees = Vec::new();
    let mut kept_files = if keep {
        trees.reserve_exact(slots.len());
        kept_files.into_iter()
    } else {
        // Freed at the end, in parallel.
        trees = kept_files;
        Vec::new().into_iter()
    };
    for slot in slots {
        match slot {
            Some((page, file)) => {
                outputs.push(page);
                trees.extend(file);
            }
            None => {
                outputs.push(kept_pages.next().unwrap_or_default());
                trees.extend(kept_files.next());
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
    if !keep {
        std::mem::take(&mut trees).into_par_iter().for_each(drop);
    }
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
    let mut diagnostics = Vec::new();
    for f in &corpus.files {
        diagnostics.extend(reader_diagnostics(f));
    }
    let out = crate::dialect::read_corpus(corpus);
    diagnostics.extend(out.diagnostics);
    (out.api, diagnostics)
}

/// The RST reader's messages on a page, as diagnostics. docutils' errors
/// become warnings: the page is still read, only the block is skipped.
fn reader_diagnostics(f: &SourceFile) -> Vec<Diagnostic> {
    f.doc
        .messages
        .iter()
        .map(|m| {
            Diagnostic::new(
                match m.level {
                    Level::Info => Severity::Info,
                    Level::Warning | Level::Error | Level::Severe => Severity::Warning,
                },
                rst_code(m.code),
                m.text.clone(),
                f.name.as_str(),
                m.span.line,
                m.span.col,
            )
        })
        .collect()
}

/// Read one page: parsed, and read by its dialect at once unless it needs
/// the other pages (then kept for the corpus pass).
fn load_page(path: &Path, standalone: &Corpus, keep: bool) -> Loaded {
    match load(path) {
        Err(d) => Loaded::Failed(d),
        Ok(file) if dialect::needs_corpus(&file) => Loaded::Kept(file),
        Ok(file) => {
            let mut page = dialect::read_page(&file, standalone);
            let mut diags = reader_diagnostics(&file);
            diags.append(&mut page.diagnostics);
            page.diagnostics = diags;
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
/// thousand messages.
fn rst_code(code: &'static str) -> &'static str {
    static CODES: OnceLock<Mutex<rustc_hash::FxHashMap<&'static str, &'static str>>> =
        OnceLock::new();
    let mut codes = CODES
        .get_or_init(Default::default)
        .lock()
        .expect("poisoned");
    codes
        .entry(code)
        .or_insert_with(|| Box::leak(format!("rst-{code}").into_boxed_str()))
}

/// `/`-separated display form of a path.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn load(path: &Path) -> Result<SourceFile, Diagnostic> {
    let name = display(path);
    let bytes = std::fs::read(path).map_err(|e| {
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
    Ok(SourceFile {
        path: path.to_path_buf(),
        name,
        text,
        doc,
    })
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
