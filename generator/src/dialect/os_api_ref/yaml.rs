//! os-api-ref's YAML files: `parameters.yaml` (one entry per parameter key,
//! with `in`, `required`, `type`, `description`, `min_version`,
//! `max_version`) and `status.yaml` (per status code, descriptions by key).
//!
//! Read with yaml-rust2's event parser so every key keeps its line, and
//! diagnostics can point into the YAML file.

use crate::diag::{Diagnostic, Severity};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A YAML value with the position (1-based line and column) it starts at.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Scalar {
        value: String,
        line: u32,
        col: u32,
    },
    Seq {
        items: Vec<Node>,
    },
    Map {
        entries: Vec<(Node, Node)>,
        line: u32,
        col: u32,
    },
    /// An alias (`*x`); os-api-ref files do not use them, and we do not
    /// resolve them.
    Alias,
}

impl Node {
    /// The scalar text, if this is a scalar.
    pub(crate) fn scalar(&self) -> Option<&str> {
        match self {
            Node::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The value under scalar key `key`, if this is a mapping with that key.
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map { entries, .. } => entries
                .iter()
                .find(|(k, _)| k.scalar() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Why a YAML file could not be read: position and the parser's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

/// Builds [`Node`]s from parser events.
#[derive(Default)]
struct Builder {
    /// Open collections: a sequence's items, or a mapping's alternating
    /// keys and values, with where the mapping started.
    stack: Vec<(bool, Vec<Node>, u32, u32)>,
    root: Option<Node>,
}

impl Builder {
    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some((_, items, _, _)) => items.push(node),
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
        }
    }
}

fn pos(mark: Marker) -> (u32, u32) {
    // yaml-rust2 counts lines from 1 and columns from 0.
    (
        u32::try_from(mark.line()).unwrap_or(u32::MAX),
        u32::try_from(mark.col() + 1).unwrap_or(u32::MAX),
    )
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let (line, col) = pos(mark);
        match ev {
            Event::Scalar(value, style, _, _) => {
                // A plain `~`/`null`/empty scalar is null; keep it as "".
                let value =
                    if style == TScalarStyle::Plain && matches!(value.as_str(), "~" | "null") {
                        String::new()
                    } else {
                        value
                    };
                self.push(Node::Scalar { value, line, col });
            }
            Event::SequenceStart(..) => self.stack.push((false, Vec::new(), line, col)),
            Event::MappingStart(..) => self.stack.push((true, Vec::new(), line, col)),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((is_map, items, line, col)) = self.stack.pop() {
                    let node = if is_map {
                        let mut entries = Vec::with_capacity(items.len() / 2);
                        let mut it = items.into_iter();
                        while let (Some(k), Some(v)) = (it.next(), it.next()) {
                            entries.push((k, v));
                        }
                        Node::Map { entries, line, col }
                    } else {
                        Node::Seq { items }
                    };
                    self.push(node);
                }
            }
            Event::Alias(_) => self.push(Node::Alias),
            _ => {}
        }
    }
}

/// Parse the first document of a YAML text. `Ok(None)` for an empty file.
pub(crate) fn parse(text: &str) -> Result<Option<Node>, YamlError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut builder, false).map_err(|e| {
        let (line, col) = pos(*e.marker());
        YamlError {
            line,
            col,
            message: e.info().to_string(),
        }
    })?;
    Ok(builder.root)
}

/// One parameter entry of a `parameters.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParamEntry {
    /// Where the key is in the YAML file.
    pub line: u32,
    pub col: u32,
    pub location: Option<String>,
    pub required: bool,
    pub ty: Option<String>,
    pub description: String,
    pub min_version: Option<String>,
    pub max_version: Option<String>,
}

/// A `parameters.yaml`: entries by key.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParamFile {
    pub entries: HashMap<String, ParamEntry>,
}

