//! UForge object pages (`dto-objects/*.rst`): a `.. _x-object:` label, a
//! title, prose, and an `Attributes` list whose items read
//! ``` ``name`` (type): description ```, where the type is an XSD-style name
//! (`string`, `anyURI`, `long`), a `:ref:` to another object, or missing
//! (``` ``projects``: a list of :ref:`project-object` objects ```).

use super::{block_text, diag, loc, squash};
use crate::corpus::SourceFile;
use crate::diag::Severity;
use crate::dialect::PageOutput;
use crate::model::{Field, Object, TypeRef};
use crate::rst::{self, Block, Inline, Section};
use std::path::Path;

/// The namespace of UForge's XML documents: `uforge.xsd`'s
/// `targetNamespace`, declared on the root element of every sample
/// (`<ns0:appliance xmlns:ns0="...">`); members are unqualified
/// (`elementFormDefault="unqualified"`).
pub const NAMESPACE: &str = "http://www.usharesoft.com/uforge";

/// A page in a `dto-objects` folder (not its `overview.rst`) that has an
/// object label or an `Attributes` section.
pub(super) fn is_object_page(file: &SourceFile) -> bool {
    let path = Path::new(&*file.name);
    // A look for the name first: taking every path apart is slower.
    let in_dto = file.name.contains("dto-objects")
        && path
            .parent()
            .is_some_and(|p| p.components().any(|c| c.as_os_str() == "dto-objects"));
    let overview = path.file_name().is_some_and(|n| n == "overview.rst");
    if !in_dto || overview {
        return false;
    }
    rst::any(&file.doc.children, &mut |b| match b {
        Block::Target(t) => t.uri.is_none() && t.name.ends_with("-object"),
        Block::Section(s) => is_attributes(s),
        _ => false,
    })
}

fn is_attributes(s: &Section) -> bool {
    rst::normalized_eq(&s.title_text, "attributes")
}

/// Read the object of an object page.
pub(super) fn read(file: &SourceFile, out: &mut PageOutput) {
    let Some(section) = file.doc.children.iter().find_map(|b| match b {
        Block::Section(s) => Some(s),
        _ => None,
    }) else {
        out.diagnostics.push(diag(
            file,
            Severity::Warning,
            "object-untitled",
            "object page without a title: no object read",
            rst::Span::new(1, 1),
        ));
        return;
    };
    let name = section.title_text.trim().to_string();
    let label = label(file, section).unwrap_or_else(|| {
        let guess = rst::normalize_name(&format!("{name}-object"));
        out.diagnostics.push(diag(
            file,
            Severity::Warning,
            "object-label-missing",
            format!("object `{name}` has no `.. _x-object:` label; labelled `{guess}`"),
            section.span,
        ));
        guess
    });
    let description = section
        .children
        .iter()
        .filter(|b| !matches!(b, Block::Section(_)))
        .map(block_text)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let attributes = section.children.iter().find_map(|b| match b {
        Block::Section(s) if is_attributes(s) => Some(s),
        _ => None,
    });
    let mut fields = Vec::new();
    match attributes {
        Some(a) => {
            let mut items = Vec::new();
            rst::walk(&a.children, &mut |b| {
                if let Block::BulletList(l) = b {
                    items.extend(&l.items);
                }
            });
            for item in items {
                let inlines = match item.children.first() {
                    Some(Block::Paragraph(p)) => p.inlines.as_slice(),
                    _ => &[],
                };
                match field(inlines) {
                    Some(f) => {
                        if let Some(note) = &f.note {
                            out.diagnostics.push(diag(
                                file,
                                Severity::Info,
                                "field-type-inferred",
                                format!("attribute `{}` of `{name}` {note}", f.name),
                                item.span,
                            ));
                        }
                        fields.push(Field {
                            name: f.name,
                            ty: f.ty,
                            required: false,
                            description: f.description,
                            line: item.span.line,
                        });
                    }
                    None => out.diagnostics.push(diag(
                        file,
                        Severity::Warning,
                        "attribute-unreadable",
                        format!(
                            "attribute item \"{}\" is not ``name`` (type): description",
                            squash(&rst::plain_text(inlines))
                        ),
                        item.span,
                    )),
                }
            }
        }
        None => out.diagnostics.push(diag(
            file,
            Severity::Info,
            "object-no-attributes",
            format!("object `{name}` documents no attributes"),
            section.span,
        )),
    }
    out.objects.push(Object {
        name,
        label,
        description,
        fields,
        source: loc(file, section.span),
        xml_namespace: Some(NAMESPACE.to_string()),
    });
}

/// The object label: a `.. _x-object:` target on the page, else an
/// `-object` id of the title section.
fn label(file: &SourceFile, section: &Section) -> Option<String> {
    let mut found = None;
    rst::walk(&file.doc.children, &mut |b| {
        if let Block::Target(t) = b {
            if found.is_none() && t.uri.is_none() && t.name.ends_with("-object") {
                found = Some(rst::normalize_name(&t.name));
            }
        }
    });
    found.or_else(|| {
        section
            .ids
            .iter()
            .find(|id| id.ends_with("-object"))
            .map(|id| rst::normalize_name(id))
    })
}

