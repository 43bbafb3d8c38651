//! OpenAPI export: the model as an OpenAPI 3.1 document (or 3.0.3, for
//! tools such as progenitor that read only 3.0).
//!
//! Built on `utoipa`'s `openapi` types (without its macros): the most used
//! OpenAPI crate in Rust, maintained, typed for 3.1 including what this
//! export needs and others lack (`contentMediaType`, `oneOf`/`anyOf`,
//! security schemes, `x-` extensions everywhere), and it builds on the
//! crate's Rust 1.85 (`oas3` 0.22 needs 1.87 and has no `contentMediaType`;
//! `openapiv3` is 3.0 only). No crate models both versions, so 3.0.3 is
//! derived from the 3.1 document by [`convert::down_to_3_0`], which lists
//! every rewrite it makes.
//!
//! Steps: [`plan`] groups endpoints into operations (merging what OpenAPI
//! cannot keep apart), [`schema`] turns types and objects into schemas,
//! [`operation`] (with [`params`], [`body`], [`security`]) builds each
//! operation, [`convert`] fixes the key order (deterministic bytes) and
//! converts to 3.0.

mod body;
pub mod convert;
mod operation;
mod params;
pub mod plan;
mod schema;
mod security;

use crate::diag::{Diagnostic, Severity};
use crate::model::{Api, HttpMethod};
use std::collections::BTreeSet;
use utoipa::openapi::path::{HttpMethod as OaMethod, PathItem, PathsBuilder};
use utoipa::openapi::schema::ComponentsBuilder;
use utoipa::openapi::tag::TagBuilder;
use utoipa::openapi::{InfoBuilder, OpenApiBuilder};

/// Which OpenAPI version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Version {
    /// OpenAPI 3.1.0 (JSON Schema 2020-12 schemas).
    #[default]
    V3_1,
    /// OpenAPI 3.0.3.
    V3_0,
}

/// How to write the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Json,
    Yaml,
}

/// Export options.
#[derive(Debug, Clone)]
pub struct Options {
    pub version: Version,
    /// `info.title`.
    pub title: String,
    /// `info.version`: the version of the API described.
    pub api_version: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            version: Version::V3_1,
            title: "API documented in reStructuredText".into(),
            api_version: "unversioned".into(),
        }
    }
}

/// The exported document and what the export had to say about it.
#[derive(Debug, Clone)]
pub struct Export {
    /// The document, keys in sorted order.
    pub document: serde_json::Value,
    /// Number of operations in the document.
    pub operations: usize,
    /// The merges, renames and expansions the export made (one diagnostic
    /// each), plus what the 3.0 conversion rewrote (as infos).
    pub diagnostics: Vec<Diagnostic>,
    /// Endpoints folded into another endpoint's operation.
    pub merged_away: usize,
}

/// Why a document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot write the OpenAPI document as JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write the OpenAPI document as YAML: {0}")]
    Yaml(#[from] serde_norway::Error),
}

impl Export {
    /// The document as text: pretty JSON or YAML, ending with a newline.
    pub fn render(&self, format: Format) -> Result<String, Error> {
        let mut s = match format {
            Format::Json => serde_json::to_string_pretty(&self.document)?,
            Format::Yaml => serde_norway::to_string(&self.document)?,
        };
        if !s.ends_with('\n') {
            s.push('\n');
        }
        Ok(s)
    }
}

