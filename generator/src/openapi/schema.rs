//! Documented types and objects as JSON Schemas: [`TypeRef`] to a schema,
//! [`Object`]s to `components/schemas`, inline body fields to an object
//! schema, binary bodies to a string with `contentMediaType`.

use crate::model::{Api, Field, MediaType, Object, Param, TypeRef};
use std::collections::BTreeMap;
use utoipa::openapi::schema::{
    AnyOfBuilder, ArrayBuilder, KnownFormat, ObjectBuilder, OneOfBuilder, Schema, SchemaFormat,
    SchemaType, Type,
};
use utoipa::openapi::{Ref, RefOr};

/// The documented objects by label, each with its `components/schemas` key.
#[derive(Default)]
pub struct Schemas {
    /// Object label (`image-object`) -> component key (`image`).
    keys: BTreeMap<String, String>,
    /// Component key -> schema, sorted.
    pub components: BTreeMap<String, RefOr<Schema>>,
}

impl Schemas {
    /// Name every documented object and build its schema.
    pub fn new(api: &Api) -> Self {
        let mut s = Schemas::default();
        let mut taken = BTreeMap::new();
        for o in &api.objects {
            let base = component_key(&o.name, &o.label);
            let n: &mut usize = taken.entry(base.clone()).or_default();
            *n += 1;
            let key = if *n == 1 { base } else { format!("{base}_{n}") };
            s.keys.entry(o.label.clone()).or_insert(key);
        }
        for o in &api.objects {
            if let Some(key) = s.keys.get(&o.label).cloned() {
                if !s.components.contains_key(&key) {
                    let schema = s.object(o);
                    s.components.insert(key, schema);
                }
            }
        }
        s
    }

    /// The schema of a documented type.
    pub fn of(&self, ty: &TypeRef) -> RefOr<Schema> {
        match ty {
            TypeRef::String => typed(Type::String, None),
            TypeRef::Integer => typed(Type::Integer, Some(KnownFormat::Int32)),
            TypeRef::Long => typed(Type::Integer, Some(KnownFormat::Int64)),
            TypeRef::Float => typed(Type::Number, Some(KnownFormat::Double)),
            TypeRef::Boolean => typed(Type::Boolean, None),
            TypeRef::DateTime => typed(Type::String, Some(KnownFormat::DateTime)),
            TypeRef::Uri => custom(Type::String, "uri"),
            TypeRef::Uuid => custom(Type::String, "uuid"),
            TypeRef::Object(label) => match self.keys.get(label) {
                Some(key) => RefOr::Ref(Ref::from_schema_name(key.clone())),
                // A `:ref:` to an object no page defines: lint reports the
                // dangling reference; here it is any JSON object.
                None => ObjectBuilder::new()
                    .schema_type(Type::Object)
                    .description(Some(format!("documented as object `{label}`, not defined")))
                    .into(),
            },
            TypeRef::List(inner) => ArrayBuilder::new().items(self.of(inner)).into(),
            TypeRef::Any => any(None),
            TypeRef::Other(name) => any(Some(format!("documented type `{name}`"))),
        }
    }

    /// An object schema whose properties are documented body fields
    /// (os-api-ref `in: body` parameters).
    pub fn fields(&self, fields: &[&Param]) -> RefOr<Schema> {
        let mut b = ObjectBuilder::new().schema_type(Type::Object);
        let mut seen = std::collections::BTreeSet::new();
        for f in fields {
            if !seen.insert(f.name.as_str()) {
                continue;
            }
            b = b.property(f.name.clone(), self.described(&f.ty, &f.description));
            if f.required {
                b = b.required(f.name.clone());
            }
        }
        b.into()
    }

    /// `of(ty)` with a description (a `$ref` is left bare: OpenAPI 3.0
    /// ignores siblings of `$ref`).
    pub fn described(&self, ty: &TypeRef, description: &str) -> RefOr<Schema> {
        match self.of(ty) {
            RefOr::T(Schema::Object(mut o))
                if !description.is_empty() && o.description.is_none() =>
            {
                o.description = Some(description.to_string());
                RefOr::T(Schema::Object(o))
            }
            RefOr::T(Schema::Array(mut a)) if !description.is_empty() => {
                a.description = Some(description.to_string());
                RefOr::T(Schema::Array(a))
            }
            other => other,
        }
    }

    fn object(&self, o: &Object) -> RefOr<Schema> {
        let mut b = ObjectBuilder::new()
            .schema_type(Type::Object)
            .title(Some(o.name.clone()));
        if !o.description.is_empty() {
            b = b.description(Some(o.description.clone()));
        }
        for f in &o.fields {
            b = b.property(f.name.clone(), self.field(f));
            if f.required {
                b = b.required(f.name.clone());
            }
        }
        b.into()
    }

    fn field(&self, f: &Field) -> RefOr<Schema> {
        self.described(&f.ty, &f.description)
    }
}

/// The body of a binary media type: a string of that media type (3.1
/// `contentMediaType`; the 3.0 conversion turns it into `format: binary`).
/// A media range (`*/*`) is not a media type, so it is sent as
/// `application/octet-stream`.
pub fn binary(media: &MediaType) -> RefOr<Schema> {
    let mt = if media.as_str().contains('*') {
        "application/octet-stream"
    } else {
        media.as_str()
    };
    ObjectBuilder::new()
        .schema_type(Type::String)
        .content_media_type(mt)
        .into()
}

/// `oneOf` (alternatives that exclude each other) or `anyOf`.
pub fn alternatives(schemas: Vec<RefOr<Schema>>, exclusive: bool) -> RefOr<Schema> {
    if schemas.len() == 1 {
        return schemas.into_iter().next().unwrap_or_else(|| any(None));
    }
    if exclusive {
        let mut b = OneOfBuilder::new();
        for s in schemas {
            b = b.item(s);
        }
        b.into()
    } else {
        let mut b = AnyOfBuilder::new();
        for s in schemas {
            b = b.item(s);
        }
        RefOr::T(Schema::AnyOf(b.build()))
    }
}

/// Any JSON value.
pub fn any(description: Option<String>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(SchemaType::AnyValue)
        .description(description)
        .into()
}

fn typed(t: Type, format: Option<KnownFormat>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(t)
        .format(format.map(SchemaFormat::KnownFormat))
        .into()
}

/// A type with a format utoipa names only behind its `url`/`uuid`
/// features.
fn custom(t: Type, format: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(t)
        .format(Some(SchemaFormat::Custom(format.to_string())))
        .into()
}

/// A `components/schemas` key (`^[a-zA-Z0-9._-]+$`) for an object: its
/// name, else its label, other characters replaced by `_`.
fn component_key(name: &str, label: &str) -> String {
    let pick = if name.trim().is_empty() { label } else { name };
    let key: String = pick
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if key.is_empty() {
        "object".to_string()
    } else {
        key
    }
}
