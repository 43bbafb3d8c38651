//! WADL cross-check: where a doc set ships its service's WADL (UForge's
//! `application.wadl`), compare every page with the WADL method of the same
//! id (or, failing that, the same method and path shape): method, path,
//! path parameter names, query parameters and authentication.

use crate::corpus;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Api, Endpoint, ParamLocation, PathTemplate};
use std::collections::BTreeSet;
use std::path::Path;

/// One `<method>` of a WADL, with what its resources contribute.
#[derive(Debug, Clone)]
pub struct WadlMethod {
    pub id: String,
    pub method: String,
    /// Resource `path` attributes joined with single `/`s.
    pub path: String,
    /// `style="query"` parameters of its resources and its request.
    pub query: Vec<String>,
    /// Jersey's `auth` attribute, when present.
    pub auth: Option<bool>,
    /// Where the `<method>` element starts.
    pub line: u32,
    pub column: u32,
}

/// Read a WADL file. An unreadable or malformed file is an error
/// diagnostic at the point of failure.
pub fn read(path: &Path) -> Result<Vec<WadlMethod>, Diagnostic> {
    let name = corpus::display(path);
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::new(
            Severity::Error,
            "wadl-unreadable",
            format!("cannot read: {e}"),
            &name,
            0,
            0,
        )
    })?;
    parse(&text).map_err(|(line, column, why)| {
        Diagnostic::new(Severity::Error, "wadl-invalid", why, &name, line, column)
    })
}

/// Parse WADL text into its methods, in document order.
pub fn parse(text: &str) -> Result<Vec<WadlMethod>, (u32, u32, String)> {
    let doc = roxmltree::Document::parse(text).map_err(|e| {
        let p = e.pos();
        (p.row, p.col, format!("not a WADL document: {e}"))
    })?;
    let mut out = Vec::new();
    for resources in doc.descendants().filter(|n| n.has_tag_name("resources")) {
        walk(&doc, resources, &[], &[], &mut out);
    }
    Ok(out)
}

fn query_params(node: roxmltree::Node) -> Vec<String> {
    node.children()
        .filter(|c| c.has_tag_name("param") && c.attribute("style") == Some("query"))
        .filter_map(|c| c.attribute("name").map(str::to_string))
        .collect()
}

