//! The view of the contract test suite (`tests/contract.rs`, option
//! `tests`): for every endpoint, sample values for its inputs (text that
//! needs percent-encoding included), the path segments the server must see,
//! the query keys, a method the route does not serve, and what each
//! documented response looks like, so the template only arranges them.

use super::names::lit;
use super::routes::RouteView;
use super::view::{BodyKind, EndpointView, InputView};
use crate::model::{ApiVersion, Endpoint, SegmentPart};
use serde::Serialize;
use std::collections::BTreeMap;

/// One endpoint's contract cases.
#[derive(Debug, Serialize)]
pub struct CaseView {
    /// The version documented calls ask for ([`CaseView::version`] as a value).
    #[serde(skip)]
    pub chosen: Option<ApiVersion>,
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
    /// The request field naming the method of an any-method route, or empty.
    pub method_ident: String,
    /// The request body type, with `crate::` made the crate's name.
    pub body_ty: String,
    /// The decoded path segments the server must see, as literals.
    pub segments: Vec<String>,
    /// The path with plain values (`x`), for raw requests (a literal).
    pub raw_path: String,
    pub method: String,
    /// A method the route does not serve.
    pub wrong_method: String,
    /// The route serves every method: no wrong-method test.
    pub any_method: bool,
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
    /// No documented code: one `Raw` variant, no undocumented-status test.
    pub raw: bool,
    /// Required query parameters and headers with valid text (literal pairs).
    pub query_valid: Vec<String>,
    pub headers_valid: Vec<String>,
    /// The version documented calls ask for (`Some(..)` / `None` expression).
    pub version: String,
    /// Requests refused before the handler: one test each.
    pub refusals: Vec<Refusal>,
    /// The action's body key (a literal) and the other keys on its route.
    pub key: String,
    pub other_keys: Vec<String>,
    pub route_keys: Vec<String>,
    /// Versions outside the endpoint's range (expressions), for `404` tests.
    pub outside: Vec<Outside>,
    /// Parameters the client refuses at some version.
    pub param_outside: Vec<ParamOutside>,
    /// Body fields the client (and server) refuse at some version.
    pub body_outside: Vec<super::versions::BodyOutside>,
    /// The body may travel as XML: one more round trip in XML.
    pub xml: bool,
    /// The page's XML request sample (a literal) the sample body is read
    /// from, or empty (set by [`super::xml::sample`]).
    pub xml_sample: String,
}

/// One request refused before the handler runs.
#[derive(Debug, Serialize)]
pub struct Refusal {
    /// Test name.
    pub name: String,
    /// A `support::Tweak` expression.
    pub tweak: String,
    pub status: u16,
    /// Text the answer must hold (a literal).
    pub needle: String,
}

/// A version outside an endpoint's range.
#[derive(Debug, Serialize)]
pub struct Outside {
    pub name: String,
    pub version: String,
}

/// A parameter set at a version outside its range.
#[derive(Debug, Serialize)]
pub struct ParamOutside {
    pub name: String,
    pub ident: String,
    pub wire: String,
    pub required: bool,
    pub sample: String,
    pub version: String,
    /// A required query parameter at a version the endpoint has: the
    /// server refuses it too.
    pub server: bool,
}

