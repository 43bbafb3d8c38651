//! The view the templates render: every identifier, type and literal
//! already built (by [`names`](super::names) and [`types`](super::types)),
//! so templates only arrange text and never invent Rust syntax from page
//! text.

use super::docs;
use super::headers::{self, HeadersView};
use super::names::{lit, Namer};
use super::paths::{is_catch_all, paths};
use super::responses::{binary_media, is_binary, response_body};
pub use super::responses::{type_base, variant_name};
use super::shapes::{self, ShapeTypes};
use super::structs::{field, inline_struct};
pub use super::structs::{object, FieldView, StructView};
use super::types::{param_type, Models};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Direction, Endpoint, MediaType, Param, ParamLocation};
use serde::Serialize;

/// How a body travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyKind {
    None,
    Json,
    Binary,
    /// A response of an endpoint without a documented code.
    Raw,
}

/// One response variant.
#[derive(Debug, Serialize)]
pub struct VariantView {
    pub name: String,
    pub status: u16,
    pub doc: String,
    pub kind: BodyKind,
    pub ty: String,
    /// Whether the variant carries the endpoint's response headers.
    pub headers: bool,
    /// The variant's fields (`(Body, Headers)`, `(Body)`, ...), or empty.
    pub shape: String,
    /// The pattern binding them (`(b, h)`, `(b)`, `(h)`), or empty.
    pub bind: String,
}

/// A path/query/header input of an endpoint.
#[derive(Debug, Serialize)]
pub struct InputView {
    pub ident: String,
    /// Wire name as a string literal.
    pub wire: String,
    /// Required (within its version range, when it has one).
    pub required: bool,
    /// Required only within a microversion range: the field is an `Option`
    /// (other versions do not have it), and both sides require it in range.
    pub in_range_only: bool,
    /// Position among the path parameters (path inputs only).
    pub index: usize,
    /// The value type (without the `Option` of an optional input).
    pub ty: String,
    /// A path parameter that may span segments (`{path : .+}`).
    pub catch_all: bool,
    /// The server's expression reading a path input (`req.path(0, "id")?`).
    pub extract: String,
    /// Microversion range as `Option<rt::Version>` expressions; `versioned`
    /// when either end is set.
    pub min_version: String,
    pub max_version: String,
    pub versioned: bool,
    #[serde(skip)]
    pub min: Option<crate::model::ApiVersion>,
    #[serde(skip)]
    pub max: Option<crate::model::ApiVersion>,
}

/// Everything a template needs about one endpoint.
#[derive(Debug, Serialize)]
pub struct EndpointView {
    pub id: String,
    /// The id as a string literal.
    pub id_literal: String,
    pub source: String,
    pub fn_name: String,
    pub handler: String,
    pub request: String,
    pub response: String,
    pub doc: String,
    pub request_struct: Option<StructView>,
    pub path_inputs: Vec<InputView>,
    pub query_inputs: Vec<InputView>,
    pub header_inputs: Vec<InputView>,
    pub body_kind: BodyKind,
    /// Versioned fields of a JSON request body, checked by client and server.
    pub body_checks: Vec<super::versions::BodyCheck>,
    /// The request field holding the body.
    pub body_ident: String,
    /// The request field naming the method of an any-method route, or empty.
    pub method_ident: String,
    /// The client path: one literal (no parameters), or pieces to concat.
    pub path_format: String,
    pub path_args: Vec<String>,
    /// The axum route (`/users/{p1}` or `/files/{*p3}`) as a literal.
    pub route: String,
    pub method: String,
    pub method_fn: String,
    /// An extension method's name as a literal (`"COPY"`), or empty: the
    /// client sends it by name, the server routes it by name (see
    /// `routes`).
    pub extension: String,
    pub auth: bool,
    /// The query parameter holding a one-time token that stands in for
    /// credentials (a string literal), or empty.
    pub token: String,
    /// The documented response headers, when any response has some.
    pub headers: Option<HeadersView>,
    /// The content type a binary request body is sent as (a literal).
    pub binary_media: String,
    /// True when the endpoint shares its method and route with others and
    /// is told apart by its content type and query parameters.
    pub dispatched: bool,
    /// False when the router cannot mount it (its server handler is left out).
    pub mounted: bool,
    pub variants: Vec<VariantView>,
    pub structs: Vec<StructView>,
    /// Request content types and query names, for dispatch between
    /// endpoints sharing a route.
    pub media_literals: Vec<String>,
    pub query_literals: Vec<String>,
    /// No documented response code: the response enum has one `Raw`
    /// variant carrying whatever the server answers.
    pub raw: bool,
    /// The endpoint's microversion range (see [`InputView::min_version`]).
    pub min_version: String,
    pub max_version: String,
    pub versioned: bool,
    #[serde(skip)]
    pub min: Option<crate::model::ApiVersion>,
    #[serde(skip)]
    pub max: Option<crate::model::ApiVersion>,
    /// The top-level JSON body key naming this action on a shared route
    /// (a literal), or empty.
    pub body_key: String,
    /// Why the server route cannot be mounted, if it cannot.
    pub unmountable: Option<String>,
    /// Where bodies may travel as XML (set by [`super::xml::endpoint`]).
    pub xml: super::xml::EndpointXml,
}

