//! The route line of a `.. rest_method::` directive, read as os-api-ref
//! reads it: the first line is `METHOD /url` (written after the marker or
//! on the next line), and any line of the directive holding `min_version:`
//! or `max_version:` sets the endpoint's microversion range. A query string
//! written into the url (`/things?kind={kind}&detail=True`) is split off
//! into [`QueryItem`]s; the route is the part before `?`.

use crate::diag::{Diagnostic, Severity};
use crate::model::{ApiVersion, HttpMethod, Param, ParamLocation, SourceLoc, TypeRef};
use crate::rst::Directive;

/// What one `name=value` of a route line's query string says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum QueryValue {
    /// `name={placeholder}`: the value is a parameter.
    Placeholder(String),
    /// `name=value`: a literal value (percent-decoded).
    Literal(String),
    /// `name` alone.
    Flag,
}

/// One `name=value` pair of a route line's query string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryItem {
    /// The wire name (braces around it, as in `{usage}=True`, removed).
    pub name: String,
    pub value: QueryValue,
}

/// A `rest_method` as written.
#[derive(Debug, Clone)]
pub(crate) struct RouteLine {
    pub method: HttpMethod,
    /// The method token as written (`GET`, `METHOD`).
    pub method_text: String,
    /// The url before any `?`.
    pub path: String,
    pub query: Vec<QueryItem>,
    pub min_version: Option<ApiVersion>,
    pub max_version: Option<ApiVersion>,
}

/// Method tokens that stand for "any HTTP method" in a route line.
const PLACEHOLDERS: &[&str] = &["METHOD", "ANY", "*", "<METHOD>", "{METHOD}", "VERB"];

fn diag(
    severity: Severity,
    code: &'static str,
    message: String,
    file: &str,
    line: u32,
    col: u32,
) -> Diagnostic {
    Diagnostic::new(severity, code, message, file, line, col)
}

/// Read a `.. versionadded:: X.Y` among the endpoint's own blocks (before
/// its Request and Response parts) as its `min_version` when the
/// `rest_method` states none. Sphinx renders the directive "New in version
/// X.Y", the words os-api-ref renders for `min_version: X.Y`; pages that
/// never write `min_version:` (Manila's) state an endpoint's first
/// microversion this way. Only `MAJOR.MINOR` is a microversion: a release
/// number (`12.0.0`) or name is about the project, not the API, and is left
/// alone, as is `versionchanged` (the call existed before it). An `info`
/// says what was read; a `rest_method` bound that differs is kept, with a
/// warning.
pub(crate) fn version_added<'a>(
    intro: impl Iterator<Item = &'a Directive>,
    route: &mut RouteLine,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let Some((d, v)) = intro.filter(|d| d.name == "versionadded").find_map(|d| {
        Some((
            d,
            d.argument
                .split_whitespace()
                .next()?
                .parse::<ApiVersion>()
                .ok()?,
        ))
    }) else {
        return;
    };
    let (line, col) = (d.span.line, d.span.col);
    match route.min_version {
        None => {
            route.min_version = Some(v);
            diags.push(diag(
                Severity::Info,
                "inferred-min-version",
                format!(
                    "`.. versionadded:: {v}` read as the `min_version` of `{} {}`, whose `rest_method` states none",
                    route.method_text, route.path
                ),
                file,
                line,
                col,
            ));
        }
        Some(m) if m != v => diags.push(diag(
            Severity::Warning,
            "min-version-conflict",
            format!(
                "`.. versionadded:: {v}` differs from `min_version: {m}` of `{} {}`; the `rest_method` value is kept",
                route.method_text, route.path
            ),
            file,
            line,
            col,
        )),
        Some(_) => {}
    }
}

/// Percent-decode `%XX` escapes (invalid ones are kept as written).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn braced(s: &str) -> Option<&str> {
    s.strip_prefix('{')?.strip_suffix('}').map(str::trim)
}

