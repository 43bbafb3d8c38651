//! restdoc from a `build.rs`: read the pages, generate the code into
//! `OUT_DIR` as one file to `include!`, tell cargo to rerun exactly when a
//! file that was read changes, and fail the build with the same underlined
//! diagnostics as `restdoc lint`.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), restdoc::builder::BuildError> {
//!     restdoc::Builder::new()
//!         .specs("specs")
//!         .client(true)
//!         .server(true)
//!         .generate_into_out_dir()?;
//!     Ok(())
//! }
//! // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/restdoc.rs"));
//! ```

use crate::codegen::{self, Options};
use crate::diag::{Diagnostic, Severity};
use crate::lint::render::{self, Sources, Style};
use crate::source::{self, read_api};
use std::fmt;
use std::path::{Path, PathBuf};

/// Configures one generation from a build script.
#[derive(Debug, Clone)]
pub struct Builder {
    specs: Vec<PathBuf>,
    client: bool,
    server: bool,
    templates: Option<PathBuf>,
    module: Option<String>,
    file_name: String,
    deny_warnings: bool,
    version_header: Option<String>,
    service_type: Option<String>,
    /// Also write the OpenAPI document: file name in the output folder and
    /// version.
    openapi: Option<(String, crate::openapi::Version)>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            specs: Vec::new(),
            client: true,
            server: true,
            templates: None,
            module: None,
            file_name: "restdoc.rs".into(),
            deny_warnings: false,
            version_header: None,
            service_type: None,
            openapi: None,
        }
    }
}

/// What a generation produced.
#[derive(Debug)]
pub struct Generated {
    /// The file written (`OUT_DIR/restdoc.rs` by default).
    pub file: PathBuf,
    /// Every file read (pages, YAML, templates): the `rerun-if-changed`
    /// list, sorted.
    pub rerun_if_changed: Vec<PathBuf>,
    /// Every diagnostic (warnings are also printed as `cargo:warning`).
    pub diagnostics: Vec<Diagnostic>,
    /// The OpenAPI document written, when [`Builder::openapi`] asked for one.
    pub openapi: Option<PathBuf>,
}

/// Why the build fails: the diagnostics, rendered as `restdoc lint`
/// renders them. `Debug` shows the rendering too, so `fn main() ->
/// Result<(), BuildError>` prints a readable report.
pub struct BuildError {
    pub diagnostics: Vec<Diagnostic>,
    /// A problem that is not about a page (no `OUT_DIR`, a template, I/O).
    pub message: String,
    rendered: String,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.rendered, self.message)
    }
}

impl fmt::Debug for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "restdoc failed:\n{self}")
    }
}

impl std::error::Error for BuildError {}

