//! Path, query and header parameters of one operation, from all of its
//! member endpoints.

use super::plan::{path_name, PlannedOp, Rename};
use super::schema::Schemas;
use crate::model::{ApiVersion, Param, ParamLocation};
use serde_json::Value;
use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::{RefOr, Required};

/// One parameter as OpenAPI names it, gathered over the members.
struct Gathered<'a> {
    name: String,
    location: ParamLocation,
    first: &'a Param,
    /// How many members document it, and how many of those require it.
    seen: usize,
    required: usize,
    /// A path parameter's documented regex.
    pattern: Option<String>,
}

/// The parameters of `op`: path parameters in path order, then query and
/// header parameters in documented order. A parameter several members
/// share is listed once; it is required when every member requires it.
/// A path parameter the path names but no member documents is added as a
/// string (the dialects already report it).
pub fn parameters(op: &PlannedOp<'_>, renames: &[Rename], schemas: &Schemas) -> Vec<Parameter> {
    let mut gathered: Vec<Gathered<'_>> = Vec::new();
    for e in &op.members {
        for p in e
            .params
            .iter()
            .filter(|p| p.location != ParamLocation::Body)
        {
            let name = match p.location {
                ParamLocation::Path => path_name(renames, &e.id, &p.name).to_string(),
                _ => p.name.clone(),
            };
            let slot = gathered
                .iter_mut()
                .find(|g| g.location == p.location && same_name(g.location, &g.name, &name));
            match slot {
                Some(g) => {
                    g.seen += 1;
                    g.required += usize::from(p.required_always());
                }
                None => gathered.push(Gathered {
                    name,
                    location: p.location,
                    first: p,
                    seen: 1,
                    required: usize::from(p.required_always()),
                    pattern: match p.location {
                        ParamLocation::Path => e.path.param_pattern(&p.name).map(str::to_string),
                        _ => None,
                    },
                }),
            }
        }
    }
    let path_names = path_params(&op.path);
    let mut out = Vec::new();
    for n in &path_names {
        match gathered
            .iter()
            .find(|g| g.location == ParamLocation::Path && &g.name == n)
        {
            Some(g) => out.push(parameter(g, true, schemas)),
            None => out.push(
                ParameterBuilder::new()
                    .name(n.clone())
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .description(Some("Not documented; the path names it."))
                    .schema(Some(schemas.of(&crate::model::TypeRef::String)))
                    .build(),
            ),
        }
    }
    for g in gathered
        .iter()
        .filter(|g| g.location != ParamLocation::Path)
    {
        let required = g.seen == op.members.len() && g.required == g.seen;
        out.push(parameter(g, required, schemas));
    }
    out
}

/// Header names are case-insensitive; others are not.
fn same_name(loc: ParamLocation, a: &str, b: &str) -> bool {
    if loc == ParamLocation::Header {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

/// The parameter names of an OpenAPI path, in order.
pub fn path_params(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push(rest[open + 1..open + close].to_string());
        rest = &rest[open + close + 1..];
    }
    out
}

fn parameter(g: &Gathered<'_>, required: bool, schemas: &Schemas) -> Parameter {
    let p = g.first;
    let location = match g.location {
        ParamLocation::Path => ParameterIn::Path,
        ParamLocation::Query => ParameterIn::Query,
        _ => ParameterIn::Header,
    };
    let mut schema = schemas.of(&p.ty);
    if let Some(fixed) = &p.fixed {
        // A constant the client always sends: the only value allowed.
        if let RefOr::T(Schema::Object(o)) = &mut schema {
            o.enum_values = Some(vec![typed_value(fixed, &o.schema_type)]);
        }
    }
    let mut ext: Vec<(String, Value)> = versions(p.min_version, p.max_version);
    if let Some(pattern) = &g.pattern {
        // `{filepath : .+}`: JAX-RS regex of the path segment(s), which
        // OpenAPI path templating cannot say.
        ext.push((
            "x-restdoc-path-pattern".into(),
            Value::String(pattern.clone()),
        ));
    }
    if let Some(src) = &p.source {
        ext.push((
            "x-restdoc-source".into(),
            Value::String(format!("{}:{}", src.file, src.line)),
        ));
    }
    ParameterBuilder::new()
        .name(g.name.clone())
        .parameter_in(location)
        .required(if required || g.location == ParamLocation::Path {
            Required::True
        } else {
            Required::False
        })
        .description((!p.description.is_empty()).then(|| p.described()))
        .schema(Some(schema))
        .example(p.example.as_ref().map(|x| Value::String(x.clone())))
        .extensions((!ext.is_empty()).then(|| ext.into_iter().collect::<Extensions>()))
        .build()
}

/// A query constant as a JSON value of the parameter's type (`True` for a
/// boolean is `true`); kept as a string when it does not parse.
fn typed_value(raw: &str, ty: &utoipa::openapi::schema::SchemaType) -> Value {
    use utoipa::openapi::schema::{SchemaType, Type};
    match ty {
        SchemaType::Type(Type::Boolean) => match raw.to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(raw.to_string()),
        },
        SchemaType::Type(Type::Integer) => raw
            .parse::<i64>()
            .map_or_else(|_| Value::String(raw.to_string()), Value::from),
        _ => Value::String(raw.to_string()),
    }
}

/// `x-restdoc-min-version` / `x-restdoc-max-version` for a microversion
/// range.
pub fn versions(min: Option<ApiVersion>, max: Option<ApiVersion>) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if let Some(v) = min {
        out.push(("x-restdoc-min-version".into(), Value::String(v.to_string())));
    }
    if let Some(v) = max {
        out.push(("x-restdoc-max-version".into(), Value::String(v.to_string())));
    }
    out
}
