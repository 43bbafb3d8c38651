//! Inferring body shapes: fold every example of a body into one tree of
//! what was seen where ([`Seen`]), then read that tree with the documented
//! parameters beside it.

use super::{BodyShape, FieldShape, Shape};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Api, Direction, Endpoint, Example, Param, StatusCode, TypeRef};
use serde_json::Value;
use std::collections::BTreeMap;

/// Fill in every endpoint's [`Endpoint::shapes`]. Runs once the whole set
/// is read; type disagreements between docs and examples are warnings at
/// the example's line.
pub fn attach(api: &mut Api, diags: &mut Vec<Diagnostic>) {
    use rayon::prelude::*;
    let groups = group_docs(api);
    // Each endpoint's shapes depend only on it and the group docs: inferred
    // in parallel, each with its own diagnostics, appended in endpoint order.
    let found: Vec<Vec<Diagnostic>> = api
        .endpoints
        .par_iter_mut()
        .map(|e| {
            let docs = |d: Direction| {
                groups
                    .get(&(e.group.clone(), d))
                    .map_or(&[][..], |v| &v[..])
            };
            let mut own = Vec::new();
            e.shapes = of_endpoint(
                e,
                [docs(Direction::Request), docs(Direction::Response)],
                &mut own,
            );
            own
        })
        .collect();
    diags.extend(found.into_iter().flatten());
}

/// Per group, the body members documented with one definition (type and
/// description) across the group's endpoints: a list response whose
/// items are the objects another endpoint of the group documents
/// (`images` holds what "Show image" lists) takes its members' docs
/// from there. Requests and responses are kept apart (a request's
/// `min_disk` may be documented differently); names defined two different
/// ways on the same side are left out.
fn group_docs(api: &Api) -> BTreeMap<(String, Direction), Vec<Param>> {
    type Defs<'a> = BTreeMap<&'a str, Vec<&'a Param>>;
    let mut by: BTreeMap<(&str, Direction), Defs<'_>> = BTreeMap::new();
    for e in &api.endpoints {
        let req = e.request_body.iter().flat_map(|b| &b.fields);
        let resp = e.responses.iter().flat_map(|r| &r.fields);
        let sides = req
            .map(|p| (Direction::Request, p))
            .chain(resp.map(|p| (Direction::Response, p)));
        for (dir, p) in sides {
            let defs = by
                .entry((&e.group, dir))
                .or_default()
                .entry(&p.name)
                .or_default();
            if !defs
                .iter()
                .any(|d| d.ty == p.ty && d.description == p.description)
            {
                defs.push(p);
            }
        }
    }
    by.into_iter()
        .map(|((g, dir), names)| {
            let one = names
                .into_values()
                .filter(|d| d.len() == 1)
                .map(|d| d[0].clone())
                .collect();
            ((g.to_string(), dir), one)
        })
        .collect()
}

/// `elsewhere`: the group's request and response member docs.
fn of_endpoint(
    e: &Endpoint,
    elsewhere: [&[Param]; 2],
    diags: &mut Vec<Diagnostic>,
) -> Vec<BodyShape> {
    let mut out = Vec::new();
    let json = |dir: Direction, status: Option<StatusCode>| -> Vec<&Example> {
        e.examples
            .iter()
            .filter(|x| x.direction == dir && x.body.as_json().is_some())
            .filter(|x| dir == Direction::Request || x.status == status)
            .collect()
    };
    let (fields, object) = e
        .request_body
        .as_ref()
        .map_or((&[][..], None), |b| (&b.fields[..], b.object.as_ref()));
    let ex = json(Direction::Request, None);
    if let Some(root) = body(fields, elsewhere[0], object, &ex, diags) {
        out.push(BodyShape {
            direction: Direction::Request,
            status: None,
            examples: ex.len(),
            root,
        });
    }
    for r in &e.responses {
        let ex = json(Direction::Response, Some(r.status));
        if let Some(root) = body(&r.fields, elsewhere[1], r.object.as_ref(), &ex, diags) {
            out.push(BodyShape {
                direction: Direction::Response,
                status: Some(r.status),
                examples: ex.len(),
                root,
            });
        }
    }
    // Response examples of an endpoint that documents no normal code.
    let ex = json(Direction::Response, None);
    if let Some(root) = body(&[], elsewhere[1], None, &ex, diags) {
        out.push(BodyShape {
            direction: Direction::Response,
            status: None,
            examples: ex.len(),
            root,
        });
    }
    out
}

/// What the examples show at one position.
#[derive(Default)]
struct Seen {
    nulls: usize,
    /// Per kind (bool, integer, float, string, array, object): how many
    /// values, and the first example that showed one.
    kinds: [usize; 6],
    first: [Option<usize>; 6],
    /// Strings that are not ISO 8601 date-times, and the first one's example.
    not_dates: Option<usize>,
    items: Option<Box<Seen>>,
    keys: BTreeMap<String, Seen>,
    /// Every member value of every object here (for maps).
    values: Option<Box<Seen>>,
}

