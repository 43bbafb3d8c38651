//! Response and body kinds: how a body travels (none, a stream, typed
//! JSON), and the names of response variants.

use super::names::pascal;
use super::shapes::{self, ShapeTypes};
use super::structs::inline_struct;
use super::view::BodyKind;
use crate::model::{Direction, Endpoint, MediaType, Response, ResponseKind};

/// The content type of a binary request body: the documented one when it
/// names a concrete type, else `application/octet-stream`.
pub(super) fn binary_media(e: &Endpoint) -> &str {
    e.request_body
        .iter()
        .flat_map(|b| &b.media_types)
        .map(MediaType::as_str)
        .find(|m| !m.contains('*'))
        .unwrap_or("application/octet-stream")
}

pub(super) fn is_binary(media: &[MediaType]) -> bool {
    media.iter().any(MediaType::is_binary) && !media.iter().any(MediaType::is_json)
}

/// The body of one response variant: none, a stream, or a typed JSON
/// value (the shape's types when the model has a shape for it).
pub(super) fn response_body(
    r: &Response,
    base: &str,
    shape_types: &mut ShapeTypes,
    cx: &mut shapes::Ctx<'_>,
) -> (BodyKind, String) {
    let e = cx.endpoint;
    let code = r.status.as_u16();
    if matches!(code, 204 | 304) || e.method == crate::model::HttpMethod::Head {
        return (BodyKind::None, String::new());
    }
    if let Some(t) = &r.object {
        return (BodyKind::Json, cx.models.rust_type(t, None));
    }
    let binary = r.fields.is_empty() && is_binary(&r.media_types);
    if let Some(s) = shapes::find(e, Direction::Response, Some(r.status)).filter(|_| !binary) {
        let name = format!("{base}{}", variant_name(code));
        let doc = format!("Body of the `{code}` response of `{}`.", e.id);
        return (BodyKind::Json, shape_types.body(s, &name, &doc, None, cx));
    }
    if !r.fields.is_empty() {
        let name = cx.types.unique(&format!("{base}{}", variant_name(code)));
        let s = inline_struct(
            name.clone(),
            &format!("Body of the `{code}` response of `{}`.", e.id),
            &r.fields,
            cx.models,
            e,
            cx.diags,
        );
        cx.out.push(s);
        return (BodyKind::Json, name);
    }
    if r.kind == ResponseKind::Error || r.media_types.is_empty() {
        return (BodyKind::None, String::new());
    }
    if is_binary(&r.media_types) {
        return (BodyKind::Binary, "crate::runtime::Binary".into());
    }
    (BodyKind::Json, "serde_json::Value".into())
}

/// Variant name of a status code: its reason phrase, or `Status<code>`.
pub fn variant_name(code: u16) -> String {
    let reason = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritative",
        204 => "NoContent",
        206 => "PartialContent",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        422 => "UnprocessableEntity",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format!("Status{code}"),
    };
    reason.to_string()
}

/// The UpperCamelCase base of an endpoint's type names.
pub fn type_base(fn_name: &str) -> String {
    pascal(fn_name.trim_start_matches("r#")).unwrap_or_else(|| "Endpoint".into())
}