fn walk(
    doc: &roxmltree::Document,
    node: roxmltree::Node,
    segments: &[String],
    inherited_query: &[String],
    out: &mut Vec<WadlMethod>,
) {
    for r in node.children().filter(|c| c.has_tag_name("resource")) {
        let mut segs = segments.to_vec();
        segs.extend(
            r.attribute("path")
                .unwrap_or("")
                .split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
        let mut query = inherited_query.to_vec();
        query.extend(query_params(r));
        for m in r.children().filter(|c| c.has_tag_name("method")) {
            let mut q = query.clone();
            for req in m.children().filter(|c| c.has_tag_name("request")) {
                q.extend(query_params(req));
            }
            let pos = doc.text_pos_at(m.range().start);
            out.push(WadlMethod {
                id: m.attribute("id").unwrap_or("").to_string(),
                method: m.attribute("name").unwrap_or("").to_string(),
                path: format!("/{}", segs.join("/")),
                auth: m.attribute("auth").map(|a| a == "true"),
                query: q,
                line: pos.row,
                column: pos.col,
            });
        }
        walk(doc, r, &segs, &query, out);
    }
}

/// Compare every endpoint with its WADL method; `wadl_name` is the WADL's
/// display name (WADL methods no page documents are reported there, as
/// infos).
pub fn cross_check(
    api: &Api,
    methods: &[WadlMethod],
    wadl_name: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let mut used = BTreeSet::new();
    for e in &api.endpoints {
        match find(e, methods) {
            Some(i) => {
                used.insert(i);
                if let Some(w) = methods.get(i) {
                    compare(e, w, wadl_name, diags);
                }
            }
            None => diags.push(at(
                e,
                "wadl-method-missing",
                format!(
                    "`{}` (`{} {}`) has no method in {wadl_name}",
                    e.id, e.method, e.path
                ),
            )),
        }
    }
    let pages: BTreeSet<&str> = api.endpoints.iter().map(|e| e.id.as_str()).collect();
    for (i, w) in methods.iter().enumerate() {
        if !used.contains(&i) && !pages.contains(w.id.as_str()) {
            diags.push(Diagnostic::new(
                Severity::Info,
                "wadl-method-undocumented",
                format!(
                    "WADL method `{}` (`{} {}`) has no page",
                    w.id, w.method, w.path
                ),
                wadl_name,
                w.line,
                w.column,
            ));
        }
    }
}

/// The WADL method for a page: same id (the one with the same path when
/// the WADL repeats an id), else same method and path shape.
fn find(e: &Endpoint, methods: &[WadlMethod]) -> Option<usize> {
    let path = e.path.to_string();
    let by_id: Vec<usize> = (0..methods.len())
        .filter(|&i| methods[i].id == e.id)
        .collect();
    if let Some(&i) = by_id
        .iter()
        .find(|&&i| methods[i].path == path)
        .or(by_id.first())
    {
        return Some(i);
    }
    let shape = e.path.shape();
    methods.iter().position(|w| {
        w.method == e.method.as_str() && wadl_path(w).is_some_and(|p| p.shape() == shape)
    })
}

fn wadl_path(w: &WadlMethod) -> Option<PathTemplate> {
    PathTemplate::parse_lenient(&w.path).ok().map(|(p, _)| p)
}

fn compare(e: &Endpoint, w: &WadlMethod, wadl_name: &str, diags: &mut Vec<Diagnostic>) {
    let where_ = format!("{wadl_name}:{}", w.line);
    if w.method != e.method.as_str() {
        diags.push(at(
            e,
            "wadl-method-mismatch",
            format!(
                "the page says {} but the WADL method `{}` ({where_}) is {}",
                e.method, w.id, w.method
            ),
        ));
    }
    match wadl_path(w) {
        Some(p) if p.shape() != e.path.shape() => diags.push(at(
            e,
            "wadl-path-mismatch",
            format!(
                "the page's path is `{}` but the WADL's ({where_}) is `{}`",
                e.path, w.path
            ),
        )),
        Some(p) => {
            for (page, wadl) in e.path.param_names().iter().zip(p.param_names()) {
                if *page != wadl {
                    let loc = e
                        .params
                        .iter()
                        .find(|q| q.name == *page && q.location == ParamLocation::Path)
                        .and_then(|q| q.source.clone());
                    let (line, column) =
                        loc.map_or((e.source.line, e.source.column), |l| (l.line, l.column));
                    diags.push(Diagnostic::new(
                        Severity::Warning,
                        "wadl-path-param-mismatch",
                        format!(
                            "path parameter `{page}` is called `{wadl}` in the WADL ({where_})"
                        ),
                        &e.source.file,
                        line,
                        column,
                    ));
                }
            }
        }
        None => {}
    }
    let page_query: Vec<&crate::model::Param> = e
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .collect();
    let wadl_query: BTreeSet<&str> = w.query.iter().map(String::as_str).collect();
    let names: BTreeSet<&str> = page_query.iter().map(|p| p.name.as_str()).collect();
    let missing: Vec<&str> = wadl_query.difference(&names).copied().collect();
    for p in &page_query {
        if !wadl_query.contains(p.name.as_str()) {
            let loc = p.source.clone().unwrap_or_else(|| e.source.clone());
            let takes = if missing.is_empty() {
                "takes no query parameter of that name".to_string()
            } else {
                format!("takes `{}`", missing.join("`, `"))
            };
            diags.push(Diagnostic::new(
                Severity::Warning,
                "wadl-query-param-unknown",
                format!("the page documents query parameter `{}`; the WADL method `{}` ({where_}) {takes}", p.name, w.id),
                &loc.file,
                loc.line,
                loc.column,
            ));
        }
    }
    if !missing.is_empty() {
        let (s, verb) = if missing.len() == 1 {
            ("", "is")
        } else {
            ("s", "are")
        };
        diags.push(at(
            e,
            "wadl-query-param-undocumented",
            format!(
                "the WADL method `{}` ({where_}) takes query parameter{s} `{}`, which {verb} not documented on the page",
                w.id,
                missing.join("`, `")
            ),
        ));
    }
    if let Some(auth) = w.auth.filter(|a| *a != e.auth.required) {
        diags.push(at(
            e,
            "wadl-auth-mismatch",
            format!(
                "the page says authentication is {}required; the WADL ({where_}) says it is {}",
                if e.auth.required { "" } else { "not " },
                if auth { "required" } else { "not required" }
            ),
        ));
    }
}

/// A warning at the endpoint's own location.
fn at(e: &Endpoint, code: &'static str, message: String) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        code,
        message,
        &e.source.file,
        e.source.line,
        e.source.column,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_collect_nested_paths_and_query_params() {
        let text = r#"<application xmlns="http://wadl.dev.java.net/2009/02">
<resources base="http://x/">
  <resource path="users/{uid}">
    <param name="uid" style="template"/>
    <resource path="/images">
      <param name="max" style="query"/>
      <method id="image_getAll" name="GET" auth="true">
        <request><param name="id" style="query"/></request>
      </method>
    </resource>
  </resource>
</resources></application>"#;
        let m = parse(text).unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].path, "/users/{uid}/images");
        assert_eq!(m[0].query, ["max", "id"]);
        assert_eq!((m[0].auth, m[0].line), (Some(true), 7));
        assert!(parse("<a>").is_err());
    }
}
