//! Typed body structs from the model's [`BodyShape`]s (issue 9): the
//! nesting the examples show (`server` holds `id`, `name`; `servers` is an
//! array of them) becomes nested structs, with real scalar types, `Option`
//! where a member may be absent or `null`, `BTreeMap` for free keys and
//! `serde_json::Value` only for [`Shape::Any`].
//!
//! Every object struct keeps the members the docs do not list in a
//! flattened `extra` map, so a body re-encodes to what was read. Identical
//! object shapes share one struct per group (shapes are `Eq + Hash`; the
//! first endpoint in id order names it), so output is deterministic.

use super::docs;
use super::names::{lit, pascal, snake, Namer};
use super::types::Models;
use super::view::{FieldView, StructView};
use crate::diag::{Diagnostic, Severity};
use crate::model::shape::{BodyShape, FieldShape, Shape};
use crate::model::{Direction, Endpoint, StatusCode, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// Type names a generated struct must not take in a group module: the
/// prelude's and what the module imports or declares.
pub const RESERVED_TYPES: &[&str] = &[
    "Api",
    "Client",
    "Response",
    "Router",
    "Arc",
    "State",
    "IntoResponse",
    "String",
    "Vec",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "Extend",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "ToString",
    "ToOwned",
    "AsRef",
    "AsMut",
    "DoubleEndedIterator",
    "ExactSizeIterator",
];

/// The field holding undocumented members.
const EXTRA: &str = "extra";

/// The shape of an endpoint's body: the request's (`status` None) or the
/// response's of that status.
pub fn find(e: &Endpoint, direction: Direction, status: Option<StatusCode>) -> Option<&Shape> {
    e.shapes
        .iter()
        .find(|b: &&BodyShape| b.direction == direction && b.status == status)
        .map(|b| &b.root)
}

/// The struct names given to object shapes in one group, so identical
/// shapes share one struct.
#[derive(Debug, Default)]
pub struct ShapeTypes {
    named: BTreeMap<Shape, String>,
    /// The action key of the body being built: a member the server routes
    /// by, so it is sent even when `null` (only the root object's).
    action: Option<String>,
}

/// What building one body's types needs.
pub struct Ctx<'a> {
    pub models: &'a Models,
    /// The group's type namespace.
    pub types: &'a mut Namer,
    /// New structs, in the order they are first needed.
    pub out: &'a mut Vec<StructView>,
    pub diags: &'a mut Vec<Diagnostic>,
    pub endpoint: &'a Endpoint,
}

impl ShapeTypes {
    /// The Rust type of a body of shape `root`; `name` is the base of the
    /// struct name a root object takes (made unique in the group) (unless an identical shape already has one),
    /// `doc` its doc text. `action` is the body key naming an action on a
    /// shared route: the member the server routes by is required (and
    /// listed when only the examples' absence hides it).
    pub fn body(
        &mut self,
        root: &Shape,
        name: &str,
        doc: &str,
        action: Option<&str>,
        cx: &mut Ctx<'_>,
    ) -> String {
        let root = match (root, action) {
            (Shape::Object { fields }, Some(key)) => {
                let mut fields = fields.clone();
                match fields.iter_mut().find(|f| f.name == key) {
                    Some(f) => f.required = true,
                    None => fields.insert(
                        0,
                        FieldShape {
                            name: key.to_string(),
                            required: true,
                            documented: false,
                            description: format!(
                                "The `{key}` action: names it for the server, which routes by this key."
                            ),
                            shape: Shape::Any {
                                why: "the action key's value is not documented".into(),
                            },
                        },
                    ),
                }
                Shape::Object { fields }
            }
            _ => root.clone(),
        };
        self.action = action.map(str::to_string);
        let ty = self.ty(&root, Hint::Root { name, doc }, cx);
        self.action = None;
        ty
    }

    fn ty(&mut self, s: &Shape, hint: Hint<'_>, cx: &mut Ctx<'_>) -> String {
        match s {
            Shape::String => "String".into(),
            Shape::Integer => "i64".into(),
            Shape::Float => "f64".into(),
            Shape::Boolean => "bool".into(),
            Shape::DateTime => "crate::runtime::Timestamp".into(),
            Shape::Any { .. } => "serde_json::Value".into(),
            Shape::Ref { object } => cx.models.rust_type(&TypeRef::Object(object.clone()), None),
            Shape::Nullable { inner } => format!("Option<{}>", self.ty(inner, hint, cx)),
            Shape::Array { items } => format!("Vec<{}>", self.ty(items, hint.item(), cx)),
            Shape::Map { values } => format!(
                "std::collections::BTreeMap<String, {}>",
                self.ty(values, hint.value(), cx)
            ),
            Shape::Object { fields } => self.object(s, fields, hint, cx),
        }
    }

