//! The endpoint model: what every dialect produces and every later stage
//! (lint, codegen, contract tests, OpenAPI export) reads.
//!
//! Parse, don't validate: the value types here ([`HttpMethod`],
//! [`PathTemplate`], [`StatusCode`], [`MediaType`]) can only be built through
//! their parsers, so once an [`Api`] exists its methods, paths and codes are
//! well-formed. What the docs say that is *not* well-formed never reaches the
//! model; it becomes a [`Diagnostic`](crate::diag::Diagnostic) instead.

use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

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
    pub dialect: Dialect,
    pub source: SourceLoc,
}

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    Get,
    Head,
    Post,
    Put,
    Patch,
    Delete,
    Options,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Head => "HEAD",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
        }
    }
}

impl FromStr for HttpMethod {
    type Err = ModelError;
    /// Case-sensitive, as HTTP methods are.
    ///
    /// ```
    /// use restdoc::model::HttpMethod;
    /// assert_eq!("GET".parse::<HttpMethod>().unwrap(), HttpMethod::Get);
    /// assert!("get".parse::<HttpMethod>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, ModelError> {
        Ok(match s {
            "GET" => HttpMethod::Get,
            "HEAD" => HttpMethod::Head,
            "POST" => HttpMethod::Post,
            "PUT" => HttpMethod::Put,
            "PATCH" => HttpMethod::Patch,
            "DELETE" => HttpMethod::Delete,
            "OPTIONS" => HttpMethod::Options,
            _ => return Err(ModelError::Method(s.to_string())),
        })
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for HttpMethod {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Why a model value could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("`{0}` is not an HTTP method")]
    Method(String),
    #[error("`{0}` is not an HTTP status code (100..=599)")]
    Status(String),
    #[error("invalid path template `{path}`: {reason}")]
    Path { path: String, reason: String },
    #[error("`{0}` is not a media type")]
    MediaType(String),
}

/// A URI path template: `/users/{uid}/files/{filepath : .+}`.
///
/// Always starts with `/`, has no empty segment and no trailing `/` (the
/// root `/` excepted). [`PathTemplate::parse_lenient`] repairs what real docs
/// get wrong and says what it repaired.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PathTemplate {
    segments: Vec<Segment>,
}

/// One `/`-separated segment: literal text and parameters, possibly mixed
/// (`{name}.json`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Segment {
    pub parts: Vec<SegmentPart>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SegmentPart {
    Literal(String),
    /// `{name}` or `{name : regex}` (JAX-RS style; the regex is kept
    /// verbatim, e.g. `.+` for a catch-all that may contain `/`).
    Param {
        name: String,
        pattern: Option<String>,
    },
}

/// What [`PathTemplate::parse_lenient`] had to repair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathRepair {
    AddedLeadingSlash,
    CollapsedDoubleSlash,
    RemovedTrailingSlash,
}

impl PathTemplate {
    /// Parse a well-formed template.
    ///
    /// ```
    /// use restdoc::model::PathTemplate;
    /// let p = PathTemplate::parse("/users/{uid}/files/{filepath : .+}").unwrap();
    /// assert_eq!(p.param_names(), ["uid", "filepath"]);
    /// assert_eq!(p.to_string(), "/users/{uid}/files/{filepath : .+}");
    /// assert!(PathTemplate::parse("users/{uid}").is_err());
    /// ```
    pub fn parse(raw: &str) -> Result<Self, ModelError> {
        let err = |reason: &str| ModelError::Path {
            path: raw.to_string(),
            reason: reason.to_string(),
        };
        if !raw.starts_with('/') {
            return Err(err("does not start with `/`"));
        }
        let body = &raw[1..];
        let mut segments = Vec::new();
        if body.is_empty() {
            return Ok(PathTemplate { segments });
        }
        for seg in split_segments(body) {
            if seg.is_empty() {
                return Err(err("has an empty segment (`//` or a trailing `/`)"));
            }
            segments.push(parse_segment(seg).map_err(|r| err(&r))?);
        }
        let mut seen = std::collections::BTreeSet::new();
        for name in segments.iter().flat_map(|s| s.param_names()) {
            if !seen.insert(name) {
                return Err(err(&format!("parameter `{name}` appears twice")));
            }
        }
        Ok(PathTemplate { segments })
    }

