//! Resolving os-api-ref's `rest_parameters` and `rest_status_code`
//! directives against the YAML files beside the page.

use super::includes;
use super::prose::squash;
use super::yaml::{self, ParamFile, StatusFile};
use crate::corpus::{self, Corpus, SourceFile};
use crate::diag::{Diagnostic, Severity};
use crate::model::{
    ApiVersion, Param, ParamLocation, ResponseKind, SourceLoc, StatusCode, TypeRef,
};
use crate::rst::{self, Directive, RawLine};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A YAML file as loaded for one run of a page.
enum Loaded<T> {
    Ok(T),
    /// Missing or unreadable: why.
    Missing(String),
    /// There, but holds nothing.
    Empty,
    /// Unparsable (already reported at its own position).
    Invalid,
}

/// What reading one page needs besides the page: the corpus, the
/// substitutions visible to it (computed on first use), and the YAML files
/// loaded so far.
pub(crate) struct Ctx<'a> {
    corpus: &'a Corpus,
    root: &'a SourceFile,
    subs: Option<HashMap<String, String>>,
    params: HashMap<PathBuf, Arc<Parsed<ParamFile>>>,
    status: HashMap<PathBuf, Arc<Parsed<StatusFile>>>,
    /// `rst_text` results by input: a page's endpoints share most
    /// parameter descriptions (`project_id` on every one).
    texts: HashMap<String, String>,
}

impl<'a> Ctx<'a> {
    /// Context for reading `root` (and the files it includes).
    pub(crate) fn new(corpus: &'a Corpus, root: &'a SourceFile) -> Self {
        Ctx {
            corpus,
            root,
            subs: None,
            params: HashMap::new(),
            status: HashMap::new(),
            texts: HashMap::new(),
        }
    }

    /// The corpus being read.
    pub(crate) fn corpus(&self) -> &'a Corpus {
        self.corpus
    }

    /// The text of a sample a page includes (`literalinclude` argument,
    /// relative to the page's folder), read through the corpus.
    pub(crate) fn read_sample(&self, page: &SourceFile, arg: &str) -> Option<String> {
        if arg.starts_with('/') {
            return None;
        }
        self.corpus
            .read_extra(&resolve(self.corpus, page, arg))
            .ok()
    }

    /// RST text (a YAML description) as plain text: substitutions replaced,
    /// read as a small document (so literal blocks and lists come out as
    /// text), markup stripped, blocks separated by a blank line.
    pub(crate) fn rst_text(&mut self, text: &str) -> String {
        if let Some(done) = self.texts.get(text) {
            return done.clone();
        }
        let plain = self.rst_text_uncached(text);
        self.texts.insert(text.to_string(), plain.clone());
        plain
    }

    fn rst_text_uncached(&mut self, text: &str) -> String {
        let text = if text.contains('|') {
            let (corpus, root) = (self.corpus, self.root);
            let subs = self
                .subs
                .get_or_insert_with(|| includes::substitutions(root, corpus));
            includes::substitute(text, subs)
        } else {
            text.to_string()
        };
        rst::parse(&text)
            .children
            .iter()
            .map(|b| squash(&rst::plain_text_block(b)))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// The file a directive names: relative to the page's folder, or, when
/// there is no such file, relative to the folder of a page that includes
/// this one (transitively): Sphinx resolves the paths of included text from
/// the including document, and pages written for that (keystone's
/// `federation/assertion/parameters.yaml` from `v3-ext/index.rst`) name
/// their files so. The page-relative path when neither exists (reported
/// as missing there).
fn resolve(corpus: &Corpus, page: &SourceFile, arg: &str) -> PathBuf {
    let dir = page.path.parent().unwrap_or_else(|| Path::new(""));
    let own = corpus::normalize(&dir.join(arg));
    if own.exists() {
        return own;
    }
    let mut seen = vec![page.path.clone()];
    let mut i = 0;
    while i < seen.len() && seen.len() <= 16 {
        let current = seen[i].clone();
        for f in includes::includers(&current, corpus) {
            if seen.contains(&f.path) {
                continue;
            }
            let d = f.path.parent().unwrap_or_else(|| Path::new(""));
            let candidate = corpus::normalize(&d.join(arg));
            if candidate.exists() {
                return candidate;
            }
            seen.push(f.path.clone());
        }
        i += 1;
    }
    own
}

/// A YAML file as parsed once per run, with the diagnostics about the file
/// itself (they name the YAML file and line, not a page; every page that
/// uses the file repeats them and the run keeps one copy of each).
struct Parsed<T> {
    loaded: Loaded<T>,
    diags: Vec<Diagnostic>,
}

/// Read and parse a YAML file through the corpus (so the read is recorded
/// and the file is parsed once per run, however many pages name it), and
/// add its own diagnostics to `diags` the first time this page uses it.
fn load<T: Send + Sync + 'static>(
    corpus: &Corpus,
    path: &Path,
    seen: &mut HashMap<PathBuf, Arc<Parsed<T>>>,
    diags: &mut Vec<Diagnostic>,
    parse: fn(&str, &str, &mut Vec<Diagnostic>) -> Option<T>,
) -> Arc<Parsed<T>> {
    if let Some(p) = seen.get(path) {
        return p.clone();
    }
    let parsed = corpus.parse_extra(path, |read| {
        let mut diags = Vec::new();
        let loaded = match read {
            Err(e) => Loaded::Missing(format!("cannot be read ({e})")),
            Ok(text) if text.trim().is_empty() => Loaded::Empty,
            Ok(text) => match parse(&text, &corpus::display(path), &mut diags) {
                Some(f) => Loaded::Ok(f),
                None if !diags.is_empty() => Loaded::Invalid,
                None => Loaded::Empty,
            },
        };
        Parsed { loaded, diags }
    });
    diags.extend(parsed.diags.iter().cloned());
    seen.insert(path.to_path_buf(), parsed.clone());
    parsed
}

