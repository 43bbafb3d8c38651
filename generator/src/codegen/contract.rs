//! The view of the contract test suite (`tests/contract.rs`, option
//! `tests`): for every endpoint, sample values for its inputs (text that
//! needs percent-encoding included), the path segments the server must see,
//! the query keys, a method the route does not serve, and what each
//! documented response looks like, so the template only arranges them.

use super::names::lit;
use super::routes::RouteView;
use super::view::{BodyKind, EndpointView, InputView};
use crate::model::{Endpoint, SegmentPart};
use serde::Serialize;
use std::collections::BTreeMap;

/// One endpoint's contract cases.
#[derive(Debug, Serialize)]
pub struct CaseView {
    /// The test module (the client method's name).
    pub module: String,
    pub fn_name: String,
    /// The handler name the fake records (a string literal).
    pub handler: String,
    pub request: String,
    pub response: String,
    pub has_request: bool,
    /// Whether any input is optional.
    pub has_optional: bool,
    /// Path, query and header inputs with their sample values.
    pub inputs: Vec<SampleView>,
    pub body_kind: BodyKind,
    pub body_ident: String,
    /// The request body type, with `crate::` made the crate's name.
    pub body_ty: String,
    /// The decoded path segments the server must see, as literals.
    pub segments: Vec<String>,
    /// The path with plain values (`x`), for raw requests (a literal).
    pub raw_path: String,
    pub method: String,
    /// A method the route does not serve.
    pub wrong_method: String,
    /// Query keys sent when every optional input is set / when none is.
    pub query_all: Vec<String>,
    pub query_required: Vec<String>,
    /// Whether a second round leaves the optional inputs out (not for an
    /// endpoint told apart from others by its query parameters).
    pub vary: bool,
    /// Whether calls without credentials must get `401`.
    pub guarded: bool,
    /// How the client reads that `401`: `unexpected`, `variant` or `json`.
    pub unauthorized: &'static str,
    /// A status the endpoint does not document.
    pub undocumented: u16,
    pub mounted: bool,
    pub variants: Vec<VariantCase>,
    pub headers: Option<HeadersCase>,
}

/// A sample value of one input.
#[derive(Debug, Serialize)]
pub struct SampleView {
    pub ident: String,
    pub wire: String,
    pub required: bool,
    /// A Rust expression of the input's value type.
    pub sample: String,
}

/// One documented response as the fake builds it and the test checks it.
#[derive(Debug, Serialize)]
pub struct VariantCase {
    pub name: String,
    pub status: u16,
    pub kind: BodyKind,
    /// The body type, with `crate::` made the crate's name.
    pub ty: String,
    pub headers: bool,
}

/// The response headers struct and a sample value for each field.
#[derive(Debug, Serialize)]
pub struct HeadersCase {
    pub name: String,
    pub fields: Vec<SampleView>,
}

/// The contract view of one group's endpoints (`views[i]` documents
/// `pages[i]`).
pub fn cases(
    krate: &str,
    pages: &[&Endpoint],
    views: &[EndpointView],
    routes: &[RouteView],
) -> Vec<CaseView> {
    let methods: BTreeMap<&str, Vec<&str>> = routes
        .iter()
        .map(|r| {
            let m = r.methods.iter().map(|m| m.method_fn.as_str()).collect();
            (r.route.as_str(), m)
        })
        .collect();
    pages
        .iter()
        .zip(views)
        .map(|(e, v)| case(krate, e, v, methods.get(v.route.as_str())))
        .collect()
}

fn case(krate: &str, e: &Endpoint, v: &EndpointView, served: Option<&Vec<&str>>) -> CaseView {
    let ty = |t: &str| t.replace("crate::", &format!("{krate}::"));
    let mut inputs = Vec::new();
    let mut n = 0;
    for (location, list) in [
        ("path", &v.path_inputs),
        ("query", &v.query_inputs),
        ("header", &v.header_inputs),
    ] {
        for i in list {
            n += 1;
            inputs.push(sample_input(krate, i, location, n));
        }
    }
    let (segments, raw_path) = segments(e, &v.path_inputs);
    let mut query_all: Vec<String> = v.query_inputs.iter().map(|q| q.wire.clone()).collect();
    query_all.sort();
    let mut query_required: Vec<String> = v
        .query_inputs
        .iter()
        .filter(|q| q.required)
        .map(|q| q.wire.clone())
        .collect();
    query_required.sort();
    let served = served.cloned().unwrap_or_default();
    let wrong_method = ["patch", "put", "delete", "post", "get"]
        .iter()
        .find(|m| !served.contains(m))
        .map_or("TRACE".to_string(), |m| m.to_ascii_uppercase());
    let documented: Vec<u16> = v.variants.iter().map(|x| x.status).collect();
    let undocumented = [418, 499, 599]
        .into_iter()
        .find(|c| !documented.contains(c))
        .unwrap_or(598);
    let unauthorized = match v.variants.iter().find(|x| x.status == 401) {
        None => "unexpected",
        Some(x) if x.kind == BodyKind::Json => "json",
        Some(_) => "variant",
    };
    let headers = v.headers.as_ref().map(|h| HeadersCase {
        name: h.name.clone(),
        fields: h
            .fields
            .iter()
            .map(|f| SampleView {
                ident: f.ident.clone(),
                wire: f.wire.clone(),
                required: false,
                sample: sample_value(krate, &f.ty, &format!("sample {}", unquote(&f.wire))),
            })
            .collect(),
    });
    let body_ty = v
        .request_struct
        .as_ref()
        .and_then(|s| s.fields.iter().find(|f| f.ident == v.body_ident))
        .map(|f| ty(&f.ty))
        .unwrap_or_default();
    CaseView {
        module: v.fn_name.clone(),
        fn_name: v.fn_name.clone(),
        handler: lit(v.fn_name.trim_start_matches("r#")),
        request: v.request.clone(),
        response: v.response.clone(),
        has_request: v.request_struct.is_some(),
        has_optional: inputs.iter().any(|i| !i.required),
        vary: inputs.iter().any(|i| !i.required) && !v.dispatched,
        inputs,
        body_kind: v.body_kind,
        body_ident: v.body_ident.clone(),
        body_ty,
        segments,
        raw_path,
        method: v.method.clone(),
        wrong_method,
        query_all,
        query_required,
        guarded: v.auth || !v.token.is_empty(),
        unauthorized,
        undocumented,
        mounted: v.mounted,
        variants: v
            .variants
            .iter()
            .enumerate()
            .filter(|(k, x)| !v.variants[..*k].iter().any(|y| y.status == x.status))
            .map(|(_, x)| VariantCase {
                name: x.name.clone(),
                status: x.status,
                kind: x.kind,
                ty: ty(&x.ty),
                headers: x.headers,
            })
            .collect(),
        headers,
    }
}

