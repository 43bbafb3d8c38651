//! UForge endpoint pages: one [`Endpoint`] per `.. function:: METHOD /path`.

use super::parts::{self, Entry, Heading, Kind, Part};
use super::{block_text, diag, loc, prose, refs, request};
use crate::corpus::SourceFile;
use crate::diag::{Diagnostic, Severity};
use crate::dialect::{common, PageOutput};
use crate::model::{
    Auth, AuthBasis, Dialect, Endpoint, HttpMethod, MediaType, Response, ResponseKind, StatusCode,
};
use crate::rst::{self, Block, Directive, Section};
use std::path::Path;

/// Does the page hold an operation: a `function` directive whose argument
/// reads `METHOD /path` (an HTTP method, or an upper-case word before a
/// path, so a wrong method is reported rather than ignored), or one with no
/// argument on a page that has a `sidebar:: Summary` (so the lost endpoint
/// is reported)?
pub(super) fn has_operation(blocks: &[Block]) -> bool {
    let is_operation = |b: &Block| matches!(b, Block::Directive(d) if d.name == "function" && looks_like_operation(&d.argument));
    if rst::any(blocks, &mut |b| is_operation(b)) {
        return true;
    }
    let mut operation = false;
    let mut bare_function = false;
    let mut sidebar = false;
    rst::walk(blocks, &mut |b| {
        if let Block::Directive(d) = b {
            match d.name.as_str() {
                "function" if d.argument.trim().is_empty() => bare_function = true,
                "function" => operation |= looks_like_operation(&d.argument),
                "sidebar" => sidebar |= rst::normalized_eq(&d.argument, "summary"),
                _ => {}
            }
        }
    });
    operation || (bare_function && sidebar)
}

/// Does a `function` argument read as an operation: a method (or an
/// upper-case word before a path), or a word that starts with an upper-case
/// HTTP method (`GETar::`, a route line mangled into the next directive),
/// which is then reported as unreadable rather than lost.
fn looks_like_operation(argument: &str) -> bool {
    const METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    let mut words = argument.split_whitespace();
    let method = words.next().unwrap_or("");
    let path = words.next().unwrap_or("");
    method.to_ascii_uppercase().parse::<HttpMethod>().is_ok()
        || (!method.is_empty()
            && method.chars().all(|c| c.is_ascii_uppercase())
            && path.contains('/'))
        || METHODS.iter().any(|m| method.starts_with(m))
}

/// A function directive, the blocks that follow it (up to the next function
/// directive at the same level), the blocks before it, and the innermost
/// section holding it.
struct Site<'a> {
    directive: &'a Directive,
    area: &'a [Block],
    before: &'a [Block],
    section: Option<&'a Section>,
}

fn find_sites<'a>(blocks: &'a [Block], section: Option<&'a Section>, out: &mut Vec<Site<'a>>) {
    // Each `function` directive's area runs to the next one at its level.
    let site = |i: usize, end: usize, out: &mut Vec<Site<'a>>| {
        if let (Some(Block::Directive(d)), Some(area), Some(before)) =
            (blocks.get(i), blocks.get(i + 1..end), blocks.get(..i))
        {
            out.push(Site {
                directive: d,
                area,
                before,
                section,
            });
        }
    };
    let mut open = None;
    for (i, b) in blocks.iter().enumerate() {
        if matches!(b, Block::Directive(d) if d.name == "function") {
            if let Some(start) = open.replace(i) {
                site(start, i, out);
            }
        }
    }
    if let Some(start) = open {
        site(start, blocks.len(), out);
    }
    for b in blocks {
        match b {
            Block::Section(s) => find_sites(&s.children, Some(s), out),
            Block::BlockQuote(q) => find_sites(&q.children, section, out),
            Block::Directive(d) => find_sites(&d.children, section, out),
            Block::BulletList(l) => l
                .items
                .iter()
                .for_each(|i| find_sites(&i.children, section, out)),
            _ => {}
        }
    }
}

/// Read every endpoint of the page.
pub(super) fn read(file: &SourceFile, out: &mut PageOutput) {
    let mut sites = Vec::new();
    find_sites(&file.doc.children, None, &mut sites);
    for site in &sites {
        if let Some(e) = build(file, site, &mut out.diagnostics) {
            out.endpoints.push(e);
        }
    }
}

