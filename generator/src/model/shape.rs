//! Body shapes (issue 9 item 2): the nested structure of a JSON body, from
//! the documented (flat) parameter list plus the examples the page shows.
//!
//! Names, docs and types come from the parameter tables and YAML; the
//! examples give the nesting (`server` holds `id`, `name`; `servers` is an
//! array of them) and check the types. A field is optional unless it is
//! documented required *and* present in every example instance of its
//! object; nullable where an example shows `null` or the description says
//! it may be null. Fields only the examples show are kept, flagged
//! undocumented. Wire names are kept as written; order is documented order,
//! then undocumented keys sorted, so the result is deterministic.
//! [`Shape::accepts`] checks a JSON value against a shape.

mod infer;

pub use infer::attach;

use super::{Direction, StatusCode};
use serde::Serialize;
use std::fmt;

/// The shape of one body of an endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct BodyShape {
    pub direction: Direction,
    /// The response status (None for the request).
    pub status: Option<StatusCode>,
    /// How many examples it was inferred from (and checked against).
    pub examples: usize,
    pub root: Shape,
}

/// A value's shape. Identical shapes compare (and hash) equal, so a later
/// stage can share one type between every place a shape occurs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Shape {
    String,
    Integer,
    Float,
    Boolean,
    /// An ISO 8601 date or date-time string, as documented.
    DateTime,
    Object {
        fields: Vec<FieldShape>,
    },
    Array {
        items: Box<Shape>,
    },
    /// An object with free keys (`metadata`): `map<string, T>`.
    Map {
        values: Box<Shape>,
    },
    /// `null` or the inner shape.
    Nullable {
        inner: Box<Shape>,
    },
    /// A documented object by its label (UForge `image-object`); its fields
    /// are the model's [`Object`](super::Object) of that label.
    Ref {
        object: String,
    },
    /// Free-form JSON, and why it stays free-form.
    Any {
        why: String,
    },
}

/// One member of an object shape.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FieldShape {
    /// The wire name, as written.
    pub name: String,
    pub required: bool,
    /// False for a member only the examples show.
    pub documented: bool,
    pub description: String,
    pub shape: Shape,
}

/// Why a value does not fit a shape: where (a JSON pointer), what was
/// expected and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub pointer: String,
    pub expected: String,
    pub found: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(
            f,
            "at {at}: expected {}, found {}",
            self.expected, self.found
        )
    }
}

fn kind_of(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "null".into(),
        serde_json::Value::Bool(_) => "a boolean".into(),
        serde_json::Value::Number(n) if n.is_f64() => format!("the number {n}"),
        serde_json::Value::Number(n) => format!("the integer {n}"),
        serde_json::Value::String(s) => format!("the string {s:?}"),
        serde_json::Value::Array(_) => "an array".into(),
        serde_json::Value::Object(_) => "an object".into(),
    }
}

/// Is `s` an ISO 8601 date (`2024-05-01`) or date-time
/// (`2024-05-01T10:00:00`, optional fraction, optional `Z` or `±hh:mm`)?
///
/// ```
/// use restdoc::model::shape::is_iso8601;
/// assert!(is_iso8601("2016-01-02T03:04:05Z") && is_iso8601("2016-01-02T03:04:05.123456"));
/// assert!(is_iso8601("2016-01-02T03:04:05+01:00") && is_iso8601("2016-01-02"));
/// assert!(!is_iso8601("yesterday") && !is_iso8601("2016-13-02"));
/// ```
pub fn is_iso8601(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(99);
    let date = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10);
    if !date {
        return false;
    }
    if !(1..=12).contains(&num(5..7)) || !(1..=31).contains(&num(8..10)) {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return false;
    }
    if !(digits(11..13) && b.get(13) == Some(&b':') && digits(14..16)) {
        return false;
    }
    let mut i = 16;
    if b.get(i) == Some(&b':') {
        if !digits(17..19) {
            return false;
        }
        i = 19;
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
    }
    match &s[i..] {
        "" | "Z" | "z" => true,
        zone => {
            let z = zone.as_bytes();
            matches!(z.first(), Some(b'+' | b'-'))
                && ((z.len() == 6 && z[3] == b':' && digits(i + 1..i + 3) && digits(i + 4..i + 6))
                    || (z.len() == 5 && digits(i + 1..i + 5))
                    || (z.len() == 3 && digits(i + 1..i + 3)))
        }
    }
}

impl Shape {
    /// Does `v` fit this shape? Members the shape does not list are
    /// accepted (they are kept, not rejected); a required member must be
    /// there; `null` only where the shape is nullable.
    pub fn accepts(&self, v: &serde_json::Value) -> Result<(), Mismatch> {
        self.check(v, &mut String::new())
    }

