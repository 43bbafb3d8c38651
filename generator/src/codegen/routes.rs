//! The router of one group: endpoints grouped by route, methods chained on
//! each route, and endpoints sharing a method and route dispatched by the
//! request's content type and query parameters. Two endpoints that cannot
//! be told apart, or a route axum cannot mount, become diagnostics naming
//! the pages, never generated code that panics at start-up.

use super::diag;
use super::view::EndpointView;
use crate::diag::{Diagnostic, Severity};
use crate::model::Endpoint;
use serde::Serialize;
use std::collections::BTreeMap;

/// One mounted route.
#[derive(Debug, Serialize)]
pub struct RouteView {
    pub route: String,
    pub methods: Vec<MethodView>,
}

/// One method on a route: a single handler, or a dispatch between several.
#[derive(Debug, Serialize)]
pub struct MethodView {
    pub method_fn: String,
    /// The handler mounted (a `dispatch_*` fn when `candidates` is not empty).
    pub handler: String,
    pub candidates: Vec<Candidate>,
    /// Whether the candidates are actions told apart by the one top-level
    /// key of the JSON body (then `keys` lists them, as literals).
    pub actions: bool,
    pub keys: Vec<String>,
    /// Whether the candidates are extension methods told apart by the
    /// request's method name (each candidate's `key`, a literal); `rest`
    /// then takes every other method, else they get `405`.
    pub by_method: bool,
    /// The any-method handler on the same route, or empty.
    pub rest: String,
}

/// An endpoint competing for a shared method and route.
#[derive(Debug, Serialize)]
pub struct Candidate {
    pub handler: String,
    pub media: Vec<String>,
    pub queries: Vec<String>,
    /// The body key of an action (a literal), or empty.
    pub key: String,
    /// The endpoint id (a literal).
    pub id: String,
}

/// An endpoint and its view, competing for a route.
type Competitor<'a> = (&'a Endpoint, &'a EndpointView);

