//! One os-api-ref endpoint per `.. rest_method::` directive: its section
//! gives the title and id, the blocks after it (up to the next
//! `rest_method`) the prose, response codes and parameter lists.

use super::params::{self, Ctx};
use super::prose::{self, squash};
use super::wire::{self, Documented};
use super::{codes, dispatch, examples, route};
use crate::corpus::SourceFile;
use crate::diag::{Diagnostic, Severity};
use crate::dialect::PageOutput;
use crate::model::{Dialect, Endpoint, HttpMethod, ResponseKind, SourceLoc};
use crate::rst::{self, Block, Directive, Section};
use std::path::Path;

/// Which half of an endpoint a block documents, from the title of the
/// nearest section ("Request", "Response Parameters", "Response Example").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Request,
    Response,
}

fn side_of(title: &str) -> Option<Side> {
    let t = title.trim().to_lowercase();
    if t.starts_with("request") {
        Some(Side::Request)
    } else if t.starts_with("response") {
        Some(Side::Response)
    } else {
        None
    }
}

fn is_rest_method(b: &Block) -> bool {
    matches!(b, Block::Directive(d) if d.name == "rest_method")
}

/// Does a block list hold a `rest_method` (at any depth)?
fn holds_rest_method(blocks: &[Block]) -> bool {
    let mut found = false;
    rst::walk(blocks, &mut |b| found |= is_rest_method(b));
    found
}

/// One block of an endpoint's scope: the side it documents, and whether it
/// sits beside the `rest_method` (in the same block list), where the
/// endpoint's prose is.
#[derive(Clone, Copy)]
struct Unit<'b> {
    block: &'b Block,
    side: Option<Side>,
    top: bool,
}

/// A `rest_method` and the blocks that document it.
struct Found<'b> {
    directive: &'b Directive,
    section: Option<&'b Section>,
    list: &'b [Block],
    units: Vec<Unit<'b>>,
}

/// Read every endpoint whose `rest_method` is written in `page`.
pub(crate) fn read_page(page: &SourceFile, ctx: &mut Ctx<'_>, out: &mut PageOutput) {
    let mut found = Vec::new();
    gather(&page.doc.children, None, None, &mut found);
    let first = out.endpoints.len();
    for f in found {
        if let Some(e) = endpoint(
            f.directive,
            &f.units,
            f.section,
            page,
            ctx,
            &mut out.diagnostics,
        ) {
            out.endpoints.push(e);
        }
    }
    examples::unattached(page, &out.endpoints[first..], &mut out.diagnostics);
}

/// Assign every block to the `rest_method` it follows in reading order (a
/// block list's blocks before its first `rest_method` belong to that one),
/// whatever the section nesting: pages often put an endpoint's "Response
/// codes" section at the level of the next endpoint's title.
fn gather<'b>(
    blocks: &'b [Block],
    section: Option<&'b Section>,
    side: Option<Side>,
    found: &mut Vec<Found<'b>>,
) {
    let first = blocks.iter().position(is_rest_method);
    let order = first
        .into_iter()
        .chain((0..blocks.len()).filter(|i| Some(*i) != first));
    for i in order {
        match &blocks[i] {
            Block::Directive(d) if d.name == "rest_method" => found.push(Found {
                directive: d,
                section,
                list: blocks,
                units: Vec::new(),
            }),
            Block::Section(s) => {
                let inherited = if holds_rest_method(&s.children) {
                    None
                } else {
                    side
                };
                gather(
                    &s.children,
                    Some(s),
                    side_of(&s.title_text).or(inherited),
                    found,
                );
            }
            b => {
                if let Some(f) = found.last_mut() {
                    let top = std::ptr::eq(f.list, blocks);
                    f.units.push(Unit {
                        block: b,
                        side,
                        top,
                    });
                }
            }
        }
    }
}

/// Lower-case slug of a title: runs of non-alphanumerics become one `-`.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Is this directive an example with a body: a `literalinclude` of a
/// sample, or a code block with content (for an `http` block, content after
/// the blank line that ends the headers)?
fn example_has_body(d: &Directive) -> bool {
    match d.name.as_str() {
        "literalinclude" => true,
        "code-block" | "code" => {
            let lines = d.content.iter().skip_while(|l| l.text.trim().is_empty());
            if d.argument.trim().eq_ignore_ascii_case("http") {
                lines
                    .skip_while(|l| !l.text.trim().is_empty())
                    .any(|l| !l.text.trim().is_empty())
            } else {
                lines.count() > 0
            }
        }
        _ => false,
    }
}