/// A sample value of one input.
#[derive(Debug, Serialize)]
pub struct SampleView {
    pub ident: String,
    pub wire: String,
    pub required: bool,
    /// A Rust expression of the input's value type.
    pub sample: String,
    /// The value of an optional input in `request(all)`: `all.then_some(..)`,
    /// `all.then(|| ..)`, or `None` when the documented calls' version lacks it.
    pub optional: String,
    /// An input required within a version range only: an `Option` set in
    /// every documented call whose version has it (`optional` is then
    /// `Some(..)`), never left out to vary the call.
    pub fixed: bool,
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
    group: &str,
    pages: &[&Endpoint],
    views: &[EndpointView],
    routes: &[RouteView],
) -> Vec<CaseView> {
    let methods: BTreeMap<&str, Served> = routes
        .iter()
        .map(|r| {
            let m = r
                .methods
                .iter()
                // a route's extension methods answer other methods `405`
                // unless an any-method endpoint takes them
                .map(|m| {
                    let name = if m.by_method && m.rest.is_empty() {
                        "named"
                    } else {
                        m.method_fn.as_str()
                    };
                    (name, m.keys.as_slice())
                })
                .collect();
            (r.route.as_str(), m)
        })
        .collect();
    let mut modules = super::names::Namer::default();
    modules.reserve(group);
    pages
        .iter()
        .zip(views)
        .map(|(e, v)| {
            let mut c = case(krate, e, v, methods.get(v.route.as_str()));
            c.module = modules.unique(&c.module);
            c
        })
        .collect()
}

/// The methods a route serves, with the body keys of its actions.
type Served<'a> = Vec<(&'a str, &'a [String])>;

fn case(krate: &str, e: &Endpoint, v: &EndpointView, served_on: Option<&Served>) -> CaseView {
    let served = served_on;
    let ty = |t: &str| t.replace("crate::", &format!("{krate}::"));
    let all_inputs = || {
        v.path_inputs
            .iter()
            .chain(&v.query_inputs)
            .chain(&v.header_inputs)
    };
    // documented calls ask for the endpoint's first version (or the first
    // one every required parameter exists in)
    let chosen: Option<ApiVersion> = all_inputs()
        .filter(|i| i.required)
        .filter_map(|i| i.min)
        .chain(
            v.body_checks
                .iter()
                .filter(|b| b.required)
                .filter_map(|b| b.min),
        )
        .chain(v.min)
        .max();
    let in_range =
        |at: Option<ApiVersion>, min: Option<ApiVersion>, max: Option<ApiVersion>| match at {
            None => min.is_none(),
            Some(x) => min.is_none_or(|m| x >= m) && max.is_none_or(|m| x <= m),
        };
    let mut inputs = Vec::new();
    let mut param_outside = Vec::new();
    let mut n = 0;
    for (location, list) in [
        ("path", &v.path_inputs),
        ("query", &v.query_inputs),
        ("header", &v.header_inputs),
    ] {
        for i in list {
            n += 1;
            let mut s = sample_input(krate, i, location, n);
            if i.in_range_only {
                s.fixed = true;
                s.optional = if in_range(chosen, i.min, i.max) {
                    format!("Some({})", s.sample)
                } else {
                    "None".into()
                };
            } else if !in_range(chosen, i.min, i.max) && !i.required {
                s.optional = "None".into();
            }
            if let Some(out) = below(i.min).or_else(|| above(i.max).map(Some)) {
                param_outside.push(ParamOutside {
                    name: format!(
                        "param_{}_outside_its_versions",
                        s.ident.trim_start_matches("r#")
                    ),
                    ident: s.ident.clone(),
                    wire: s.wire.clone(),
                    required: s.required,
                    sample: s.sample.clone(),
                    version: version_expr(krate, out),
                    server: location == "query" && i.required && in_range(out, v.min, v.max),
                });
            }
            inputs.push(s);
        }
    }
    let (segments, raw_path) = segments(e, &v.path_inputs);
    let mounted_plain = v.mounted && !v.dispatched;
    let mut refusals = Vec::new();
    if mounted_plain {
        refusals = refusals_of(e, v, &inputs);
    }
    let mut outside = Vec::new();
    if v.mounted {
        if let Some(b) = below(v.min) {
            outside.push(Outside {
                name: "below_its_versions_404".into(),
                version: version_expr(krate, b),
            });
        }
        if let Some(a) = above(v.max) {
            outside.push(Outside {
                name: "above_its_versions_404".into(),
                version: version_expr(krate, Some(a)),
            });
        }
    }
    let valid = |list: &[InputView]| -> Vec<String> {
        list.iter()
            .filter(|i| required_here(i, &inputs))
            .map(|i| format!("({}, {})", i.wire, lit(&valid_text(i))))
            .collect()
    };
    // the query keys sent with every optional input set (those the
    // documented calls' version has)
    let mut query_all: Vec<String> = v
        .query_inputs
        .iter()
        .map(|q| q.wire.clone())
        .filter(|w| inputs.iter().any(|i| i.wire == *w && i.optional != "None"))
        .collect();
    query_all.sort();
    let mut query_required: Vec<String> = v
        .query_inputs
        .iter()
        .filter(|q| required_here(q, &inputs))
        .map(|q| q.wire.clone())
        .collect();
    query_required.sort();
    let served: Vec<&str> = served
        .map(|s| s.iter().map(|m| m.0).collect())
        .unwrap_or_default();
    let (query_valid, headers_valid) = (valid(&v.query_inputs), valid(&v.header_inputs));
    let route_keys: Vec<String> = served_on
        .and_then(|s| s.iter().find(|m| m.0 == v.method_fn))
        .map(|m| m.1.to_vec())
        .unwrap_or_default();
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
        None if v.raw => "variant",
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
                optional: String::new(),
                fixed: false,
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
        has_optional: inputs
            .iter()
            .any(|i| !i.required && !i.fixed && i.optional != "None"),
        vary: inputs
            .iter()
            .any(|i| !i.required && !i.fixed && i.optional != "None")
            && !v.dispatched,
        inputs,
        body_kind: v.body_kind,
        body_ident: v.body_ident.clone(),
        method_ident: v.method_ident.clone(),
        body_ty,
        segments,
        raw_path,
        // an any-method route is called with PATCH and has no wrong method
        method: if v.method_ident.is_empty() {
            v.method.clone()
        } else {
            "PATCH".into()
        },
        any_method: !v.method_ident.is_empty() || served.contains(&"any"),
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
            .chain(v.raw.then(|| VariantCase {
                name: "Raw".into(),
                status: 200,
                kind: BodyKind::Raw,
                ty: String::new(),
                headers: false,
            }))
            .collect(),
        headers,
        raw: v.raw,
        query_valid,
        headers_valid,
        version: version_expr(krate, chosen),
        chosen,
        refusals,
        key: v.body_key.clone(),
        other_keys: route_keys
            .iter()
            .filter(|k| **k != v.body_key)
            .cloned()
            .collect(),
        route_keys,
        outside,
        param_outside,
        body_outside: super::versions::outside(krate, v),
        xml: v.xml.request,
        xml_sample: String::new(),
    }
}

