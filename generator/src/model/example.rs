//! Example bodies the pages show (issue 9): a request or response sample,
//! tied to its endpoint, direction and status, with where it was written.
//!
//! Dialects find them (`dialect::*::examples`); this module only holds
//! the parsed value and the helpers every dialect shares (parse JSON or
//! XML, report an unparsable sample at the including line).

use super::{MediaType, SourceLoc, StatusCode};
use crate::diag::{Diagnostic, Severity};
use serde::Serialize;

/// Which way an example travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Request,
    Response,
}

/// One example body.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    pub direction: Direction,
    /// The status a response example is for: the code the page ties it to,
    /// else the endpoint's first normal code. `None` for requests (and for
    /// a response of an endpoint that documents no normal code).
    pub status: Option<StatusCode>,
    pub media_type: MediaType,
    /// The heading the page gives it ("Response Example", "Example Update
    /// server name: JSON request", "Example of representation.xml content").
    pub title: String,
    /// Where the including page shows it (the `literalinclude` or code
    /// block line).
    pub source: SourceLoc,
    /// The sample file, for an included sample (`/`-separated, as read).
    pub file: Option<String>,
    pub body: ExampleBody,
}

/// The parsed body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleBody {
    Json(serde_json::Value),
    /// A well-formed XML document, kept as written, with its root element's
    /// local name.
    Xml {
        root: String,
        text: String,
    },
    /// Any other text sample (form-encoded, PEM), kept verbatim.
    Text(String),
}

impl ExampleBody {
    /// The JSON value, for a JSON example.
    pub fn as_json(&self) -> Option<&serde_json::Value> {
        match self {
            ExampleBody::Json(v) => Some(v),
            ExampleBody::Xml { .. } | ExampleBody::Text(_) => None,
        }
    }
}

/// `example-unparsable`: a warning at the including line, naming the
/// sample's own line and column when the parser gives them.
fn unparsable(at: &SourceLoc, what: &str, why: String) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        "example-unparsable",
        format!("{what} is not valid: {why}; example skipped"),
        &at.file,
        at.line,
        at.column,
    )
}