/// What the scope of one endpoint documents.
#[derive(Default)]
struct Scope<'b> {
    prose: Vec<&'b Block>,
    documented: Documented,
    /// The first request sample the page includes (`literalinclude`
    /// argument), which shows the body's top-level members.
    request_sample: Option<String>,
}

/// The texts of `blocks`, joined by a space.
fn blocks_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(rst::plain_text_block)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Add the codes stated in prose; a three-digit token that is not a status
/// code is a warning.
fn add_stated(
    s: &mut Scope<'_>,
    kind: ResponseKind,
    stated: Vec<codes::Stated>,
    loc: &SourceLoc,
    diags: &mut Vec<Diagnostic>,
) {
    for st in stated {
        match st {
            codes::Stated::Code(code, reason) => {
                wire::add_response(&mut s.documented.responses, code, kind, reason, loc, diags)
            }
            codes::Stated::Invalid(tok) => diags.push(Diagnostic::new(
                Severity::Warning,
                "response-code-invalid",
                format!("`{tok}` is not an HTTP status code (100..=599)"),
                &loc.file,
                loc.line,
                loc.column,
            )),
        }
    }
}

fn collect<'b>(
    units: &[Unit<'b>],
    page: &SourceFile,
    ctx: &mut Ctx<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Scope<'b> {
    let mut s = Scope::default();
    let mut after_label = false;
    for u in units.iter().filter(|u| u.top) {
        let keep = match u.block {
            Block::Paragraph(p) => {
                let text = rst::plain_text(&p.inlines);
                let codes_only = after_label && codes::is_code_list(&text);
                after_label = codes::is_label(&text);
                !after_label && !codes_only
            }
            Block::BulletList(_)
            | Block::EnumeratedList(_)
            | Block::DefinitionList(_)
            | Block::BlockQuote(_) => true,
            Block::Directive(d) => !d.children.is_empty() && d.name != "rest_method",
            _ => false,
        };
        if keep {
            s.prose.push(u.block);
        }
    }
    let mut found: Vec<(&'b Block, Option<Side>)> = Vec::new();
    for u in units {
        rst::walk(std::slice::from_ref(u.block), &mut |x| {
            found.push((x, u.side))
        });
    }
    // A bare label (`Error codes:`) whose codes are the list below it.
    let mut pending: Option<(ResponseKind, SourceLoc)> = None;
    for (b, side) in found {
        let label = pending.take();
        let at = |span: &rst::Span| SourceLoc {
            file: page.name.to_string(),
            line: span.line,
            column: span.col,
        };
        match b {
            Block::Paragraph(p) => {
                let text = squash(&rst::plain_text(&p.inlines));
                let runs = codes::labelled(&text);
                let loc = at(&p.span);
                // A bare label's codes may follow as a paragraph of codes.
                if let (true, Some((kind, _))) = (runs.is_empty(), &label) {
                    if codes::is_code_list(&text) {
                        add_stated(&mut s, *kind, codes::after_label(&text), &loc, diags);
                    }
                }
                for (kind, run) in &runs {
                    add_stated(&mut s, *kind, codes::after_label(run), &loc, diags);
                }
                if let [(kind, run)] = runs.as_slice() {
                    if run.trim().is_empty() {
                        pending = Some((*kind, loc));
                    }
                }
            }
            Block::BulletList(l) => {
                if let Some((kind, _)) = label {
                    for item in &l.items {
                        let text = squash(&blocks_text(&item.children));
                        let mut stated = Vec::new();
                        codes::item(&text, &mut stated);
                        add_stated(&mut s, kind, stated, &at(&item.span), diags);
                    }
                }
            }
            Block::DefinitionList(l) => {
                for item in &l.items {
                    let term = squash(&rst::plain_text(&item.term));
                    let Some((kind, _)) = codes::label_at(term.trim_start()) else {
                        continue;
                    };
                    for child in &item.definition {
                        let loc = at(&child.span());
                        let stated = match child {
                            Block::BulletList(l) => {
                                let mut v = Vec::new();
                                for i in &l.items {
                                    let t = squash(&blocks_text(&i.children));
                                    codes::item(&t, &mut v);
                                }
                                v
                            }
                            other => codes::after_label(&squash(&rst::plain_text_block(other))),
                        };
                        add_stated(&mut s, kind, stated, &loc, diags);
                    }
                }
            }
            Block::Directive(d) if d.name == "rest_parameters" => {
                let ps = params::rest_parameters(d, page, ctx, diags);
                match side {
                    Some(Side::Response) => s.documented.response.extend(ps),
                    _ => s.documented.request.extend(ps),
                }
            }
            Block::Directive(d) if d.name == "rest_status_code" => {
                let loc = SourceLoc {
                    file: page.name.to_string(),
                    line: d.span.line,
                    column: d.span.col,
                };
                for l in params::rest_status_code(d, page, ctx, diags) {
                    wire::add_response(
                        &mut s.documented.responses,
                        l.status,
                        l.kind,
                        l.description,
                        &loc,
                        diags,
                    );
                }
            }
            Block::Directive(d) if example_has_body(d) => match side {
                Some(Side::Request) => {
                    s.documented.request_example = true;
                    if d.name == "literalinclude" && s.request_sample.is_none() {
                        s.request_sample = Some(d.argument.trim().to_string());
                    }
                }
                Some(Side::Response) => s.documented.response_example = true,
                None => {}
            },
            _ => {}
        }
    }
    s
}

fn endpoint(
    d: &Directive,
    scope: &[Unit<'_>],
    section: Option<&Section>,
    page: &SourceFile,
    ctx: &mut Ctx<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Endpoint> {
    let source = SourceLoc {
        file: page.name.to_string(),
        line: d.span.line,
        column: d.span.col,
    };
    let arg_loc = SourceLoc {
        file: page.name.to_string(),
        line: d.argument_span.line,
        column: d.argument_span.col,
    };
    let mut route = route::read(d, &page.name, diags)?;
    let intro = scope.iter().filter(|u| u.side.is_none());
    let intro = intro.filter_map(|u| match u.block {
        Block::Directive(d) => Some(&**d),
        _ => None,
    });
    route::version_added(intro, &mut route, &page.name, diags);
    let (m, raw_path) = (route.method_text.as_str(), route.path.as_str());
    let method = route.method;
    let path = wire::parse_path(raw_path, &arg_loc, diags)?;
    let mut s = collect(scope, page, ctx, diags);
    s.documented.route_query = route.query.clone();
    let sample = s
        .request_sample
        .as_deref()
        .and_then(|arg| ctx.read_sample(page, arg));

    let raw_prose: Vec<String> = s.prose.iter().map(|b| rst::plain_text_block(b)).collect();
    let since = raw_prose.iter().find_map(|t| prose::since(t));
    let (summary, description) = prose::describe(&s.prose);

    let facts = prose::prose_facts(&s.prose, &page.name);
    let what = format!("{m} {raw_path}");
    let io = wire::assemble(s.documented, &path, &facts, &source, &what, diags);
    let dispatch = matches!(
        method,
        HttpMethod::Post | HttpMethod::Put | HttpMethod::Patch
    )
    .then(|| {
        let fields = io.request_body.as_ref().map_or(&[][..], |b| &b.fields[..]);
        dispatch::body_key(sample.as_deref(), fields)
    })
    .flatten();
    let title = section.map_or_else(|| d.argument.clone(), |s| squash(&s.title_text));
    let id = match section {
        Some(s) if s.ids.len() >= 2 => s.ids[0].clone(),
        Some(_) => slug(&title),
        None => slug(&format!("{m} {raw_path}")),
    };
    let group = Path::new(&*page.name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Some(Endpoint {
        id,
        title,
        summary,
        auth: prose::auth(&description, method, &path),
        refs: prose::refs(&s.prose),
        description,
        method,
        path,
        params: io.params,
        request_body: io.request_body,
        examples: examples::find(
            scope
                .iter()
                .map(|u| (u.block, u.side.map(|s| s == Side::Response))),
            page,
            ctx,
            method,
            &io.responses,
            diags,
        ),
        shapes: Vec::new(),
        responses: io.responses,
        since,
        group,
        min_version: route.min_version,
        max_version: route.max_version,
        dispatch,
        dialect: Dialect::OsApiRef,
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("List API versions"), "list-api-versions");
        assert_eq!(slug("  Show image (v2)! "), "show-image-v2");
    }
}
