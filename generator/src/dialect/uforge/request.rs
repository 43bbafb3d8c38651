//! The request side of an endpoint page: the `URI Parameters` bullets and
//! the `HTTP Request Body Parameters` text, with the media types taken from
//! the `Example Request` curl line.

use super::parts::{self, Kind, Part};
use super::{diag, loc, squash};
use crate::corpus::SourceFile;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Body, MediaType, Param, ParamLocation, TypeRef};
use crate::rst::{self, Block, Span};

/// The path parameters a `URI Parameters` part documents, in documented
/// order. Items read ``` ``uid`` (required): the user name ```; the
/// parenthesis may also name a type (string when it does not). An item that
/// docutils reads as a definition list (an over-indented line after it,
/// B6/F08 in docutils-rules.md) is still a parameter; the stray text is
/// reported, not read.
pub(super) fn uri_params(
    file: &SourceFile,
    part: &Part<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Param> {
    let mut items = Vec::new();
    for block in &part.blocks {
        collect_items(block, file, &mut items);
    }
    let mut out = Vec::new();
    for item in items {
        if let Some(stray) = &item.stray {
            diags.push(diag(
                file,
                Severity::Info,
                "uri-param-stray-text",
                format!("indented text under a URI parameter is not read: \"{stray}\""),
                item.span,
            ));
        }
        match parse_item(&item.text) {
            Some((name, required, ty, description)) => out.push(Param {
                name,
                location: ParamLocation::Path,
                required,
                ty,
                description,
                min_version: None,
                max_version: None,
                fixed: None,
                example: None,
                documented: true,
                source: Some(loc(file, item.span)),
            }),
            None => diags.push(diag(
                file,
                Severity::Warning,
                "uri-param-unreadable",
                format!(
                    "URI parameter item \"{}\" is not ``name`` (required): description",
                    item.text
                ),
                item.span,
            )),
        }
    }
    out
}

/// One URI-parameter bullet: its text and any indented text under it.
struct Item {
    text: String,
    span: Span,
    stray: Option<String>,
}

fn collect_items(block: &Block, file: &SourceFile, out: &mut Vec<Item>) {
    match block {
        Block::BulletList(l) => {
            for li in &l.items {
                let (text, stray) = match li.children.first() {
                    Some(Block::DefinitionList(d)) => {
                        let term = d.items.first().map(|i| rst::plain_text(&i.term));
                        let rest: Vec<String> = d
                            .items
                            .iter()
                            .flat_map(|i| &i.definition)
                            .map(rst::plain_text_block)
                            .collect();
                        (term.unwrap_or_default(), Some(squash(&rest.join(" "))))
                    }
                    Some(_) => (parts::item_text(l, li, file), None),
                    None => (String::new(), None),
                };
                out.push(Item {
                    text: squash(&text),
                    span: li.span,
                    stray,
                });
            }
        }
        Block::BlockQuote(q) => q.children.iter().for_each(|b| collect_items(b, file, out)),
        _ => {}
    }
}

/// `uid (required): the user name` -> name, required, type, description.
fn parse_item(text: &str) -> Option<(String, bool, TypeRef, String)> {
    let text = text.trim();
    let end = text
        .find(|c: char| c.is_whitespace() || c == '(' || c == ':')
        .unwrap_or(text.len());
    let (name, rest) = text.split_at(end);
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !name_ok {
        return None;
    }
    let mut rest = rest.trim_start();
    let mut required = true;
    let mut ty = TypeRef::String;
    if let Some(inner) = rest.strip_prefix('(') {
        let close = inner.find(')')?;
        for word in inner[..close].split(',').map(str::trim) {
            match word.to_ascii_lowercase().as_str() {
                "required" => required = true,
                "optional" => required = false,
                "" => {}
                _ => ty = TypeRef::from_doc(word),
            }
        }
        rest = inner[close + 1..].trim_start();
    }
    let description = match rest.strip_prefix(':') {
        Some(d) => d.trim().to_string(),
        None if rest.is_empty() => String::new(),
        None => return None,
    };
    Some((name.to_string(), required, ty, description))
}

/// The request body a `HTTP Request Body Parameters` part describes: none
/// for "None"; for ``A :ref:`image-object` object`` that object. Media
/// types: an object body is sent as XML or JSON (UForge serves both, as
/// `application.wadl` confirms for every object body; a curl example shows
/// just one of them, so its Content-Type is listed first and the other is
/// kept). A body without an object whose example uploads a file
/// (`--data-binary "@file"`) is raw bytes, `*/*`, whatever Content-Type the
/// example sets; any other body takes the example's Content-Type, else XML
/// and JSON.
pub(super) fn body(
    file: &SourceFile,
    parts: &[Part<'_>],
    diags: &mut Vec<Diagnostic>,
) -> Option<Body> {
    let part = parts.iter().find(|p| p.kind == Kind::Body)?;
    let description = part
        .blocks
        .iter()
        .map(|b| squash(&rst::plain_text_block(b)))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    if description.is_empty() || description.eq_ignore_ascii_case("none") {
        return None;
    }
    let object = part.blocks.iter().find_map(|b| first_ref(b));
    let example = example_text(parts);
    let curl_type = content_type(&example, file, part.span, diags);
    let uploads_file = example.contains("--data-binary \"@")
        || example.contains("--data-binary @")
        || example.contains("--upload-file");
    let xml_json = || {
        ["application/xml", "application/json"]
            .iter()
            .filter_map(|m| m.parse::<MediaType>().ok())
            .collect::<Vec<_>>()
    };
    let media_types = match (&object, curl_type) {
        (Some(_), curl) => {
            let mut all: Vec<MediaType> = curl.into_iter().collect();
            for m in xml_json() {
                if !all.contains(&m) {
                    all.push(m);
                }
            }
            all
        }
        (None, curl) if uploads_file => {
            diags.push(diag(
                file,
                Severity::Info,
                "inferred-binary-body",
                format!(
                    "the body is a file upload (the example sends `--data-binary @file`); read as `*/*`{}",
                    curl.map(|m| format!(", not the example's Content-Type `{}`", m.as_str()))
                        .unwrap_or_default()
                ),
                part.span,
            ));
            "*/*".parse::<MediaType>().into_iter().collect()
        }
        (None, Some(curl)) => vec![curl],
        (None, None) => xml_json(),
    };
    Some(Body {
        media_types,
        object: object.map(TypeRef::Object),
        fields: Vec::new(),
        description,
    })
}

/// The target of the first `:ref:` in a block, normalised.
fn first_ref(block: &Block) -> Option<String> {
    let mut found = None;
    rst::walk(std::slice::from_ref(block), &mut |b| {
        if found.is_some() {
            return;
        }
        if let Block::Paragraph(p) = b {
            found = p
                .inlines
                .iter()
                .find_map(|i| i.ref_target().map(|(t, _)| t));
        }
    });
    found
}

/// The text of the `Example Request` part: code-block lines, or paragraphs
/// on a rendered page where the code block was lost.
fn example_text(parts: &[Part<'_>]) -> String {
    let mut text = String::new();
    for part in parts.iter().filter(|p| p.kind == Kind::Example) {
        for block in &part.blocks {
            let t = match block {
                Block::Directive(d) if d.children.is_empty() => d
                    .content
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
                other => rst::plain_text_block(other),
            };
            text.push_str(&t);
            text.push('\n');
        }
    }
    text
}

/// The media type of a `Content-Type:` header in the example, if any.
fn content_type(
    example: &str,
    file: &SourceFile,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) -> Option<MediaType> {
    let lower = example.to_ascii_lowercase();
    let at = lower.find("content-type:")? + "content-type:".len();
    let value: String = example
        .get(at..)?
        .trim_start()
        .chars()
        .take_while(|c| !matches!(c, '"' | '\'') && !c.is_whitespace())
        .collect();
    match value.parse::<MediaType>() {
        Ok(m) => Some(m),
        Err(e) => {
            diags.push(diag(
                file,
                Severity::Warning,
                "bad-media-type",
                format!("example request: {e}"),
                span,
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_shapes() {
        let (n, r, t, d) = parse_item("uid (required): the user name").unwrap_or_else(|| panic!());
        assert_eq!(
            (n.as_str(), r, t, d.as_str()),
            ("uid", true, TypeRef::String, "the user name")
        );
        let (n, r, _, d) = parse_item("prid (optional):").unwrap_or_else(|| panic!());
        assert_eq!((n.as_str(), r, d.as_str()), ("prid", false, ""));
        let (_, _, t, _) =
            parse_item("count (optional, int): how many").unwrap_or_else(|| panic!());
        assert_eq!(t, TypeRef::Integer);
        assert!(parse_item("the user name").is_none());
        assert!(parse_item("uid (required").is_none());
    }
}
