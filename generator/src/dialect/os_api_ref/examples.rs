//! os-api-ref examples: every `.. literalinclude::` in an endpoint's scope
//! (Sphinx resolves its argument against the including file's folder, `..`
//! followed wherever it leads), and inline `.. code-block::` JSON/XML.
//!
//! Direction comes from the heading the page puts the sample under
//! ("Request Example", "Response Parameters" ...), else from the sample's
//! file name (`...-request.json`), else from the method (a GET, HEAD or
//! DELETE has no request body; anything else is reported as unknown and
//! read as a response).

use super::includes;
use super::params::Ctx;
use crate::corpus::{self, Corpus, SourceFile};
use crate::diag::{Diagnostic, Severity};
use crate::model::example::{self, Direction, Example};
use crate::model::{Endpoint, HttpMethod, Response, SourceLoc};
use crate::rst::{self, Block, Directive};
use std::path::{Path, PathBuf};

/// The examples among `units` (an endpoint's scope: each block with the
/// side its heading gives, `Some(true)` for the response side).
pub(super) fn find<'b>(
    units: impl Iterator<Item = (&'b Block, Option<bool>)>,
    page: &SourceFile,
    ctx: &Ctx<'_>,
    method: HttpMethod,
    responses: &[Response],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Example> {
    let mut out = Vec::new();
    for (unit, side) in units {
        rst::walk(std::slice::from_ref(unit), &mut |b| {
            if let Block::Directive(d) = b {
                let side = side.map(|r| {
                    if r {
                        Direction::Response
                    } else {
                        Direction::Request
                    }
                });
                if let Some(e) = one(d, side, page, ctx, method, responses, diags) {
                    out.push(e);
                }
            }
        });
    }
    out
}

/// `example-without-endpoint`: a sample the page includes outside every
/// endpoint's scope (in a section's introduction, before its first
/// `rest_method`) belongs to no endpoint; say so at its line, unless the
/// line already has a diagnostic.
pub(super) fn unattached(page: &SourceFile, endpoints: &[Endpoint], diags: &mut Vec<Diagnostic>) {
    let mut lines = Vec::new();
    rst::walk(&page.doc.children, &mut |b| {
        if let Block::Directive(d) = b {
            if d.name == "literalinclude" {
                lines.push(d.span);
            }
        }
    });
    for span in lines {
        let used = endpoints
            .iter()
            .flat_map(|e| &e.examples)
            .any(|x| *x.source.file == *page.name && x.source.line == span.line);
        let said = diags
            .iter()
            .any(|d| *d.file == *page.name && d.line == span.line);
        if !used && !said {
            diags.push(Diagnostic::new(
                Severity::Info,
                "example-without-endpoint",
                "this sample is included outside every endpoint's scope (before the first \
                 `rest_method` of its section); it is not an example of any endpoint",
                &page.name,
                span.line,
                span.col,
            ));
        }
    }
}

/// The innermost section of `blocks` holding `target`, as its title.
pub(crate) fn heading_of(blocks: &[Block], target: &Directive) -> Option<String> {
    for b in blocks {
        if let Block::Section(s) = b {
            if let Some(t) = heading_of(&s.children, target) {
                return Some(t);
            }
            let mut inside = false;
            rst::walk(&s.children, &mut |x| {
                inside |= matches!(x, Block::Directive(d) if std::ptr::eq(&**d, target))
            });
            if inside {
                return Some(s.title_text.trim().to_string());
            }
        }
    }
    None
}

/// The folders a relative `literalinclude` path may be resolved against:
/// Sphinx reads an included file's directives as part of the document that
/// includes it, so the top-level documents including `page` (through any
/// chain of `.. include::`) come first, then the page's own folder (for a
/// page read on its own).
/// The Sphinx source folder of a page: the nearest folder holding
/// `conf.py`, looking up from the top page including it (the root
/// document sits in the source folder); failing that, that page's folder.
/// `bases` is [`bases`]' answer: top pages' folders first.
fn source_root(bases: &[PathBuf]) -> PathBuf {
    let top = bases.first().cloned().unwrap_or_default();
    top.ancestors()
        .take(8)
        .find(|dir| dir.join("conf.py").is_file())
        .map_or(top.clone(), Path::to_path_buf)
}

fn bases(page: &SourceFile, corpus: &Corpus) -> Vec<PathBuf> {
    let mut tops: Vec<PathBuf> = Vec::new();
    let mut todo = vec![(page.path.clone(), 0u32)];
    let mut seen = vec![page.path.clone()];
    while let Some((path, depth)) = todo.pop() {
        let up = includes::includers(&path, corpus);
        if up.is_empty() || depth > 8 {
            if path != page.path {
                tops.push(path);
            }
            continue;
        }
        for f in up {
            if !seen.contains(&f.path) {
                seen.push(f.path.clone());
                todo.push((f.path.clone(), depth + 1));
            }
        }
    }
    tops.sort();
    tops.push(page.path.clone());
    let mut dirs: Vec<PathBuf> = Vec::new();
    for t in tops {
        let dir = t.parent().map(Path::to_path_buf).unwrap_or_default();
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    dirs
}

fn direction_of(
    side: Option<Direction>,
    file: &str,
    method: HttpMethod,
    at: &SourceLoc,
    diags: &mut Vec<Diagnostic>,
) -> Direction {
    if let Some(s) = side {
        return s;
    }
    let name = file.rsplit('/').next().unwrap_or(file).to_ascii_lowercase();
    if name.contains("request") || name.contains("req.") {
        return Direction::Request;
    }
    if name.contains("response") || name.contains("resp.") {
        return Direction::Response;
    }
    if !matches!(
        method,
        HttpMethod::Get | HttpMethod::Head | HttpMethod::Delete
    ) {
        diags.push(Diagnostic::new(
            Severity::Info,
            "example-direction-unknown",
            "neither the heading nor the sample's name says whether this example is a request \
             or a response; read as a response",
            &at.file,
            at.line,
            at.column,
        ));
    }
    Direction::Response
}

fn one(
    d: &Directive,
    side: Option<Direction>,
    page: &SourceFile,
    ctx: &Ctx<'_>,
    method: HttpMethod,
    responses: &[Response],
    diags: &mut Vec<Diagnostic>,
) -> Option<Example> {
    let at = SourceLoc {
        file: page.name.to_string(),
        line: d.span.line,
        column: d.span.col,
    };
    let (text, file, media) = match d.name.as_str() {
        "literalinclude" => {
            let arg = d.argument.trim();
            let media = example::media_type_of(d.option("language"), arg);
            if arg.is_empty() {
                diags.push(example::missing(&at, "", "has no file name"));
                return None;
            }
            // Sphinx reads `/x` from the source folder (the one holding
            // `conf.py`), other names from the including page's folder.
            let bases = match arg.strip_prefix('/') {
                Some(_) => vec![source_root(&bases(page, ctx.corpus()))],
                None => bases(page, ctx.corpus()),
            };
            let arg = arg.trim_start_matches('/');
            let found = bases.iter().find_map(|dir| {
                let p = corpus::normalize(&dir.join(arg));
                ctx.corpus().read_extra(&p).ok().map(|t| (t, p))
            });
            let Some((text, path)) = found else {
                let tried: Vec<String> = bases
                    .iter()
                    .map(|b| corpus::display(&corpus::normalize(&b.join(arg))))
                    .collect();
                diags.push(example::missing(
                    &at,
                    arg,
                    &format!("cannot be read (tried {})", tried.join(", ")),
                ));
                return None;
            };
            (text, Some(corpus::display(&path)), media)
        }
        "code-block" | "code" | "sourcecode" => {
            let lang = d.argument.trim();
            let media = example::media_type_of(Some(lang), "");
            if !(media.is_json() || media.is_xml()) {
                return None;
            }
            let lines = d.content.iter().map(|l| l.text.as_str());
            (example::dedent(lines), None, media)
        }
        _ => return None,
    };
    let what = file
        .clone()
        .unwrap_or_else(|| format!("the {} example", media.as_str()));
    let body = example::parse_as(&media, &text, &at, &what, diags)?;
    let direction = direction_of(side, file.as_deref().unwrap_or(""), method, &at, diags);
    let heading = heading_of(&page.doc.children, d).unwrap_or_default();
    let caption = d.option("caption").unwrap_or("");
    let title = if caption.is_empty() {
        heading.clone()
    } else {
        caption.to_string()
    };
    let status = match direction {
        Direction::Request => None,
        Direction::Response => example::response_status(responses, &[&heading, caption]),
    };
    Some(Example {
        direction,
        status,
        media_type: media,
        title,
        source: at,
        file,
        body,
    })
}
