//! XML for the models of a service that speaks it (UForge): each model's
//! root element and namespace, the `serde(with)` that wraps lists of models
//! as the service does, and the example tests (`tests/xml.rs`): every XML
//! request sample the pages show, checked first against the documented
//! object here (an element the object does not document could not survive
//! a decode and re-encode, so such a sample is skipped with a diagnostic
//! naming the element), then decoded, re-encoded and compared by the
//! generated test.

use super::names::{lit, snake, Namer};
use super::types::Models;
use super::view::{BodyKind, EndpointView, StructView};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Direction, Endpoint, ExampleBody, MediaType, Object, TypeRef};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The XML Schema instance namespace: `xsi:type` and friends describe the
/// document, not the object, so they are neither fields nor compared.
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A model as the templates see it: the struct plus its XML names.
#[derive(Debug, Serialize)]
pub struct ModelView {
    #[serde(flatten)]
    pub view: StructView,
    pub xml: Option<XmlNames>,
}

/// Rust literals of a model's root element name and namespace.
#[derive(Debug, Serialize)]
pub struct XmlNames {
    pub root: String,
    pub namespace: String,
}

/// Objects by lower-cased label.
pub type ByLabel<'a> = BTreeMap<String, &'a Object>;

/// Index `objects` by label.
pub fn by_label<'a>(objects: &[&'a Object]) -> ByLabel<'a> {
    objects
        .iter()
        .map(|o| (o.label.to_ascii_lowercase(), *o))
        .collect()
}

/// The object a label names (`address-object`, `address`), if documented.
fn lookup<'a>(objects: &ByLabel<'a>, label: &str) -> Option<&'a Object> {
    let l = label.trim().to_ascii_lowercase();
    objects
        .get(&l)
        .or_else(|| objects.get(&format!("{l}-object")))
        .copied()
}

/// The object a list of XML-speaking objects holds, if `ty` is one.
fn xml_items<'a>(objects: &ByLabel<'a>, ty: &TypeRef) -> Option<&'a Object> {
    match ty {
        TypeRef::List(inner) => match inner.as_ref() {
            TypeRef::Object(l) => lookup(objects, l).filter(|o| o.xml_namespace.is_some()),
            _ => None,
        },
        _ => None,
    }
}

/// `view` (built by `view::object` from `o`) with its XML names, and the
/// list fields of XML models wrapped in XML.
pub fn model(mut view: StructView, o: &Object, objects: &ByLabel) -> ModelView {
    let Some(ns) = &o.xml_namespace else {
        return ModelView { view, xml: None };
    };
    // `view::object` keeps the first field of each wire name, in order
    let mut seen = BTreeSet::new();
    let kept = o.fields.iter().filter(|f| seen.insert(f.name.as_str()));
    for (f, fv) in kept.zip(view.fields.iter_mut()) {
        if xml_items(objects, &f.ty).is_some() {
            if !fv.serde.is_empty() {
                fv.serde.push_str(", ");
            }
            fv.serde.push_str("with = \"crate::xml::list\"");
        }
    }
    ModelView {
        view,
        xml: Some(XmlNames {
            root: lit(&o.name),
            namespace: lit(ns),
        }),
    }
}

/// Where an endpoint's bodies may travel as XML.
#[derive(Debug, Default, Serialize)]
pub struct EndpointXml {
    /// The request body is an XML model the page documents in XML: the
    /// client sends it in its chosen format, the server reads either by
    /// `Content-Type`.
    pub request: bool,
    /// Statuses whose body is an XML model documented in XML.
    pub variants: Vec<u16>,
    /// The formats the server answers in (`rt::Format::Json`, then
    /// `rt::Format::Xml` when every body can be written as XML), where the
    /// page documents XML answers; empty: no negotiation.
    pub produced: Vec<String>,
    /// The client in XML mode asks for XML answers.
    pub accept_xml: bool,
}

/// An object type that is an XML model.
fn xml_object<'a>(objects: &ByLabel<'a>, ty: Option<&TypeRef>) -> Option<&'a Object> {
    match ty {
        Some(TypeRef::Object(l)) => lookup(objects, l).filter(|o| o.xml_namespace.is_some()),
        _ => None,
    }
}