/// The standard method `m` is one slip away from (a letter added, dropped
/// or changed, or two neighbours swapped): `GETT`, `DELTE`, `POTS`. Such a
/// token is a typo, not a method of its own.
fn misspelt(m: &str) -> Option<&'static str> {
    const STANDARD: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    let one_slip = |a: &[u8], b: &[u8]| {
        let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let (a, b) = (&a[head..], &b[head..]);
        match (a.len(), b.len()) {
            (0, 0) => false,
            (x, y) if x == y + 1 => a[1..] == *b,
            (x, y) if y == x + 1 => b[1..] == *a,
            (x, y) if x == y => {
                a[1..] == b[1..] || (x >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
            }
            _ => false,
        }
    };
    STANDARD
        .into_iter()
        .find(|s| one_slip(m.as_bytes(), s.as_bytes()))
}

/// An extension method (see [`HttpMethod::extension`]), with an info for a
/// registered one (`COPY`) and a warning for one IANA does not list.
fn extension(
    m: &str,
    file: &str,
    arg_at: (u32, u32),
    diags: &mut Vec<Diagnostic>,
) -> Option<HttpMethod> {
    let method = HttpMethod::extension(m).ok()?;
    let (severity, what) = if method.is_registered() {
        (Severity::Info, "a registered extension method")
    } else {
        (
            Severity::Warning,
            "not a registered HTTP method, kept as an extension method",
        )
    };
    diags.push(diag(
        severity,
        "method-extension",
        format!("`{m}` is {what}: the generated server routes it by name, the client sends it as written"),
        file,
        arg_at.0,
        arg_at.1,
    ));
    Some(method)
}

/// Split `a={x}&b=1&c` into items (empty pieces skipped).
pub(crate) fn parse_query(q: &str) -> Vec<QueryItem> {
    q.split('&')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (n, v) = match p.split_once('=') {
                Some((n, v)) => (n.trim(), Some(v.trim())),
                None => (p.trim(), None),
            };
            let name = braced(n).unwrap_or(n).to_string();
            let value = match v {
                None => QueryValue::Flag,
                Some(v) => match braced(v) {
                    Some(ph) => QueryValue::Placeholder(ph.to_string()),
                    None => QueryValue::Literal(percent_decode(v)),
                },
            };
            QueryItem { name, value }
        })
        .collect()
}

/// Read a `min_version:` / `max_version:` value; a malformed one is a
/// warning at `line` and ignored.
fn version(
    key: &str,
    value: &str,
    file: &str,
    (line, col): (u32, u32),
    diags: &mut Vec<Diagnostic>,
) -> Option<ApiVersion> {
    match value.parse::<ApiVersion>() {
        Ok(v) => Some(v),
        Err(_) => {
            diags.push(diag(
                Severity::Warning,
                "version-invalid",
                format!("`{key}: {value}` is not a `MAJOR.MINOR` microversion; ignored"),
                file,
                line,
                col,
            ));
            None
        }
    }
}

