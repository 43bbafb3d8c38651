//! Request bodies and responses of one operation, from all of its member
//! endpoints.

use super::plan::PlannedOp;
use super::schema::{alternatives, any, binary, Schemas};
use crate::model::{Body, Dispatch, Endpoint, MediaType, Param, TypeRef};
use std::collections::BTreeMap;
use utoipa::openapi::content::Content;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::request_body::{RequestBody, RequestBodyBuilder};
use utoipa::openapi::response::{Response, ResponseBuilder, Responses, ResponsesBuilder};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::{RefOr, Required};

/// The media types a body is sent as: the documented ones, else JSON when
/// it has a documented shape.
fn media_types(listed: &[MediaType], shaped: bool) -> Vec<MediaType> {
    if listed.is_empty() && shaped {
        vec!["application/json".parse().expect("a valid media type")]
    } else {
        listed.to_vec()
    }
}

/// The schema of one documented body in one media type.
fn shape(
    schemas: &Schemas,
    media: &MediaType,
    object: Option<&TypeRef>,
    fields: &[&Param],
) -> RefOr<Schema> {
    if media.is_binary() {
        binary(media)
    } else if let Some(o) = object {
        schemas.of(o)
    } else if !fields.is_empty() {
        schemas.fields(fields)
    } else {
        any(None)
    }
}

/// One member's request body per media type.
fn member_body(
    schemas: &Schemas,
    e: &Endpoint,
    body: &Body,
    keyed: bool,
) -> Vec<(MediaType, RefOr<Schema>)> {
    let fields: Vec<&Param> = body.fields.iter().collect();
    let mts = media_types(
        &body.media_types,
        body.object.is_some() || !fields.is_empty(),
    );
    let key = match (&e.dispatch, keyed) {
        (Some(Dispatch::BodyKey(k)), true) => Some(k.as_str()),
        _ => None,
    };
    mts.into_iter()
        .map(|mt| {
            let schema = match key {
                // `{"os-extend": {...}}`: the action's other fields go under
                // its key.
                Some(k) if !mt.is_binary() => {
                    let inner: Vec<&Param> =
                        fields.iter().copied().filter(|f| f.name != k).collect();
                    let inner_schema = match &body.object {
                        Some(o) => schemas.of(o),
                        None => schemas.fields(&inner),
                    };
                    ObjectBuilder::new()
                        .schema_type(Type::Object)
                        .title(Some(e.id.clone()))
                        .property(k, inner_schema)
                        .required(k)
                        .into()
                }
                _ => shape(schemas, &mt, body.object.as_ref(), &fields),
            };
            (mt, schema)
        })
        .collect()
}

/// The operation's request body: one member's body, or for a merge the
/// members' bodies per media type as `oneOf` (keyed by the action name) or
/// `anyOf` (nothing tells them apart).
pub fn request_body(op: &PlannedOp<'_>, schemas: &Schemas) -> Option<RequestBody> {
    let mut per_mt: BTreeMap<MediaType, Vec<RefOr<Schema>>> = BTreeMap::new();
    let mut with_body = 0;
    let mut description = String::new();
    for e in &op.members {
        let Some(body) = &e.request_body else {
            continue;
        };
        with_body += 1;
        if description.is_empty() {
            description = body.description.clone();
        }
        for (mt, s) in member_body(schemas, e, body, op.keyed) {
            let list = per_mt.entry(mt).or_default();
            if !list.contains(&s) {
                list.push(s);
            }
        }
    }
    if with_body == 0 {
        return None;
    }
    let mut b = RequestBodyBuilder::new()
        .required(Some(if with_body == op.members.len() {
            Required::True
        } else {
            Required::False
        }))
        .description((!description.is_empty()).then_some(description));
    for (mt, list) in per_mt {
        b = b.content(
            mt.as_str(),
            Content::new(Some(alternatives(list, op.keyed))),
        );
    }
    Some(b.build())
}

/// Every documented status code of the members, once each.
pub fn responses(op: &PlannedOp<'_>, schemas: &Schemas) -> Responses {
    struct Gathered {
        descriptions: Vec<String>,
        content: BTreeMap<MediaType, Vec<RefOr<Schema>>>,
        headers: BTreeMap<String, (TypeRef, String)>,
    }
    let mut by_status: BTreeMap<u16, Gathered> = BTreeMap::new();
    for e in &op.members {
        for r in &e.responses {
            let g = by_status.entry(r.status.as_u16()).or_insert(Gathered {
                descriptions: Vec::new(),
                content: BTreeMap::new(),
                headers: BTreeMap::new(),
            });
            let d = r.description.trim();
            if !d.is_empty() && !g.descriptions.iter().any(|x| x == d) {
                g.descriptions.push(d.to_string());
            }
            let fields: Vec<&Param> = r.fields.iter().collect();
            let shaped = r.object.is_some() || !fields.is_empty();
            // RFC 9110: 1xx, 204 and 304 responses have no content, whatever
            // media types the page lists for the endpoint.
            let bodiless = matches!(r.status.as_u16(), 100..=199 | 204 | 304);
            let listed = if bodiless {
                &[][..]
            } else {
                &r.media_types[..]
            };
            for mt in media_types(listed, shaped && !bodiless) {
                let s = shape(schemas, &mt, r.object.as_ref(), &fields);
                let list = g.content.entry(mt).or_default();
                if !list.contains(&s) {
                    list.push(s);
                }
            }
            for h in &r.headers {
                g.headers
                    .entry(h.name.clone())
                    .or_insert((h.ty.clone(), h.description.clone()));
            }
        }
    }
    let mut rb = ResponsesBuilder::new();
    if by_status.is_empty() {
        rb = rb.response(
            "default",
            ResponseBuilder::new().description("No response is documented."),
        );
    }
    for (status, g) in by_status {
        rb = rb.response(
            status.to_string(),
            response(status, g.descriptions, g.content, g.headers, schemas),
        );
    }
    rb.build()
}

fn response(
    status: u16,
    descriptions: Vec<String>,
    content: BTreeMap<MediaType, Vec<RefOr<Schema>>>,
    headers: BTreeMap<String, (TypeRef, String)>,
    schemas: &Schemas,
) -> Response {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Documented status");
    let description = if descriptions.is_empty() {
        reason.to_string()
    } else {
        format!("{reason}: {}", descriptions.join(" / "))
    };
    let mut b = ResponseBuilder::new().description(description);
    for (mt, list) in content {
        b = b.content(mt.as_str(), Content::new(Some(alternatives(list, false))));
    }
    for (name, (ty, desc)) in headers {
        b = b.header(
            name,
            HeaderBuilder::new()
                .schema(schemas.of(&ty))
                .description((!desc.is_empty()).then_some(desc))
                .build(),
        );
    }
    b.build()
}
