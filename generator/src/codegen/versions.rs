//! Microversion ranges of request body fields (os-api-ref `in: body`
//! parameters with `min_version`/`max_version`): the client refuses to send
//! a field outside the version it asks for, and the server answers `400`
//! to one, as for query and header parameters.
//!
//! A field counts as sent when its wire name is a member anywhere in the
//! body's JSON, so the check holds whatever nesting the body type gives
//! the field (pages list body fields flat; the nesting comes from
//! examples). A body listing one wire name twice keeps the first entry,
//! as its struct does.

use super::contract::{above, below};
use super::names::{lit, snake, Namer};
use super::types::Models;
use super::view::{version_expr, EndpointView};
use crate::model::{ApiVersion, Direction, Endpoint, TypeRef};
use serde::Serialize;
use std::collections::BTreeSet;

/// One versioned body field.
#[derive(Debug, Serialize)]
pub struct BodyCheck {
    /// The wire name as a string literal.
    pub wire: String,
    /// The wire name as written (for test names).
    pub name: String,
    pub required: bool,
    /// `Option<rt::Version>` expressions.
    pub min_version: String,
    pub max_version: String,
    /// A Rust expression of a `serde_json::Value` of the field's documented
    /// type (`crate::` paths as in the generated crate).
    pub sample: String,
    #[serde(skip)]
    pub min: Option<ApiVersion>,
    #[serde(skip)]
    pub max: Option<ApiVersion>,
}

/// The versioned fields of `e`'s inline JSON request body.
pub fn body_checks(e: &Endpoint, models: &Models) -> Vec<BodyCheck> {
    let Some(b) = &e.request_body else {
        return Vec::new();
    };
    if b.object.is_some() {
        return Vec::new();
    }
    let mut seen = BTreeSet::new();
    b.fields
        .iter()
        .filter(|p| seen.insert(p.name.as_str()))
        .filter(|p| p.min_version.is_some() || p.max_version.is_some())
        .map(|p| BodyCheck {
            wire: lit(&p.name),
            name: p.name.clone(),
            required: p.required,
            min_version: version_expr(p.min_version),
            max_version: version_expr(p.max_version),
            sample: example_member(e, &p.name).unwrap_or_else(|| sample(&p.ty, models)),
            min: p.min_version,
            max: p.max_version,
        })
        .collect()
}

/// The value a request example of `e` gives member `name` at the body's
/// top level, as a Rust expression: it fits the body's typed shape (an
/// action's object with its required members), where a bare default of the
/// documented type may not.
fn example_member(e: &Endpoint, name: &str) -> Option<String> {
    let value = e
        .examples
        .iter()
        .filter(|x| x.direction == Direction::Request)
        .filter_map(|x| x.body.as_json())
        .find_map(|v| v.get(name))?;
    let text = serde_json::to_string(value).ok()?;
    Some(format!(
        "serde_json::from_str::<serde_json::Value>({}).unwrap_or_default()",
        lit(&text)
    ))
}

/// A JSON value of type `ty`: its Rust type's default, except free-form
/// JSON, whose default (`null`) would read back as an absent field.
fn sample(ty: &TypeRef, models: &Models) -> String {
    match models.rust_type(ty, None).as_str() {
        "serde_json::Value" => "serde_json::json!({})".into(),
        rust => format!("serde_json::to_value(<{rust} as Default>::default()).unwrap_or_default()"),
    }
}

/// A body field set at a version outside its range: the contract test.
#[derive(Debug, Serialize)]
pub struct BodyOutside {
    /// The test's name.
    pub name: String,
    pub wire: String,
    /// The field's JSON sample, `crate::` made the crate's name.
    pub sample: String,
    /// The version asked for (an expression in the test crate).
    pub version: String,
    /// The endpoint exists at that version, so the server refuses the
    /// field too (`400`), not the endpoint (`404`).
    pub server: bool,
}

/// One contract test per versioned body field of a mounted endpoint, at a
/// version just outside its range where every other required input and
/// body field is still in range (else the client would refuse that one
/// first, and the bound cannot be tested alone).
pub fn outside(krate: &str, v: &EndpointView) -> Vec<BodyOutside> {
    if !v.mounted {
        return Vec::new();
    }
    let within = |at: Option<ApiVersion>, min: Option<ApiVersion>, max: Option<ApiVersion>| match at
    {
        None => min.is_none(),
        Some(x) => min.is_none_or(|m| x >= m) && max.is_none_or(|m| x <= m),
    };
    let in_range = |at: Option<ApiVersion>| within(at, v.min, v.max);
    let others_fit = |b: &BodyCheck, at: Option<ApiVersion>| {
        let inputs = v
            .path_inputs
            .iter()
            .chain(&v.query_inputs)
            .chain(&v.header_inputs);
        inputs
            .filter(|i| i.required)
            .all(|i| within(at, i.min, i.max))
            && v.body_checks
                .iter()
                .filter(|o| o.required && o.name != b.name)
                .all(|o| within(at, o.min, o.max))
    };
    let mut names = Namer::default();
    v.body_checks
        .iter()
        .filter_map(|b| {
            let out = below(b.min).or_else(|| above(b.max).map(Some))?;
            if !others_fit(b, out) {
                return None;
            }
            let field = snake(&b.name).unwrap_or_else(|| "field".into());
            Some(BodyOutside {
                name: names.unique(&format!(
                    "body_{}_outside_its_versions",
                    field.trim_start_matches("r#")
                )),
                wire: b.wire.clone(),
                sample: b.sample.replace("crate::", &format!("{krate}::")),
                version: super::contract::version_expr(krate, out),
                server: in_range(out),
            })
        })
        .collect()
}