/// How `e` (viewed as `v`) negotiates XML.
pub fn endpoint(e: &Endpoint, v: &EndpointView, objects: &ByLabel) -> EndpointXml {
    let mut out = EndpointXml::default();
    if let Some(b) = &e.request_body {
        out.request = v.body_kind == BodyKind::Json
            && b.media_types.iter().any(MediaType::is_xml)
            && xml_object(objects, b.object.as_ref()).is_some();
    }
    let mut answers_xml = false;
    let mut all_models = true;
    for var in v.variants.iter().filter(|var| var.kind == BodyKind::Json) {
        let Some(r) = e.responses.iter().find(|r| r.status.as_u16() == var.status) else {
            continue;
        };
        let in_xml = r.media_types.iter().any(MediaType::is_xml);
        answers_xml |= in_xml;
        if in_xml && xml_object(objects, r.object.as_ref()).is_some() {
            out.variants.push(var.status);
        } else {
            all_models = false;
        }
    }
    if answers_xml {
        out.produced.push("rt::Format::Json".into());
        if all_models {
            out.produced.push("rt::Format::Xml".into());
            out.accept_xml = true;
        }
    }
    out
}

/// One generated example test.
#[derive(Debug, Serialize)]
pub struct XmlCase {
    /// Test function name.
    pub name: String,
    /// The model type (`Appliance`, in `crate::models`).
    pub ty: String,
    /// The sample as a Rust string literal.
    pub text: String,
    /// `file:line` of the sample.
    pub source: String,
}

/// The example tests of `endpoints`' XML request samples, and each sample
/// skipped (`file:line: why`, also a diagnostic).
pub fn cases(
    endpoints: &[&Endpoint],
    objects: &ByLabel,
    models: &Models,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<XmlCase>, Vec<String>) {
    let mut namer = Namer::default();
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for e in endpoints {
        for ex in &e.examples {
            let (Direction::Request, ExampleBody::Xml { text, .. }) = (&ex.direction, &ex.body)
            else {
                continue;
            };
            let mut skip = |why: String, diags: &mut Vec<Diagnostic>| {
                skipped.push(format!("{}:{}: {why}", ex.source.file, ex.source.line));
                diags.push(Diagnostic::new(
                    Severity::Info,
                    "codegen-xml-example-skipped",
                    format!("XML request sample of `{}` has no test: {why}", e.id),
                    &ex.source.file,
                    ex.source.line,
                    ex.source.column,
                ));
            };
            let object = match e.request_body.as_ref().and_then(|b| b.object.as_ref()) {
                Some(TypeRef::Object(l)) => lookup(objects, l),
                _ => None,
            };
            let Some(object) = object.filter(|o| o.xml_namespace.is_some()) else {
                skip("the request body names no documented object".into(), diags);
                continue;
            };
            let Some(ty) = models.lookup(&object.label) else {
                continue;
            };
            if let Err(why) = check_sample(text, object, objects) {
                skip(why, diags);
                continue;
            }
            let base = snake(&format!("{}_example", e.id)).unwrap_or_else(|| "example".into());
            out.push(XmlCase {
                name: namer.unique(&base),
                ty: ty.to_string(),
                text: lit(text),
                source: format!("{}:{}", ex.source.file, ex.source.line),
            });
        }
    }
    (out, skipped)
}

/// The first XML request sample of `e` that its documented body object
/// can hold (as a Rust literal), for the contract suite's sample body.
pub fn sample(e: &Endpoint, objects: &ByLabel) -> Option<String> {
    let object = xml_object(objects, e.request_body.as_ref()?.object.as_ref())?;
    e.examples
        .iter()
        .find_map(|ex| match (&ex.direction, &ex.body) {
            (Direction::Request, ExampleBody::Xml { text, .. })
                if check_sample(text, object, objects).is_ok() =>
            {
                Some(lit(text))
            }
            _ => None,
        })
}