fn build(file: &SourceFile, site: &Site<'_>, diags: &mut Vec<Diagnostic>) -> Option<Endpoint> {
    let d = site.directive;
    let source = loc(file, d.span);
    let title = title(file, site, diags);
    let argument = d.argument.trim();
    let lost = |why: String| diag(file, Severity::Error, "endpoint-unreadable", why, d.span);
    let Some((method_raw, path_raw)) = argument.split_once(char::is_whitespace) else {
        let why = if argument.is_empty() {
            "has no `METHOD /path` argument".to_string()
        } else {
            format!("argument `{argument}` has no path after the method")
        };
        diags.push(lost(format!(
            "`.. function::` {why}; endpoint `{title}` not read"
        )));
        return None;
    };
    let method = match method_raw.parse::<HttpMethod>() {
        Ok(m) => m,
        Err(e) => {
            diags.push(lost(format!("{e}; endpoint `{title}` not read")));
            return None;
        }
    };
    let path = common::parse_path(path_raw.trim(), &source, diags)?;

    let parts = parts::split(site.area, d.span);
    report_headings(file, &parts, diags);
    let summary = summary(file, &parts, method, d, diags);
    let auth_part = parts.iter().find(|p| p.kind == Kind::Security);
    let mut auth = auth(file, auth_part, d, diags);

    let intro: Vec<&Block> = parts
        .iter()
        .filter(|p| matches!(p.kind, Kind::Intro | Kind::Other))
        .flat_map(|p| p.blocks.iter().copied())
        .collect();
    let inferred = prose::infer(file, &intro, diags);
    auth.one_time_token = inferred.one_time_token;

    let uri_part = parts.iter().find(|p| p.kind == Kind::UriParams);
    let mut documented = uri_part
        .map(|p| request::uri_params(file, p, diags))
        .unwrap_or_default();
    documented.extend(inferred.params);
    let reconcile_at = uri_part.map_or(source.clone(), |p| loc(file, p.span));
    let params = common::reconcile_params(&path, documented, &reconcile_at, diags);
    let request_body = request::body(file, &parts, diags);

    let texts: Vec<String> = parts
        .iter()
        .filter(|p| p.kind == Kind::Intro)
        .flat_map(|p| p.blocks.iter().map(|b| block_text(b)))
        .filter(|t| !t.is_empty())
        .collect();
    let all: Vec<&Block> = parts
        .iter()
        .flat_map(|p| p.blocks.iter().copied())
        .collect();
    let mut refs = refs::refs(file, &all, diags);
    refs.sort_by_key(|r| r.line);

    Some(Endpoint {
        id: title.clone(),
        title,
        summary: texts.first().cloned().unwrap_or_default(),
        description: texts.join("\n\n"),
        method,
        path,
        params,
        request_body,
        examples: super::examples::find(file, &parts, &summary.responses, diags),
        shapes: Vec::new(),
        responses: summary.responses,
        auth,
        since: summary.since,
        refs,
        group: group(file),
        min_version: None,
        max_version: None,
        dispatch: None,
        dialect: Dialect::Uforge,
        source,
    })
}

