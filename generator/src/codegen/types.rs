//! Documented types to Rust types: `long` → `i64`, `dateTime` → a real
//! date-time, `anyURI` → a URL-capable string, `:ref:` → the referenced
//! model, with `Box` only where a model would otherwise contain itself.

use super::names::{pascal, Namer};
use crate::model::{Object, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// The models of an API: object label → Rust type name, plus which fields
/// must be boxed to break cycles.
#[derive(Debug, Default)]
pub struct Models {
    /// label → type identifier in `crate::models`.
    pub names: BTreeMap<String, String>,
    /// label → labels it contains directly (not through a list).
    edges: BTreeMap<String, BTreeSet<String>>,
}

impl Models {
    /// Name every object (sorted by label, so suffixes are stable).
    pub fn new(objects: &[&Object]) -> Self {
        let mut namer = Namer::default();
        let mut m = Models::default();
        for o in objects {
            let base = pascal(&o.name)
                .or_else(|| pascal(&o.label))
                .unwrap_or_else(|| "Object".to_string());
            m.names.insert(o.label.clone(), namer.unique(&base));
        }
        for o in objects {
            let direct = o
                .fields
                .iter()
                .filter_map(|f| match &f.ty {
                    TypeRef::Object(l) => Some(l.clone()),
                    _ => None,
                })
                .collect();
            m.edges.insert(o.label.clone(), direct);
        }
        m
    }

    /// The model for a label (`address-object`, `address`), if documented.
    pub fn lookup(&self, label: &str) -> Option<&str> {
        let l = label.trim().to_ascii_lowercase();
        self.names
            .get(&l)
            .or_else(|| self.names.get(&format!("{l}-object")))
            .map(String::as_str)
    }

    /// True when `to` leads back to `from` through direct fields, so a field
    /// of type `to` inside `from` must be boxed.
    pub fn is_cycle(&self, from: &str, to: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![to.to_string()];
        while let Some(l) = stack.pop() {
            if l == from {
                return true;
            }
            if seen.insert(l.clone()) {
                if let Some(next) = self.edges.get(&l) {
                    stack.extend(next.iter().cloned());
                }
            }
        }
        false
    }

    /// The Rust type of a model field or body. `owner` is the label of the
    /// containing model (for boxing); unknown objects become JSON values.
    pub fn rust_type(&self, ty: &TypeRef, owner: Option<&str>) -> String {
        match ty {
            TypeRef::String | TypeRef::Uuid => "String".into(),
            TypeRef::Integer | TypeRef::Long => "i64".into(),
            TypeRef::Float => "f64".into(),
            TypeRef::Boolean => "bool".into(),
            TypeRef::DateTime => "crate::runtime::DateTime".into(),
            TypeRef::Uri => "crate::runtime::Uri".into(),
            TypeRef::Any => "serde_json::Value".into(),
            TypeRef::List(inner) => format!("Vec<{}>", self.rust_type(inner, None)),
            TypeRef::Object(label) | TypeRef::Other(label) => match self.lookup(label) {
                Some(name) => {
                    let boxed =
                        owner.is_some_and(|o| self.is_cycle(o, &label.to_ascii_lowercase()));
                    if boxed {
                        format!("Box<crate::models::{name}>")
                    } else {
                        format!("crate::models::{name}")
                    }
                }
                None => "serde_json::Value".into(),
            },
        }
    }
}

/// The Rust type of a path, query or header parameter: scalars only (what
/// is not a scalar travels as text).
pub fn param_type(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::Integer | TypeRef::Long => "i64",
        TypeRef::Float => "f64",
        TypeRef::Boolean => "bool",
        TypeRef::DateTime => "crate::runtime::DateTime",
        TypeRef::Uri => "crate::runtime::Uri",
        _ => "String",
    }
}

/// Whether a field type is a list (optional lists default to empty rather
/// than `None`).
pub fn is_list(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::List(_))
}
