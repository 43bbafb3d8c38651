//! Struct views: documented objects (`models.rs`) and bodies documented
//! inline as flat field lists, each field optional unless required, with
//! its wire name kept.

use super::docs;
use super::names::{lit, snake, Namer};
use super::types::{is_list, Models};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Endpoint, Object, Param};
use serde::Serialize;
use std::collections::BTreeSet;

/// A struct: a model, a request, or an inline body.
#[derive(Debug, Serialize)]
pub struct StructView {
    pub name: String,
    pub doc: String,
    pub fields: Vec<FieldView>,
}

/// One struct field.
#[derive(Debug, Serialize)]
pub struct FieldView {
    pub ident: String,
    pub ty: String,
    pub doc: String,
    /// `#[serde(...)]` contents, empty when none is needed.
    pub serde: String,
}

/// A struct view for a documented object.
pub fn object(o: &Object, models: &Models, diags: &mut Vec<Diagnostic>) -> StructView {
    let name = models.lookup(&o.label).unwrap_or("Object").to_string();
    let doc = docs::attrs(&docs::join(&[
        &o.description,
        &format!(
            "Documented in `{}` line {} (`{}`).",
            o.source.file, o.source.line, o.label
        ),
    ]));
    let mut namer = Namer::default();
    let mut seen = BTreeSet::new();
    let fields = o
        .fields
        .iter()
        .filter(|f| {
            let first = seen.insert(f.name.as_str());
            if !first {
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    "codegen-duplicate-field",
                    format!(
                        "field `{}` of `{}` is documented twice; the first is generated",
                        f.name, o.label
                    ),
                    &o.source.file,
                    f.line,
                    1,
                ));
            }
            first
        })
        .map(|f| {
            let ty = models.rust_type(&f.ty, Some(&o.label.to_ascii_lowercase()));
            field(
                &mut namer,
                &f.name,
                ty,
                is_list(&f.ty),
                f.required,
                &format!("{} (`{}`, line {}).", f.description.trim(), f.ty, f.line),
            )
        })
        .collect();
    StructView { name, doc, fields }
}

/// A serde field: optional unless required, wire name kept.
pub(super) fn field(
    namer: &mut Namer,
    wire: &str,
    ty: String,
    list: bool,
    required: bool,
    doc: &str,
) -> FieldView {
    let ident = namer.unique(&snake(wire).unwrap_or_else(|| "field".into()));
    let mut serde = Vec::new();
    if ident.trim_start_matches("r#") != wire {
        serde.push(format!("rename = {}", lit(wire)));
    }
    let ty = if required {
        ty
    } else if list {
        serde.push("default, skip_serializing_if = \"Vec::is_empty\"".into());
        ty
    } else {
        serde.push("default, skip_serializing_if = \"Option::is_none\"".into());
        format!("Option<{ty}>")
    };
    FieldView {
        ident,
        ty,
        doc: docs::attrs(doc),
        serde: serde.join(", "),
    }
}

/// Body fields documented inline (os-api-ref, wadl2rst) as a struct; a
/// wire name listed twice keeps its first entry, with a diagnostic.
pub(super) fn inline_struct(
    name: String,
    what: &str,
    fields: &[Param],
    models: &Models,
    e: &Endpoint,
    diags: &mut Vec<Diagnostic>,
) -> StructView {
    let mut namer = Namer::default();
    let mut seen = BTreeSet::new();
    let fields = fields
        .iter()
        .filter(|p| {
            let first = seen.insert(p.name.as_str());
            if !first {
                let at = p.source.as_ref().unwrap_or(&e.source);
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    "codegen-duplicate-field",
                    format!(
                        "`{}` is listed twice in the {}; the first is generated",
                        p.name,
                        what.trim_end_matches('.')
                    ),
                    &at.file,
                    at.line,
                    at.column,
                ));
            }
            first
        })
        .map(|p| {
            let ty = models.rust_type(&p.ty, None);
            field(
                &mut namer,
                &p.name,
                ty,
                is_list(&p.ty),
                p.required_always(),
                &p.described(),
            )
        })
        .collect();
    StructView {
        name,
        doc: docs::attrs(what),
        fields,
    }
}