/// `yaml-file-empty`: the file a directive names is there but empty.
fn empty(page: &SourceFile, d: &Directive, path: &Path, diags: &mut Vec<Diagnostic>) {
    diags.push(Diagnostic::new(
        Severity::Warning,
        "yaml-file-empty",
        format!("`{}` named by `{}` is empty", corpus::display(path), d.name),
        &page.name,
        d.argument_span.line,
        d.argument_span.col,
    ));
}

fn missing(page: &SourceFile, d: &Directive, path: &Path, why: &str, diags: &mut Vec<Diagnostic>) {
    diags.push(Diagnostic::new(
        Severity::Warning,
        "yaml-file-missing",
        format!("`{}` named by `{}` {why}", corpus::display(path), d.name),
        &page.name,
        d.argument_span.line,
        d.argument_span.col,
    ));
}

/// The `- name: key` items of a directive's content, with their lines;
/// malformed items are reported and skipped. A bare `- name` is an item
/// only where `bare_ok` (`rest_status_code`'s `- 200`); in
/// `rest_parameters` it is a malformed stanza line, as os-api-ref says.
fn items<'d>(
    page: &SourceFile,
    d: &'d Directive,
    bare_ok: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(&'d str, &'d str, &'d RawLine)> {
    let mut out = Vec::new();
    for line in &d.content {
        let t = line.text.trim();
        if t.is_empty() {
            continue;
        }
        let item = t.strip_prefix('-').map(str::trim).unwrap_or(t);
        // A YAML mapping item: the key ends at `: ` (or a final `:`), so
        // `a:b: c:d` is the name `a:b` for the reference `c:d`.
        let pair = item
            .split_once(": ")
            .or_else(|| item.strip_suffix(':').map(|n| (n, "")));
        match pair {
            Some((name, key)) if !name.trim().is_empty() => {
                out.push((name.trim(), key.trim(), line))
            }
            None if !item.is_empty() && bare_ok => out.push((item, "", line)),
            None if !item.is_empty() => diags.push(Diagnostic::new(
                Severity::Warning,
                "rest-parameters-malformed-line",
                format!("`{t}` is not a `- name: reference` stanza line; skipped"),
                &page.name,
                line.span.line,
                line.span.col,
            )),
            _ => diags.push(Diagnostic::new(
                Severity::Warning,
                "rest-parameters-bad-item",
                format!("`{t}` is not a `- name: key` item"),
                &page.name,
                line.span.line,
                line.span.col,
            )),
        }
    }
    out
}

