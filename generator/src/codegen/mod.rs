//! Code generation: an [`Api`] becomes a Rust crate with serde models, an
//! axum server trait and router per API group, and a reqwest client.
//!
//! Identifiers, types and literals are built with `syn`/`quote`
//! ([`names`], [`types`]) into a view ([`view`]); minijinja templates from
//! the top-level `templates/` folder arrange them ([`render`]); every piece
//! is parsed with `syn` before it is written and formatted with
//! `prettyplease`. Output is sorted, so the same model gives the same bytes
//! whatever order the pages came in.

mod docs;
mod names;
mod render;
mod routes;
mod types;
mod view;

#[cfg(test)]
mod tests;

use crate::diag::{Diagnostic, Severity};
use crate::model::{Api, Endpoint, Object};
use names::{snake, Namer};
use render::{check_items, format, Templates};
use std::collections::BTreeMap;
use std::path::PathBuf;
use types::Models;
use view::{EndpointNames, EndpointView};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Name of the generated crate (its `Cargo.toml` `package.name`).
    pub crate_name: String,
    /// A folder whose templates replace the embedded ones of the same name.
    pub templates_dir: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "api".into(),
            templates_dir: None,
        }
    }
}

/// The generated crate: files relative to the crate root (`Cargo.toml`,
/// `src/lib.rs`, `src/runtime.rs`, `src/models.rs`, `src/<group>/mod.rs`),
/// sorted by path, plus what was skipped and why.
#[derive(Debug, Default)]
pub struct Generated {
    pub files: Vec<(PathBuf, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A template produced something that is not Rust, or could not render.
#[derive(Debug, thiserror::Error)]
pub enum CodegenError {
    #[error("template `{template}` failed for {item}: {message}")]
    Template {
        template: String,
        item: String,
        message: String,
    },
    #[error("template `{template}` produced invalid Rust for {item}: {message}\n{excerpt}")]
    Syntax {
        template: String,
        item: String,
        message: String,
        excerpt: String,
    },
}

/// One group module's view.
#[derive(serde::Serialize)]
struct GroupView<'a> {
    module: &'a str,
    feature: &'a str,
    endpoints: &'a [EndpointView],
    routes: Vec<routes::RouteView>,
}

/// Generate the crate for `api`.
pub fn generate(api: &Api, opts: &Options) -> Result<Generated, CodegenError> {
    let t = Templates::new(opts.templates_dir.clone());
    let mut diags = Vec::new();
    let objects = unique_objects(api, &mut diags);
    let models = Models::new(&objects);
    let endpoints = unique_endpoints(api, &mut diags);

    let mut files = Vec::new();
    let model_views: Vec<_> = objects.iter().map(|o| view::object(o, &models)).collect();
    for (o, v) in objects.iter().zip(&model_views) {
        let item = format!("object `{}` ({}:{})", o.label, o.source.file, o.source.line);
        check_items(
            &t.render_macro("models.rs.j2", "model", &item, v)?,
            "models.rs.j2",
            &item,
        )?;
    }
    let code = t.render(
        "models.rs.j2",
        "the models",
        serde_json::json!({ "models": model_views }),
    )?;
    files.push((
        "src/models.rs".into(),
        format(&code, "models.rs.j2", "the models")?,
    ));

    // groups, each with its own type namespace
    let mut fn_namer = Namer::default();
    for reserved in ["new", "with_http", "call", "base_url"] {
        fn_namer.reserve(reserved);
    }
    let mut groups: BTreeMap<String, Vec<(&Endpoint, EndpointNames)>> = BTreeMap::new();
    let mut module_namer = Namer::default();
    for reserved in ["runtime", "models", "rt"] {
        module_namer.reserve(reserved);
    }
    let mut module_of: BTreeMap<String, String> = BTreeMap::new();
    for (e, fn_ident) in endpoints {
        let fn_name = fn_namer.unique(&fn_ident);
        let names = EndpointNames {
            type_base: view::type_base(&fn_name),
            fn_name,
        };
        let module = module_of
            .entry(e.group.clone())
            .or_insert_with(|| {
                module_namer.unique(&snake(&e.group).unwrap_or_else(|| "default".into()))
            })
            .clone();
        groups.entry(module).or_default().push((e, names));
    }

    let mut group_names = Vec::new();
    for (module, eps) in &groups {
        let mut types = Namer::default();
        for reserved in ["Api", "Client", "Response", "Router", "Arc", "State"] {
            types.reserve(reserved);
        }
        let mut views = Vec::new();
        for (e, names) in eps {
            let v = view::endpoint(e, names, &models, &mut types);
            let item = format!("endpoint `{}` ({}:{})", e.id, e.source.file, e.source.line);
            check_items(
                &t.render_macro("endpoint.rs.j2", "items", &item, &v)?,
                "endpoint.rs.j2",
                &item,
            )?;
            let method = t.render_macro("endpoint.rs.j2", "trait_method", &item, &v)?;
            check_items(
                &format!("trait T {{ {method} }}"),
                "endpoint.rs.j2 (trait_method)",
                &item,
            )?;
            views.push(v);
        }
        let pages: Vec<&Endpoint> = eps.iter().map(|(e, _)| *e).collect();
        let routes = routes::plan(&pages, &mut views, &mut diags);
        let g = GroupView {
            module,
            feature: module.trim_start_matches("r#"),
            endpoints: &views,
            routes,
        };
        let item = format!("group `{module}`");
        let code = t.render("group.rs.j2", &item, &g)?;
        files.push((
            PathBuf::from(format!("src/{}/mod.rs", g.feature)),
            format(&code, "group.rs.j2", &item)?,
        ));
        group_names.push(module.clone());
    }

    let ctx = serde_json::json!({ "groups": group_names, "crate_name": opts.crate_name });
    let lib = t.render("lib.rs.j2", "the crate root", &ctx)?;
    files.push((
        "src/lib.rs".into(),
        format(&lib, "lib.rs.j2", "the crate root")?,
    ));
    let rt = t.render("runtime.rs.j2", "the runtime", &ctx)?;
    files.push((
        "src/runtime.rs".into(),
        format(&rt, "runtime.rs.j2", "the runtime")?,
    ));
    files.push((
        "Cargo.toml".into(),
        t.render("Cargo.toml.j2", "the manifest", &ctx)?,
    ));
    files.sort();
    diags.sort();
    Ok(Generated {
        files,
        diagnostics: diags,
    })
}

/// Objects sorted by label; a repeated label keeps the first page's.
fn unique_objects<'a>(api: &'a Api, diags: &mut Vec<Diagnostic>) -> Vec<&'a Object> {
    let mut by_label: BTreeMap<String, &Object> = BTreeMap::new();
    let mut sorted: Vec<&Object> = api.objects.iter().collect();
    sorted.sort_by(|a, b| (&a.label, &a.source).cmp(&(&b.label, &b.source)));
    for o in sorted {
        let key = o.label.to_ascii_lowercase();
        if let Some(first) = by_label.get(&key) {
            diags.push(diag(
                Severity::Warning,
                "codegen-duplicate-object",
                format!(
                    "object `{}` is documented twice: here and at {}:{}; the first is generated",
                    o.label, first.source.file, first.source.line
                ),
                &o.source,
            ));
        } else {
            by_label.insert(key, o);
        }
    }
    by_label.into_values().collect()
}

