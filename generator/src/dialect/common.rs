//! What every dialect needs: path parsing with repairs reported, path
//! parameter reconciliation, id uniqueness, deterministic order.

use super::Output;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Param, ParamLocation, PathRepair, PathTemplate, SourceLoc};
use rustc_hash::{FxHashMap as HashMap, FxHashSet};

/// Parse a documented path leniently; every repair becomes a warning at
/// `loc`. `None` (with an error diagnostic) when it is not a path at all.
pub fn parse_path(raw: &str, loc: &SourceLoc, diags: &mut Vec<Diagnostic>) -> Option<PathTemplate> {
    match PathTemplate::parse_lenient(raw) {
        Ok((path, fixes)) => {
            for fix in fixes {
                let (code, what) = match fix {
                    PathRepair::AddedLeadingSlash => {
                        ("path-missing-leading-slash", "lacks its leading `/`; added")
                    }
                    PathRepair::CollapsedDoubleSlash => {
                        ("path-double-slash", "contains `//`; collapsed to `/`")
                    }
                    PathRepair::RemovedTrailingSlash => {
                        ("path-trailing-slash", "ends in `/`; removed")
                    }
                };
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    code,
                    format!("path `{raw}` {what}"),
                    &loc.file,
                    loc.line,
                    loc.column,
                ));
            }
            Some(path)
        }
        Err(e) => {
            diags.push(Diagnostic::new(
                Severity::Error,
                "invalid-path",
                e.to_string(),
                &loc.file,
                loc.line,
                loc.column,
            ));
            None
        }
    }
}

/// Put the path parameters first, in path order, reconciled with what the
/// page documents:
/// - a path parameter the page does not document is added (type string,
///   `documented: false`) with a `path-param-undocumented` warning;
/// - a documented path parameter that is not in the path is dropped from the
///   path parameters with a `path-param-not-in-path` warning (it cannot be
///   sent anywhere);
/// - a path parameter documented as optional becomes required, with a
///   `path-param-optional` warning.
///
/// `documented` holds every parameter the page documents, in any location;
/// non-path ones are kept after the path ones in their documented order.
/// `loc` is where warnings point when a parameter has no location of its own.
pub fn reconcile_params(
    path: &PathTemplate,
    documented: Vec<Param>,
    loc: &SourceLoc,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Param> {
    let names = path.param_names();
    let mut path_params: Vec<Option<Param>> = vec![None; names.len()];
    let mut others = Vec::new();
    for mut p in documented {
        if p.location != ParamLocation::Path {
            others.push(p);
            continue;
        }
        let at = p.source.clone().unwrap_or_else(|| loc.clone());
        match names.iter().position(|n| *n == p.name) {
            Some(i) if path_params[i].is_none() => {
                if !p.required {
                    diags.push(Diagnostic::new(
                        Severity::Warning,
                        "path-param-optional",
                        format!("path parameter `{}` is documented as optional; path parameters are always required", p.name),
                        &at.file,
                        at.line,
                        at.column,
                    ));
                    p.required = true;
                }
                path_params[i] = Some(p);
            }
            Some(_) => diags.push(Diagnostic::new(
                Severity::Warning,
                "path-param-duplicate",
                format!("path parameter `{}` is documented twice", p.name),
                &at.file,
                at.line,
                at.column,
            )),
            None => diags.push(Diagnostic::new(
                Severity::Warning,
                "path-param-not-in-path",
                format!(
                    "documented parameter `{}` is not in the path `{path}`",
                    p.name
                ),
                &at.file,
                at.line,
                at.column,
            )),
        }
    }
    let mut out = Vec::with_capacity(names.len() + others.len());
    for (name, p) in names.iter().zip(path_params) {
        out.push(p.unwrap_or_else(|| {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "path-param-undocumented",
                format!("path parameter `{name}` is not documented"),
                &loc.file,
                loc.line,
                loc.column,
            ));
            Param::implied_path(name)
        }));
    }
    out.extend(others);
    out
}

/// Sort endpoints and objects by source location and make ids unique.
pub(crate) fn finish(out: &mut Output) {
    out.api
        .endpoints
        .sort_by(|a, b| (&a.source, &a.id).cmp(&(&b.source, &b.id)));
    out.api
        .objects
        .sort_by(|a, b| (&a.source, &a.label).cmp(&(&b.source, &b.label)));
    // Renames first, over borrowed ids; then applied.
    let mut seen: HashMap<&str, (usize, &SourceLoc)> = HashMap::default();
    seen.reserve(out.api.endpoints.len());
    let mut renames = Vec::new();
    for (k, e) in out.api.endpoints.iter().enumerate() {
        match seen.get_mut(e.id.as_str()) {
            None => {
                seen.insert(&e.id, (1, &e.source));
            }
            Some((n, first)) => {
                *n += 1;
                let new_id = format!("{}_{}", e.id, n);
                out.diagnostics.push(Diagnostic::new(
                    Severity::Warning,
                    "duplicate-id",
                    format!(
                        "endpoint id `{}` is also used at {}:{}; this one is renamed `{new_id}`",
                        e.id, first.file, first.line
                    ),
                    &e.source.file,
                    e.source.line,
                    e.source.column,
                ));
                renames.push((k, new_id));
            }
        }
    }
    drop(seen);
    for (k, new_id) in renames {
        out.api.endpoints[k].id = new_id;
    }
    keep_shared_dispatch(&mut out.api.endpoints);
}

/// A body-key [`Dispatch`](crate::model::Dispatch) only means something
/// where several endpoints of one group share a method and route and their
/// keys tell at least two of them apart (actions on `POST .../action`):
/// drop it everywhere else (one endpoint on the route, or every endpoint
/// naming the same key, as variants of one call do).
fn keep_shared_dispatch(endpoints: &mut [crate::model::Endpoint]) {
    if endpoints.iter().all(|e| e.dispatch.is_none()) {
        return;
    }
    type Route<'a> = (&'a str, crate::model::HttpMethod, String);
    let routes: Vec<Route<'_>> = endpoints
        .iter()
        .map(|e| (e.group.as_str(), e.method, e.path.shape()))
        .collect();
    let mut keys: HashMap<&Route<'_>, Vec<Option<&crate::model::Dispatch>>> = HashMap::default();
    for (e, r) in endpoints.iter().zip(&routes) {
        keys.entry(r).or_default().push(e.dispatch.as_ref());
    }
    let keep: FxHashSet<&Route<'_>> = keys
        .into_iter()
        .filter(|(_, ks)| {
            let mut distinct: Vec<_> = ks.iter().flatten().collect();
            distinct.sort_by_key(|d| format!("{d:?}"));
            distinct.dedup();
            ks.len() > 1 && distinct.len() > 1
        })
        .map(|(r, _)| r)
        .collect();
    let drop: Vec<bool> = endpoints
        .iter()
        .zip(&routes)
        .map(|(e, r)| e.dispatch.is_some() && !keep.contains(r))
        .collect();
    for (e, drop) in endpoints.iter_mut().zip(drop) {
        if drop {
            e.dispatch = None;
        }
    }
}