/// Read a `parameters.yaml` text (shown as `name` in diagnostics). `None`
/// when the file is empty or not a mapping of entries (with an error
/// diagnostic for the latter).
pub(crate) fn param_file(text: &str, name: &str, diags: &mut Vec<Diagnostic>) -> Option<ParamFile> {
    let root = root_mapping(text, name, diags)?;
    let Node::Map { entries, .. } = root else {
        return None;
    };
    let mut out = ParamFile::default();
    for (k, v) in entries {
        let Node::Scalar {
            value: key,
            line,
            col,
        } = k
        else {
            continue;
        };
        let scalar = |f: &str| {
            v.get(f)
                .and_then(Node::scalar)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let entry = ParamEntry {
            line,
            col,
            location: scalar("in"),
            required: scalar("required").is_some_and(|r| r.eq_ignore_ascii_case("true")),
            ty: scalar("type"),
            description: scalar("description").unwrap_or_default(),
            min_version: scalar("min_version"),
            max_version: scalar("max_version"),
        };
        if out.entries.insert(key.clone(), entry).is_some() {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "yaml-duplicate-key",
                format!("parameter key `{key}` is defined twice; the last one wins"),
                name,
                line,
                col,
            ));
        }
    }
    Some(out)
}

/// A `status.yaml`: per status code, descriptions by key (`default`, ...).
#[derive(Debug, Clone, Default)]
pub(crate) struct StatusFile {
    pub codes: HashMap<String, HashMap<String, String>>,
}

/// Read a `status.yaml` text (shown as `name` in diagnostics).
pub(crate) fn status_file(
    text: &str,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<StatusFile> {
    let root = root_mapping(text, name, diags)?;
    let Node::Map { entries, .. } = root else {
        return None;
    };
    let mut out = StatusFile::default();
    for (k, v) in entries {
        let (Some(code), Node::Map { entries: texts, .. }) = (k.scalar(), v) else {
            continue;
        };
        let texts = texts
            .into_iter()
            .filter_map(|(k, v)| Some((k.scalar()?.to_string(), v.scalar()?.trim().to_string())))
            .collect();
        out.codes.insert(code.trim().to_string(), texts);
    }
    Some(out)
}

/// The top-level mapping of a YAML text; diagnostics for a parse error or
/// a non-mapping top level, `None` for an empty file.
fn root_mapping(text: &str, name: &str, diags: &mut Vec<Diagnostic>) -> Option<Node> {
    match parse(text) {
        Ok(Some(root @ Node::Map { .. })) => Some(root),
        Ok(None) => None,
        Ok(Some(Node::Scalar { value, .. })) if value.trim().is_empty() => None,
        Ok(Some(_)) => {
            diags.push(Diagnostic::new(
                Severity::Error,
                "yaml-not-a-mapping",
                "the top level of this YAML file is not a mapping of keys to entries",
                name,
                1,
                1,
            ));
            None
        }
        Err(e) => {
            diags.push(Diagnostic::new(
                Severity::Error,
                "yaml-invalid",
                format!("cannot parse YAML: {}", e.message),
                name,
                e.line,
                e.col,
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_with_lines() {
        let text = "# c\nimage_id:\n  in: path\n  required: true\n  type: string\n  description: |\n    The id.\nbad:\n  description: x\n";
        let mut d = Vec::new();
        let f = param_file(text, "p.yaml", &mut d).unwrap();
        let e = &f.entries["image_id"];
        assert_eq!((e.line, e.col), (2, 1));
        assert_eq!(e.location.as_deref(), Some("path"));
        assert!(e.required);
        assert_eq!(e.description, "The id.");
        assert_eq!(f.entries["bad"].location, None);
        assert!(d.is_empty());
    }

    #[test]
    fn errors_point_into_the_file() {
        let mut d = Vec::new();
        assert!(param_file("a: [1, 2\nb: c\n", "p.yaml", &mut d).is_none());
        assert_eq!(d[0].code, "yaml-invalid");
        assert!(d[0].line >= 1);
        let mut d = Vec::new();
        assert!(param_file("", "p.yaml", &mut d).is_none());
        assert!(d.is_empty());
        assert!(param_file("- a\n- b\n", "p.yaml", &mut d).is_none());
        assert_eq!(d[0].code, "yaml-not-a-mapping");
    }

    #[test]
    fn status_codes() {
        let mut d = Vec::new();
        let s = status_file(
            "200:\n  default: |\n    OK.\n  other: Fine.\n",
            "s.yaml",
            &mut d,
        )
        .unwrap();
        assert_eq!(s.codes["200"]["default"], "OK.");
        assert_eq!(s.codes["200"]["other"], "Fine.");
    }
}