/// A version just below `min` (no version at all below `x.0`).
pub(super) fn below(min: Option<ApiVersion>) -> Option<Option<ApiVersion>> {
    let m = min?;
    Some((m.minor > 0).then(|| ApiVersion::new(m.major, m.minor - 1)))
}

/// A version just above `max`.
pub(super) fn above(max: Option<ApiVersion>) -> Option<ApiVersion> {
    max.map(|m| ApiVersion::new(m.major, m.minor.saturating_add(1)))
}

/// An `Option<Version>` expression in the test crate.
pub(super) fn version_expr(krate: &str, v: Option<ApiVersion>) -> String {
    v.map_or("None".into(), |v| {
        format!(
            "Some({krate}::runtime::Version::new({}, {}))",
            v.major, v.minor
        )
    })
}

/// Text that parses as the input's type.
fn valid_text(i: &InputView) -> String {
    match i.ty.as_str() {
        "i64" => "7".into(),
        "f64" => "1.5".into(),
        "bool" => "true".into(),
        "crate::runtime::DateTime" => "2024-01-02T03:04:05+00:00".into(),
        _ => "x".into(),
    }
}

/// Text that does not parse as a typed input, or `None` for text inputs.
fn invalid_text(i: &InputView) -> Option<&'static str> {
    match i.ty.as_str() {
        "i64" | "f64" => Some("not-a-number"),
        "bool" => Some("not-a-boolean"),
        "crate::runtime::DateTime" => Some("not-a-date"),
        _ => None,
    }
}

