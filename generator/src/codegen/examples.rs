//! The example-test view (issue 9, `tests/examples.rs`): one test per JSON
//! example the pages show. Each decodes the example into the generated type
//! of its endpoint, direction and status, re-encodes it and compares (as
//! JSON values, `null` and absent alike), then sends it through the
//! generated client and server on loopback (an endpoint the router does
//! not mount is only decoded and re-encoded, and says why). Examples that
//! cannot be such a test (XML, text, an endpoint not generated, a body the
//! generated code does not type as JSON) are listed with the reason.

use super::contract::CaseView;
use super::names::{lit, Namer};
use super::view::BodyKind;
use crate::model::{ApiVersion, Direction, Endpoint, Example, ExampleBody};
use serde::Serialize;
use std::collections::BTreeSet;

/// One example test.
#[derive(Debug, Serialize)]
pub struct ExampleTest {
    /// Test function name.
    pub name: String,
    /// `file:line` and title of the example (a literal), for messages.
    pub place: String,
    /// The same as doc text.
    pub doc: String,
    /// `request` or `response`.
    pub direction: &'static str,
    /// The example's JSON text (a literal).
    pub text: String,
    /// The type the example decodes into.
    pub ty: String,
    /// Index of the endpoint's contract case in its group.
    pub case: usize,
    /// The status and body the handler answers with.
    pub reply_status: u16,
    /// An expression of type `Vec<u8>`.
    pub reply_body: String,
    /// The response pattern the client must decode (binding `b` for a
    /// response example).
    pub pattern: String,
    /// The request value (a struct literal expression), when the endpoint
    /// takes one.
    pub request: String,
    /// The version calls ask for, or empty.
    pub version: String,
    /// Why the example is only decoded and re-encoded, not sent on
    /// loopback (the router does not mount the endpoint), or empty.
    pub decode_only: String,
}

/// An example with no test, and why.
#[derive(Debug, Serialize)]
pub struct Skipped {
    pub place: String,
    pub reason: String,
}

/// The example tests of one group.
#[derive(Debug, Serialize)]
pub struct GroupExamples {
    pub module: String,
    pub feature: String,
    pub cases: Vec<CaseView>,
    pub tests: Vec<ExampleTest>,
    /// Whether any test goes through client and server (the group's
    /// `Api` is then implemented).
    pub loopback: bool,
}

