//! The endpoint model: what every dialect produces and every later stage
//! (lint, codegen, contract tests, OpenAPI export) reads.
//!
//! Parse, don't validate: the value types here ([`HttpMethod`],
//! [`PathTemplate`], [`StatusCode`], [`MediaType`]) can only be built through
//! their parsers, so once an [`Api`] exists its methods, paths and codes are
//! well-formed. What the docs say that is *not* well-formed never reaches the
//! model; it becomes a [`Diagnostic`](crate::diag::Diagnostic) instead.

pub mod example;
mod path;
pub mod shape;
mod values;
mod version;

pub use example::{Direction, Example, ExampleBody};
pub use path::{is_invisible, PathRepair, PathTemplate, Segment, SegmentPart};
pub use values::{ExtensionMethod, HttpMethod, MediaType, ModelError, StatusCode};
pub use version::ApiVersion;

use serde::{Serialize, Serializer};
use std::fmt;

/// A whole API: every endpoint and object read from a set of pages, sorted
/// by (source file, line) so the output does not depend on the order the
/// files were given in.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Api {
    pub endpoints: Vec<Endpoint>,
    pub objects: Vec<Object>,
}

/// Which documentation family a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    Uforge,
    Wadl2rst,
    OsApiRef,
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::Uforge => "uforge",
            Dialect::Wadl2rst => "wadl2rst",
            Dialect::OsApiRef => "os_api_ref",
        })
    }
}

/// Where something was documented: file (as given, `/`-separated), 1-based
/// line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SourceLoc {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

/// One documented operation.
#[derive(Debug, Clone, Serialize)]
pub struct Endpoint {
    /// Stable id: UForge's page title (`machineImage_downloadFile`), the
    /// wadl2rst file stem, os-api-ref's section label or title slug. Unique
    /// within an [`Api`] (dialects suffix repeats and say so).
    pub id: String,
    /// Human title (UForge: same as id; OpenStack: the section title).
    pub title: String,
    /// First paragraph of the description.
    pub summary: String,
    /// The whole description as plain text, paragraphs separated by a blank
    /// line.
    pub description: String,
    pub method: HttpMethod,
    pub path: PathTemplate,
    /// Path parameters first, in path order; then query, header, body.
    pub params: Vec<Param>,
    pub request_body: Option<Body>,
    /// Documented responses, sorted by status code.
    pub responses: Vec<Response>,
    pub auth: Auth,
    /// e.g. `UForge 1.0`, `Image API v2.0`.
    pub since: Option<String>,
    /// `:ref:` targets the page points at (seealso, "same as", inline).
    pub refs: Vec<CrossRef>,
    /// API group: UForge folder, wadl2rst folder, os-api-ref `.inc` stem.
    pub group: String,
    /// First microversion the endpoint exists in (os-api-ref's
    /// `min_version:` line in the `rest_method` content).
    pub min_version: Option<ApiVersion>,
    /// Last microversion the endpoint exists in (`max_version:`).
    pub max_version: Option<ApiVersion>,
    /// How a request is routed to this endpoint when others share its
    /// method and route (Cinder's `POST .../action` calls, told apart by
    /// the one key of the JSON body).
    pub dispatch: Option<Dispatch>,
    pub dialect: Dialect,
    pub source: SourceLoc,
    /// Example bodies the page shows, in page order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// Body shapes inferred from the documented fields and the examples
    /// (filled in once the whole set is read: objects come from other pages).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shapes: Vec<shape::BodyShape>,
}

/// What tells an endpoint apart from others on the same method and route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dispatch {
    /// The single top-level member of the JSON request body
    /// (`{"os-extend": {...}}`).
    BodyKey(String),
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Body,
}

/// A documented (or path-implied) parameter.
#[derive(Debug, Clone, Serialize)]
pub struct Param {
    pub name: String,
    #[serde(rename = "in")]
    pub location: ParamLocation,
    pub required: bool,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub description: String,
    pub min_version: Option<ApiVersion>,
    pub max_version: Option<ApiVersion>,
    /// A value the client always sends and the server requires: a literal
    /// `name=value` written into a documented path's query string
    /// (`/things?detail=True`) for a name the page documents nowhere else.
    pub fixed: Option<String>,
    /// An example value the page gives (a literal `name=value` in the path
    /// for a documented query parameter).
    pub example: Option<String>,
    /// False for a path parameter that the page does not document (the path
    /// implies it; a diagnostic says so).
    pub documented: bool,
    pub source: Option<SourceLoc>,
}

impl Param {
    /// Required in every version? A parameter the docs give a microversion
    /// range is absent outside it, so it may be left out even where it is
    /// required.
    pub fn required_always(&self) -> bool {
        self.required && self.min_version.is_none() && self.max_version.is_none()
    }

    /// The description, saying where a parameter required in some
    /// microversions only is required. A path parameter is part of its
    /// route at every version the route has: its description as written.
    pub fn described(&self) -> String {
        if !self.required || self.required_always() || self.location == ParamLocation::Path {
            return self.description.clone();
        }
        let from = self
            .min_version
            .map_or("the first version".into(), |v| v.to_string());
        let to = self.max_version.map_or("on".into(), |v| format!("to {v}"));
        format!(
            "{}\n\nRequired from {from} {to}; other versions do not have it.",
            self.description.trim_end()
        )
    }

    /// A path parameter the path names but the page does not document: a
    /// required string, `documented: false` (a diagnostic says so where it
    /// is found).
    pub fn implied_path(name: &str) -> Param {
        Param {
            name: name.to_string(),
            location: ParamLocation::Path,
            required: true,
            ty: TypeRef::String,
            description: String::new(),
            min_version: None,
            max_version: None,
            fixed: None,
            example: None,
            documented: false,
            source: None,
        }
    }
}