/// Names chosen for an endpoint by the generator (unique across the API).
pub struct EndpointNames {
    pub fn_name: String,
    pub type_base: String,
}

/// Build the view of one endpoint.
pub fn endpoint(
    e: &Endpoint,
    names: &EndpointNames,
    models: &Models,
    types: &mut Namer,
    shape_types: &mut ShapeTypes,
    diags: &mut Vec<Diagnostic>,
) -> EndpointView {
    let base = &names.type_base;
    let request = types.unique(&format!("{base}Request"));
    let response = types.unique(&format!("{base}Response"));
    let source = format!("{}:{}", e.source.file, e.source.line);
    let mut doc_text = docs::join(&[&e.summary, &e.description]);
    if doc_text.is_empty() {
        doc_text = e.title.clone();
    }
    let mut facts = format!("`{} {}`", e.method, e.path);
    if e.auth.required {
        facts.push_str(", requires authentication");
        if !e.auth.entitlements.is_empty() {
            facts.push_str(&format!(
                " (entitlements: {})",
                e.auth.entitlements.join(", ")
            ));
        }
    }
    if let Some(s) = &e.since {
        facts.push_str(&format!(", since {s}"));
    }
    let doc = docs::attrs(&docs::join(&[
        &doc_text,
        &format!("{facts}."),
        &format!(
            "Source: `{}` line {} (`{}`).",
            e.source.file, e.source.line, e.id
        ),
    ]));

    let mut fields_namer = Namer::default();
    let mut fields = Vec::new();
    let input = |p: &Param, index: usize, fields: &mut Vec<FieldView>, namer: &mut Namer| {
        let ty = param_type(&p.ty).to_string();
        let required = p.required || p.location == ParamLocation::Path;
        let in_range_only = required && p.location != ParamLocation::Path && !p.required_always();
        let f = field(
            namer,
            &p.name,
            ty.clone(),
            false,
            required && !in_range_only,
            &p.described(),
        );
        let view = InputView {
            ident: f.ident.clone(),
            wire: lit(&p.name),
            required,
            in_range_only,
            index,
            ty,
            catch_all: p.location == ParamLocation::Path
                && is_catch_all(e.path.param_pattern(&p.name)),
            extract: String::new(),
            min_version: version_expr(p.min_version),
            max_version: version_expr(p.max_version),
            versioned: p.min_version.is_some() || p.max_version.is_some(),
            min: p.min_version,
            max: p.max_version,
        };
        fields.push(FieldView {
            serde: String::new(),
            ..f
        });
        view
    };
    let mut path_inputs: Vec<InputView> = Vec::new();
    let mut query_inputs = Vec::new();
    let mut header_inputs = Vec::new();
    // path parameters in path order, whether documented or not
    let path_names = e.path.param_names();
    for (i, name) in path_names.iter().enumerate() {
        let p = e
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.name == *name);
        let fallback = Param::implied_path(name);
        path_inputs.push(input(
            p.unwrap_or(&fallback),
            i,
            &mut fields,
            &mut fields_namer,
        ));
    }
    let inferred = headers::inferred_request_headers(e);
    for p in &one_per_wire_name(e, &inferred, diags) {
        if is_body_content_type(e, p) {
            // The body's encoder sets it (JSON, or the binary body's own
            // type); a second, caller-chosen value would contradict it.
            diags.push(Diagnostic::new(
                Severity::Info,
                "codegen-content-type-from-body",
                format!(
                    "header `{}` of `{}` is the request body's media type; the client sets it from the body, not as an argument",
                    p.name, e.id
                ),
                &p.source.as_ref().unwrap_or(&e.source).file,
                p.source.as_ref().unwrap_or(&e.source).line,
                p.source.as_ref().unwrap_or(&e.source).column,
            ));
            continue;
        }
        if let Some(d) = headers::credential_header(e, p).or_else(|| headers::managed_header(e, p))
        {
            diags.push(d);
            continue;
        }
        match p.location {
            ParamLocation::Query => query_inputs.push(input(p, 0, &mut fields, &mut fields_namer)),
            ParamLocation::Header => {
                header_inputs.push(input(p, 0, &mut fields, &mut fields_namer))
            }
            _ => {}
        }
    }

    let mut types_in_group = Vec::new();
    let (body_kind, body_ty) = match &e.request_body {
        None => (BodyKind::None, String::new()),
        Some(b) => {
            let json = !b.fields.is_empty()
                || (!is_binary(&b.media_types) && b.media_types.iter().any(MediaType::is_json));
            if let Some(t) = &b.object {
                (BodyKind::Json, models.rust_type(t, None))
            } else if let Some(s) = shapes::find(e, Direction::Request, None).filter(|_| json) {
                let name = format!("{base}Body");
                let key = match &e.dispatch {
                    Some(crate::model::Dispatch::BodyKey(k)) => Some(k.as_str()),
                    _ => None,
                };
                let mut cx = shapes::Ctx {
                    models,
                    types,
                    out: &mut types_in_group,
                    diags,
                    endpoint: e,
                };
                let doc = format!("Request body of `{}`.", e.id);
                (
                    BodyKind::Json,
                    shape_types.body(s, &name, &doc, key, &mut cx),
                )
            } else if !b.fields.is_empty() {
                let name = types.unique(&format!("{base}Body"));
                types_in_group.push(inline_struct(
                    name.clone(),
                    &format!("Request body of `{}`.", e.id),
                    &action_fields(e, &b.fields),
                    models,
                    e,
                    diags,
                ));
                (BodyKind::Json, name)
            } else if is_binary(&b.media_types) || !b.media_types.iter().any(MediaType::is_json) {
                (BodyKind::Binary, "crate::runtime::Binary".into())
            } else {
                (BodyKind::Json, "serde_json::Value".into())
            }
        }
    };
    // a route documented for any method: the caller names the method
    let mut method_ident = String::new();
    if e.method == crate::model::HttpMethod::Any {
        method_ident = fields_namer.unique("method");
        fields.push(FieldView {
            ident: method_ident.clone(),
            ty: "String".into(),
            doc: docs::attrs(
                "The HTTP method (the docs allow any): sent by the client, read by the server.",
            ),
            serde: String::new(),
        });
    }
    let mut body_ident = String::new();
    if body_kind != BodyKind::None {
        let ident = fields_namer.unique("body");
        body_ident = ident.clone();
        let doc = e
            .request_body
            .as_ref()
            .map(|b| b.description.clone())
            .unwrap_or_default();
        fields.push(FieldView {
            ident,
            ty: body_ty,
            doc: docs::attrs(&docs::join(&[&doc, "The request body."])),
            serde: String::new(),
        });
    }
    let request_struct = (!fields.is_empty()).then(|| StructView {
        name: request.clone(),
        doc: docs::attrs(&format!(
            "Input of `Client::{}` and `Api::{}`.",
            names.fn_name, names.fn_name
        )),
        fields,
    });

    let (headers, carries) = headers::response_headers(e, base, types);
    let mut variants = Vec::new();
    let mut vnamer = Namer::default();
    for (r, with_headers) in e.responses.iter().zip(carries) {
        let mut cx = shapes::Ctx {
            models,
            types,
            out: &mut types_in_group,
            diags,
            endpoint: e,
        };
        let (kind, ty) = response_body(r, base, shape_types, &mut cx);
        let headers_ty = headers
            .as_ref()
            .filter(|_| with_headers)
            .map(|h| h.name.as_str());
        let (shape, bind) = match (kind == BodyKind::None, headers_ty) {
            (true, None) => (String::new(), String::new()),
            (true, Some(h)) => (format!("({h})"), "(h)".into()),
            (false, None) => (format!("({ty})"), "(b)".into()),
            (false, Some(h)) => (format!("({ty}, {h})"), "(b, h)".into()),
        };
        variants.push(VariantView {
            name: vnamer.unique(&variant_name(r.status.as_u16())),
            status: r.status.as_u16(),
            doc: docs::attrs(&docs::join(&[&format!("`{}`", r.status), &r.description])),
            kind,
            ty,
            headers: headers_ty.is_some(),
            shape,
            bind,
        });
    }

    let p = paths(e, &path_inputs);
    for (input, extract) in path_inputs.iter_mut().zip(p.extract) {
        input.extract = extract;
    }
    let (path_format, path_args, route) = (p.single, p.parts, p.route);
    let raw = variants.is_empty();
    if raw {
        diags.push(Diagnostic::new(
            Severity::Warning,
            "codegen-no-response-code",
            format!(
                "`{} {}` documents no response code; its response enum has one `Raw` variant and the client returns the raw response",
                e.method, e.path
            ),
            &e.source.file,
            e.source.line,
            e.source.column,
        ));
    }
    let media_literals = e
        .request_body
        .iter()
        .flat_map(|b| &b.media_types)
        .map(|m| lit(m.as_str()))
        .collect();
    let query_literals = query_inputs.iter().map(|q| q.wire.clone()).collect();
    EndpointView {
        id: e.id.clone(),
        id_literal: lit(&e.id),
        source,
        fn_name: names.fn_name.clone(),
        handler: format!("serve_{}", names.fn_name.trim_start_matches("r#")),
        request,
        response,
        doc,
        request_struct,
        path_inputs,
        query_inputs,
        header_inputs,
        body_kind,
        body_checks: match body_kind {
            BodyKind::Json => super::versions::body_checks(e, models),
            _ => Vec::new(),
        },
        body_ident,
        method_ident,
        path_format,
        path_args,
        route,
        method: e.method.as_str().to_string(),
        method_fn: match e.method {
            // axum names only the standard methods: the others are served
            // by the route's fallback, which tells them apart by name
            crate::model::HttpMethod::Extension(_) => "any".into(),
            m => m.as_str().to_ascii_lowercase(),
        },
        extension: match e.method {
            crate::model::HttpMethod::Extension(m) => lit(m.as_str()),
            _ => String::new(),
        },
        auth: e.auth.required,
        token: e
            .auth
            .one_time_token
            .as_deref()
            .map(lit)
            .unwrap_or_default(),
        headers,
        binary_media: lit(binary_media(e)),
        dispatched: false,
        mounted: true,
        variants,
        structs: types_in_group,
        media_literals,
        query_literals,
        raw,
        min_version: version_expr(e.min_version),
        max_version: version_expr(e.max_version),
        versioned: e.min_version.is_some() || e.max_version.is_some(),
        min: e.min_version,
        max: e.max_version,
        body_key: match &e.dispatch {
            Some(crate::model::Dispatch::BodyKey(k)) if body_kind == BodyKind::Json => lit(k),
            _ => String::new(),
        },
        unmountable: p.unmountable,
        xml: Default::default(),
    }
}