/// Read the route line of `d`. `None` (with an error diagnostic at the
/// directive) when there is no `METHOD /url` to read.
pub(crate) fn read(d: &Directive, file: &str, diags: &mut Vec<Diagnostic>) -> Option<RouteLine> {
    let arg_at = (d.argument_span.line, d.argument_span.col);
    // The argument's lines are joined with spaces, so `min_version: 2.5`
    // written under the route line without a blank follows as words.
    let mut words: Vec<&str> = d.argument.split_whitespace().collect();
    let mut min_version = None;
    let mut max_version = None;
    let mut k = 2;
    while k < words.len() {
        let key = words[k].trim_end_matches(':');
        if (key == "min_version" || key == "max_version") && words[k].ends_with(':') {
            let value = words.get(k + 1).copied().unwrap_or("");
            let v = version(key, value, file, arg_at, diags);
            if key == "min_version" {
                min_version = v.or(min_version);
            } else {
                max_version = v.or(max_version);
            }
            words.drain(k..(k + 2).min(words.len()));
        } else {
            k += 1;
        }
    }
    for line in &d.content {
        let t = line.text.trim();
        if t.is_empty() {
            continue;
        }
        let at = (line.span.line, line.span.col);
        match t.split_once(':') {
            Some((key @ ("min_version" | "max_version"), value)) => {
                let v = version(key, value.trim(), file, at, diags);
                if key == "min_version" {
                    min_version = v.or(min_version);
                } else {
                    max_version = v.or(max_version);
                }
            }
            _ => diags.push(diag(
                Severity::Warning,
                "rest-method-content-ignored",
                format!(
                    "`{t}` in `rest_method` is neither `min_version:` nor `max_version:`; ignored"
                ),
                file,
                at.0,
                at.1,
            )),
        }
    }
    let (Some(m), Some(url)) = (words.first().copied(), words.get(1).copied()) else {
        diags.push(diag(
            Severity::Error,
            "rest-method-invalid",
            format!(
                "`rest_method` argument `{}` is not `METHOD /path`; endpoint skipped",
                d.argument
            ),
            file,
            d.span.line,
            d.span.col,
        ));
        return None;
    };
    if words.len() > 2 {
        diags.push(diag(
            Severity::Warning,
            "rest-method-extra-words",
            format!(
                "`rest_method` argument `{}` has words after the path; ignored: `{}`",
                d.argument,
                words[2..].join(" ")
            ),
            file,
            arg_at.0,
            arg_at.1,
        ));
    }
    let method = match m.parse::<HttpMethod>() {
        Ok(method) => method,
        Err(_) if PLACEHOLDERS.contains(&m.to_ascii_uppercase().as_str()) => {
            diags.push(diag(
                Severity::Info,
                "method-placeholder",
                format!("`{m} {url}`: `{m}` stands for any HTTP method; the endpoint accepts every method"),
                file,
                arg_at.0,
                arg_at.1,
            ));
            HttpMethod::Any
        }
        Err(e) => match m.to_ascii_uppercase().parse::<HttpMethod>() {
            Ok(method) => {
                diags.push(diag(
                    Severity::Warning,
                    "method-case",
                    format!("method `{m}` is not upper case; read as `{method}`"),
                    file,
                    arg_at.0,
                    arg_at.1,
                ));
                method
            }
            // os-api-ref takes the route line's first word as the method,
            // whatever it is: an upper-case token is an extension method,
            // unless it is one slip away from a standard one (`GETT`).
            Err(_)
                if m.bytes().all(|b| !b.is_ascii_lowercase())
                    && misspelt(m).is_none()
                    && HttpMethod::extension(m).is_ok() =>
            {
                extension(m, file, arg_at, diags)?
            }
            Err(_) => {
                let hint = misspelt(&m.to_ascii_uppercase())
                    .map(|s| format!(" (`{s}` misspelt?)"))
                    .unwrap_or_default();
                diags.push(diag(
                    Severity::Error,
                    "invalid-method",
                    format!("{e}{hint}; endpoint skipped"),
                    file,
                    arg_at.0,
                    arg_at.1,
                ));
                return None;
            }
        },
    };
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, parse_query(q)),
        None => (url, Vec::new()),
    };
    Some(RouteLine {
        method,
        method_text: m.to_string(),
        path: path.to_string(),
        query,
        min_version,
        max_version,
    })
}