/// Plan the routes of a group (`pages[i]` is documented by `views[i]`).
pub fn plan(
    pages: &[&Endpoint],
    views: &mut [EndpointView],
    diags: &mut Vec<Diagnostic>,
) -> Vec<RouteView> {
    let mut unmounted = Vec::new();
    let mut dispatched = Vec::new();
    let mut by_route: BTreeMap<&str, BTreeMap<&str, Vec<Competitor>>> = BTreeMap::new();
    for (e, v) in pages.iter().zip(views.iter()) {
        if let Some(why) = &v.unmountable {
            diags.push(diag(
                Severity::Error,
                "codegen-route-unmountable",
                format!(
                    "`{}`: {why}; the client method is generated, the server route is not",
                    e.path
                ),
                &e.source,
            ));
            unmounted.push(v.handler.clone());
            continue;
        }
        if let Some(pos) = v.route.find("{*") {
            if v.route[pos..].contains('/') {
                diags.push(diag(
                    Severity::Error,
                    "codegen-route-unmountable",
                    format!("`{}` has a catch-all parameter before its last segment; the client method is generated, the server route is not", e.path),
                    &e.source,
                ));
                unmounted.push(v.handler.clone());
                continue;
            }
        }
        by_route
            .entry(&v.route)
            .or_default()
            .entry(&v.method_fn)
            .or_default()
            .push((e, v));
    }
    let mut out = Vec::new();
    for (route, methods) in by_route {
        let mut mv = Vec::new();
        for (method_fn, eps) in methods {
            if eps.iter().any(|(_, v)| !v.extension.is_empty()) {
                mv.push(by_method_name(eps, diags, &mut unmounted));
                continue;
            }
            let mut kept: Vec<(&Endpoint, &EndpointView, Vec<String>, Vec<String>)> = Vec::new();
            let actions = eps.iter().any(|(_, v)| !v.body_key.is_empty());
            for (e, v) in eps {
                if actions && v.body_key.is_empty() {
                    not_mounted(
                        e,
                        v,
                        "shares its route with actions told apart by their body key, and names none",
                        diags,
                        &mut unmounted,
                    );
                    continue;
                }
                let mut media = v.media_literals.clone();
                media.sort();
                let mut queries = v.query_literals.clone();
                queries.sort();
                if let Some((first, ..)) = kept
                    .iter()
                    .find(|k| k.2 == media && k.3 == queries && k.1.body_key == v.body_key)
                {
                    diags.push(diag(
                        Severity::Warning,
                        "codegen-route-collision",
                        format!(
                            "`{} {}` of `{}` collides with `{}` at {}:{} (same route, no content type or query parameter tells them apart); only `{}` is mounted",
                            e.method, e.path, e.id, first.id, first.source.file, first.source.line, first.id
                        ),
                        &e.source,
                    ));
                    unmounted.push(v.handler.clone());
                    continue;
                }
                kept.push((e, v, media, queries));
            }
            // most specific first: more query parameters, then content types
            kept.sort_by(|a, b| {
                (b.3.len(), b.2.len(), &a.1.body_key, &a.0.id).cmp(&(
                    a.3.len(),
                    a.2.len(),
                    &b.1.body_key,
                    &b.0.id,
                ))
            });
            if kept.len() > 1 && !actions {
                dispatched.extend(kept.iter().map(|k| k.1.handler.clone()));
            }
            let candidates: Vec<Candidate> = if kept.len() > 1 || actions {
                kept.iter()
                    .map(|k| Candidate {
                        handler: k.1.handler.clone(),
                        media: k.2.clone(),
                        queries: k.3.clone(),
                        key: k.1.body_key.clone(),
                        id: k.1.id_literal.clone(),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let handler = match (kept.first(), candidates.is_empty()) {
                (Some(k), true) => k.1.handler.clone(),
                (Some(k), false) => {
                    format!("dispatch_{}", k.1.handler.trim_start_matches("serve_"))
                }
                (None, _) => continue,
            };
            let keys = if actions {
                candidates.iter().map(|c| c.key.clone()).collect()
            } else {
                Vec::new()
            };
            mv.push(MethodView {
                method_fn: method_fn.to_string(),
                handler,
                candidates,
                actions,
                keys,
                by_method: false,
                rest: String::new(),
            });
        }
        if !mv.is_empty() {
            out.push(RouteView {
                route: route.to_string(),
                methods: mv,
            });
        }
    }
    for v in views.iter_mut() {
        v.mounted = !unmounted.contains(&v.handler);
        v.dispatched = dispatched.contains(&v.handler);
    }
    out
}

/// The fallback of a route serving extension methods: each routed by its
/// name, an any-method endpoint (if the route has one) taking the rest.
/// A second endpoint for the same name, or a second any-method one, is
/// not mounted, with a warning.
fn by_method_name(
    eps: Vec<Competitor<'_>>,
    diags: &mut Vec<Diagnostic>,
    unmounted: &mut Vec<String>,
) -> MethodView {
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut rest: Option<&EndpointView> = None;
    for (e, v) in eps {
        let taken = if v.extension.is_empty() {
            rest.map(|r| r.id_literal.clone())
        } else {
            candidates
                .iter()
                .find(|c| c.key == v.extension)
                .map(|c| c.id.clone())
        };
        if let Some(first) = taken {
            let why = format!("collides with {first} (same route and method)");
            not_mounted(e, v, &why, diags, unmounted);
        } else if v.extension.is_empty() {
            rest = Some(v);
        } else {
            candidates.push(Candidate {
                handler: v.handler.clone(),
                media: Vec::new(),
                queries: Vec::new(),
                key: v.extension.clone(),
                id: v.id_literal.clone(),
            });
        }
    }
    let first = candidates.first().map_or("", |c| c.handler.as_str());
    MethodView {
        method_fn: "any".into(),
        handler: format!("dispatch_methods_{}", first.trim_start_matches("serve_")),
        candidates,
        actions: false,
        keys: Vec::new(),
        by_method: true,
        rest: rest.map(|r| r.handler.clone()).unwrap_or_default(),
    }
}

/// A `codegen-route-collision` warning: `e` {why}; it is not mounted.
fn not_mounted(
    e: &Endpoint,
    v: &EndpointView,
    why: &str,
    diags: &mut Vec<Diagnostic>,
    unmounted: &mut Vec<String>,
) {
    diags.push(diag(
        Severity::Warning,
        "codegen-route-collision",
        format!(
            "`{} {}` of `{}` {why}; it is not mounted",
            e.method, e.path, e.id
        ),
        &e.source,
    ));
    unmounted.push(v.handler.clone());
}
