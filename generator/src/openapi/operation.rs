//! One planned operation as an OpenAPI operation: ids, text, tags,
//! parameters, body, responses, security and `x-restdoc-*` extensions.

use super::body::{request_body, responses};
use super::params::{parameters, versions};
use super::plan::{PlannedOp, Rename};
use super::schema::Schemas;
use super::security::requirements;
use crate::model::Dispatch;
use serde_json::{json, Value};
use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::path::{Operation, OperationBuilder};

/// Build the operation of `op`, named `operation_id`.
pub fn operation(
    op: &PlannedOp<'_>,
    operation_id: String,
    renames: &[Rename],
    schemas: &Schemas,
) -> Operation {
    let first = op.members[0];
    let mut tags: Vec<String> = Vec::new();
    for e in &op.members {
        if !tags.contains(&e.group) {
            tags.push(e.group.clone());
        }
    }
    let summary = if first.summary.is_empty() {
        first.title.clone()
    } else {
        first.summary.clone()
    };
    let mut description = first.description.clone();
    if op.members.len() > 1 {
        description.push_str(if description.is_empty() { "" } else { "\n\n" });
        description.push_str(
            "OpenAPI keeps one operation per method and path; this one stands for these documented endpoints:\n",
        );
        for e in &op.members {
            let key = match &e.dispatch {
                Some(Dispatch::BodyKey(k)) if op.keyed => format!(" (body key `{k}`)"),
                _ => String::new(),
            };
            description.push_str(&format!("\n- `{}`{key}: {}", e.id, e.title));
        }
    }

    let mut ext: Vec<(String, Value)> = vec![(
        "x-restdoc-source".into(),
        Value::String(format!("{}:{}", first.source.file, first.source.line)),
    )];
    if op.members.len() == 1 {
        ext.extend(versions(first.min_version, first.max_version));
        if !first.auth.entitlements.is_empty() {
            ext.push((
                "x-restdoc-entitlements".into(),
                json!(first.auth.entitlements),
            ));
        }
    } else {
        let merged: Vec<Value> = op
            .members
            .iter()
            .map(|e| {
                let mut m = json!({
                    "id": e.id,
                    "source": format!("{}:{}", e.source.file, e.source.line),
                });
                if let Some(Dispatch::BodyKey(k)) = &e.dispatch {
                    m["body_key"] = json!(k);
                }
                if let Some(v) = e.min_version {
                    m["min_version"] = json!(v.to_string());
                }
                if let Some(v) = e.max_version {
                    m["max_version"] = json!(v.to_string());
                }
                m
            })
            .collect();
        ext.push(("x-restdoc-merged".into(), Value::Array(merged)));
    }
    if op.expanded {
        ext.push((
            "x-restdoc-any-method".into(),
            Value::String(format!(
                "documented for any method; listed under {}",
                op.method
            )),
        ));
    }

    let params = parameters(op, renames, schemas);
    OperationBuilder::new()
        .operation_id(Some(operation_id))
        .summary((!summary.is_empty()).then_some(summary))
        .description((!description.is_empty()).then_some(description))
        .tags(Some(tags))
        .parameters((!params.is_empty()).then_some(params))
        .request_body(request_body(op, schemas))
        .responses(responses(op, schemas))
        .securities(Some(requirements(&op.members)))
        .extensions(Some(ext.into_iter().collect::<Extensions>()))
        .build()
}