/// Resolve a `.. rest_parameters:: file.yaml` directive into parameters, in
/// listed order. Each item's `source` is its line in the page.
pub(crate) fn rest_parameters(
    d: &Directive,
    page: &SourceFile,
    ctx: &mut Ctx<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Param> {
    let listed = items(page, d, false, diags);
    if listed.is_empty() {
        diags.push(Diagnostic::new(
            Severity::Warning,
            "rest-parameters-empty",
            "`rest_parameters` lists no parameters",
            &page.name,
            d.span.line,
            d.span.col,
        ));
        return Vec::new();
    }
    let path = resolve(ctx.corpus, page, &d.argument);
    let parsed = load(ctx.corpus, &path, &mut ctx.params, diags, yaml::param_file);
    let file = match &parsed.loaded {
        Loaded::Ok(f) => f,
        Loaded::Missing(why) => {
            missing(page, d, &path, why, diags);
            return Vec::new();
        }
        Loaded::Empty => {
            empty(page, d, &path, diags);
            return Vec::new();
        }
        Loaded::Invalid => return Vec::new(),
    };
    let yaml_name = corpus::display(&path);
    let mut out = Vec::new();
    for (name, key, line) in listed {
        let key = if key.is_empty() { name } else { key };
        let Some(entry) = file.entries.get(key) else {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "yaml-key-missing",
                format!("parameter key `{key}` is not defined in `{yaml_name}`"),
                &page.name,
                line.span.line,
                line.span.col,
            ));
            continue;
        };
        let incomplete = |what: &str, diags: &mut Vec<Diagnostic>| {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "yaml-entry-incomplete",
                format!("parameter `{key}` has no `{what}`"),
                &yaml_name,
                entry.line,
                entry.col,
            ));
        };
        if entry.ty.is_none() {
            incomplete("type", diags);
        }
        let location = match entry.location.as_deref() {
            None => {
                incomplete("in", diags);
                continue;
            }
            Some("path") => ParamLocation::Path,
            Some("query") => ParamLocation::Query,
            Some("header") => ParamLocation::Header,
            Some("body") => ParamLocation::Body,
            Some(other) => {
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    "yaml-entry-invalid",
                    format!(
                        "parameter `{key}` has `in: {other}`; expected path, query, header or body"
                    ),
                    &yaml_name,
                    entry.line,
                    entry.col,
                ));
                continue;
            }
        };
        out.push(Param {
            name: name.to_string(),
            location,
            required: entry.required,
            ty: entry
                .ty
                .as_deref()
                .map_or(TypeRef::String, TypeRef::from_doc),
            // Still RST here; made plain below, once `file` is released.
            description: entry.description.clone(),
            min_version: yaml_version(entry, "min_version", &yaml_name, diags),
            max_version: yaml_version(entry, "max_version", &yaml_name, diags),
            fixed: None,
            example: None,
            documented: true,
            source: Some(SourceLoc {
                file: page.name.to_string(),
                line: line.span.line,
                column: line.span.col,
            }),
        });
    }
    for p in &mut out {
        p.description = ctx.rst_text(&p.description);
    }
    out
}

/// An entry's `min_version` / `max_version`; a value that is not
/// `MAJOR.MINOR` is a warning at the entry and ignored.
fn yaml_version(
    entry: &yaml::ParamEntry,
    key: &str,
    yaml_name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<ApiVersion> {
    let raw = if key == "min_version" {
        entry.min_version.as_deref()
    } else {
        entry.max_version.as_deref()
    }?;
    match raw.parse() {
        Ok(v) => Some(v),
        Err(_) => {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "version-invalid",
                format!("`{key}: {raw}` is not a `MAJOR.MINOR` microversion; ignored"),
                yaml_name,
                entry.line,
                entry.col,
            ));
            None
        }
    }
}

/// A status code listed by `rest_status_code`, with its description.
pub(crate) struct ListedStatus {
    pub status: StatusCode,
    pub kind: ResponseKind,
    pub description: String,
}

/// Resolve `.. rest_status_code:: success|error status.yaml`: the listed
/// codes (`- 200` or `- 200: key`), described from the YAML when it is
/// there, else just the codes.
pub(crate) fn rest_status_code(
    d: &Directive,
    page: &SourceFile,
    ctx: &mut Ctx<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<ListedStatus> {
    let mut args = d.argument.split_whitespace();
    let kind = match args.next() {
        Some("success") => ResponseKind::Normal,
        Some("error") => ResponseKind::Error,
        other => {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "rest-status-code-invalid",
                format!(
                    "`rest_status_code` expects `success` or `error`, got `{}`",
                    other.unwrap_or("")
                ),
                &page.name,
                d.argument_span.line,
                d.argument_span.col,
            ));
            return Vec::new();
        }
    };
    let parsed = args.next().map(|arg| {
        let path = resolve(ctx.corpus, page, arg);
        let parsed = load(ctx.corpus, &path, &mut ctx.status, diags, yaml::status_file);
        (path, parsed)
    });
    let file = match &parsed {
        Some((path, parsed)) => {
            let path = path.as_path();
            match &parsed.loaded {
                Loaded::Ok(f) => Some(f),
                Loaded::Missing(why) => {
                    missing(page, d, path, why, diags);
                    None
                }
                Loaded::Empty => {
                    empty(page, d, path, diags);
                    None
                }
                Loaded::Invalid => None,
            }
        }
        None => None,
    };
    let mut out = Vec::new();
    for (code, key, line) in items(page, d, true, diags) {
        let Ok(status) = code.parse::<StatusCode>() else {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "response-code-invalid",
                format!("`{code}` is not an HTTP status code"),
                &page.name,
                line.span.line,
                line.span.col,
            ));
            continue;
        };
        let key = if key.is_empty() { "default" } else { key };
        let texts = file.as_ref().and_then(|f| f.codes.get(code));
        let raw = match texts.map(|t| (t.get(key), t.get("default"))) {
            Some((Some(text), _)) => text.clone(),
            Some((None, default)) => {
                // os-api-ref warns and falls back to the code's default.
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    "status-reason-missing",
                    format!("status {code} has no reason `{key}` in the status file; its `default` is used"),
                    &page.name,
                    line.span.line,
                    line.span.col,
                ));
                default.cloned().unwrap_or_default()
            }
            None => String::new(),
        };
        out.push(ListedStatus {
            status,
            kind,
            description: raw,
        });
    }
    for s in &mut out {
        s.description = ctx.rst_text(&s.description);
    }
    out
}