/// Whether the documented calls must send input `i`: a required one, or
/// one required in a range that holds their version (`inputs`: their
/// samples). Left out, such an input is refused.
fn required_here(i: &InputView, inputs: &[SampleView]) -> bool {
    i.required
        && inputs
            .iter()
            .find(|s| s.wire == i.wire)
            .is_none_or(|s| s.required || (s.fixed && s.optional != "None"))
}

/// The refusals that apply to an endpoint: a typed parameter that does not
/// parse, a missing required query parameter or header, malformed JSON, a
/// JSON body sent as something else, and one over the size limit.
fn refusals_of(e: &Endpoint, v: &EndpointView, inputs: &[SampleView]) -> Vec<Refusal> {
    let mut out = Vec::new();
    let name =
        |what: &str, i: &InputView| format!("{what}_{}_400", i.ident.trim_start_matches("r#"));
    for (k, i) in v.path_inputs.iter().enumerate() {
        if let Some(bad) = invalid_text(i) {
            let path = raw_path_with(e, &v.path_inputs, k, bad);
            out.push(Refusal {
                name: name("invalid_path", i),
                tweak: format!("support::Tweak::Path({})", lit(&path)),
                status: 400,
                needle: i.wire.clone(),
            });
        }
    }
    for (loc, list) in [("Query", &v.query_inputs), ("Header", &v.header_inputs)] {
        for i in list {
            if let Some(bad) = invalid_text(i) {
                out.push(Refusal {
                    name: name(&format!("invalid_{}", loc.to_ascii_lowercase()), i),
                    tweak: format!("support::Tweak::{loc}({}, Some({}))", i.wire, lit(bad)),
                    status: 400,
                    needle: i.wire.clone(),
                });
            }
            if required_here(i, inputs) {
                out.push(Refusal {
                    name: name(&format!("missing_{}", loc.to_ascii_lowercase()), i),
                    tweak: format!("support::Tweak::{loc}({}, None)", i.wire),
                    status: 400,
                    needle: i.wire.clone(),
                });
            }
        }
    }
    if v.body_kind == BodyKind::Json {
        out.push(Refusal {
            name: "malformed_json_400".into(),
            tweak: "support::Tweak::Body(\"application/json\", support::MALFORMED.to_vec())".into(),
            status: 400,
            needle: "&support::malformed_message()".into(),
        });
        out.push(Refusal {
            name: "json_sent_as_text_415".into(),
            tweak: "support::Tweak::Body(\"text/plain\", body())".into(),
            status: 415,
            needle: lit("application/json"),
        });
        out.push(Refusal {
            name: "body_over_limit_413".into(),
            tweak: "support::Tweak::Body(\"application/json\", support::oversized())".into(),
            status: 413,
            needle: lit("larger than"),
        });
    }
    out
}

/// The raw path with valid values, `bad` in place of path input `k`.
fn raw_path_with(e: &Endpoint, inputs: &[InputView], k: usize, bad: &str) -> String {
    let mut out = String::new();
    let mut n = 0;
    for seg in e.path.segments() {
        out.push('/');
        for part in &seg.parts {
            match part {
                SegmentPart::Literal(l) => out.push_str(l),
                SegmentPart::Param { .. } => {
                    let text = match inputs.get(n) {
                        Some(_) if n == k => bad.to_string(),
                        Some(i) if i.catch_all => "x/y".to_string(),
                        Some(i) => valid_text(i),
                        None => "x".into(),
                    };
                    n += 1;
                    out.push_str(&text);
                }
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
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
    let cheap = matches!(i.ty.as_str(), "i64" | "f64" | "bool");
    let optional = if cheap {
        format!("all.then_some({sample})")
    } else {
        format!("all.then(|| {sample})")
    };
    SampleView {
        ident: i.ident.clone(),
        wire: i.wire.clone(),
        required: i.required && !i.in_range_only,
        sample,
        optional,
        fixed: false,
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
                        raw.push_str(&valid_text(i));
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
