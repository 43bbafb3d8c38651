//! Turning what an OpenStack page documents (parameter lists, response
//! codes, examples, prose facts) into the model's request and responses.
//! Shared by both OpenStack dialects so they agree on conventions: JSON
//! unless a media type is stated, response parameters on every normal
//! response (body fields only where the status has a body).

use super::prose::{self, ProseFacts};
use crate::diag::{Diagnostic, Severity};
use crate::dialect::common;
use crate::model::{
    Body, MediaType, Param, ParamLocation, PathTemplate, Response, ResponseKind, SourceLoc,
    StatusCode,
};

/// Parse a documented path like [`common::parse_path`], first renaming a
/// path parameter that appears twice (`/v2.1/{tenant_id}/usage/{tenant_id}`,
/// a real doc bug the model cannot hold) to `{tenant_id_2}`, with a warning.
pub(crate) fn parse_path(
    raw: &str,
    loc: &SourceLoc,
    diags: &mut Vec<Diagnostic>,
) -> Option<PathTemplate> {
    let mut seen: Vec<String> = Vec::new();
    let mut fixed = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let written = &rest[open + 1..close];
        let repaired = plain_name(written);
        if let Some(r) = &repaired {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "path-param-name-repaired",
                format!("path `{raw}`: `{{{written}}}` is not a plain parameter name; read as `{{{r}}}`"),
                &loc.file,
                loc.line,
                loc.column,
            ));
        }
        let inner = repaired.as_deref().unwrap_or(written);
        let name = inner.split(':').next().unwrap_or("").trim().to_string();
        fixed.push_str(&rest[..open]);
        let count = seen.iter().filter(|n| **n == name).count();
        if count > 0 && !name.is_empty() {
            let renamed = format!("{name}_{}", count + 1);
            diags.push(Diagnostic::new(
                Severity::Warning,
                "path-param-repeated",
                format!("path `{raw}` uses parameter `{name}` twice; the second one is renamed `{renamed}`"),
                &loc.file,
                loc.line,
                loc.column,
            ));
            fixed.push('{');
            fixed.push_str(&inner.replacen(name.as_str(), &renamed, 1));
            fixed.push('}');
        } else {
            fixed.push('{');
            fixed.push_str(inner);
            fixed.push('}');
        }
        seen.push(name);
        rest = &rest[close + 1..];
    }
    fixed.push_str(rest);
    common::parse_path(&fixed, loc, diags)
}

/// A brace's text that is not a plain name (`share-id`, `volume id`,
/// ` name `) but clearly means one: runs of `-`, `.` and blanks become `_`.
/// `None` when the text is already plain, holds a `name : regex` pattern,
/// or cannot be read as a name (left to the path parser to report).
fn plain_name(inner: &str) -> Option<String> {
    let plain = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if inner.contains(':') || plain(inner) {
        return None;
    }
    let mut out = String::with_capacity(inner.len());
    for part in inner
        .trim()
        .split(|c: char| c == '-' || c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(part);
    }
    plain(&out).then_some(out)
}

/// What a page documents for one endpoint.
#[derive(Debug, Default)]
pub(crate) struct Documented {
    /// Request parameters, any location, in documented order.
    pub request: Vec<Param>,
    /// Response parameters (headers and body fields).
    pub response: Vec<Param>,
    /// The documented status codes (no headers or fields yet).
    pub responses: Vec<Response>,
    pub request_example: bool,
    pub response_example: bool,
    /// The query string written into the route line, if any.
    pub route_query: Vec<super::route::QueryItem>,
}

/// The model's view of the documented request and responses.
#[derive(Debug)]
pub(crate) struct Assembled {
    pub params: Vec<Param>,
    pub request_body: Option<Body>,
    pub responses: Vec<Response>,
}