const BOOL: usize = 0;
const INT: usize = 1;
const FLOAT: usize = 2;
const STRING: usize = 3;
const ARRAY: usize = 4;
const OBJECT: usize = 5;
const KIND_NAMES: [&str; 6] = ["boolean", "integer", "number", "string", "array", "object"];

impl Seen {
    fn add(&mut self, v: &Value, ex: usize) {
        let k = match v {
            Value::Null => {
                self.nulls += 1;
                return;
            }
            Value::Bool(_) => BOOL,
            Value::Number(n) if n.is_f64() => FLOAT,
            Value::Number(_) => INT,
            Value::String(s) => {
                if !super::is_iso8601(s) && self.not_dates.is_none() {
                    self.not_dates = Some(ex);
                }
                STRING
            }
            Value::Array(xs) => {
                let items = self.items.get_or_insert_with(Default::default);
                for x in xs {
                    items.add(x, ex);
                }
                ARRAY
            }
            Value::Object(m) => {
                for (key, x) in m {
                    self.keys.entry(key.clone()).or_default().add(x, ex);
                    self.values.get_or_insert_with(Default::default).add(x, ex);
                }
                OBJECT
            }
        };
        self.kinds[k] += 1;
        self.first[k].get_or_insert(ex);
    }

    fn non_null(&self) -> usize {
        self.kinds.iter().sum()
    }

    /// Presence count of a member: values seen for it, null included.
    fn count(&self) -> usize {
        self.nulls + self.non_null()
    }

    /// The single kind seen (integers and floats count as one, a number),
    /// or the kinds that disagree.
    fn kind(&self) -> Result<Option<usize>, Vec<usize>> {
        let mut ks: Vec<usize> = (0..6).filter(|k| self.kinds[*k] > 0).collect();
        if ks == [INT, FLOAT] {
            ks = vec![FLOAT];
        }
        match ks.len() {
            0 => Ok(None),
            1 => Ok(Some(ks[0])),
            _ => Err(ks),
        }
    }
}

/// The documented parameters of one body (then those documented once
/// elsewhere in the group), and where each of the body's own was placed.
struct Docs {
    params: Vec<Param>,
    local: usize,
    placed: Vec<Option<Vec<String>>>,
}

impl Docs {
    /// The parameter documenting member `name`: the first not yet placed
    /// after the parent's (os-api-ref and wadl2rst list a body in order,
    /// members after their object), else the first not yet placed.
    fn find(&self, name: &str, after: Option<usize>) -> Option<usize> {
        let free = |i: &usize| self.params[*i].name == name && self.placed[*i].is_none();
        let all = 0..self.local;
        all.clone()
            .filter(free)
            .find(|i| after.is_none_or(|a| *i > a))
            .or_else(|| all.clone().find(free))
            .or_else(|| all.clone().find(|i| self.params[*i].name == name))
            .or_else(|| (self.local..self.params.len()).find(|i| self.params[*i].name == name))
    }
}

/// Context of one body's inference.
struct Ctx<'a> {
    docs: Docs,
    examples: &'a [&'a Example],
    diags: &'a mut Vec<Diagnostic>,
}

fn body(
    fields: &[Param],
    elsewhere: &[Param],
    object: Option<&TypeRef>,
    examples: &[&Example],
    diags: &mut Vec<Diagnostic>,
) -> Option<Shape> {
    if examples.is_empty() {
        if fields.is_empty() {
            return match object {
                Some(TypeRef::Object(label)) => Some(Shape::Ref {
                    object: label.clone(),
                }),
                _ => None,
            };
        }
        let fields = fields
            .iter()
            .map(|p| FieldShape {
                name: p.name.clone(),
                required: p.required_always(),
                documented: true,
                description: p.described(),
                shape: nullable_if(says_null(&p.description), from_doc(&p.ty)),
            })
            .collect();
        return Some(Shape::Object { fields });
    }
    let mut seen = Seen::default();
    for (i, x) in examples.iter().enumerate() {
        if let Some(v) = x.body.as_json() {
            seen.add(v, i);
        }
    }
    let mut ctx = Ctx {
        docs: Docs {
            params: fields.iter().chain(elsewhere).cloned().collect(),
            local: fields.len(),
            placed: vec![None; fields.len() + elsewhere.len()],
        },
        examples,
        diags,
    };
    let mut root = build(&seen, None, &mut Vec::new(), &mut ctx);
    place_unseen(&mut root, &ctx.docs);
    Some(root)
}

