//! Response headers as typed fields: the headers a page documents for its
//! responses (`Content-MD5`, `Content-Range`, ...), and the conditional
//! request a documented `304 Not Modified` implies (RFC 9110 §15.4.5: a
//! `304` only ever answers a conditional request, so the request gets an
//! optional `If-None-Match` and the `2xx`/`304` answers an `ETag`).

use super::docs;
use super::names::{lit, Namer};
use super::types::param_type;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Endpoint, Param, ParamLocation, TypeRef};
use serde::Serialize;

/// The response headers of one endpoint: one optional field per header
/// documented for any of its responses.
#[derive(Debug, Serialize)]
pub struct HeadersView {
    pub name: String,
    pub doc: String,
    pub fields: Vec<HeaderField>,
}

/// One response header.
#[derive(Debug, Serialize)]
pub struct HeaderField {
    pub ident: String,
    /// Wire name as a string literal.
    pub wire: String,
    /// The value type (the field is an `Option` of it).
    pub ty: String,
    pub doc: String,
}

/// Headers the transport sets from the body itself; a typed field could
/// only contradict it.
const TRANSPORT: &[&str] = &["content-length", "transfer-encoding"];

/// Request headers that carry the caller's credential, as the generated
/// client's `Auth` sends them: `X-Auth-Token` (OpenStack: "a valid
/// authentication token", the header every service's auth middleware
/// reads; `Auth::Token`) and `Authorization` (RFC 9110 §11.6.2, the HTTP
/// credentials header; `Auth::Basic`). Other token headers, such as
/// Keystone's `X-Subject-Token` (the token a call validates or revokes),
/// are what the call is about and stay arguments.
const CREDENTIALS: &[&str] = &["x-auth-token", "authorization"];

/// Request headers the HTTP stack or the generated client sets itself:
/// the message framing (`Content-Length`, `Transfer-Encoding`, RFC 9112
/// section 6) and connection control (`Host`, `Connection`, `TE`,
/// `Upgrade`, `Keep-Alive`, `Trailer`, `Expect`), which a caller setting
/// them could only contradict (a `Content-Length` other than the body's is
/// a malformed request), and `Accept` and `Content-Type`, which the client
/// derives from the formats the endpoint documents and the body it sends.
const MANAGED: &[&str] = &[
    "content-length",
    "transfer-encoding",
    "host",
    "connection",
    "te",
    "upgrade",
    "keep-alive",
    "trailer",
    "expect",
    "accept",
    "content-type",
];

/// A documented request header the transport or the client sets (see
/// [`MANAGED`]): not an argument, with an `info` saying so.
pub fn managed_header(e: &Endpoint, p: &Param) -> Option<Diagnostic> {
    not_an_argument(
        e,
        p,
        MANAGED,
        "codegen-header-managed",
        "is set by the HTTP client from the request itself (its body, format and connection)",
    )
}

/// A documented request header that is the caller's credential: the
/// client's auth configuration sets it on every call (and a call without
/// credentials must be able to leave it out), so it is not an argument.
/// The `info` diagnostic says so.
pub fn credential_header(e: &Endpoint, p: &Param) -> Option<Diagnostic> {
    not_an_argument(
        e,
        p,
        CREDENTIALS,
        "codegen-auth-header-from-credentials",
        "is the caller's credential; the client sends it from its `Auth` setting",
    )
}

/// An `info` at `p` when it is a request header named in `names` (lower
/// case): `header `X` of `id` {why}, not as an argument`.
fn not_an_argument(
    e: &Endpoint,
    p: &Param,
    names: &[&str],
    code: &'static str,
    why: &str,
) -> Option<Diagnostic> {
    if p.location != ParamLocation::Header || !names.contains(&p.name.to_ascii_lowercase().as_str())
    {
        return None;
    }
    let at = p.source.as_ref().unwrap_or(&e.source);
    Some(Diagnostic::new(
        Severity::Info,
        code,
        format!(
            "header `{}` of `{}` {why}, not as an argument",
            p.name, e.id
        ),
        &at.file,
        at.line,
        at.column,
    ))
}

/// Whether the endpoint documents `304 Not Modified`.
fn conditional(e: &Endpoint) -> bool {
    e.responses.iter().any(|r| r.status.as_u16() == 304)
}

/// A header parameter the request lacks but a documented `304` implies.
pub fn inferred_request_headers(e: &Endpoint) -> Vec<Param> {
    let documented = e.params.iter().any(|p| {
        p.location == ParamLocation::Header && p.name.eq_ignore_ascii_case("If-None-Match")
    });
    if !conditional(e) || documented {
        return Vec::new();
    }
    vec![Param {
        name: "If-None-Match".into(),
        location: ParamLocation::Header,
        required: false,
        ty: TypeRef::String,
        description: "The entity tag of the copy the caller holds; the answer is `304 Not Modified` while it is current. Inferred from the documented `304` response.".into(),
        min_version: None,
        max_version: None,
        fixed: None,
        example: None,
        documented: false,
        source: None,
    }]
}

/// The headers struct of `e` (named `<base>Headers`), and for each of its
/// responses whether that response carries it.
pub fn response_headers(
    e: &Endpoint,
    base: &str,
    types: &mut Namer,
) -> (Option<HeadersView>, Vec<bool>) {
    let etag = conditional(e);
    let mut names: Vec<(&str, Option<&Param>)> = Vec::new();
    let mut carries = Vec::new();
    for r in &e.responses {
        let code = r.status.as_u16();
        let mut any = false;
        for h in &r.headers {
            if TRANSPORT.contains(&h.name.to_ascii_lowercase().as_str()) {
                continue;
            }
            any = true;
            if !names.iter().any(|(n, _)| n.eq_ignore_ascii_case(&h.name)) {
                names.push((&h.name, Some(h)));
            }
        }
        if etag && ((200..300).contains(&code) || code == 304) {
            any = true;
            if !names.iter().any(|(n, _)| n.eq_ignore_ascii_case("ETag")) {
                names.push(("ETag", None));
            }
        }
        carries.push(any);
    }
    if names.is_empty() {
        return (None, carries);
    }
    let mut namer = Namer::default();
    let fields = names
        .iter()
        .map(|(name, p)| {
            let ident = namer.unique(
                &super::names::snake(name).unwrap_or_else(|| "header".into()),
            );
            let doc = match p {
                Some(p) => p.description.clone(),
                None => "The entity tag of the representation, to send back as `If-None-Match`. Inferred from the documented `304` response.".into(),
            };
            HeaderField {
                ident,
                wire: lit(name),
                ty: p.map_or("String", |p| param_type(&p.ty)).to_string(),
                doc: docs::attrs(&docs::join(&[&doc, &format!("Header `{name}`.")])),
            }
        })
        .collect();
    let view = HeadersView {
        name: types.unique(&format!("{base}Headers")),
        doc: docs::attrs(&format!(
            "Documented response headers of `{}`; absent ones are `None`.",
            e.id
        )),
        fields,
    };
    (Some(view), carries)
}