/// The body fields of an action: its key first when the page lists only
/// what goes inside it (the server routes by that key, so the client must
/// send it).
fn action_fields(e: &Endpoint, fields: &[Param]) -> Vec<Param> {
    let Some(crate::model::Dispatch::BodyKey(key)) = &e.dispatch else {
        return fields.to_vec();
    };
    if fields.iter().any(|f| f.name == *key) {
        return fields.to_vec();
    }
    let mut out = vec![Param {
        name: key.clone(),
        location: ParamLocation::Body,
        required: true,
        ty: crate::model::TypeRef::Any,
        description: format!(
            "The `{key}` action: names it for the server, which routes by this key."
        ),
        min_version: None,
        max_version: None,
        fixed: None,
        example: None,
        documented: false,
        source: None,
    }];
    out.extend(fields.iter().cloned());
    out
}

/// An `Option<rt::Version>` expression.
pub fn version_expr(v: Option<crate::model::ApiVersion>) -> String {
    v.map_or("None".into(), |v| {
        format!("Some(rt::Version::new({}, {}))", v.major, v.minor)
    })
}

/// A documented `Content-Type` request header on an endpoint with a JSON
/// request body: the body's media type, which the JSON encoder sends.
fn is_body_content_type(e: &Endpoint, p: &Param) -> bool {
    p.location == ParamLocation::Header
        && p.name.eq_ignore_ascii_case("Content-Type")
        && e.request_body.as_ref().is_some_and(|b| {
            b.object.is_some()
                || !b.fields.is_empty()
                || b.media_types.iter().any(MediaType::is_json)
        })
}