    /// Parse what docs actually contain: add a missing leading `/`, collapse
    /// `//`, drop a trailing `/`, and report each repair.
    ///
    /// ```
    /// use restdoc::model::{PathTemplate, PathRepair};
    /// let (p, fixes) = PathTemplate::parse_lenient("users/{uid}//files/").unwrap();
    /// assert_eq!(p.to_string(), "/users/{uid}/files");
    /// assert_eq!(fixes, [PathRepair::AddedLeadingSlash, PathRepair::CollapsedDoubleSlash,
    ///                    PathRepair::RemovedTrailingSlash]);
    /// ```
    pub fn parse_lenient(raw: &str) -> Result<(Self, Vec<PathRepair>), ModelError> {
        let mut fixes = Vec::new();
        let mut s = raw.trim().to_string();
        if !s.starts_with('/') {
            s.insert(0, '/');
            fixes.push(PathRepair::AddedLeadingSlash);
        }
        if s.contains("//") {
            while s.contains("//") {
                s = s.replace("//", "/");
            }
            fixes.push(PathRepair::CollapsedDoubleSlash);
        }
        if s.len() > 1 && s.ends_with('/') {
            s.pop();
            fixes.push(PathRepair::RemovedTrailingSlash);
        }
        let p = PathTemplate::parse(&s).map_err(|e| match e {
            ModelError::Path { reason, .. } => ModelError::Path {
                path: raw.to_string(),
                reason,
            },
            other => other,
        })?;
        Ok((p, fixes))
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Parameter names in path order.
    pub fn param_names(&self) -> Vec<&str> {
        self.segments.iter().flat_map(|s| s.param_names()).collect()
    }

    /// The regex of parameter `name`, if it has one.
    pub fn param_pattern(&self, name: &str) -> Option<&str> {
        self.segments
            .iter()
            .flat_map(|s| &s.parts)
            .find_map(|p| match p {
                SegmentPart::Param { name: n, pattern } if n == name => pattern.as_deref(),
                _ => None,
            })
    }

    /// The template with patterns dropped (`/files/{filepath}`): the shape
    /// two routes are compared by.
    pub fn shape(&self) -> String {
        let mut out = String::new();
        for s in &self.segments {
            out.push('/');
            for p in &s.parts {
                match p {
                    SegmentPart::Literal(l) => out.push_str(l),
                    SegmentPart::Param { .. } => out.push_str("{}"),
                }
            }
        }
        if out.is_empty() {
            out.push('/');
        }
        out
    }
}

/// Split on `/` outside braces (a regex may contain `/`).
fn split_segments(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '/' if depth == 0 => {
                out.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&body[start..]);
    out
}

fn parse_segment(seg: &str) -> Result<Segment, String> {
    let mut parts = Vec::new();
    let mut rest = seg;
    while !rest.is_empty() {
        if let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(literal_part(&rest[..open])?);
            }
            // find the matching close brace (regexes may contain braces)
            let mut depth = 0usize;
            let mut close = None;
            for (i, c) in rest[open..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            close = Some(open + i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let close = close.ok_or_else(|| format!("unclosed `{{` in segment `{seg}`"))?;
            let inner = &rest[open + 1..close];
            let (name, pattern) = match inner.split_once(':') {
                Some((n, p)) => (n.trim(), Some(p.trim().to_string())),
                None => (inner.trim(), None),
            };
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
            {
                return Err(format!("`{{{inner}}}` is not a parameter name"));
            }
            if pattern.as_deref() == Some("") {
                return Err(format!("empty pattern in `{{{inner}}}`"));
            }
            parts.push(SegmentPart::Param {
                name: name.to_string(),
                pattern,
            });
            rest = &rest[close + 1..];
        } else {
            parts.push(literal_part(rest)?);
            rest = "";
        }
    }
    Ok(Segment { parts })
}

fn literal_part(s: &str) -> Result<SegmentPart, String> {
    if let Some(c) = s
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '}' | '?' | '#'))
    {
        return Err(format!("unexpected `{}` in `{s}`", c.escape_debug()));
    }
    Ok(SegmentPart::Literal(s.to_string()))
}