/// Export `api` as an OpenAPI document.
pub fn export(api: &Api, opts: &Options) -> Result<Export, Error> {
    let plan = plan::plan(api);
    let schemas = schema::Schemas::new(api);
    let mut diagnostics = plan_diagnostics(api, &plan);

    let mut used_ids = BTreeSet::new();
    let mut paths = PathsBuilder::new();
    let mut items: Vec<(String, PathItem)> = Vec::new();
    for op in &plan.ops {
        let base = if op.expanded {
            format!(
                "{}_{}",
                op.members[0].id,
                op.method.as_str().to_ascii_lowercase()
            )
        } else {
            op.members[0].id.clone()
        };
        let mut id = base.clone();
        let mut n = 1;
        while !used_ids.insert(id.clone()) {
            n += 1;
            id = format!("{base}_{n}");
        }
        let operation = operation::operation(op, id, &plan.renames, &schemas);
        let method = oa_method(op.method);
        match items.last_mut() {
            Some((p, item)) if *p == op.path => {
                item.merge_operations(PathItem::new(method, operation));
            }
            _ => items.push((op.path.clone(), PathItem::new(method, operation))),
        }
    }
    for (p, item) in items {
        paths = paths.path(p, item);
    }

    let groups: BTreeSet<&str> = api.endpoints.iter().map(|e| e.group.as_str()).collect();
    let tags = groups
        .into_iter()
        .map(|g| TagBuilder::new().name(g).build());
    let mut components = ComponentsBuilder::new();
    for (name, s) in schemas.components {
        components = components.schema(name, s);
    }
    for (name, s) in security::schemes(api.endpoints.iter()) {
        components = components.security_scheme(name, s);
    }
    let doc = OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title(opts.title.clone())
                .version(opts.api_version.clone())
                .description(Some(
                    "Exported by restdoc from REST API documentation written in reStructuredText.",
                ))
                .build(),
        )
        .paths(paths.build())
        .components(Some(components.build()))
        .tags(Some(tags))
        .build();

    let mut document = convert::canonical(serde_json::to_value(&doc)?);
    if opts.version == Version::V3_0 {
        let rewrites = convert::down_to_3_0(&mut document);
        if rewrites > 0 {
            diagnostics.push(Diagnostic::new(
                Severity::Info,
                "openapi-3-0-conversion",
                format!("{rewrites} schemas rewritten for OpenAPI 3.0 (`contentMediaType` to `format: binary`)"),
                "",
                0,
                0,
            ));
        }
    }
    Ok(Export {
        document,
        operations: plan.ops.len(),
        diagnostics,
        merged_away: plan.merged_away(),
    })
}

fn oa_method(m: HttpMethod) -> OaMethod {
    match m {
        HttpMethod::Get | HttpMethod::Any => OaMethod::Get,
        HttpMethod::Head => OaMethod::Head,
        HttpMethod::Post => OaMethod::Post,
        HttpMethod::Put => OaMethod::Put,
        HttpMethod::Patch => OaMethod::Patch,
        HttpMethod::Delete => OaMethod::Delete,
        HttpMethod::Options => OaMethod::Options,
        // Never planned (see `plan`); named by `plan_diagnostics`.
        HttpMethod::Extension(_) => OaMethod::Trace,
    }
}

/// One diagnostic per merge, rename and any-method expansion, at the first
/// endpoint concerned.
fn plan_diagnostics(api: &Api, plan: &plan::Plan<'_>) -> Vec<Diagnostic> {
    let at = |id: &str| {
        api.endpoints
            .iter()
            .find(|e| e.id == id)
            .map(|e| (e.source.file.clone(), e.source.line, e.source.column))
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for e in api
        .endpoints
        .iter()
        .filter(|e| matches!(e.method, HttpMethod::Extension(_)))
    {
        out.push(Diagnostic::new(
            Severity::Warning,
            "openapi-method-unsupported",
            format!(
                "`{} {}` uses a method an OpenAPI 3.0 or 3.1 path item has no field for; it is left out of the document",
                e.method, e.path
            ),
            &e.source.file,
            e.source.line,
            e.source.column,
        ));
    }
    for m in &plan.merges {
        let (file, line, col) = at(&m.ids[0]);
        let how = if m.keyed {
            "request body is a oneOf keyed by the action name"
        } else {
            "nothing in the docs tells them apart: parameters, bodies (anyOf) and responses are united"
        };
        out.push(Diagnostic::new(
            Severity::Warning,
            "openapi-operations-merged",
            format!(
                "{} endpoints share `{} {}` and become one OpenAPI operation `{}` ({how}): {}",
                m.ids.len(),
                m.method,
                m.path,
                m.ids[0],
                m.ids.join(", ")
            ),
            file,
            line,
            col,
        ));
    }
    for r in &plan.renames {
        let (file, line, col) = at(&r.endpoint);
        out.push(Diagnostic::new(
            Severity::Info,
            "openapi-path-param-renamed",
            format!(
                "path parameter `{}` of `{}` is `{}` in the OpenAPI document: OpenAPI treats paths differing only in parameter names as one path",
                r.documented, r.endpoint, r.openapi
            ),
            file,
            line,
            col,
        ));
    }
    for (id, n) in &plan.expansions {
        let (file, line, col) = at(id);
        out.push(Diagnostic::new(
            Severity::Info,
            "openapi-any-method-expanded",
            format!("`{id}` is documented for any method: listed under the {n} methods no other endpoint documents on its path, and merged into the others"),
            file,
            line,
            col,
        ));
    }
    out.sort();
    out
}