/// `ty` with the group's own types (bare identifiers the generator
/// named) written as `{krate}::{module}::Name`, so a test needs no import.
fn qualify(ty: &str, krate: &str, module: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let local = word.starts_with(|c: char| c.is_ascii_uppercase())
            && !out.ends_with("::")
            && !matches!(word.as_str(), "Vec" | "Option" | "String" | "Box");
        if local {
            out.push_str(&format!("{krate}::{module}::"));
        }
        out.push_str(word);
        word.clear();
    };
    for ch in ty.chars() {
        if ch.is_ascii_alphanumeric() || ch == '_' || ch == '#' {
            word.push(ch);
        } else {
            flush(&mut word, &mut out);
            out.push(ch);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn place(x: &Example) -> String {
    format!("{}:{} ({})", x.source.file, x.source.line, x.title)
}

/// The tests of one group's endpoints (`cases[i]` is `pages[i]`'s case);
/// skipped examples are appended to `skipped`.
pub fn group(
    krate: &str,
    module: &str,
    feature: &str,
    pages: &[&Endpoint],
    cases: Vec<CaseView>,
    skipped: &mut Vec<Skipped>,
) -> GroupExamples {
    let mut names = Namer::default();
    let mut tests = Vec::new();
    for (i, (e, c)) in pages.iter().zip(&cases).enumerate() {
        for x in &e.examples {
            match test(krate, e, c, i, x, &mut names) {
                Ok(mut t) => {
                    t.ty = qualify(&t.ty, krate, module);
                    tests.push(t)
                }
                Err(reason) => skipped.push(Skipped {
                    place: place(x),
                    reason,
                }),
            }
        }
    }
    GroupExamples {
        module: module.to_string(),
        feature: feature.to_string(),
        cases,
        loopback: tests.iter().any(|t| t.decode_only.is_empty()),
        tests,
    }
}

/// Examples of endpoints that are not generated at all.
pub fn not_generated(e: &Endpoint, skipped: &mut Vec<Skipped>) {
    for x in &e.examples {
        skipped.push(Skipped {
            place: place(x),
            reason: format!("endpoint `{}` is not generated (see its diagnostic)", e.id),
        });
    }
}

fn test(
    krate: &str,
    e: &Endpoint,
    c: &CaseView,
    case: usize,
    x: &Example,
    names: &mut Namer,
) -> Result<ExampleTest, String> {
    let value = match &x.body {
        ExampleBody::Json(v) => v,
        ExampleBody::Xml { .. } => {
            return Err("an XML example: tests/xml.rs decodes and re-encodes it, the contract suite sends it as XML".into())
        }
        ExampleBody::Text(_) => return Err("not a JSON example (text sample)".into()),
    };
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let status = x.status.map(|s| s.as_u16());
    let json_body = |kind: BodyKind, ty: &str| kind == BodyKind::Json && !ty.is_empty();
    let (direction, ty, reply_status, reply_body, pattern) = match x.direction {
        Direction::Request => {
            if !json_body(c.body_kind, &c.body_ty) {
                return Err(format!(
                    "the request body of `{}` is not JSON in the generated client",
                    e.id
                ));
            }
            let Some(v) = c.variants.first() else {
                return Err(format!("`{}` documents no response code", e.id));
            };
            let body = match v.kind {
                BodyKind::Json => format!(
                    "serde_json::to_vec(&<{} as Default>::default()).unwrap_or_default()",
                    v.ty
                ),
                BodyKind::None => "Vec::new()".into(),
                BodyKind::Binary | BodyKind::Raw => "b\"answer\".to_vec()".into(),
            };
            (
                "request",
                c.body_ty.clone(),
                v.status,
                body,
                if v.kind == BodyKind::None && !v.headers {
                    format!("{}::{}", c.response, v.name)
                } else {
                    format!("{}::{}(..)", c.response, v.name)
                },
            )
        }
        Direction::Response => {
            let Some(status) = status else {
                return Err(format!(
                    "`{}` documents no response code to tie the example to",
                    e.id
                ));
            };
            let Some(v) = c.variants.iter().find(|v| v.status == status) else {
                return Err(format!("`{}` has no generated {status} response", e.id));
            };
            if !json_body(v.kind, &v.ty) {
                return Err(format!(
                    "the {status} response of `{}` is not a JSON body in the generated client",
                    e.id
                ));
            }
            (
                "response",
                v.ty.clone(),
                status,
                "TEXT.as_bytes().to_vec()".into(),
                format!("{}::{}(b, ..)", c.response, v.name),
            )
        }
    };
    let base = c.fn_name.trim_start_matches("r#");
    let name = names.unique(&format!(
        "{base}_{direction}{}",
        status
            .filter(|_| direction == "response")
            .map(|s| format!("_{s}"))
            .unwrap_or_default()
    ));
    let request = if c.has_request {
        request_literal(e, c, x.direction)
    } else {
        String::new()
    };
    Ok(ExampleTest {
        place: lit(&place(x)),
        doc: format!("`{}` {direction} example at {}", e.id, place(x)),
        name,
        direction,
        text: lit(&text),
        ty,
        case,
        reply_status,
        reply_body,
        pattern,
        request,
        version: match x.direction {
            Direction::Request => request_version(e, c, value)?,
            // the call sends the endpoint's first request example, if any
            Direction::Response => match first_request(e) {
                Some(v) => request_version(e, c, v)?,
                None => c.chosen,
            },
        }
        .map(|v| format!("{krate}::runtime::Version::new({}, {})", v.major, v.minor))
        .unwrap_or_default(),
        decode_only: if c.mounted {
            String::new()
        } else {
            format!(
                "`{}` shares its route with another endpoint the router mounts instead",
                e.id
            )
        },
    })
}

/// The request value: every input at its sample (optional ones set, as
/// the documented calls do), the body decoded from the example (request)
/// or from the endpoint's first JSON request example, else the default
/// body naming the action (response).
fn request_literal(e: &Endpoint, c: &CaseView, dir: Direction) -> String {
    let mut fields = Vec::new();
    for i in &c.inputs {
        let value = if i.required {
            i.sample.clone()
        } else if i.optional == "None" {
            "None".into()
        } else {
            format!("Some({})", i.sample)
        };
        fields.push(format!("{}: {value}", i.ident));
    }
    if !c.method_ident.is_empty() {
        fields.push(format!("{}: String::from(\"PATCH\")", c.method_ident));
    }
    let body = match (c.body_kind, dir) {
        (BodyKind::Json, Direction::Request) => Some("typed".to_string()),
        (BodyKind::Json, Direction::Response) => Some(match first_request(e) {
            Some(v) => format!(
                "support::decode({}, WHERE)",
                lit(&serde_json::to_string(v).unwrap_or_default())
            ),
            None => format!(
                "support::with_key(<{} as Default>::default(), {})",
                c.body_ty,
                if c.key.is_empty() {
                    "None".to_string()
                } else {
                    format!("Some({})", c.key)
                }
            ),
        }),
        (BodyKind::Binary, _) => Some("support::binary()".to_string()),
        _ => None,
    };
    if let Some(b) = body {
        fields.push(format!("{}: {b}", c.body_ident));
    }
    format!("{} {{ {} }}", c.request, fields.join(", "))
}

/// The endpoint's first JSON request example: the body a response
/// example's call sends.
fn first_request(e: &Endpoint) -> Option<&serde_json::Value> {
    e.examples
        .iter()
        .filter(|x| x.direction == Direction::Request)
        .find_map(|x| x.body.as_json())
}

/// The version a request example is sent at: the one documented calls ask
/// for, raised to the first version in which every versioned body field
/// the example holds exists (the client refuses a field outside its range,
/// and counts a field as sent when its name is a member anywhere in the
/// body). An example no single version admits is skipped, saying why.
fn request_version(
    e: &Endpoint,
    c: &CaseView,
    value: &serde_json::Value,
) -> Result<Option<ApiVersion>, String> {
    let Some(body) = e.request_body.as_ref().filter(|b| b.object.is_none()) else {
        return Ok(c.chosen);
    };
    let mut keys = BTreeSet::new();
    members(value, &mut keys);
    let versioned: Vec<_> = body
        .fields
        .iter()
        .filter(|p| p.min_version.is_some() || p.max_version.is_some())
        .filter(|p| keys.contains(p.name.as_str()))
        .collect();
    let at = versioned
        .iter()
        .filter_map(|p| p.min_version)
        .chain(c.chosen)
        .max();
    let too_new = |max: Option<ApiVersion>| at.zip(max).is_some_and(|(a, m)| a > m);
    if let Some(p) = versioned.iter().find(|p| too_new(p.max_version)) {
        return Err(format!(
            "no version admits every field of the example: `{}` ends before another begins",
            p.name
        ));
    }
    if too_new(e.max_version) {
        return Err(format!(
            "the example's fields need a version after `{}`'s last",
            e.id
        ));
    }
    Ok(at)
}

/// Every member name anywhere in a JSON value.
fn members<'v>(value: &'v serde_json::Value, out: &mut BTreeSet<&'v str>) {
    match value {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                out.insert(k);
                members(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| members(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{members, qualify};
    use std::collections::BTreeSet;

    #[test]
    fn group_types_are_qualified() {
        assert_eq!(
            qualify("Vec<Option<Server>>", "k", "m"),
            "Vec<Option<k::m::Server>>"
        );
        assert_eq!(
            qualify(
                "std::collections::BTreeMap<String, serde_json::Value>",
                "k",
                "m"
            ),
            "std::collections::BTreeMap<String, serde_json::Value>"
        );
        assert_eq!(qualify("k::models::Image", "k", "m"), "k::models::Image");
    }

    #[test]
    fn members_are_found_at_any_depth() {
        let v = serde_json::json!({"project": {"is_domain": true, "tags": [{"k": 1}]}});
        let mut keys = BTreeSet::new();
        members(&v, &mut keys);
        assert_eq!(
            keys.into_iter().collect::<Vec<_>>(),
            ["is_domain", "k", "project", "tags"]
        );
    }
}