impl Segment {
    pub fn param_names(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            SegmentPart::Param { name, .. } => Some(name.as_str()),
            _ => None,
        })
    }
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segments.is_empty() {
            return f.write_str("/");
        }
        for s in &self.segments {
            f.write_str("/")?;
            for p in &s.parts {
                match p {
                    SegmentPart::Literal(l) => f.write_str(l)?,
                    SegmentPart::Param {
                        name,
                        pattern: None,
                    } => write!(f, "{{{name}}}")?,
                    SegmentPart::Param {
                        name,
                        pattern: Some(p),
                    } => write!(f, "{{{name} : {p}}}")?,
                }
            }
        }
        Ok(())
    }
}

impl Serialize for PathTemplate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An HTTP status code, 100..=599.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct StatusCode(u16);

impl StatusCode {
    /// ```
    /// use restdoc::model::StatusCode;
    /// assert_eq!(StatusCode::new(304).unwrap().as_u16(), 304);
    /// assert!(StatusCode::new(99).is_err() && StatusCode::new(600).is_err());
    /// ```
    pub fn new(code: u16) -> Result<Self, ModelError> {
        if (100..=599).contains(&code) {
            Ok(StatusCode(code))
        } else {
            Err(ModelError::Status(code.to_string()))
        }
    }
    pub fn as_u16(self) -> u16 {
        self.0
    }
    pub fn is_success(self) -> bool {
        (200..400).contains(&self.0)
    }
}

impl FromStr for StatusCode {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, ModelError> {
        let t = s.trim();
        if t.len() != 3 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ModelError::Status(s.to_string()));
        }
        StatusCode::new(t.parse().map_err(|_| ModelError::Status(s.to_string()))?)
    }
}

impl fmt::Display for StatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A media type or range (`application/json`, `*/*`), lower-cased, without
/// parameters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct MediaType(String);

impl MediaType {
    /// ```
    /// use restdoc::model::MediaType;
    /// let m: MediaType = "Application/JSON; charset=utf-8".parse().unwrap();
    /// assert_eq!(m.as_str(), "application/json");
    /// assert!(m.is_json() && !m.is_binary());
    /// assert!("*/*".parse::<MediaType>().unwrap().is_binary());
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn is_json(&self) -> bool {
        self.0 == "application/json" || self.0.ends_with("+json")
    }
    pub fn is_xml(&self) -> bool {
        self.0.ends_with("/xml") || self.0.ends_with("+xml")
    }
    /// Opaque bytes: `*/*`, `application/octet-stream` and other non-text
    /// types; these bodies are streamed, never buffered.
    pub fn is_binary(&self) -> bool {
        self.0 == "*/*" || self.0 == "application/octet-stream"
    }
}

impl FromStr for MediaType {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, ModelError> {
        let essence = s
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let ok = essence.split_once('/').is_some_and(|(t, st)| {
            let tok = |x: &str| {
                !x.is_empty()
                    && x.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+*".contains(c))
            };
            tok(t) && tok(st)
        });
        if ok {
            Ok(MediaType(essence))
        } else {
            Err(ModelError::MediaType(s.to_string()))
        }
    }
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
    pub min_version: Option<String>,
    pub max_version: Option<String>,
    /// False for a path parameter that the page does not document (the path
    /// implies it; a diagnostic says so).
    pub documented: bool,
    pub source: Option<SourceLoc>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_params_and_patterns() {
        let p = PathTemplate::parse("/a/{x}.json/{rest : [a-z]{2}/.+}").unwrap();
        assert_eq!(p.param_names(), ["x", "rest"]);
        assert_eq!(p.param_pattern("rest"), Some("[a-z]{2}/.+"));
        assert_eq!(p.segments().len(), 3);
        assert_eq!(p.shape(), "/a/{}.json/{}");
    }

    #[test]
    fn path_rejects_garbage() {
        for bad in [
            "/a//b",
            "/a/",
            "/a/{",
            "/a/{}",
            "/a b",
            "/{x}/{x}",
            "/a/{x : }",
        ] {
            assert!(PathTemplate::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(PathTemplate::parse("/").unwrap().to_string(), "/");
    }

    #[test]
    fn status_parse() {
        assert!("2xx".parse::<StatusCode>().is_err());
        assert!("1000".parse::<StatusCode>().is_err());
        assert_eq!("206".parse::<StatusCode>().unwrap().as_u16(), 206);
    }
}