/// Query and header parameters, one per wire name (header names compared
/// without case): a name documented twice (an integer `marker` and a
/// string `marker` for different versions) is one field, typed as text
/// when the types differ, with a diagnostic.
fn one_per_wire_name(e: &Endpoint, inferred: &[Param], diags: &mut Vec<Diagnostic>) -> Vec<Param> {
    let mut out: Vec<Param> = Vec::new();
    for p in e.params.iter().chain(inferred) {
        if !matches!(p.location, ParamLocation::Query | ParamLocation::Header) {
            continue;
        }
        let same = |q: &Param| {
            q.location == p.location
                && if p.location == ParamLocation::Header {
                    q.name.eq_ignore_ascii_case(&p.name)
                } else {
                    q.name == p.name
                }
        };
        let Some(first) = out.iter_mut().find(|q| same(q)) else {
            out.push(p.clone());
            continue;
        };
        let at = p.source.as_ref().unwrap_or(&e.source);
        let retyped = first.ty != p.ty && param_type(&first.ty) != param_type(&p.ty);
        diags.push(Diagnostic::new(
            Severity::Warning,
            "codegen-duplicate-param",
            format!(
                "{} parameter `{}` of `{}` is documented twice{}; it is one field{}",
                match p.location {
                    ParamLocation::Header => "header",
                    _ => "query",
                },
                p.name,
                e.id,
                if retyped {
                    format!(" (as `{}` and `{}`)", first.ty, p.ty)
                } else {
                    String::new()
                },
                if retyped { ", sent as text" } else { "" }
            ),
            &at.file,
            at.line,
            at.column,
        ));
        if retyped {
            first.ty = crate::model::TypeRef::String;
        }
        first.required &= p.required;
        first.min_version = first.min_version.min(p.min_version);
        first.max_version = match (first.max_version, p.max_version) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
    }
    out
}