/// The text inside a string literal built by [`lit`] (for sample text).
fn unquote(literal: &str) -> String {
    literal
        .trim_matches('"')
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// The sample text of the `n`th input: path and query text carries
/// characters that must be percent-encoded (space, `/`, `%`, `?`, `#`,
/// `&`, `=`, `+`, non-ASCII); header text stays visible ASCII.
fn sample_text(i: &InputView, location: &str, n: usize) -> String {
    let name = unquote(&i.wire);
    match location {
        "header" => format!("{name}-{n} a/b%c;d=e"),
        _ if i.catch_all => format!("{name} {n}/sub dir%/ä?#&=+.txt"),
        _ => format!("{name} {n}/ä%?#&=+"),
    }
}

fn sample_input(krate: &str, i: &InputView, location: &str, n: usize) -> SampleView {
    let text = sample_text(i, location, n);
    let sample = if i.ty == "i64" {
        format!("{}i64", 6 + n)
    } else {
        sample_value(krate, &i.ty, &text)
    };
    SampleView {
        ident: i.ident.clone(),
        wire: i.wire.clone(),
        required: i.required,
        sample,
    }
}

/// A value of `ty` as a Rust expression; strings get `text`.
fn sample_value(krate: &str, ty: &str, text: &str) -> String {
    match ty {
        "i64" => "7i64".into(),
        "f64" => "1.5f64".into(),
        "bool" => "true".into(),
        "crate::runtime::DateTime" => {
            format!("{krate}::runtime::DateTime::from_timestamp(1704164645, 0).unwrap_or_default()")
        }
        "crate::runtime::Uri" => format!(
            "{krate}::runtime::Uri(String::from({}))",
            lit("http://example.com/a b?c=d")
        ),
        _ => format!("String::from({})", lit(text)),
    }
}

/// The text a path input's sample stands for on the wire, as `to_param`
/// gives it.
fn param_text(i: &InputView, n: usize) -> String {
    match i.ty.as_str() {
        "i64" => (6 + n).to_string(),
        "f64" => "1.5".into(),
        "bool" => "true".into(),
        "crate::runtime::DateTime" => "2024-01-02T03:04:05+00:00".into(),
        "crate::runtime::Uri" => "http://example.com/a b?c=d".into(),
        _ => sample_text(i, "path", n),
    }
}

/// The decoded segments the server must see for the sample values (a
/// catch-all value spans several), and the path with plain values.
fn segments(e: &Endpoint, inputs: &[InputView]) -> (Vec<String>, String) {
    let mut out = Vec::new();
    let mut raw = String::new();
    let mut k = 0;
    for seg in e.path.segments() {
        let mut pieces = vec![String::new()];
        raw.push('/');
        for part in &seg.parts {
            match part {
                SegmentPart::Literal(l) => {
                    if let Some(last) = pieces.last_mut() {
                        last.push_str(l);
                    }
                    raw.push_str(l);
                }
                SegmentPart::Param { .. } => {
                    let Some(i) = inputs.get(k) else { continue };
                    k += 1;
                    let text = param_text(i, k);
                    if i.catch_all {
                        let mut parts = text.split('/');
                        if let (Some(first), Some(last)) = (parts.next(), pieces.last_mut()) {
                            last.push_str(first);
                        }
                        pieces.extend(parts.map(str::to_string));
                        raw.push_str("x/y");
                    } else {
                        if let Some(last) = pieces.last_mut() {
                            last.push_str(&text);
                        }
                        raw.push('x');
                    }
                }
            }
        }
        out.extend(pieces);
    }
    if raw.is_empty() {
        raw.push('/');
    }
    (out.iter().map(|s| lit(s)).collect(), lit(&raw))
}