/// Whether every element of `text` is something `object` documents, so
/// the sample can survive a decode and re-encode; else why not.
fn check_sample(text: &str, object: &Object, objects: &ByLabel) -> Result<(), String> {
    let declared = crate::model::example::declare_xsi(text);
    let doc = roxmltree::Document::parse(text)
        .or_else(|_| roxmltree::Document::parse(declared.as_deref().unwrap_or(text)))
        .map_err(|e| format!("not readable as XML: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != object.name {
        return Err(format!(
            "its root element `{}` is not `{}`, the element of `{}`",
            root.tag_name().name(),
            object.name,
            object.label
        ));
    }
    check_members(root, object, objects, &doc)
}

/// The children of `node` against `object`'s fields.
fn check_members(
    node: roxmltree::Node,
    object: &Object,
    objects: &ByLabel,
    doc: &roxmltree::Document,
) -> Result<(), String> {
    let line = |n: roxmltree::Node| doc.text_pos_at(n.range().start).row;
    let mut seen = BTreeSet::new();
    for child in node.children().filter(|c| c.is_element()) {
        let name = child.tag_name().name();
        if child.tag_name().namespace() == Some(XSI) {
            if object.fields.iter().any(|f| f.name == name) {
                return Err(format!(
                    "`xsi:{name}` (sample line {}) would be read as the field `{name}`",
                    line(child)
                ));
            }
            continue;
        }
        let Some(field) = object.fields.iter().find(|f| f.name == name) else {
            return Err(format!(
                "element `{name}` (sample line {}) is not an attribute of `{}`",
                line(child),
                object.label
            ));
        };
        if let Some(a) = child.attributes().next() {
            return Err(format!(
                "attribute `{}` of `{name}` (sample line {}) is not documented",
                a.name(),
                line(child)
            ));
        }
        if !seen.insert(name) && !matches!(field.ty, TypeRef::List(_)) {
            return Err(format!(
                "element `{name}` (sample line {}) repeats, but `{}` holds one",
                line(child),
                object.label
            ));
        }
        check_value(child, &field.ty, objects, doc)
            .map_err(|why| format!("`{name}` (sample line {}): {why}", line(child)))?;
    }
    Ok(())
}

/// One member's content against its documented type.
fn check_value(
    node: roxmltree::Node,
    ty: &TypeRef,
    objects: &ByLabel,
    doc: &roxmltree::Document,
) -> Result<(), String> {
    let elements = || node.children().filter(|c| c.is_element());
    let text = node.text().unwrap_or("").trim();
    let scalar = |ok: bool, what: &str| {
        if elements().next().is_some() {
            Err(format!("{what} holds elements"))
        } else if ok {
            Ok(())
        } else {
            Err(format!("`{text}` is not {what}"))
        }
    };
    match ty {
        TypeRef::Integer | TypeRef::Long => scalar(text.parse::<i64>().is_ok(), "an integer"),
        TypeRef::Float => scalar(text.parse::<f64>().is_ok(), "a number"),
        TypeRef::Boolean => scalar(matches!(text, "true" | "false" | "1" | "0"), "a boolean"),
        TypeRef::DateTime => scalar(is_date_time(text), "an RFC 3339 date-time"),
        TypeRef::String | TypeRef::Uuid | TypeRef::Uri => scalar(true, "text"),
        TypeRef::Any => Ok(()),
        TypeRef::Object(l) | TypeRef::Other(l) => match lookup(objects, l) {
            Some(o) if o.xml_namespace.is_some() => check_members(node, o, objects, doc),
            // free-form JSON value
            _ => Ok(()),
        },
        TypeRef::List(_) => match xml_items(objects, ty) {
            Some(item) => {
                for c in elements() {
                    if c.tag_name().name() != item.name {
                        return Err(format!(
                            "list item `{}` is not `{}`, the element of `{}`",
                            c.tag_name().name(),
                            item.name,
                            item.label
                        ));
                    }
                    check_members(c, item, objects, doc)?;
                }
                Ok(())
            }
            None if elements().next().is_none() && text.is_empty() => Ok(()),
            None => Err(format!(
                "a list of `{ty}` has no documented item element name"
            )),
        },
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, the form a `dateTime`
/// travels in (RFC 3339).
fn is_date_time(text: &str) -> bool {
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let head = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && matches!(b.get(10), Some(b'T' | b't'))
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16)
        && b.get(16) == Some(&b':')
        && digits(17..19);
    if !head {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            i + 6 == b.len() && digits(i + 1..i + 3) && b[i + 3] == b':' && digits(i + 4..i + 6)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, SourceLoc};

    fn object(name: &str, fields: &[(&str, TypeRef)]) -> Object {
        Object {
            name: name.into(),
            label: format!("{}-object", name.to_ascii_lowercase()),
            description: String::new(),
            fields: fields
                .iter()
                .enumerate()
                .map(|(i, (n, ty))| Field {
                    name: (*n).into(),
                    ty: ty.clone(),
                    required: false,
                    description: String::new(),
                    line: i as u32 + 1,
                })
                .collect(),
            source: SourceLoc {
                file: "o.rst".into(),
                line: 1,
                column: 1,
            },
            xml_namespace: Some("urn:shelf".into()),
        }
    }

    fn shelf() -> (Object, Object) {
        let book = object(
            "book",
            &[("title", TypeRef::String), ("pages", TypeRef::Integer)],
        );
        let shelf = object(
            "shelf",
            &[
                ("label", TypeRef::String),
                (
                    "books",
                    TypeRef::List(Box::new(TypeRef::Object("book-object".into()))),
                ),
                ("since", TypeRef::DateTime),
                ("extra", TypeRef::Any),
            ],
        );
        (book, shelf)
    }

    #[test]
    fn a_sample_fits_when_every_element_is_documented() {
        let (book, shelf) = shelf();
        let all = [&book, &shelf];
        let objects = by_label(&all);
        let ok = "<s:shelf xmlns:s=\"urn:shelf\"><label>a</label><xsi:type/>\
                  <books><book><title>t</title><pages>3</pages></book><book/></books>\
                  <since>2024-01-02T03:04:05.5+01:00</since><extra><any>x</any></extra></s:shelf>";
        assert_eq!(check_sample(ok, &shelf, &objects), Ok(()));
    }

    #[test]
    fn a_sample_that_cannot_survive_a_round_trip_says_why() {
        let (book, shelf) = shelf();
        let all = [&book, &shelf];
        let objects = by_label(&all);
        let cases = [
            ("<book/>", "root element `book` is not `shelf`"),
            (
                "<shelf>\n<colour/></shelf>",
                "element `colour` (sample line 2) is not an attribute of `shelf-object`",
            ),
            (
                "<shelf><books><novel/></books></shelf>",
                "list item `novel` is not `book`",
            ),
            (
                "<shelf><books><book><pages>many</pages></book></books></shelf>",
                "`many` is not an integer",
            ),
            (
                "<shelf><label>a</label><label>b</label></shelf>",
                "element `label` (sample line 1) repeats",
            ),
            (
                "<shelf><since>2024-01-02</since></shelf>",
                "not an RFC 3339 date-time",
            ),
            ("<shelf><label><b/></label></shelf>", "text holds elements"),
            ("<shelf><label id=\"1\"/></shelf>", "attribute `id`"),
            ("<shelf><label>", "not readable as XML"),
        ];
        for (text, why) in cases {
            let got = check_sample(text, &shelf, &objects).expect_err(text);
            assert!(got.contains(why), "{text}: {got}");
        }
    }

    #[test]
    fn xsi_type_is_refused_where_it_would_be_read_as_a_field() {
        let typed = object("kind", &[("type", TypeRef::String)]);
        let all = [&typed];
        let objects = by_label(&all);
        let got = check_sample("<kind><xsi:type>a</xsi:type></kind>", &typed, &objects);
        assert!(got.is_err_and(|e| e.contains("would be read as the field `type`")));
    }

    #[test]
    fn date_times_are_rfc_3339() {
        for ok in [
            "2016-06-17T08:31:08.000Z",
            "2016-06-17T08:31:08+02:00",
            "2016-06-17t08:31:08z",
        ] {
            assert!(is_date_time(ok), "{ok}");
        }
        for bad in [
            "2016-06-17",
            "2016-06-17T08:31:08",
            "2016-06-17T08:31:08.Z",
            "2016-06-17T08:31:08+0200",
        ] {
            assert!(!is_date_time(bad), "{bad}");
        }
    }
}