/// Turn the query string of a route line into query parameters, before
/// the path parameters are reconciled (a name documented as a path
/// parameter that is not in the path is the query parameter it names):
/// - `name={x}`: the documented query parameter `name`, else the one
///   documented as `x` (renamed to its wire name `name`), else a new
///   undocumented optional query parameter;
/// - `name=value` (or `name`): the documented parameter `name` with `value`
///   as its example, else a constant the client always sends.
///
/// Each inference is an `info` diagnostic at the route line.
pub(crate) fn apply_query(
    items: &[QueryItem],
    params: &mut Vec<Param>,
    path_names: &[&str],
    loc: &SourceLoc,
    diags: &mut Vec<Diagnostic>,
) {
    for item in items {
        let movable = |p: &Param, name: &str| {
            p.name == name
                && (p.location == ParamLocation::Query
                    || (p.location == ParamLocation::Path && !path_names.contains(&name)))
        };
        let said = match &item.value {
            QueryValue::Placeholder(ph) => {
                if let Some(p) = params.iter_mut().find(|p| movable(p, &item.name)) {
                    p.location = ParamLocation::Query;
                    format!(
                        "`{}={{{ph}}}`: query parameter `{}` as documented",
                        item.name, item.name
                    )
                } else if let Some(p) = params.iter_mut().find(|p| movable(p, ph)) {
                    p.location = ParamLocation::Query;
                    p.name = item.name.clone();
                    format!(
                        "`{}={{{ph}}}`: the parameter documented as `{ph}` is sent as query parameter `{}`",
                        item.name, item.name
                    )
                } else {
                    params.push(query_param(&item.name, false, None, loc));
                    format!(
                        "`{}={{{ph}}}`: query parameter `{}` is not documented; added as an optional string",
                        item.name, item.name
                    )
                }
            }
            QueryValue::Literal(_) | QueryValue::Flag => {
                let value = match &item.value {
                    QueryValue::Literal(v) => v.clone(),
                    _ => String::new(),
                };
                if let Some(p) = params.iter_mut().find(|p| movable(p, &item.name)) {
                    p.location = ParamLocation::Query;
                    p.example = Some(value.clone());
                    format!(
                        "`{}={value}`: documented query parameter `{}`, with `{value}` as an example value",
                        item.name, item.name
                    )
                } else {
                    params.push(query_param(&item.name, true, Some(value.clone()), loc));
                    format!(
                        "`{}={value}`: `{}` is documented nowhere else; a constant the client always sends",
                        item.name, item.name
                    )
                }
            }
        };
        diags.push(diag(
            Severity::Info,
            "route-query-string",
            format!("query string in the route line: {said}"),
            &loc.file,
            loc.line,
            loc.column,
        ));
    }
}

fn query_param(name: &str, required: bool, fixed: Option<String>, loc: &SourceLoc) -> Param {
    Param {
        name: name.to_string(),
        location: ParamLocation::Query,
        required,
        ty: TypeRef::String,
        description: String::new(),
        min_version: None,
        max_version: None,
        fixed,
        example: None,
        documented: false,
        source: Some(loc.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_slip_from_a_standard_method_is_a_typo() {
        for (typo, meant) in [
            ("GETT", "GET"),
            ("GT", "GET"),
            ("DELTE", "DELETE"),
            ("POTS", "POST"),
            ("PUTS", "PUT"),
            ("PACTH", "PATCH"),
        ] {
            assert_eq!(misspelt(typo), Some(meant), "{typo}");
        }
        for method in ["GET", "COPY", "MOVE", "FETCH", "PURGE", "LOCK", "REPORT"] {
            assert_eq!(misspelt(method), None, "{method}");
        }
    }

    #[test]
    fn query_items() {
        let got = parse_query("kind={kind-name}&{usage}=True&origin=https%3A//x.example&flag&");
        assert_eq!(
            got,
            [
                QueryItem {
                    name: "kind".into(),
                    value: QueryValue::Placeholder("kind-name".into())
                },
                QueryItem {
                    name: "usage".into(),
                    value: QueryValue::Literal("True".into())
                },
                QueryItem {
                    name: "origin".into(),
                    value: QueryValue::Literal("https://x.example".into())
                },
                QueryItem {
                    name: "flag".into(),
                    value: QueryValue::Flag
                },
            ]
        );
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
    }
}