/// Add a documented status code, or merge it into one already listed (the
/// first kind wins; a conflicting kind is reported).
pub(crate) fn add_response(
    responses: &mut Vec<Response>,
    status: StatusCode,
    kind: ResponseKind,
    description: String,
    loc: &SourceLoc,
    diags: &mut Vec<Diagnostic>,
) {
    let kind = kind_of_class(status, kind, loc, diags);
    if let Some(r) = responses.iter_mut().find(|r| r.status == status) {
        if r.kind != kind {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "response-code-conflict",
                format!("status {status} is listed as both a normal and an error response"),
                &loc.file,
                loc.line,
                loc.column,
            ));
        }
        if r.description.is_empty() {
            r.description = description;
        }
        return;
    }
    responses.push(Response {
        status,
        kind,
        description,
        media_types: Vec::new(),
        headers: Vec::new(),
        fields: Vec::new(),
        object: None,
    });
}

/// One side's parameters with each (location, name) listed once where the
/// page lists it twice:
/// - the same definition again (a name repeated in a table, or in the
///   table of each microversion's response) is dropped: nothing is lost;
/// - definitions for microversion ranges that do not overlap are both
///   kept: each is the name in its own versions;
/// - any other second definition (a header written twice with other text,
///   or a second table describing a nested object's members under the same
///   names) cannot share a flat list with the first, whose struct field and
///   shape member the name is: it is dropped with a `param-duplicate`
///   warning at its line. The first is what the top level means.
///
/// Path parameters are checked later, with their own code.
fn first_of_each(
    params: Vec<Param>,
    side: &str,
    source: &SourceLoc,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Param> {
    let mut kept: Vec<Param> = Vec::with_capacity(params.len());
    // Where each (location, name) already stands in `kept`: a page listing
    // a hundred thousand names costs a lookup each, not a scan.
    let mut seen: rustc_hash::FxHashMap<(ParamLocation, String), Vec<usize>> =
        rustc_hash::FxHashMap::default();
    for p in params {
        if p.location == ParamLocation::Path {
            kept.push(p);
            continue;
        }
        let at_same_name = seen.entry((p.location, p.name.clone())).or_default();
        let clash = at_same_name
            .iter()
            .map(|&i| &kept[i])
            .find(|k| !apart_in_versions(k, &p));
        let Some(first) = clash else {
            at_same_name.push(kept.len());
            kept.push(p);
            continue;
        };
        if same_definition(first, &p) {
            continue;
        }
        let was = first.source.as_ref().map_or(source.line, |s| s.line);
        let at = p.source.as_ref().unwrap_or(source);
        diags.push(Diagnostic::new(
            Severity::Warning,
            "param-duplicate",
            format!(
                "{side} {} parameter `{}` is listed again with another definition (first at line {was}); the first is kept",
                location_name(p.location),
                p.name,
            ),
            &at.file,
            at.line,
            at.column,
        ));
    }
    kept
}

/// The two definitions apply in microversion ranges that do not overlap.
fn apart_in_versions(a: &Param, b: &Param) -> bool {
    let before = |x: &Param, y: &Param| matches!((x.max_version, y.min_version), (Some(max), Some(min)) if max < min);
    before(a, b) || before(b, a)
}

/// Everything a definition says, its place aside.
fn same_definition(a: &Param, b: &Param) -> bool {
    a.ty == b.ty
        && a.required == b.required
        && a.description == b.description
        && a.min_version == b.min_version
        && a.max_version == b.max_version
}

/// A 2xx code is a success by its class (RFC 9110 section 15.3) whatever
/// label the page lists it under: read as a normal response, with a
/// warning when the page lists it as an error. The response parameters a
/// page documents belong to its success codes, so a success listed as an
/// error (`Error response codes: 201, 404`) would otherwise leave them
/// nowhere. Other codes keep the page's label: an author may document an
/// expected 401 that carries a body as the call's outcome.
fn kind_of_class(
    status: StatusCode,
    stated: ResponseKind,
    loc: &SourceLoc,
    diags: &mut Vec<Diagnostic>,
) -> ResponseKind {
    if status.as_u16() / 100 != 2 || stated == ResponseKind::Normal {
        return stated;
    }
    diags.push(Diagnostic::new(
        Severity::Warning,
        "response-code-kind",
        format!(
            "status {status} is listed as an error response code, but 2xx codes are successes; read as a normal response"
        ),
        &loc.file,
        loc.line,
        loc.column,
    ));
    ResponseKind::Normal
}

/// Media types named in the description of a documented `Content-Type`.
fn content_type_of(params: &[Param]) -> Vec<MediaType> {
    params
        .iter()
        .filter(|p| {
            p.location == ParamLocation::Header && p.name.eq_ignore_ascii_case("content-type")
        })
        .flat_map(|p| prose::media_types_in(&p.description))
        .collect()
}

fn json() -> Vec<MediaType> {
    "application/json"
        .parse()
        .map(|m| vec![m])
        .unwrap_or_default()
}

/// A name in the path that the page documents only as a query or header
/// parameter (`before_timestamp` listed under "query parameters") is that
/// path parameter, documented in the wrong table: move it, and say so. (A
/// body field may legitimately share a path parameter's name.)
fn relocate_path_params(path: &PathTemplate, request: &mut [Param], diags: &mut Vec<Diagnostic>) {
    for name in path.param_names() {
        if request
            .iter()
            .any(|p| p.location == ParamLocation::Path && p.name == name)
        {
            continue;
        }
        let Some(p) = request.iter_mut().find(|p| {
            p.name == name && matches!(p.location, ParamLocation::Query | ParamLocation::Header)
        }) else {
            continue;
        };
        if let Some(at) = &p.source {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "path-param-wrong-location",
                format!(
                    "path parameter `{name}` is documented as a {} parameter",
                    location_name(p.location)
                ),
                &at.file,
                at.line,
                at.column,
            ));
        }
        p.location = ParamLocation::Path;
    }
}

