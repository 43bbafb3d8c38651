//! Small value types of the model, each built only by parsing:
//! [`HttpMethod`], [`StatusCode`], [`MediaType`], and their [`ModelError`].

use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

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
    /// Any method: a route documented with a method placeholder
    /// (`METHOD /path`, "any HTTP method"). Never parsed from a method
    /// token; a dialect builds it when the page says so.
    Any,
    /// A method beyond the seven above, such as WebDAV's `COPY`, which
    /// Swift documents (RFC 9110 section 9: a method is any token). Built by
    /// [`HttpMethod::extension`], never by [`FromStr`], so a dialect decides
    /// where a page may name one.
    Extension(ExtensionMethod),
}

/// The name of an extension method: upper-case letters, digits, `-` and
/// `_`, starting with a letter (the shape of every method in IANA's
/// registry). Interned, so [`HttpMethod`] stays `Copy`; a doc set names a
/// handful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExtensionMethod(&'static str);

impl ExtensionMethod {
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

/// Methods in IANA's HTTP Method Registry beyond the seven [`HttpMethod`]
/// names (WebDAV, versioning, `TRACE`, `QUERY`, ...).
const REGISTERED: &[&str] = &[
    "ACL",
    "BASELINE-CONTROL",
    "BIND",
    "CHECKIN",
    "CHECKOUT",
    "CONNECT",
    "COPY",
    "LABEL",
    "LINK",
    "LOCK",
    "MERGE",
    "MKACTIVITY",
    "MKCALENDAR",
    "MKCOL",
    "MKREDIRECTREF",
    "MKWORKSPACE",
    "MOVE",
    "ORDERPATCH",
    "PRI",
    "PROPFIND",
    "PROPPATCH",
    "QUERY",
    "REBIND",
    "REPORT",
    "SEARCH",
    "TRACE",
    "UNBIND",
    "UNCHECKOUT",
    "UNLINK",
    "UNLOCK",
    "UPDATE",
    "UPDATEREDIRECTREF",
    "VERSION-CONTROL",
];

impl HttpMethod {
    /// An extension method named `token` (see [`ExtensionMethod`]); one of
    /// the seven named methods is returned as itself.
    ///
    /// ```
    /// use restdoc::model::HttpMethod;
    /// let copy = HttpMethod::extension("COPY").unwrap();
    /// assert_eq!(copy.as_str(), "COPY");
    /// assert!(copy.is_registered());
    /// assert_eq!(HttpMethod::extension("GET").unwrap(), HttpMethod::Get);
    /// assert!(HttpMethod::extension("Copy").is_err());
    /// assert!(HttpMethod::extension("CO PY").is_err());
    /// ```
    pub fn extension(token: &str) -> Result<Self, ModelError> {
        if let Ok(m) = token.parse() {
            return Ok(m);
        }
        let shaped = token.starts_with(|c: char| c.is_ascii_uppercase())
            && token
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !shaped || token.len() > 32 {
            return Err(ModelError::Method(token.to_string()));
        }
        static NAMES: std::sync::Mutex<std::collections::BTreeSet<&'static str>> =
            std::sync::Mutex::new(std::collections::BTreeSet::new());
        let mut names = NAMES
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let name = match names.get(token) {
            Some(n) => *n,
            None => {
                let n: &'static str = Box::leak(token.to_string().into_boxed_str());
                names.insert(n);
                n
            }
        };
        Ok(HttpMethod::Extension(ExtensionMethod(name)))
    }

    /// Named in IANA's registry (every method but an unregistered extension).
    pub fn is_registered(self) -> bool {
        match self {
            HttpMethod::Extension(m) => REGISTERED.contains(&m.0),
            _ => true,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Head => "HEAD",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Any => "ANY",
            HttpMethod::Extension(m) => m.0,
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
    #[error("`{0}` is not an API version (MAJOR.MINOR)")]
    Version(String),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_parse() {
        assert!("2xx".parse::<StatusCode>().is_err());
        assert!("1000".parse::<StatusCode>().is_err());
        assert_eq!("206".parse::<StatusCode>().unwrap().as_u16(), 206);
    }
}