impl BuildError {
    fn new(diagnostics: Vec<Diagnostic>, message: String) -> Self {
        let mut sources = Sources::default();
        let rendered = render::human(&diagnostics, &mut sources, Style::default());
        BuildError {
            diagnostics,
            message,
            rendered,
        }
    }
}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A page or folder of pages to read; may be given several times.
    /// Relative paths are relative to the crate (cargo runs build scripts
    /// there).
    pub fn specs(mut self, path: impl Into<PathBuf>) -> Self {
        self.specs.push(path.into());
        self
    }

    /// Generate the reqwest client (default: yes).
    pub fn client(mut self, yes: bool) -> Self {
        self.client = yes;
        self
    }

    /// Generate the axum server traits and routers (default: yes).
    pub fn server(mut self, yes: bool) -> Self {
        self.server = yes;
        self
    }

    /// A folder of templates replacing the embedded ones of the same name.
    pub fn templates(mut self, dir: impl Into<PathBuf>) -> Self {
        self.templates = Some(dir.into());
        self
    }

    /// The module path the file is included at (`"api"` for `mod api {
    /// include!(...) }`); by default the crate root.
    pub fn module(mut self, path: impl Into<String>) -> Self {
        self.module = Some(path.into());
        self
    }

    /// The name of the file written in `OUT_DIR` (default `restdoc.rs`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = name.into();
        self
    }

    /// The microversion header (default `OpenStack-API-Version`; a legacy
    /// header such as `X-OpenStack-Manila-API-Version` carries the version
    /// alone). Overrides `[microversion] header` of the doc set's
    /// `restdoc.toml`.
    pub fn version_header(mut self, name: impl Into<String>) -> Self {
        self.version_header = Some(name.into());
        self
    }

    /// The service type in `OpenStack-API-Version: <type> <version>`
    /// (default: `restdoc`, the generated module's crate name). Overrides
    /// `[microversion] service_type` of the doc set's `restdoc.toml`.
    pub fn service_type(mut self, name: impl Into<String>) -> Self {
        self.service_type = Some(name.into());
        self
    }

    /// Also write the OpenAPI document of the pages to `file_name` in the
    /// output folder (YAML when the name ends in `.yaml` or `.yml`, else
    /// JSON). Merged operations are warnings, as in `restdoc openapi`.
    pub fn openapi(
        mut self,
        file_name: impl Into<String>,
        version: crate::openapi::Version,
    ) -> Self {
        self.openapi = Some((file_name.into(), version));
        self
    }

    /// Fail the build on warnings too.
    pub fn deny_warnings(mut self, yes: bool) -> Self {
        self.deny_warnings = yes;
        self
    }

    /// Generate into `$OUT_DIR`, printing `cargo:rerun-if-changed` for
    /// every file read and `cargo:warning` for every warning.
    pub fn generate_into_out_dir(self) -> Result<Generated, BuildError> {
        let out = std::env::var_os("OUT_DIR").ok_or_else(|| {
            BuildError::new(
                Vec::new(),
                "OUT_DIR is not set: call this from a build script".into(),
            )
        })?;
        let result = self.generate_into(Path::new(&out));
        let (read, diags) = match &result {
            Ok(g) => (&g.rerun_if_changed, &g.diagnostics),
            Err(e) => (&Vec::new(), &e.diagnostics),
        };
        for p in read {
            println!("cargo:rerun-if-changed={}", p.display());
        }
        for d in diags.iter().filter(|d| d.severity == Severity::Warning) {
            println!("cargo:warning={d}");
        }
        result
    }

    /// Generate into `dir` (no cargo output): the code as one file, and
    /// what was read.
    pub fn generate_into(self, dir: &Path) -> Result<Generated, BuildError> {
        let read = read_api(&self.specs);
        let mut rerun = read.files_read.clone();
        if let Some(t) = &self.templates {
            rerun.extend(template_files(t));
        }
        rerun.sort();
        rerun.dedup();
        let mut diags = read.diagnostics;
        let fails = |d: &[Diagnostic]| {
            d.iter().any(|d| {
                d.severity == Severity::Error
                    || (self.deny_warnings && d.severity == Severity::Warning)
            })
        };
        if read.pages == 0 {
            diags.push(Diagnostic::new(
                Severity::Error,
                "no-pages",
                "no page (.rst, .inc, .txt) found under the specs given",
                self.specs
                    .first()
                    .map(|p| source::display(p))
                    .unwrap_or_default(),
                0,
                0,
            ));
        }
        if fails(&diags) {
            // cargo reruns a failed build script anyway: no rerun list needed
            return Err(BuildError::new(diags, String::new()));
        }
        let opts = Options {
            crate_name: "restdoc".into(),
            templates_dir: self.templates.clone(),
            standalone: true,
            // set here, they override the doc set's `restdoc.toml`
            version_header: self
                .version_header
                .clone()
                .or_else(|| read.settings.microversion.header.clone()),
            service_type: self
                .service_type
                .clone()
                .or_else(|| read.settings.microversion.service_type.clone()),
            ..Options::default()
        };
        let generated = codegen::generate(&read.api, &opts)
            .map_err(|e| BuildError::new(diags.clone(), format!("restdoc: {e}\n")))?;
        diags.extend(generated.diagnostics);
        let mut writes = vec![(dir.join(&self.file_name), flatten(&generated.files, &self))];
        if let Some((name, version)) = &self.openapi {
            let opts = crate::openapi::Options {
                version: *version,
                ..Default::default()
            };
            let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
            let format = if yaml {
                crate::openapi::Format::Yaml
            } else {
                crate::openapi::Format::Json
            };
            let export = crate::openapi::export(&read.api, &opts)
                .and_then(|e| Ok((e.render(format)?, e.diagnostics)))
                .map_err(|e| BuildError::new(diags.clone(), format!("restdoc: {e}\n")))?;
            diags.extend(export.1);
            writes.push((dir.join(name), export.0));
        }
        diags.sort();
        if fails(&diags) {
            return Err(BuildError::new(diags, String::new()));
        }
        for (file, text) in &writes {
            let unchanged = std::fs::read_to_string(file).is_ok_and(|old| &old == text);
            if !unchanged {
                std::fs::write(file, text).map_err(|e| {
                    BuildError::new(diags.clone(), format!("restdoc: {}: {e}\n", file.display()))
                })?;
            }
        }
        let mut files = writes.into_iter().map(|(f, _)| f);
        Ok(Generated {
            file: files.next().unwrap_or_default(),
            rerun_if_changed: rerun,
            diagnostics: diags,
            openapi: files.next(),
        })
    }
}