/// The page title: the section holding the function directive; on a page
/// without sections (copied from a rendered view) the one-word line before
/// the directive; else the file name.
fn title(file: &SourceFile, site: &Site<'_>, diags: &mut Vec<Diagnostic>) -> String {
    if let Some(s) = site.section {
        return s.title_text.trim().to_string();
    }
    let line = site.before.iter().rev().find_map(|b| match b {
        Block::Paragraph(p) => {
            let t = rst::plain_text(&p.inlines);
            let t = t.trim();
            let word = !t.is_empty() && !t.contains(char::is_whitespace) && !t.contains('.');
            word.then(|| (t.to_string(), p.span))
        }
        _ => None,
    });
    if let Some((t, span)) = line {
        diags.push(diag(
            file,
            Severity::Info,
            "inferred-from-rendered-page",
            format!("no section title; the endpoint is named `{t}` after the line before `.. function::`"),
            span,
        ));
        return t;
    }
    let stem = Path::new(&*file.name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    diags.push(diag(
        file,
        Severity::Warning,
        "title-missing",
        format!("the endpoint has no title; named `{stem}` after the file"),
        site.directive.span,
    ));
    stem
}

/// One info per part whose heading was a plain line (a page copied from a
/// rendered view: no sidebar directive, `•` bullets, no code block); one
/// warning per section title run into the paragraph above it.
fn report_headings(file: &SourceFile, parts: &[Part<'_>], diags: &mut Vec<Diagnostic>) {
    for p in parts.iter().filter(|p| p.heading == Heading::InParagraph) {
        diags.push(diag(
            file,
            Severity::Warning,
            "section-title-in-paragraph",
            format!(
                "`{}` has no blank line before it, so docutils and Sphinx read it as paragraph text; read as the section it was meant to be",
                p.kind.title()
            ),
            p.span,
        ));
    }
    for p in parts.iter().filter(|p| p.heading == Heading::PlainLine) {
        let what = match p.kind {
            Kind::Summary => "is a plain line, not a `.. sidebar::`; its `•` lines are read as the sidebar bullets",
            Kind::Security => "is a plain line, not a section; its `•` lines are read as its bullets",
            Kind::UriParams => "is a plain line, not a section; the parameters listed under it are read",
            Kind::Body => "is a plain line, not a section; the text under it is read",
            Kind::Example => "is a plain line, not a section; the example is read from plain text",
            Kind::Intro | Kind::Other => continue,
        };
        diags.push(diag(
            file,
            Severity::Info,
            "inferred-from-rendered-page",
            format!(
                "`{}` {what} (the page was copied from a rendered view)",
                p.kind.title()
            ),
            p.span,
        ));
    }
}

/// What the Summary sidebar says.
struct Summary {
    responses: Vec<Response>,
    since: Option<String>,
}

fn summary(
    file: &SourceFile,
    parts: &[Part<'_>],
    method: HttpMethod,
    d: &Directive,
    diags: &mut Vec<Diagnostic>,
) -> Summary {
    let Some(part) = parts.iter().find(|p| p.kind == Kind::Summary) else {
        diags.push(diag(
            file,
            Severity::Warning,
            "summary-missing",
            "no `.. sidebar:: Summary`: response codes, formats and version unknown",
            d.span,
        ));
        return Summary {
            responses: Vec::new(),
            since: None,
        };
    };
    let mut codes: Vec<StatusCode> = Vec::new();
    let mut formats: Vec<MediaType> = Vec::new();
    let mut since = None;
    for Entry {
        key, value, span, ..
    } in parts::entries(&part.blocks, file)
    {
        let warn = |code: &'static str, msg: String| diag(file, Severity::Warning, code, msg, span);
        match key.to_ascii_lowercase().as_str() {
            "method" => {
                if value != method.as_str() {
                    diags.push(warn(
                        "method-mismatch",
                        format!("the Summary says `{value}` but the function line says `{method}`; `{method}` is used"),
                    ));
                }
            }
            "response code" | "response codes" => {
                for raw in value.split(['/', ',']).flat_map(str::split_whitespace) {
                    match raw.parse::<StatusCode>() {
                        Ok(c) => codes.push(c),
                        Err(e) => diags.push(warn("bad-status-code", e.to_string())),
                    }
                }
            }
            "response formats" | "response format" => {
                for raw in value.split_whitespace() {
                    match raw.parse::<MediaType>() {
                        Ok(m) if !formats.contains(&m) => formats.push(m),
                        Ok(_) => {}
                        Err(e) => diags.push(warn("bad-media-type", e.to_string())),
                    }
                }
            }
            "since" => since = Some(value).filter(|v| !v.is_empty()),
            _ => diags.push(diag(
                file,
                Severity::Info,
                "summary-key-unknown",
                format!("Summary item `{key}` is not read"),
                span,
            )),
        }
    }
    codes.sort();
    codes.dedup();
    let responses = codes
        .into_iter()
        .map(|status| Response {
            status,
            kind: ResponseKind::Normal,
            description: String::new(),
            media_types: formats.clone(),
            headers: Vec::new(),
            fields: Vec::new(),
            object: None,
        })
        .collect();
    Summary { responses, since }
}

/// The Security Summary: `Requires Authentication` and `Entitlements
/// Required`. Without it the call is taken to need authentication (UForge's
/// convention, true of 499 of its 518 pages), with a warning.
fn auth(
    file: &SourceFile,
    part: Option<&Part<'_>>,
    d: &Directive,
    diags: &mut Vec<Diagnostic>,
) -> Auth {
    let mut required = None;
    let mut entitlements = Vec::new();
    for Entry {
        key, value, span, ..
    } in part
        .map(|p| parts::entries(&p.blocks, file))
        .unwrap_or_default()
    {
        match key.to_ascii_lowercase().as_str() {
            "requires authentication" => match value.to_ascii_lowercase().as_str() {
                "true" | "yes" => required = Some(true),
                "false" | "no" => required = Some(false),
                _ => diags.push(diag(
                    file,
                    Severity::Warning,
                    "bad-auth-value",
                    format!("`Requires Authentication: {value}` is neither true nor false"),
                    span,
                )),
            },
            "entitlements required" => entitlements.extend(
                value
                    .split(',')
                    .map(str::trim)
                    .filter(|e| !e.is_empty() && !e.eq_ignore_ascii_case("none"))
                    .map(str::to_string),
            ),
            _ => {}
        }
    }
    let basis = if required.is_some() {
        AuthBasis::Documented
    } else {
        diags.push(diag(
            file,
            Severity::Warning,
            "auth-undocumented",
            "the page does not say whether the call requires authentication; assuming it does (UForge's convention)",
            part.map_or(d.span, |p| p.span),
        ));
        AuthBasis::Convention
    };
    Auth {
        required: required.unwrap_or(true),
        basis,
        entitlements,
        one_time_token: None,
    }
}

/// The API group: the folder the page is in.
fn group(file: &SourceFile) -> String {
    Path::new(&*file.name)
        .parent()
        .and_then(Path::file_name)
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