    fn check(&self, v: &serde_json::Value, at: &mut String) -> Result<(), Mismatch> {
        use serde_json::Value as V;
        let fail = |expected: &str, at: &str| {
            Err(Mismatch {
                pointer: at.to_string(),
                expected: expected.to_string(),
                found: kind_of(v),
            })
        };
        match (self, v) {
            (Shape::Any { .. }, _) => Ok(()),
            (Shape::Nullable { .. }, V::Null) => Ok(()),
            (Shape::Nullable { inner }, _) => inner.check(v, at),
            (Shape::String, V::String(_)) => Ok(()),
            (Shape::Integer, V::Number(n)) if n.is_i64() || n.is_u64() => Ok(()),
            (Shape::Float, V::Number(_)) => Ok(()),
            (Shape::Boolean, V::Bool(_)) => Ok(()),
            (Shape::DateTime, V::String(s)) if is_iso8601(s) => Ok(()),
            (Shape::Ref { .. }, V::Object(_)) => Ok(()),
            (Shape::Array { items }, V::Array(xs)) => {
                for (i, x) in xs.iter().enumerate() {
                    let len = at.len();
                    at.push_str(&format!("/{i}"));
                    items.check(x, at)?;
                    at.truncate(len);
                }
                Ok(())
            }
            (Shape::Map { values }, V::Object(m)) => {
                for (k, x) in m {
                    let len = at.len();
                    at.push('/');
                    at.push_str(&pointer_token(k));
                    values.check(x, at)?;
                    at.truncate(len);
                }
                Ok(())
            }
            (Shape::Object { fields }, V::Object(m)) => {
                for f in fields {
                    let len = at.len();
                    at.push('/');
                    at.push_str(&pointer_token(&f.name));
                    match m.get(&f.name) {
                        None if f.required => {
                            return Err(Mismatch {
                                pointer: at.clone(),
                                expected: "a required member".into(),
                                found: "nothing".into(),
                            })
                        }
                        None => {}
                        Some(x) => f.shape.check(x, at)?,
                    }
                    at.truncate(len);
                }
                Ok(())
            }
            (s, _) => fail(&s.to_string(), at),
        }
    }

    /// Count the free-form ([`Shape::Any`]) places in this shape, with why.
    pub fn free_form<'s>(&'s self, path: &mut String, out: &mut Vec<(String, &'s str)>) {
        match self {
            Shape::Any { why } => out.push((path.clone(), why)),
            Shape::Nullable { inner } => inner.free_form(path, out),
            Shape::Array { items } => {
                path.push_str("[]");
                items.free_form(path, out);
                path.truncate(path.len() - 2);
            }
            Shape::Map { values } => {
                path.push_str("{}");
                values.free_form(path, out);
                path.truncate(path.len() - 2);
            }
            Shape::Object { fields } => {
                for f in fields {
                    let len = path.len();
                    path.push('.');
                    path.push_str(&f.name);
                    f.shape.free_form(path, out);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
}

/// Every object shape in the API's bodies, each once, with how many places
/// hold it: identical shapes (same members, types, docs) are one entry, so
/// a later stage emits one type for all of them. Ordered by the shapes'
/// own order, so iteration is deterministic.
pub fn shared_objects(api: &super::Api) -> std::collections::BTreeMap<&Shape, usize> {
    fn walk<'s>(s: &'s Shape, out: &mut std::collections::BTreeMap<&'s Shape, usize>) {
        match s {
            Shape::Object { fields } => {
                *out.entry(s).or_default() += 1;
                for f in fields {
                    walk(&f.shape, out);
                }
            }
            Shape::Array { items: x } | Shape::Map { values: x } | Shape::Nullable { inner: x } => {
                walk(x, out)
            }
            _ => {}
        }
    }
    let mut out = std::collections::BTreeMap::new();
    for e in &api.endpoints {
        for b in &e.shapes {
            walk(&b.root, &mut out);
        }
    }
    out
}

/// A JSON pointer reference token (RFC 6901: `~` → `~0`, `/` → `~1`).
fn pointer_token(k: &str) -> String {
    k.replace('~', "~0").replace('/', "~1")
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::String => f.write_str("a string"),
            Shape::Integer => f.write_str("an integer"),
            Shape::Float => f.write_str("a number"),
            Shape::Boolean => f.write_str("a boolean"),
            Shape::DateTime => f.write_str("an ISO 8601 date-time string"),
            Shape::Object { .. } => f.write_str("an object"),
            Shape::Array { .. } => f.write_str("an array"),
            Shape::Map { .. } => f.write_str("an object (map)"),
            Shape::Nullable { inner } => write!(f, "{inner} or null"),
            Shape::Ref { object } => write!(f, "a `{object}` object"),
            Shape::Any { .. } => f.write_str("any value"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(name: &str, required: bool, shape: Shape) -> FieldShape {
        FieldShape {
            name: name.into(),
            required,
            documented: true,
            description: String::new(),
            shape,
        }
    }

    #[test]
    fn accepts_checks_required_null_and_types() {
        let s = Shape::Object {
            fields: vec![
                field("id", true, Shape::String),
                field(
                    "size",
                    false,
                    Shape::Nullable {
                        inner: Box::new(Shape::Integer),
                    },
                ),
            ],
        };
        assert!(s
            .accepts(&json!({"id": "a", "size": null, "extra": 1}))
            .is_ok());
        let e = s.accepts(&json!({"size": 3})).unwrap_err();
        assert_eq!(e.pointer, "/id");
        let e = s.accepts(&json!({"id": "a", "size": 1.5})).unwrap_err();
        assert_eq!(
            (e.pointer.as_str(), e.found.as_str()),
            ("/size", "the number 1.5")
        );
        let e = s.accepts(&json!({"id": null})).unwrap_err();
        assert_eq!(e.to_string(), "at /id: expected a string, found null");
    }
}
