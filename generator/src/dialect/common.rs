//! What every dialect needs: path parsing with repairs reported, path
//! parameter reconciliation, id uniqueness, deterministic order.

use super::Output;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Param, ParamLocation, PathRepair, PathTemplate, SourceLoc};
use rustc_hash::FxHashMap as HashMap;

/// A path as a message shows it: invisible characters written as escapes.
fn shown(raw: &str) -> String {
    raw.chars()
        .map(|c| {
            if crate::model::is_invisible(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Parse a documented path leniently; every repair becomes a warning at
/// `loc`. `None` (with an error diagnostic) when it is not a path at all.
pub fn parse_path(raw: &str, loc: &SourceLoc, diags: &mut Vec<Diagnostic>) -> Option<PathTemplate> {
    match PathTemplate::parse_lenient(raw) {
        Ok((path, fixes)) => {
            for fix in fixes {
                let (code, what) = match fix {
                    PathRepair::RemovedInvisible => (
                        "path-invisible-character",
                        "holds characters that render as nothing (zero-width spaces and the like); removed",
                    ),
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
                    format!("path `{}` {what}", shown(raw)),
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
    share_dispatch(out);
}

/// A body-key [`Dispatch`](crate::model::Dispatch) only means something
/// where several endpoints share a method and route and their keys tell at
/// least two of them apart (actions on `POST .../action`): drop it
/// everywhere else (one endpoint on the route, or every endpoint naming the
/// same key, as variants of one call do).
///
/// Such a route is one handler in one generated router (a group), which
/// reads the key and calls the action's method. A service may document its
/// actions on several pages (Nova: a page per family of server actions,
/// all on `POST /servers/{server_id}/action`); those endpoints are then
/// put in the group holding most of them, with an `info` naming the groups
/// they came from, since two routers serving one route cannot be merged.
fn share_dispatch(out: &mut Output) {
    use crate::model::HttpMethod;
    let endpoints = &mut out.api.endpoints;
    if endpoints.iter().all(|e| e.dispatch.is_none()) {
        return;
    }
    let routes: Vec<(HttpMethod, String)> = endpoints
        .iter()
        .map(|e| (e.method, e.path.shape()))
        .collect();
    let mut members: HashMap<&(HttpMethod, String), Vec<usize>> = HashMap::default();
    for (i, r) in routes.iter().enumerate() {
        members.entry(r).or_default().push(i);
    }
    // In endpoint order (members lists are in it), so the output is too.
    let mut shared: Vec<Vec<usize>> = members
        .into_values()
        .filter(|idx| {
            let mut keys: Vec<&str> = idx
                .iter()
                .filter_map(|&i| {
                    let crate::model::Dispatch::BodyKey(k) = endpoints[i].dispatch.as_ref()?;
                    Some(k.as_str())
                })
                .collect();
            keys.sort_unstable();
            keys.dedup();
            idx.len() > 1 && keys.len() > 1
        })
        .collect();
    shared.sort_unstable_by_key(|idx| idx[0]);
    let mut keep = vec![false; endpoints.len()];
    for idx in &shared {
        for &i in idx {
            keep[i] = true;
        }
        // The group holding most of the route's endpoints (the first such
        // in endpoint order) takes the others.
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for &i in idx {
            let g = endpoints[i].group.as_str();
            match counts.iter_mut().find(|(h, _)| *h == g) {
                Some((_, n)) => *n += 1,
                None => counts.push((g, 1)),
            }
        }
        if counts.len() < 2 {
            continue;
        }
        let most = counts.iter().map(|&(_, n)| n).max().unwrap_or(0);
        let group = counts
            .iter()
            .find(|&&(_, n)| n == most)
            .map_or_else(String::new, |&(g, _)| g.to_string());
        let mut others: Vec<&str> = counts
            .iter()
            .map(|&(g, _)| g)
            .filter(|g| *g != group)
            .collect();
        others.sort_unstable();
        let first = &endpoints[idx[0]];
        out.diagnostics.push(Diagnostic::new(
            Severity::Info,
            "actions-grouped",
            format!(
                "`{} {}` carries actions documented in groups `{}` too; one router serves the route, so they are all in group `{group}`",
                first.method,
                first.path,
                others.join("`, `"),
            ),
            &first.source.file,
            first.source.line,
            first.source.column,
        ));
        for &i in idx {
            endpoints[i].group.clone_from(&group);
        }
    }
    for (e, keep) in endpoints.iter_mut().zip(keep) {
        if !keep {
            e.dispatch = None;
        }
    }
}