/// One attribute read from its item.
struct ParsedField {
    name: String,
    ty: TypeRef,
    description: String,
    /// How the type was inferred, when it was not stated.
    note: Option<String>,
}

/// ``` ``name`` (type): description ```. The text after the name is
/// flattened to plain text, remembering where each `:ref:` starts, so a
/// reference inside the parenthesis is the type.
fn field(inlines: &[Inline]) -> Option<ParsedField> {
    let first = inlines
        .iter()
        .position(|i| !i.plain_text().trim().is_empty())?;
    let Some(Inline::Literal { text: name, .. }) = inlines.get(first) else {
        return None;
    };
    let name = name.trim().to_string();
    let mut text = String::new();
    let mut refs: Vec<(usize, String)> = Vec::new();
    for i in inlines.get(first + 1..).unwrap_or_default() {
        if let Some((target, _)) = i.ref_target() {
            refs.push((text.len(), target));
        }
        text.push_str(i.plain_text());
    }
    let lead = text.len() - text.trim_start().len();
    let body = text.trim_start();
    if let Some(inner) = body.strip_prefix('(') {
        let close = inner.find(')')?;
        let (open_at, close_at) = (lead + 1, lead + 1 + close);
        let type_text = squash(inner.get(..close)?);
        let inside = refs
            .iter()
            .find(|(at, _)| (open_at..close_at).contains(at))
            .map(|(_, l)| l.clone());
        let list_of = type_text
            .to_ascii_lowercase()
            .strip_prefix("list of")
            .map(|s| s.trim().to_string());
        let ty = match (list_of, inside) {
            (Some(_), Some(l)) => TypeRef::List(Box::new(TypeRef::Object(l))),
            (Some(rest), None) => TypeRef::List(Box::new(TypeRef::from_doc(&rest))),
            (None, Some(l)) => TypeRef::Object(l),
            (None, None) => TypeRef::from_doc(&type_text),
        };
        let after = inner.get(close + 1..).unwrap_or("").trim_start();
        let description = squash(after.strip_prefix(':').unwrap_or(after));
        return Some(ParsedField {
            name,
            ty,
            description,
            note: None,
        });
    }
    let description = squash(body.strip_prefix(':')?);
    let lower = description.to_ascii_lowercase();
    let is_list = ["a list of", "the list of", "list of"]
        .iter()
        .any(|p| lower.starts_with(p));
    let (ty, note) = match (is_list, refs.first()) {
        (true, Some((_, l))) => (
            TypeRef::List(Box::new(TypeRef::Object(l.clone()))),
            format!("has no type; read as a list of `{l}` from its description"),
        ),
        (true, None) => (
            TypeRef::List(Box::new(TypeRef::Any)),
            "has no type; read as a list of unknown items from its description".to_string(),
        ),
        (false, _) => (TypeRef::Any, "has no type; read as `any`".to_string()),
    };
    Some(ParsedField {
        name,
        ty,
        description,
        note: Some(note),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rst::Span;

    fn lit(t: &str) -> Inline {
        Inline::Literal {
            text: t.into(),
            span: Span::new(1, 1),
        }
    }
    fn text(t: &str) -> Inline {
        Inline::Text {
            text: t.into(),
            span: Span::new(1, 1),
        }
    }
    fn xref(t: &str) -> Inline {
        Inline::Role(Box::new(rst::Role {
            role: "ref".into(),
            text: t.into(),
            target: None,
            span: Span::new(1, 1),
        }))
    }

    #[test]
    fn attribute_shapes() {
        let f = field(&[lit("uuid"), text(" (string): the uuid")]).unwrap_or_else(|| panic!());
        assert_eq!(
            (f.name.as_str(), &f.ty, f.description.as_str()),
            ("uuid", &TypeRef::String, "the uuid")
        );
        assert!(f.note.is_none());
        let f = field(&[
            lit("bootScriptUris"),
            text(" ("),
            xref("UriList-object"),
            text("): a list of uris"),
        ])
        .unwrap_or_else(|| panic!());
        assert_eq!(f.ty, TypeRef::Object("urilist-object".into()));
        assert_eq!(f.description, "a list of uris");
        let f = field(&[
            lit("logo"),
            text(" ("),
            xref("logo-object"),
            text("): the "),
            xref("x-object"),
            text(" object"),
        ])
        .unwrap_or_else(|| panic!());
        assert_eq!(f.ty, TypeRef::Object("logo-object".into()));
        let f = field(&[
            lit("projects"),
            text(": a list of "),
            xref("project-object"),
            text(" objects"),
        ])
        .unwrap_or_else(|| panic!());
        assert_eq!(
            f.ty,
            TypeRef::List(Box::new(TypeRef::Object("project-object".into())))
        );
        assert!(f.note.is_some());
        let f = field(&[
            lit("items"),
            text(" (list of "),
            xref("item-object"),
            text("): the items"),
        ])
        .unwrap_or_else(|| panic!());
        assert_eq!(
            f.ty,
            TypeRef::List(Box::new(TypeRef::Object("item-object".into())))
        );
        let f = field(&[lit("type"), text(": the type of NIC")]).unwrap_or_else(|| panic!());
        assert_eq!(f.ty, TypeRef::Any);
        assert!(field(&[text("no name here")]).is_none());
    }
}