    fn object(
        &mut self,
        s: &Shape,
        fields: &[FieldShape],
        hint: Hint<'_>,
        cx: &mut Ctx<'_>,
    ) -> String {
        if let Some(name) = self.named.get(s) {
            return name.clone();
        }
        let (base, doc) = match hint {
            Hint::Root { name, doc } => (name.to_string(), doc.to_string()),
            Hint::Member { wire, suffix } => {
                let word = match suffix {
                    Suffix::None => wire.to_string(),
                    Suffix::Item => singular(wire),
                    Suffix::Value => format!("{wire} value"),
                };
                (
                    pascal(&word).unwrap_or_else(|| "Member".into()),
                    format!(
                        "The `{wire}` member{} in bodies of `{}`.",
                        match suffix {
                            Suffix::None => "",
                            Suffix::Item => "'s items",
                            Suffix::Value => "'s values",
                        },
                        cx.endpoint.id
                    ),
                )
            }
        };
        let name = cx.types.unique(&base);
        self.named.insert(s.clone(), name.clone());
        let action = self.action.take();
        let mut namer = Namer::default();
        namer.reserve(EXTRA);
        let mut seen = BTreeSet::new();
        let mut views = Vec::new();
        for f in fields {
            if !seen.insert(f.name.as_str()) {
                let at = &cx.endpoint.source;
                cx.diags.push(Diagnostic::new(
                    Severity::Warning,
                    "codegen-duplicate-field",
                    format!(
                        "`{}` is listed twice in a body of `{}`; the first is generated",
                        f.name, cx.endpoint.id
                    ),
                    &at.file,
                    at.line,
                    at.column,
                ));
                continue;
            }
            let always = action.as_deref() == Some(f.name.as_str());
            views.push(self.field(f, always, &mut namer, cx));
        }
        views.push(FieldView {
            ident: EXTRA.into(),
            ty: "std::collections::BTreeMap<String, serde_json::Value>".into(),
            doc: docs::attrs("Members the docs do not list, kept as read."),
            serde: "flatten".into(),
        });
        cx.out.push(StructView {
            name: name.clone(),
            doc: docs::attrs(&doc),
            fields: views,
        });
        name
    }

    /// One member; `always`: sent even when `None` (as `null`).
    fn field(
        &mut self,
        f: &FieldShape,
        always: bool,
        namer: &mut Namer,
        cx: &mut Ctx<'_>,
    ) -> FieldView {
        let ident = namer.unique(&snake(&f.name).unwrap_or_else(|| "field".into()));
        let mut serde = Vec::new();
        if ident.trim_start_matches("r#") != f.name {
            serde.push(format!("rename = {}", lit(&f.name)));
        }
        let (inner, nullable) = match &f.shape {
            Shape::Nullable { inner } => (&**inner, true),
            s => (s, false),
        };
        let hint = Hint::Member {
            wire: &f.name,
            suffix: Suffix::None,
        };
        let ty = self.ty(inner, hint, cx);
        let ty = if f.required && !nullable {
            ty
        } else if always {
            serde.push("default".into());
            format!("Option<{ty}>")
        } else {
            serde.push("default, skip_serializing_if = \"Option::is_none\"".into());
            format!("Option<{ty}>")
        };
        let mut doc = f.description.trim().to_string();
        if !f.documented {
            doc = docs::join(&[&doc, "Not in the parameter tables: shown by the examples."]);
        }
        if let Some(why) = free_form(inner) {
            doc = docs::join(&[&doc, &format!("Free-form JSON: {why}.")]);
        }
        FieldView {
            ident,
            ty,
            doc: docs::attrs(&doc),
            serde: serde.join(", "),
        }
    }
}

/// Why a member's value stays `serde_json::Value` (inside arrays, maps
/// and `null`), if it does.
fn free_form(s: &Shape) -> Option<&str> {
    match s {
        Shape::Any { why } => Some(why),
        Shape::Nullable { inner: x } | Shape::Array { items: x } | Shape::Map { values: x } => {
            free_form(x)
        }
        _ => None,
    }
}

/// Where a shape sits, for naming the struct it may become.
#[derive(Clone, Copy)]
enum Hint<'a> {
    Root { name: &'a str, doc: &'a str },
    Member { wire: &'a str, suffix: Suffix },
}

#[derive(Clone, Copy)]
enum Suffix {
    None,
    Item,
    Value,
}

impl<'a> Hint<'a> {
    fn item(self) -> Hint<'a> {
        match self {
            Hint::Member { wire, .. } => Hint::Member {
                wire,
                suffix: Suffix::Item,
            },
            root => root,
        }
    }
    fn value(self) -> Hint<'a> {
        match self {
            Hint::Member { wire, .. } => Hint::Member {
                wire,
                suffix: Suffix::Value,
            },
            root => root,
        }
    }
}

/// An English singular of a plural wire name (`servers` → `server`,
/// `policies` → `policy`, `addresses` → `address`), for an array's item
/// type; a name that does not look plural gets `item` appended.
fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if let Some(stem) = word.strip_suffix("ies").filter(|s| !s.is_empty()) {
        return format!("{stem}y");
    }
    for end in ["sses", "xes", "ches", "shes"] {
        if lower.ends_with(end) {
            return word[..word.len() - 2].to_string();
        }
    }
    if lower.ends_with('s') && !lower.ends_with("ss") && word.len() > 1 {
        return word[..word.len() - 1].to_string();
    }
    format!("{word} item")
}

#[cfg(test)]
mod tests {
    use super::singular;

    #[test]
    fn singular_of_wire_names() {
        assert_eq!(singular("servers"), "server");
        assert_eq!(singular("policies"), "policy");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("boxes"), "box");
        assert_eq!(singular("access"), "access item");
        assert_eq!(singular("data"), "data item");
    }
}