fn location_name(l: ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Body => "body",
    }
}

/// Build params (path ones reconciled with the path), request body and
/// responses. `what` names the endpoint in diagnostics (`GET /x`).
pub(crate) fn assemble(
    doc: Documented,
    path: &PathTemplate,
    facts: &ProseFacts,
    source: &SourceLoc,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Assembled {
    let mut request = first_of_each(doc.request, "request", source, diags);
    super::route::apply_query(
        &doc.route_query,
        &mut request,
        &path.param_names(),
        source,
        diags,
    );
    relocate_path_params(path, &mut request, diags);
    let (fields, params): (Vec<Param>, Vec<Param>) = request
        .into_iter()
        .partition(|p| p.location == ParamLocation::Body);
    let params = common::reconcile_params(path, params, source, diags);
    let stated = content_type_of(&params);
    let has_request_body = !fields.is_empty()
        || doc.request_example
        || !facts.request_media.is_empty()
        || !stated.is_empty();
    let request_body = has_request_body.then(|| Body {
        media_types: if !stated.is_empty() {
            stated
        } else if !facts.request_media.is_empty() {
            facts.request_media.clone()
        } else {
            json()
        },
        object: None,
        fields,
        description: String::new(),
    });

    let mut headers = Vec::new();
    let mut body = Vec::new();
    for p in first_of_each(doc.response, "response", source, diags) {
        match p.location {
            ParamLocation::Header => headers.push(p),
            ParamLocation::Body => body.push(p),
            ParamLocation::Path | ParamLocation::Query => {
                let at = p.source.clone().unwrap_or_else(|| source.clone());
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    "response-param-location",
                    format!(
                        "response parameter `{}` is a {} parameter; only headers and body fields apply to a response",
                        p.name,
                        location_name(p.location)
                    ),
                    &at.file,
                    at.line,
                    at.column,
                ));
            }
        }
    }
    let stated = content_type_of(&headers);
    let response_media = if !stated.is_empty() {
        stated
    } else if !body.is_empty() || doc.response_example {
        json()
    } else {
        Vec::new()
    };
    let mut responses = doc.responses;
    responses.sort_by_key(|r| r.status);
    for r in responses
        .iter_mut()
        .filter(|r| r.kind == ResponseKind::Normal)
    {
        r.headers = headers.clone();
        if prose::has_body(r.status) {
            r.fields = body.clone();
            r.media_types = response_media.clone();
        }
    }
    prose::apply_response_facts(&mut responses, facts, diags);
    // Headers go to every success code, body fields to those that carry a
    // body (not 204 or 304): what has none to go to is named, not dropped.
    let success = |with_body: bool| {
        responses
            .iter()
            .any(|r| r.kind == ResponseKind::Normal && (!with_body || prose::has_body(r.status)))
    };
    let unattached =
        if success(false) { 0 } else { headers.len() } + if success(true) { 0 } else { body.len() };
    if unattached > 0 {
        diags.push(Diagnostic::new(
            Severity::Warning,
            "response-params-unattached",
            format!(
                "`{what}` documents {unattached} response parameter(s) that no success code it states can carry (headers need a success code, body fields one with a body); they are left out of the model"
            ),
            &source.file,
            source.line,
            source.column,
        ));
    }
    if responses.is_empty() {
        diags.push(Diagnostic::new(
            Severity::Warning,
            "no-response-codes",
            format!("`{what}` documents no response codes"),
            &source.file,
            source.line,
            source.column,
        ));
    }
    Assembled {
        params,
        request_body,
        responses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_param_documented_as_query_is_moved() {
        let loc = SourceLoc {
            file: "p.rst".into(),
            line: 3,
            column: 5,
        };
        let p = |name: &str, location| Param {
            name: name.into(),
            location,
            required: false,
            ty: crate::model::TypeRef::DateTime,
            description: String::new(),
            min_version: None,
            max_version: None,
            fixed: None,
            example: None,
            documented: true,
            source: Some(loc.clone()),
        };
        let doc = Documented {
            request: vec![
                p("before", ParamLocation::Query),
                p("id", ParamLocation::Body),
            ],
            ..Documented::default()
        };
        let path = PathTemplate::parse("/audit/{before}/{id}").unwrap();
        let mut d = Vec::new();
        let io = assemble(
            doc,
            &path,
            &ProseFacts::default(),
            &loc,
            "GET /audit",
            &mut d,
        );
        let got: Vec<(&str, ParamLocation, bool)> = io
            .params
            .iter()
            .map(|p| (p.name.as_str(), p.location, p.documented))
            .collect();
        assert_eq!(
            got,
            [
                ("before", ParamLocation::Path, true),
                ("id", ParamLocation::Path, false)
            ]
        );
        assert_eq!(io.params[0].ty, crate::model::TypeRef::DateTime);
        assert!(io.request_body.is_some_and(|b| b.fields.len() == 1));
        let codes: Vec<&str> = d.iter().map(|d| d.code.as_ref()).collect();
        assert!(
            codes.contains(&"path-param-wrong-location")
                && codes.contains(&"path-param-undocumented")
        );
    }

    #[test]
    fn repeated_path_param_is_renamed() {
        let loc = SourceLoc {
            file: "p.rst".into(),
            line: 3,
            column: 5,
        };
        let mut d = Vec::new();
        let p = parse_path("/v2.1/{tenant_id}/usage/{tenant_id}", &loc, &mut d);
        assert_eq!(
            p.map(|p| p.to_string()).as_deref(),
            Some("/v2.1/{tenant_id}/usage/{tenant_id_2}")
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "path-param-repeated");
        let mut d = Vec::new();
        assert!(parse_path("//a/{x}/{y : .+}", &loc, &mut d).is_some());
        assert_eq!(d.len(), 1, "only the `//` repair");
        let mut d = Vec::new();
        let p = parse_path("/shares/{share-id}/rules/{ rule id }", &loc, &mut d);
        assert_eq!(
            p.map(|p| p.to_string()).as_deref(),
            Some("/shares/{share_id}/rules/{rule_id}")
        );
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|x| x.code == "path-param-name-repaired"));
        let mut d = Vec::new();
        assert!(parse_path("/shares/{share/id", &loc, &mut d).is_none());
        assert_eq!(
            d[0].severity,
            Severity::Error,
            "unclear: an error at its line"
        );
    }
}