/// Every file of a templates folder (the loader may read any of them: a
/// template can import another).
fn template_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// The generated crate as one file: `mod x;` declarations replaced by the
/// module's text, crate-level inner docs made plain comments (an
/// `include!`d file may not carry them), `feature` cfgs resolved for the
/// sides asked for, `crate::` paths moved under the module path.
fn flatten(files: &[(PathBuf, String)], b: &Builder) -> String {
    let find = |p: &Path| files.iter().find(|(f, _)| f == p).map(|(_, t)| t.as_str());
    let mut out = String::new();
    if let Some(lib) = find(Path::new("src/lib.rs")) {
        inline_modules(lib, Path::new("src"), &find, &mut out, 0);
    }
    let mut text = String::new();
    for line in out.lines() {
        let t = line.trim_start();
        if let Some(keep) = resolve_cfg(t, b) {
            if keep {
                continue;
            }
            let indent = &line[..line.len() - t.len()];
            text.push_str(&format!("{indent}#[cfg(any())]\n"));
        } else {
            text.push_str(line);
            text.push('\n');
        }
    }
    match &b.module {
        Some(m) => text.replace("crate::", &format!("crate::{m}::")),
        None => text,
    }
}

/// Copy `text` (the file for the module at `dir`) into `out`, replacing
/// each `mod name;` by an inline module holding `dir/name.rs` or
/// `dir/name/mod.rs`.
fn inline_modules<'a>(
    text: &str,
    dir: &Path,
    find: &dyn Fn(&Path) -> Option<&'a str>,
    out: &mut String,
    depth: usize,
) {
    for line in text.lines() {
        let t = line.trim();
        let decl = t.strip_suffix(';').and_then(|d| {
            d.strip_prefix("pub mod ")
                .or_else(|| d.strip_prefix("mod "))
        });
        let child = decl
            .filter(|n| n.chars().all(|c| c.is_alphanumeric() || c == '_'))
            .and_then(|name| {
                let file = dir.join(format!("{name}.rs"));
                let folder = dir.join(name).join("mod.rs");
                find(&file)
                    .map(|t| (t, dir.join(name)))
                    .or_else(|| find(&folder).map(|t| (t, dir.join(name))))
                    .map(|(t, d)| (name, t, d))
            });
        match child {
            _ if depth == 0 && t.starts_with("//!") => {
                out.push_str(&format!("//{}\n", &t[3..]));
            }
            Some((name, child_text, child_dir)) if depth < 8 => {
                let vis = if t.starts_with("pub ") { "pub " } else { "" };
                out.push_str(&format!("{vis}mod {name} {{\n"));
                inline_modules(child_text, &child_dir, find, out, depth + 1);
                out.push_str("}\n");
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
}

/// For a line that is exactly a `#[cfg(...)]` on cargo features: whether
/// the item stays (`Some(true)`, the attribute is dropped) or goes
/// (`Some(false)`). `client`/`server` follow the builder; API group
/// features are all on. `None` for any other line.
fn resolve_cfg(line: &str, b: &Builder) -> Option<bool> {
    let pred = line.strip_prefix("#[cfg(")?.strip_suffix(")]")?;
    if !pred.contains("feature") {
        return None;
    }
    eval(pred.trim(), b)
        .map(|(v, rest)| (v, rest.trim()))
        .and_then(|(v, rest)| rest.is_empty().then_some(v))
}

/// Evaluate a cfg predicate over `feature = "..."`, `any`, `all`, `not`;
/// returns the value and the unparsed rest. `None` for anything else.
fn eval<'s>(s: &'s str, b: &Builder) -> Option<(bool, &'s str)> {
    let s = s.trim_start();
    if let Some(rest) = s.strip_prefix("feature") {
        let rest = rest
            .trim_start()
            .strip_prefix('=')?
            .trim_start()
            .strip_prefix('"')?;
        let end = rest.find('"')?;
        let value = match &rest[..end] {
            "client" => b.client,
            "server" => b.server,
            _ => true,
        };
        return Some((value, &rest[end + 1..]));
    }
    for (op, init) in [("any", false), ("all", true), ("not", false)] {
        if let Some(rest) = s
            .strip_prefix(op)
            .and_then(|r| r.trim_start().strip_prefix('('))
        {
            let mut acc = init;
            let mut rest = rest;
            let mut n = 0;
            loop {
                rest = rest.trim_start();
                if let Some(r) = rest.strip_prefix(')') {
                    let value = if op == "not" { n == 1 && !acc } else { acc };
                    return Some((value, r));
                }
                let (v, r) = eval(rest, b)?;
                n += 1;
                acc = match op {
                    "any" => acc || v,
                    "all" => acc && v,
                    _ => v,
                };
                rest = r.trim_start();
                rest = rest.strip_prefix(',').unwrap_or(rest);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cfgs_follow_the_sides_asked_for() {
        let b = Builder::new().client(true).server(false);
        assert_eq!(resolve_cfg(r#"#[cfg(feature = "client")]"#, &b), Some(true));
        assert_eq!(
            resolve_cfg(r#"#[cfg(feature = "server")]"#, &b),
            Some(false)
        );
        assert_eq!(resolve_cfg(r#"#[cfg(feature = "images")]"#, &b), Some(true));
        assert_eq!(
            resolve_cfg(r#"#[cfg(any(feature = "client", feature = "server"))]"#, &b),
            Some(true)
        );
        assert_eq!(
            resolve_cfg(r#"#[cfg(not(feature = "client"))]"#, &b),
            Some(false)
        );
        assert_eq!(resolve_cfg("#[cfg(test)]", &b), None);
        assert_eq!(
            resolve_cfg(r#"#[cfg(all(test, feature = "client"))]"#, &b),
            None
        );
    }

    #[test]
    fn modules_are_inlined_and_crate_docs_become_comments() {
        let files = vec![
            (
                PathBuf::from("src/lib.rs"),
                "//! The crate.\npub mod models;\n#[cfg(feature = \"server\")]\npub mod g;\n"
                    .to_string(),
            ),
            (
                PathBuf::from("src/models.rs"),
                "//! Models.\npub struct A(crate::runtime::X);\n".to_string(),
            ),
            (PathBuf::from("src/g/mod.rs"), "pub fn f() {}\n".to_string()),
        ];
        let b = Builder::new().server(false).module("api");
        let text = flatten(&files, &b);
        assert_eq!(
            text,
            "// The crate.\npub mod models {\n//! Models.\npub struct A(crate::api::runtime::X);\n}\n#[cfg(any())]\npub mod g {\npub fn f() {}\n}\n"
        );
    }
}