/// Parse a JSON sample; an error is reported at `at` and yields `None`.
/// `what` names the sample in the message (`samples/x.json`, "the JSON
/// example").
pub fn parse_json(
    text: &str,
    at: &SourceLoc,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<ExampleBody> {
    match serde_json::from_str(text) {
        Ok(v) => Some(ExampleBody::Json(v)),
        Err(e) => {
            diags.push(unparsable(
                at,
                what,
                format!(
                    "{} at its line {} column {}",
                    kind(&e),
                    e.line(),
                    e.column()
                ),
            ));
            None
        }
    }
}

fn kind(e: &serde_json::Error) -> String {
    // serde_json's Display appends " at line L column C"; we say it ourselves.
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Parse an XML sample (well-formedness only; namespaces resolved).
pub fn parse_xml(
    text: &str,
    at: &SourceLoc,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<ExampleBody> {
    let root = |doc: roxmltree::Document<'_>| doc.root_element().tag_name().name().to_string();
    match roxmltree::Document::parse(text) {
        Ok(doc) => Some(ExampleBody::Xml {
            root: root(doc),
            text: text.to_string(),
        }),
        // `xsi:` is the XML Schema instance prefix by convention (XSD
        // 1.0 §2.6); a sample that uses it undeclared is read with the
        // standard binding, and the repair is said.
        Err(roxmltree::Error::UnknownNamespace(p, _)) if p == "xsi" => {
            let repaired = declare_xsi(text)?;
            let doc = roxmltree::Document::parse(&repaired).ok()?;
            diags.push(Diagnostic::new(
                Severity::Info,
                "example-xml-repaired",
                format!("{what} uses the `xsi:` prefix without declaring it; read with the XML Schema instance namespace"),
                &at.file,
                at.line,
                at.column,
            ));
            Some(ExampleBody::Xml {
                root: root(doc),
                text: repaired,
            })
        }
        Err(e) => {
            diags.push(unparsable(at, what, e.to_string()));
            None
        }
    }
}

/// The status a response example is for: a documented code that `hints`
/// (the example's heading or caption) name as a whole word, else the
/// endpoint's first normal code.
pub fn response_status(responses: &[super::Response], hints: &[&str]) -> Option<StatusCode> {
    let named = responses.iter().find(|r| {
        let code = r.status.to_string();
        hints.iter().any(|h| {
            h.split(|c: char| !c.is_ascii_digit())
                .any(|tok| tok == code)
        })
    });
    named
        .or_else(|| {
            responses
                .iter()
                .find(|r| r.kind == super::ResponseKind::Normal)
        })
        .map(|r| r.status)
}

/// The media type a sample's language or file extension implies.
pub fn media_type_of(language: Option<&str>, file: &str) -> MediaType {
    let ext = file.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let lang = language.unwrap_or("").trim().to_ascii_lowercase();
    // A file's own extension says what it holds; `:language:` only picks
    // the highlighter (keystone highlights form-encoded `.txt` samples as
    // javascript).
    let m = match (ext.as_str(), lang.as_str()) {
        ("json", _) => "application/json",
        ("xml", _) => "application/xml",
        ("txt" | "text", _) => "text/plain",
        (_, "json" | "javascript" | "js") => "application/json",
        (_, "xml") => "application/xml",
        _ => "text/plain",
    };
    m.parse().expect("a valid media type literal")
}

/// Parse a sample as its media type says: JSON, XML, else kept as text.
pub fn parse_as(
    media: &MediaType,
    text: &str,
    at: &SourceLoc,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<ExampleBody> {
    if text.trim().is_empty() {
        diags.push(Diagnostic::new(
            Severity::Warning,
            "example-empty",
            format!("{what} is empty; example skipped"),
            &at.file,
            at.line,
            at.column,
        ));
        return None;
    }
    if media.is_json() {
        parse_json(text, at, what, diags)
    } else if media.is_xml() {
        parse_xml(text, at, what, diags)
    } else {
        Some(ExampleBody::Text(text.to_string()))
    }
}

/// `text` with `xmlns:xsi` declared on its root element.
pub(crate) fn declare_xsi(text: &str) -> Option<String> {
    let mut start = 0;
    // Skip the XML declaration, comments and processing instructions.
    while let Some(i) = text[start..].find('<') {
        let at = start + i;
        if text[at..].starts_with("<?") || text[at..].starts_with("<!") {
            start = at + 1;
            continue;
        }
        let name_end = text[at + 1..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map(|j| at + 1 + j)?;
        let mut out = String::with_capacity(text.len() + 64);
        out.push_str(&text[..name_end]);
        out.push_str(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"");
        out.push_str(&text[name_end..]);
        return Some(out);
    }
    None
}

/// `example-missing`: an included sample that cannot be read.
pub fn missing(at: &SourceLoc, file: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        "example-missing",
        format!("example `{file}` {why}; example skipped"),
        &at.file,
        at.line,
        at.column,
    )
}

/// Remove the indentation common to all non-blank lines (code block
/// content keeps its indentation relative to the block).
pub fn dedent<'a>(lines: impl Iterator<Item = &'a str> + Clone) -> String {
    let indent = lines
        .clone()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    for l in lines {
        out.push_str(l.get(indent..).unwrap_or("").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> SourceLoc {
        SourceLoc {
            file: "p.rst".into(),
            line: 7,
            column: 1,
        }
    }

    #[test]
    fn bad_json_is_reported_with_its_own_position() {
        let mut d = Vec::new();
        assert!(parse_json("{\n  \"a\": 1,\n}", &at(), "x.json", &mut d).is_none());
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].code.as_ref()), (7, "example-unparsable"));
        assert!(d[0].message.contains("line 3"), "{}", d[0].message);
    }

    #[test]
    fn xml_root_is_local_name() {
        let mut d = Vec::new();
        let b = parse_xml("<ns0:a xmlns:ns0=\"u\"><b/></ns0:a>", &at(), "x", &mut d).unwrap();
        assert!(matches!(b, ExampleBody::Xml { root, .. } if root == "a"));
    }

    #[test]
    fn dedent_keeps_relative_indent() {
        assert_eq!(dedent(["  {", "    1", "  }"].into_iter()), "{\n  1\n}\n");
    }
}