fn nullable_if(yes: bool, s: Shape) -> Shape {
    match s {
        Shape::Any { .. } | Shape::Nullable { .. } => s,
        s if yes => Shape::Nullable { inner: Box::new(s) },
        s => s,
    }
}

/// Does a description say the value may be null?
fn says_null(description: &str) -> bool {
    let d = description.to_ascii_lowercase();
    [
        "might be null",
        "may be null",
        "can be null",
        "could be null",
        "or null",
        "null if",
        "null when",
        "is null",
        "be null",
        "set to null",
        "null otherwise",
        "`null`",
        "``null``",
    ]
    .iter()
    .any(|p| d.contains(p))
}

/// Does a description say the object has free keys?
fn says_map(p: &Param) -> bool {
    let d = p.description.to_ascii_lowercase();
    let n = p.name.to_ascii_lowercase();
    n.ends_with("metadata")
        || [
            "key/value",
            "key-value",
            "key value pair",
            "key and value",
            "key:value",
        ]
        .iter()
        .any(|k| d.contains(k))
}

/// A shape from the documented type alone (no example shows a value).
fn from_doc(t: &TypeRef) -> Shape {
    match t {
        TypeRef::String | TypeRef::Uri | TypeRef::Uuid => Shape::String,
        TypeRef::Integer | TypeRef::Long => Shape::Integer,
        TypeRef::Float => Shape::Float,
        TypeRef::Boolean => Shape::Boolean,
        TypeRef::DateTime => Shape::DateTime,
        TypeRef::Object(label) => Shape::Ref {
            object: label.clone(),
        },
        TypeRef::List(inner) if **inner == TypeRef::Any => Shape::Array {
            items: Box::new(Shape::Any {
                why: "documented as an array without an element type, and no example shows an element".into(),
            }),
        },
        TypeRef::List(inner) => Shape::Array {
            items: Box::new(from_doc(inner)),
        },
        TypeRef::Any => Shape::Any {
            why: "documented as a free-form object, and no example shows its members".into(),
        },
        TypeRef::Other(o) => Shape::Any {
            why: format!("documented type `{o}` is not a JSON type, and no example shows a value"),
        },
    }
}

/// `example-type-mismatch` at the example that showed `kind`.
fn mismatch(ctx: &mut Ctx<'_>, ex: Option<usize>, path: &[String], doc: &Param, found: &str) {
    let Some(x) = ex.and_then(|i| ctx.examples.get(i)) else {
        return;
    };
    ctx.diags.push(Diagnostic::new(
        Severity::Warning,
        "example-type-mismatch",
        format!(
            "`{}` is documented as {} but the example{} shows {found}; the shape follows the example",
            path.join("."),
            doc.ty,
            x.file.as_deref().map(|f| format!(" `{f}`")).unwrap_or_default()
        ),
        &x.source.file,
        x.source.line,
        x.source.column,
    ));
}

fn build(seen: &Seen, doc: Option<usize>, path: &mut Vec<String>, ctx: &mut Ctx<'_>) -> Shape {
    let param = doc.map(|i| &ctx.docs.params[i]);
    let nullable = seen.nulls > 0 || param.is_some_and(|p| says_null(&p.description));
    let inner = match seen.kind() {
        Ok(None) => match param {
            Some(p) => from_doc(&p.ty),
            None => Shape::Any {
                why: "not documented, and the examples show only `null`".into(),
            },
        },
        Err(kinds) => {
            let names: Vec<&str> = kinds.iter().map(|k| KIND_NAMES[*k]).collect();
            Shape::Any {
                why: format!("the examples disagree: {}", names.join(" and ")),
            }
        }
        Ok(Some(k)) => kinded(seen, k, doc, path, ctx),
    };
    nullable_if(nullable, inner)
}

