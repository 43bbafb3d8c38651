//! The wadl2rst dialect: OpenStack API pages converted from WADL (the old
//! api-site). One endpoint per page: a `~` section titled with the call's
//! name, a `.. code-block::` holding `METHOD /path`, prose, then grid
//! tables introduced by "This table shows the possible response codes ...",
//! "... the URI parameters for the request", "... the body parameters for
//! the response", and so on.

mod examples;
mod tables;

use super::os_api_ref::prose::{self, squash};
use super::os_api_ref::wire::{self, Documented};
use super::PageOutput;
use crate::corpus::{Corpus, SourceFile};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Dialect, Endpoint, HttpMethod, ParamLocation};
use crate::rst::{self, Block, Directive, Inline, RawLine, Section, Table};
use std::path::Path;
use tables::{loc, read_codes, read_params};

/// The request line of a page: the first `code-block` / `code` directive
/// whose first non-blank line is `METHOD /path`, with the innermost section
/// holding it.
struct RequestLine<'a> {
    section: Option<&'a Section>,
    line: &'a RawLine,
    /// The method, or the upper-case word written in its place.
    method: Result<HttpMethod, String>,
    path: &'a str,
}

/// `GET /v2/images/{image_id}/file` -> method and path. An upper-case word
/// before a path that is no HTTP method is still a request line (reported
/// when read, never lost): `METHOD` stands for any method, anything else
/// keeps the word as the error.
fn parse_request_line(d: &Directive) -> Option<(&RawLine, Result<HttpMethod, String>, &str)> {
    if d.name != "code-block" && d.name != "code" {
        return None;
    }
    let line = d.content.iter().find(|l| !l.text.trim().is_empty())?;
    let (m, path) = line.text.trim().split_once(' ')?;
    let path = path.trim();
    if !path.starts_with('/') || path.contains(char::is_whitespace) {
        return None;
    }
    let method = match m.parse::<HttpMethod>() {
        Ok(method) => Ok(method),
        Err(_) if m == "METHOD" => Ok(HttpMethod::Any),
        Err(_) if !m.is_empty() && m.bytes().all(|b| b.is_ascii_uppercase()) => Err(m.to_string()),
        Err(_) => return None,
    };
    Some((line, method, path))
}

fn find_request_line<'a>(
    blocks: &'a [Block],
    section: Option<&'a Section>,
) -> Option<RequestLine<'a>> {
    for b in blocks {
        let found = match b {
            Block::Directive(d) => parse_request_line(d).map(|(line, method, path)| RequestLine {
                section,
                line,
                method,
                path,
            }),
            Block::Section(s) => find_request_line(&s.children, Some(s)),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Is this page written in the wadl2rst dialect: a code block holding
/// `METHOD /path`, and no os-api-ref `rest_method`?
pub fn detect(file: &SourceFile) -> bool {
    find_request_line(&file.doc.children, None).is_some()
        && !crate::dialect::os_api_ref::has_rest_method(&file.doc)
}

/// Which half of the call a table documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Request,
    Response,
}

/// What a table is, from the sentence before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TableKind {
    Codes,
    Params(ParamLocation),
}

fn classify(caption: &str) -> Option<TableKind> {
    let c = caption.to_lowercase();
    let kind = if c.contains("response code") {
        TableKind::Codes
    } else if c.contains("uri parameter") || c.contains("path parameter") {
        TableKind::Params(ParamLocation::Path)
    } else if c.contains("header parameter") {
        TableKind::Params(ParamLocation::Header)
    } else if c.contains("query parameter") {
        TableKind::Params(ParamLocation::Query)
    } else if c.contains("body parameter")
        || c.contains("request body")
        || c.contains("response body")
    {
        TableKind::Params(ParamLocation::Body)
    } else {
        return None;
    };
    Some(kind)
}

/// Side from the caption ("... for the response:"), else from the section.
fn side_of_caption(caption: &str, section: Option<Side>) -> Side {
    let c = caption.to_lowercase();
    if c.contains("for the response") || c.contains("response body") {
        Side::Response
    } else if c.contains("for the request") || c.contains("request body") {
        Side::Request
    } else {
        section.unwrap_or(Side::Request)
    }
}

fn side_of_title(title: &str) -> Option<Side> {
    let t = title.trim().to_lowercase();
    if t.starts_with("request") {
        Some(Side::Request)
    } else if t.starts_with("response") {
        Some(Side::Response)
    } else {
        None
    }
}

/// The `Request <...>`__ `Response <...>`__ navigation line.
fn is_link_line(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| matches!(i, Inline::Reference(_)))
        && inlines.iter().all(|i| match i {
            Inline::Reference(_) => true,
            Inline::Text { text, .. } => text.trim().is_empty(),
            _ => false,
        })
}

/// Everything a page documents, gathered in one pass.
#[derive(Default)]
struct Scan<'a> {
    prose: Vec<&'a Block>,
    tables: Vec<(TableKind, Side, &'a Table)>,
    doc: Documented,
}

