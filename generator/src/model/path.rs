//! [`PathTemplate`]: a URI path template parsed into segments.

use super::ModelError;
use serde::{Serialize, Serializer};
use std::fmt;

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
    /// Zero-width and other invisible format characters (U+200B, U+FEFF,
    /// bidi marks) dropped: a rendered page shows none, the API has none.
    RemovedInvisible,
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
        if body.is_empty() {
            return Ok(PathTemplate {
                segments: Vec::new(),
            });
        }
        let split = split_segments(body);
        // Sized exactly: a model holds one template per endpoint.
        let mut segments = Vec::with_capacity(split.len());
        for seg in split {
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
        if s.contains(is_invisible) {
            s.retain(|c| !is_invisible(c));
            s = s.trim().to_string();
            fixes.push(PathRepair::RemovedInvisible);
        }
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

/// A character a page may hold that renders as nothing: zero-width
/// spaces and joiners, the word joiner and invisible operators, the byte
/// order mark, the soft hyphen and bidi controls.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
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
    // Almost every segment is one literal or one parameter: room for one,
    // where an empty Vec's first push reserves four (192 bytes).
    let mut parts = Vec::with_capacity(1);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_dropped_from_a_route() {
        let (p, fixes) =
            PathTemplate::parse_lenient("/v2/\u{200b}{tenant}\u{200b}/x/\u{feff}{id}\u{200d}")
                .unwrap();
        assert_eq!(p.to_string(), "/v2/{tenant}/x/{id}");
        assert_eq!(fixes, [PathRepair::RemovedInvisible]);
        // Visible text, accents included, is kept.
        let (p, fixes) = PathTemplate::parse_lenient("/café/{id}").unwrap();
        assert_eq!(p.to_string(), "/café/{id}");
        assert!(fixes.is_empty());
    }

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
}
