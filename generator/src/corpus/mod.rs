//! The pages of a run, below the dialects: [`SourceFile`] (a page, its
//! text and its tree) and [`Corpus`] (every page of the set, plus the
//! record of every other file a dialect read through it). `source` fills a
//! corpus; the dialects and lint only read from one, so none of them
//! depends on how pages are found.

pub mod lines;
pub(crate) mod order;

use crate::rst::{self, Document};
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
    /// The path shown in diagnostics and in the model (`/`-separated);
    /// shared, so each of a page's diagnostics points at this one copy.
    pub name: std::sync::Arc<str>,
    pub text: String,
    pub doc: Document,
    /// The text's lines by number, indexed on first use.
    lines: lines::LineIndex,
}

impl SourceFile {
    pub fn new(path: PathBuf, name: String, text: String, doc: Document) -> Self {
        SourceFile {
            path,
            name: name.into(),
            text,
            doc,
            lines: lines::LineIndex::default(),
        }
    }

    /// Line `n` (1-based, as the reader counts lines: every break docutils
    /// knows) of the text, without its break. The first call indexes the
    /// page, so asking for many lines stays linear in the page.
    pub fn line(&self, n: u32) -> Option<&str> {
        self.lines.line(&self.text, n)
    }
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
                SourceFile::new(PathBuf::from(&name), name, text, doc)
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
    // `.` (or `a/..`) is the current folder, not no path at all.
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// `/`-separated display form of a path.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
