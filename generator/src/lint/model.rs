//! Checks on the model alone: routes that collide, bodies documented as
//! both binary and JSON.

use crate::diag::{Diagnostic, Severity};
use crate::model::{Api, Dispatch, Endpoint, MediaType, ParamLocation};
use std::collections::BTreeMap;

/// What tells two endpoints on one method and route apart: the request's
/// content types, the names of the query parameters (the generated server
/// dispatches on both) and the request body's documented fields (an
/// OpenStack `POST .../action` is chosen by its body's key).
fn dispatch_key(e: &Endpoint) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
    let mut media: Vec<&str> = e
        .request_body
        .iter()
        .flat_map(|b| &b.media_types)
        .map(MediaType::as_str)
        .collect();
    media.sort_unstable();
    media.dedup();
    let mut query: Vec<&str> = e
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .map(|p| p.name.as_str())
        .collect();
    query.sort_unstable();
    let mut fields: Vec<&str> = e
        .request_body
        .iter()
        .flat_map(|b| &b.fields)
        .map(|p| p.name.as_str())
        .collect();
    fields.sort_unstable();
    (media, query, fields)
}

/// `route-collision`: two endpoints of one group (one generated router)
/// with the same method and path shape (parameter names and patterns
/// ignored) that neither content type, query parameters nor body fields
/// tell apart. Reported on the later one.
pub fn route_collisions(api: &Api, diags: &mut Vec<Diagnostic>) {
    let mut routes: BTreeMap<(&str, String, String), Vec<&Endpoint>> = BTreeMap::new();
    for e in &api.endpoints {
        routes
            .entry((e.group.as_str(), e.method.to_string(), e.path.shape()))
            .or_default()
            .push(e);
    }
    for eps in routes.values() {
        if eps.len() > 1 && eps.iter().any(|e| e.dispatch.is_some()) {
            body_key_collisions(eps, diags);
            continue;
        }
        for (i, e) in eps.iter().enumerate() {
            let key = dispatch_key(e);
            if let Some(first) = eps[..i].iter().find(|f| dispatch_key(f) == key) {
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    "route-collision",
                    format!(
                        "`{} {}` ({}) collides with `{} {}` ({}) at {}:{}: same route, and no content type, query parameter or body field tells them apart",
                        e.method, e.path, e.id, first.method, first.path, first.id, first.source.file, first.source.line
                    ),
                    &e.source.file,
                    e.source.line,
                    e.source.column,
                ));
            }
        }
    }
}

/// Endpoints on one route told apart by the key of their JSON body
/// (actions): an endpoint without a key, or with the key of an earlier
/// one, is a `route-collision`.
fn body_key_collisions(eps: &[&Endpoint], diags: &mut Vec<Diagnostic>) {
    for (i, e) in eps.iter().enumerate() {
        let message = match &e.dispatch {
            None => format!(
                "`{} {}` ({}) shares its route with actions told apart by their body key, but its request body names no single key",
                e.method, e.path, e.id
            ),
            Some(Dispatch::BodyKey(k)) => {
                let Some(first) = eps[..i].iter().find(|f| f.dispatch == e.dispatch) else {
                    continue;
                };
                format!(
                    "`{} {}` ({}) collides with {} at {}:{}: both are the action `{k}`",
                    e.method, e.path, e.id, first.id, first.source.file, first.source.line
                )
            }
        };
        diags.push(Diagnostic::new(
            Severity::Warning,
            "route-collision",
            message,
            &e.source.file,
            e.source.line,
            e.source.column,
        ));
    }
}

/// `media-type-conflict`: a request or response body documented as opaque
/// bytes (`application/octet-stream`, `*/*`) and as JSON at once.
pub fn media_conflicts(api: &Api, diags: &mut Vec<Diagnostic>) {
    let conflict = |m: &[MediaType]| {
        let bin = m.iter().find(|t| t.is_binary());
        let json = m.iter().find(|t| t.is_json());
        bin.zip(json)
            .map(|(b, j)| format!("`{}` and `{}`", b.as_str(), j.as_str()))
    };
    for e in &api.endpoints {
        let mut found = Vec::new();
        if let Some(c) = e
            .request_body
            .as_ref()
            .and_then(|b| conflict(&b.media_types))
        {
            found.push(format!("the request body is documented as both {c}"));
        }
        for r in &e.responses {
            if let Some(c) = conflict(&r.media_types) {
                found.push(format!(
                    "response {} is documented as both binary and JSON: {c}",
                    r.status
                ));
            }
        }
        for message in found {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "media-type-conflict",
                message,
                &e.source.file,
                e.source.line,
                e.source.column,
            ));
        }
    }
}