/// A documented type, as far as the docs say. Serialises as a short string:
/// `string`, `long`, `dateTime`, `object:image-object`, `list:string`, ...
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    String,
    Integer,
    Long,
    Float,
    Boolean,
    DateTime,
    Uri,
    Uuid,
    /// A documented object, by its label (`image-object`).
    Object(String),
    List(Box<TypeRef>),
    /// Free-form JSON / XML (`dict`, `object` without a definition).
    Any,
    /// A type name the dialect did not recognise, kept verbatim.
    Other(String),
}

impl TypeRef {
    /// Map a documented type name (XSD, os-api-ref YAML, UForge prose) to a
    /// type.
    ///
    /// ```
    /// use restdoc::model::TypeRef;
    /// assert_eq!(TypeRef::from_doc("xsd:string"), TypeRef::String);
    /// assert_eq!(TypeRef::from_doc("csapi:UUID"), TypeRef::Uuid);
    /// assert_eq!(TypeRef::from_doc("dateTime"), TypeRef::DateTime);
    /// assert_eq!(TypeRef::from_doc("array"), TypeRef::List(Box::new(TypeRef::Any)));
    /// ```
    pub fn from_doc(raw: &str) -> TypeRef {
        let t = raw.trim();
        let local = t.rsplit(':').next().unwrap_or(t);
        match local.to_ascii_lowercase().as_str() {
            "string" | "str" | "token" | "normalizedstring" => TypeRef::String,
            "int" | "integer" | "short" | "unsignedint" | "unsignedshort" => TypeRef::Integer,
            "long" | "unsignedlong" => TypeRef::Long,
            "float" | "double" | "decimal" | "number" => TypeRef::Float,
            "bool" | "boolean" => TypeRef::Boolean,
            "datetime" | "date" => TypeRef::DateTime,
            "anyuri" | "uri" | "url" => TypeRef::Uri,
            "uuid" => TypeRef::Uuid,
            "array" | "list" => TypeRef::List(Box::new(TypeRef::Any)),
            "dict" | "object" | "anytype" | "hash" => TypeRef::Any,
            "" => TypeRef::String,
            _ => TypeRef::Other(t.to_string()),
        }
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::String => f.write_str("string"),
            TypeRef::Integer => f.write_str("integer"),
            TypeRef::Long => f.write_str("long"),
            TypeRef::Float => f.write_str("float"),
            TypeRef::Boolean => f.write_str("boolean"),
            TypeRef::DateTime => f.write_str("dateTime"),
            TypeRef::Uri => f.write_str("anyURI"),
            TypeRef::Uuid => f.write_str("uuid"),
            TypeRef::Object(o) => write!(f, "object:{o}"),
            TypeRef::List(t) => write!(f, "list:{t}"),
            TypeRef::Any => f.write_str("any"),
            TypeRef::Other(o) => write!(f, "other:{o}"),
        }
    }
}

impl Serialize for TypeRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A request body.
#[derive(Debug, Clone, Serialize)]
pub struct Body {
    pub media_types: Vec<MediaType>,
    /// The documented object, when the page names one (UForge's
    /// "A :ref:`image-object` object").
    pub object: Option<TypeRef>,
    /// Body fields documented inline (os-api-ref `in: body` request
    /// parameters), in documented order.
    pub fields: Vec<Param>,
    pub description: String,
}

/// Normal (documented as success) or error response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResponseKind {
    Normal,
    Error,
}

/// One documented response.
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    pub status: StatusCode,
    pub kind: ResponseKind,
    /// The reason the page gives for this code, when it gives one:
    /// `Accepted` from `202 (Accepted)`, `conflict` from `conflict(409)`,
    /// the status file's text for a `rest_status_code` item, a table cell
    /// (wadl2rst); empty when the page states the bare code.
    pub description: String,
    pub media_types: Vec<MediaType>,
    /// Documented response headers (`Content-MD5`, `ETag`, ...).
    pub headers: Vec<Param>,
    /// Body fields documented for this response (os-api-ref response
    /// parameters with `in: body`).
    pub fields: Vec<Param>,
    pub object: Option<TypeRef>,
}

/// Who may call an endpoint.
#[derive(Debug, Clone, Serialize)]
pub struct Auth {
    pub required: bool,
    /// How we know: stated on the page, or the dialect's convention.
    pub basis: AuthBasis,
    /// Entitlements (UForge) or policies the caller needs.
    pub entitlements: Vec<String>,
    /// A query parameter that authorises one unauthenticated call
    /// (UForge's one-time `downloadId`).
    pub one_time_token: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthBasis {
    /// The page says so (UForge's Security Summary, "does not require a token").
    Documented,
    /// The doc family's convention (OpenStack: `X-Auth-Token` on every call).
    Convention,
}

/// A cross reference from a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CrossRef {
    /// Normalised label (`machineimage-download`).
    pub target: String,
    pub kind: RefKind,
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    /// Listed under `.. seealso::`.
    SeeAlso,
    /// "This request is the same as :ref:`x`".
    SameAs,
    /// Any other `:ref:` in the text.
    Mention,
}

/// A documented object (UForge `dto-objects` page).
#[derive(Debug, Clone, Serialize)]
pub struct Object {
    /// The page title (`address`).
    pub name: String,
    /// The label other pages `:ref:` (`address-object`), normalised.
    pub label: String,
    pub description: String,
    pub fields: Vec<Field>,
    pub source: SourceLoc,
    /// The XML namespace of the object's element, where the service also
    /// speaks XML (UForge: the element is named by `name`, its members by
    /// the field names, a list's items by the listed object's `name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xml_namespace: Option<String>,
}

/// One attribute of an object.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub required: bool,
    pub description: String,
    pub line: u32,
}