/// Endpoints sorted by id with their function identifiers; an id that is
/// no identifier, or that repeats, is skipped with a diagnostic naming the
/// page(s).
fn unique_endpoints<'a>(api: &'a Api, diags: &mut Vec<Diagnostic>) -> Vec<(&'a Endpoint, String)> {
    let mut sorted: Vec<&Endpoint> = api.endpoints.iter().collect();
    sorted.sort_by(|a, b| (&a.id, &a.source).cmp(&(&b.id, &b.source)));
    let mut out: Vec<(&Endpoint, String)> = Vec::new();
    let mut by_ident: BTreeMap<String, &Endpoint> = BTreeMap::new();
    for e in sorted {
        let Some(ident) = snake(&e.id) else {
            diags.push(diag(
                Severity::Error,
                "codegen-bad-id",
                format!(
                    "endpoint id `{}` cannot be a Rust identifier; not generated",
                    e.id
                ),
                &e.source,
            ));
            continue;
        };
        if let Some(first) = by_ident.get(&ident).filter(|f| f.id == e.id) {
            diags.push(diag(
                Severity::Error,
                "codegen-duplicate-endpoint",
                format!("endpoint `{}` is documented twice: here and at {}:{}; only the first is generated", e.id, first.source.file, first.source.line),
                &e.source,
            ));
            continue;
        }
        by_ident.insert(ident.clone(), e);
        out.push((e, ident));
    }
    out
}

fn diag(
    severity: Severity,
    code: &str,
    message: String,
    at: &crate::model::SourceLoc,
) -> Diagnostic {
    Diagnostic::new(severity, code, message, &at.file, at.line, at.column)
}
