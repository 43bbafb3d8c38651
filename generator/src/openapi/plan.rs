//! Which endpoints become which OpenAPI operation.
//!
//! OpenAPI keeps one operation per (method, path), and treats two templated
//! paths that differ only in parameter names as the same path. The model is
//! finer: Cinder documents a dozen actions on one `POST .../action`, two
//! dialects may document the same route, and a route may be documented for
//! any method. This module groups the endpoints into [`PlannedOp`]s:
//!
//! - endpoints with the same method and path shape are merged into one
//!   operation (a [`Merge`], which the caller reports as a diagnostic);
//! - every path shape gets one spelling of its parameter names (those of
//!   the first endpoint, in model order), and the endpoints spelling them
//!   otherwise get a [`Rename`] per differing parameter;
//! - an endpoint for any method ([`HttpMethod::Any`]) becomes one operation
//!   under every method no other endpoint documents on that path, and joins
//!   the operation of each method that is documented (a merge).
//!
//! Nothing is dropped: every endpoint lands in at least one operation.

use crate::model::{Api, Dispatch, Endpoint, HttpMethod, PathTemplate, SegmentPart};
use std::collections::BTreeMap;

/// The methods OpenAPI has a slot for, in the order operations are emitted.
/// `TRACE` is left out: no doc family documents it, and an any-method route
/// is not expanded to it.
pub const METHODS: [HttpMethod; 7] = [
    HttpMethod::Get,
    HttpMethod::Put,
    HttpMethod::Post,
    HttpMethod::Delete,
    HttpMethod::Options,
    HttpMethod::Head,
    HttpMethod::Patch,
];

/// One OpenAPI operation to emit.
#[derive(Debug)]
pub struct PlannedOp<'a> {
    /// A concrete method (never [`HttpMethod::Any`]).
    pub method: HttpMethod,
    /// The OpenAPI path (`/users/{uid}/files/{filepath}`, patterns dropped).
    pub path: String,
    /// The endpoints documented for it, in model order; more than one is a
    /// merge.
    pub members: Vec<&'a Endpoint>,
    /// True when every member has a [`Dispatch::BodyKey`] and the keys
    /// differ: the request body is a `oneOf` keyed by action name.
    pub keyed: bool,
    /// The operation comes from an any-method endpoint expanded to `method`.
    pub expanded: bool,
}

/// A path parameter whose documented name differs from the name the
/// OpenAPI path uses for that position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    pub endpoint: String,
    pub documented: String,
    pub openapi: String,
}

/// Endpoints merged into one operation, reported as a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    pub method: HttpMethod,
    pub path: String,
    /// The endpoint ids, in model order; the first gives the operationId.
    pub ids: Vec<String>,
    /// Whether the body key tells the merged endpoints apart.
    pub keyed: bool,
}

/// The whole plan: operations in (path, method) order.
#[derive(Debug, Default)]
pub struct Plan<'a> {
    pub ops: Vec<PlannedOp<'a>>,
    pub merges: Vec<Merge>,
    pub renames: Vec<Rename>,
    /// Any-method endpoints and how many operations each opened (methods
    /// nobody else documents on its path; it joins the others as a merge).
    pub expansions: Vec<(String, usize)>,
}

impl Plan<'_> {
    /// How many model endpoints the merges folded away: each merge of `n`
    /// endpoints saves `n - 1` operations.
    pub fn merged_away(&self) -> usize {
        self.merges.iter().map(|m| m.ids.len() - 1).sum()
    }
}

/// Plan the operations of `api`.
pub fn plan(api: &Api) -> Plan<'_> {
    // Shape -> parameter names of the first endpoint with that shape.
    let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in &api.endpoints {
        names.entry(e.path.shape()).or_insert_with(|| {
            e.path
                .param_names()
                .into_iter()
                .map(str::to_string)
                .collect()
        });
    }
    let mut renames = Vec::new();
    for e in &api.endpoints {
        let canonical = &names[&e.path.shape()];
        for (doc, api_name) in e.path.param_names().into_iter().zip(canonical) {
            if doc != api_name {
                renames.push(Rename {
                    endpoint: e.id.clone(),
                    documented: doc.to_string(),
                    openapi: api_name.clone(),
                });
            }
        }
    }

    // (shape, method) -> members; BTreeMap keeps the output sorted.
    let mut slots: BTreeMap<(String, HttpMethod), Vec<&Endpoint>> = BTreeMap::new();
    let expressible =
        |e: &&Endpoint| !matches!(e.method, HttpMethod::Any | HttpMethod::Extension(_));
    for e in api.endpoints.iter().filter(expressible) {
        slots.entry((e.path.shape(), e.method)).or_default().push(e);
    }
    let mut expansions = Vec::new();
    let mut expanded_slots = Vec::new();
    for e in api.endpoints.iter().filter(|e| e.method == HttpMethod::Any) {
        let shape = e.path.shape();
        let mut new_ops = 0;
        for m in METHODS {
            let slot = slots.entry((shape.clone(), m)).or_default();
            if slot.is_empty() {
                new_ops += 1;
                expanded_slots.push((shape.clone(), m));
            }
            slot.push(e);
        }
        expansions.push((e.id.clone(), new_ops));
    }

    let mut ops = Vec::new();
    let mut merges = Vec::new();
    for ((shape, method), members) in slots {
        let path = openapi_path(&members[0].path, &names[&shape]);
        let keyed = is_keyed(&members);
        // An any-method endpoint alone in a slot is an expansion, not a merge.
        let expanded = expanded_slots.contains(&(shape.clone(), method));
        if members.len() > 1 {
            merges.push(Merge {
                method,
                path: path.clone(),
                ids: members.iter().map(|e| e.id.clone()).collect(),
                keyed,
            });
        }
        ops.push(PlannedOp {
            method,
            path,
            members,
            keyed,
            expanded,
        });
    }
    ops.sort_by(|a, b| (&a.path, a.method).cmp(&(&b.path, b.method)));
    Plan {
        ops,
        merges,
        renames,
        expansions,
    }
}

/// True when every member is dispatched by a body key and no two share one.
fn is_keyed(members: &[&Endpoint]) -> bool {
    if members.len() < 2 {
        return false;
    }
    let keys: Vec<&str> = members
        .iter()
        .filter_map(|e| {
            let Some(Dispatch::BodyKey(k)) = &e.dispatch else {
                return None;
            };
            Some(k.as_str())
        })
        .collect();
    let mut unique = keys.clone();
    unique.sort_unstable();
    unique.dedup();
    keys.len() == members.len() && unique.len() == keys.len()
}

/// The OpenAPI spelling of `path`: patterns dropped, parameters named as
/// `names` says by position.
pub fn openapi_path(path: &PathTemplate, names: &[String]) -> String {
    let mut out = String::new();
    let mut i = 0;
    for s in path.segments() {
        out.push('/');
        for p in &s.parts {
            match p {
                SegmentPart::Literal(l) => out.push_str(l),
                SegmentPart::Param { name, .. } => {
                    let n = names.get(i).map_or(name.as_str(), String::as_str);
                    out.push('{');
                    out.push_str(n);
                    out.push('}');
                    i += 1;
                }
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// The name OpenAPI uses for path parameter `documented` of `endpoint`.
pub fn path_name<'r>(renames: &'r [Rename], endpoint: &str, documented: &'r str) -> &'r str {
    renames
        .iter()
        .find(|r| r.endpoint == endpoint && r.documented == documented)
        .map_or(documented, |r| r.openapi.as_str())
}