fn scan<'a>(
    blocks: &'a [Block],
    side: Option<Side>,
    top: bool,
    file: &SourceFile,
    out: &mut Scan<'a>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut caption: Option<String> = None;
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                let text = squash(&rst::plain_text(&p.inlines));
                if text.to_lowercase().contains("table shows") {
                    caption = Some(text);
                } else if text.starts_with("Example ") && p.inlines.iter().all(|i| matches!(i, Inline::Strong { .. })) {
                    match side {
                        Some(Side::Request) => out.doc.request_example = true,
                        Some(Side::Response) => out.doc.response_example = true,
                        None => {}
                    }
                } else if top && !is_link_line(&p.inlines) {
                    out.prose.push(b);
                }
            }
            Block::Table(t) => match caption.take().and_then(|c| classify(&c).map(|k| (k, c))) {
                Some((kind, c)) => out.tables.push((kind, side_of_caption(&c, side), t)),
                None => diags.push(Diagnostic::new(
                    Severity::Warning,
                    "table-unrecognised",
                    "a table with no \"This table shows the ...\" sentence naming what it lists; skipped",
                    &file.name,
                    t.span.line,
                    t.span.col,
                )),
            },
            Block::Section(s) => scan(&s.children, side_of_title(&s.title_text).or(side), false, file, out, diags),
            Block::BulletList(_) | Block::EnumeratedList(_) | Block::DefinitionList(_) | Block::BlockQuote(_)
                if top =>
            {
                out.prose.push(b)
            }
            _ => {}
        }
    }
}

/// Read one page (self-contained: the corpus is not needed).
pub fn read(file: &SourceFile, _corpus: &Corpus) -> PageOutput {
    let mut out = PageOutput::default();
    let Some(rl) = find_request_line(&file.doc.children, None) else {
        return out;
    };
    let diags = &mut out.diagnostics;
    let source = loc(file, rl.line.span.line, rl.line.span.col);
    let method = match &rl.method {
        Ok(HttpMethod::Any) => {
            diags.push(Diagnostic::new(
                Severity::Info,
                "method-placeholder",
                format!("`METHOD {}`: `METHOD` stands for any HTTP method; the endpoint accepts every method", rl.path),
                &source.file,
                source.line,
                source.column,
            ));
            HttpMethod::Any
        }
        Ok(m) => *m,
        Err(word) => {
            diags.push(Diagnostic::new(
                Severity::Error,
                "invalid-method",
                format!(
                    "`{word}` in request line `{word} {}` is not an HTTP method; endpoint skipped",
                    rl.path
                ),
                &source.file,
                source.line,
                source.column,
            ));
            return out;
        }
    };
    // A query string written into the request line is read as os-api-ref
    // reads one (query parameters, examples, constants; each an info).
    let (route, query) = match rl.path.split_once('?') {
        Some((r, q)) => (r, crate::dialect::os_api_ref::route::parse_query(q)),
        None => (rl.path, Vec::new()),
    };
    let Some(path) = wire::parse_path(route, &source, diags) else {
        return out;
    };
    let blocks = rl
        .section
        .map_or(file.doc.children.as_slice(), |s| s.children.as_slice());
    let mut s = Scan::default();
    scan(blocks, None, true, file, &mut s, diags);
    for (kind, side, table) in std::mem::take(&mut s.tables) {
        match kind {
            TableKind::Codes => read_codes(table, file, &mut s.doc, diags),
            TableKind::Params(location) => {
                let params = read_params(table, location, file, diags);
                match side {
                    Side::Request => s.doc.request.extend(params),
                    Side::Response => s.doc.response.extend(params),
                }
            }
        }
    }
    let raw_prose: Vec<String> = s.prose.iter().map(|b| rst::plain_text_block(b)).collect();
    let since = raw_prose.iter().find_map(|t| prose::since(t));
    let (summary, description) = prose::describe(&s.prose);
    let facts = prose::prose_facts(&s.prose, &file.name);
    s.doc.route_query = query;
    let what = format!("{method} {}", rl.path);
    let io = wire::assemble(s.doc, &path, &facts, &source, &what, diags);
    let path_of = Path::new(&*file.name);
    let stem = |p: Option<&std::ffi::OsStr>| {
        p.map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    out.endpoints.push(Endpoint {
        id: stem(path_of.file_stem()),
        title: rl
            .section
            .map_or_else(String::new, |s| squash(&s.title_text)),
        summary,
        auth: prose::auth(&description, method, &path),
        refs: prose::refs(&s.prose),
        description,
        method,
        path,
        params: io.params,
        request_body: io.request_body,
        examples: examples::find(file, blocks, &io.responses, diags),
        shapes: Vec::new(),
        responses: io.responses,
        since,
        group: stem(path_of.parent().and_then(Path::file_name)),
        min_version: None,
        max_version: None,
        dispatch: None,
        dialect: Dialect::Wadl2rst,
        source,
    });
    out
}

#[cfg(test)]
mod tests;