fn kinded(
    seen: &Seen,
    k: usize,
    doc: Option<usize>,
    path: &mut Vec<String>,
    ctx: &mut Ctx<'_>,
) -> Shape {
    let param = doc.map(|i| ctx.docs.params[i].clone());
    let ty = param.as_ref().map(|p| &p.ty);
    let scalar_doc = matches!(
        ty,
        Some(
            TypeRef::Integer
                | TypeRef::Long
                | TypeRef::Float
                | TypeRef::Boolean
                | TypeRef::DateTime
        )
    );
    let disagree = |ctx: &mut Ctx<'_>, what: &str| {
        if let Some(p) = &param {
            mismatch(ctx, seen.first[k], path, p, what);
        }
    };
    match k {
        BOOL => {
            if scalar_doc && ty != Some(&TypeRef::Boolean) {
                disagree(ctx, "a boolean");
            }
            Shape::Boolean
        }
        INT | FLOAT => {
            let float = seen.kinds[FLOAT] > 0 || ty == Some(&TypeRef::Float);
            if matches!(ty, Some(TypeRef::Boolean | TypeRef::DateTime))
                || (seen.kinds[FLOAT] > 0 && matches!(ty, Some(TypeRef::Integer | TypeRef::Long)))
            {
                disagree(
                    ctx,
                    if float {
                        "a fractional number"
                    } else {
                        "a number"
                    },
                );
            }
            if float {
                Shape::Float
            } else {
                Shape::Integer
            }
        }
        STRING => match ty {
            Some(TypeRef::DateTime) if seen.not_dates.is_none() => Shape::DateTime,
            Some(TypeRef::DateTime) => {
                if let Some(p) = &param {
                    mismatch(
                        ctx,
                        seen.not_dates,
                        path,
                        p,
                        "a string that is not ISO 8601",
                    );
                }
                Shape::String
            }
            _ => {
                if scalar_doc {
                    disagree(ctx, "a string");
                }
                Shape::String
            }
        },
        ARRAY => {
            let items = match &seen.items {
                Some(items) if items.count() > 0 => {
                    path.push("[]".into());
                    let s = build(items, doc, path, ctx);
                    path.pop();
                    s
                }
                _ => match ty {
                    Some(TypeRef::List(inner)) => return from_doc(&TypeRef::List(inner.clone())),
                    _ => Shape::Any {
                        why: "no example shows an element, and the docs give no element type"
                            .into(),
                    },
                },
            };
            Shape::Array {
                items: Box::new(items),
            }
        }
        _ => {
            if param.as_ref().is_some_and(says_map) {
                let values = match &seen.values {
                    Some(v) => {
                        path.push("{}".into());
                        let s = build(v, None, path, ctx);
                        path.pop();
                        s
                    }
                    None => Shape::Any {
                        why: "a map whose values no example shows".into(),
                    },
                };
                return Shape::Map {
                    values: Box::new(values),
                };
            }
            object(seen, doc, path, ctx)
        }
    }
}

fn object(seen: &Seen, doc: Option<usize>, path: &mut Vec<String>, ctx: &mut Ctx<'_>) -> Shape {
    let instances = seen.kinds[OBJECT];
    let mut fields: Vec<(Option<usize>, FieldShape)> = Vec::new();
    for (key, child) in &seen.keys {
        let at = ctx.docs.find(key, doc);
        path.push(key.clone());
        if let Some(i) = at {
            ctx.docs.placed[i].get_or_insert_with(|| path[..path.len() - 1].to_vec());
        }
        let shape = build(child, at, path, ctx);
        path.pop();
        let p = at.map(|i| &ctx.docs.params[i]);
        fields.push((
            at,
            FieldShape {
                name: key.clone(),
                required: p.is_some_and(Param::required_always) && child.count() == instances,
                documented: p.is_some(),
                description: p.map(Param::described).unwrap_or_default(),
                shape,
            },
        ));
    }
    // Documented order first, then the undocumented members by name.
    fields.sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.name.cmp(&b.1.name),
    });
    Shape::Object {
        fields: fields.into_iter().map(|(_, f)| f).collect(),
    }
}

/// Documented members no example shows: each goes beside the nearest
/// documented member before it that was placed (the docs list a body in
/// order), else at the top; always optional.
fn place_unseen(root: &mut Shape, docs: &Docs) {
    for (i, p) in docs.params[..docs.local].iter().enumerate() {
        if docs.placed[i].is_some() {
            continue;
        }
        let parent = docs.placed[..i]
            .iter()
            .rev()
            .find_map(|x| x.clone())
            .unwrap_or_default();
        if let Some(Shape::Object { fields }) = object_at(root, &parent) {
            if fields.iter().any(|f| f.name == p.name) {
                continue;
            }
            fields.push(FieldShape {
                name: p.name.clone(),
                required: false,
                documented: true,
                description: p.description.clone(),
                shape: nullable_if(says_null(&p.description), from_doc(&p.ty)),
            });
        }
    }
}

/// The object shape at `path` (member names, `[]` for array items), through
/// nullable wrappers.
fn object_at<'s>(s: &'s mut Shape, path: &[String]) -> Option<&'s mut Shape> {
    let s = match s {
        Shape::Nullable { inner } => return object_at(inner, path),
        s => s,
    };
    let Some((first, rest)) = path.split_first() else {
        return matches!(s, Shape::Object { .. }).then_some(s);
    };
    match s {
        Shape::Array { items } if first == "[]" => object_at(items, rest),
        Shape::Map { values } if first == "{}" => object_at(values, rest),
        Shape::Object { fields } => {
            let f = fields.iter_mut().find(|f| &f.name == first)?;
            object_at(&mut f.shape, rest)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_phrases() {
        assert!(says_null("The checksum. This might be null."));
        assert!(says_null("Size in bytes, or null if unknown"));
        assert!(!says_null("A nullable-looking word: annulled"));
    }
}
