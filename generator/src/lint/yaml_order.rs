//! os-api-ref's ordering rule for parameter files: header, then path, then
//! query, then body parameters, each section in alphabetical order
//! (case-insensitive). os-api-ref warns at build time; we say where.

use crate::corpus::{self, Corpus};
use crate::diag::{Diagnostic, Severity};
use crate::rst::{self, Block};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use yaml_rust2::{Yaml, YamlLoader};

/// The documented order of `in` values.
const SECTIONS: &[&str] = &["header", "path", "query", "body"];

/// Every parameter file a `rest_parameters` directive names, resolved
/// against its page's folder, as the dialect does.
fn parameter_files(corpus: &Corpus) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for f in &corpus.files {
        let dir = f.path.parent().unwrap_or_else(|| Path::new(""));
        rst::walk(&f.doc.children, &mut |b| {
            if let Block::Directive(d) = b {
                if d.name == "rest_parameters" && !d.argument.is_empty() {
                    out.insert(corpus::normalize(&dir.join(&d.argument)));
                }
            }
        });
    }
    out
}

/// `rest-parameters-order`: an entry of a parameter file out of the
/// documented order, compared with the entry before it.
pub fn check(corpus: &Corpus, diags: &mut Vec<Diagnostic>) {
    for path in parameter_files(corpus) {
        // Missing or invalid files are the dialect's `yaml-file-missing`
        // and `yaml-invalid`.
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = corpus::display(&path);
        check_text(&name, &text, diags);
    }
}

/// Check one parameter file's text.
pub fn check_text(name: &str, text: &str, diags: &mut Vec<Diagnostic>) {
    let Ok(docs) = YamlLoader::load_from_str(text) else {
        return;
    };
    let Some(Yaml::Hash(entries)) = docs.first() else {
        return;
    };
    let mut last: Option<(usize, &str)> = None;
    for (key, value) in entries {
        let Some(key) = key.as_str() else { continue };
        let Some(section) = value["in"]
            .as_str()
            .and_then(|s| SECTIONS.iter().position(|x| *x == s))
        else {
            // no or an unknown `in`: the dialect's `yaml-entry-incomplete`
            continue;
        };
        if let Some((prev_section, prev_key)) = last {
            let message = if section < prev_section {
                Some(format!(
                    "`{key}` (in: {}) comes after `{prev_key}` (in: {}); os-api-ref wants header, path, query, then body parameters",
                    SECTIONS[section], SECTIONS[prev_section]
                ))
            } else if section == prev_section && key.to_lowercase() < prev_key.to_lowercase() {
                Some(format!(
                    "`{key}` comes after `{prev_key}`; os-api-ref wants the {} parameters in alphabetical order",
                    SECTIONS[section]
                ))
            } else {
                None
            };
            if let Some(message) = message {
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    "rest-parameters-order",
                    message,
                    name,
                    key_line(text, key),
                    1,
                ));
            }
        }
        last = Some((section, key));
    }
}

/// The 1-based line of top-level key `key` (0 when not found).
fn key_line(text: &str, key: &str) -> u32 {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
                || l.strip_prefix(&format!("\"{key}\""))
                    .is_some_and(|r| r.starts_with(':'))
        })
        .map_or(0, |i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_section_then_alphabetical() {
        let text = "\
image_id:
  in: path
  type: string
x-auth:
  in: header
  type: string
Name:
  in: body
  type: string
alpha:
  in: body
  type: string
";
        let mut d = Vec::new();
        check_text("p.yaml", text, &mut d);
        let got: Vec<(u32, &str)> = d.iter().map(|d| (d.line, d.message.as_ref())).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, 4);
        assert!(got[0]
            .1
            .contains("`x-auth` (in: header) comes after `image_id` (in: path)"));
        assert_eq!(got[1].0, 10);
        assert!(got[1].1.contains("`alpha` comes after `Name`"));
    }
}
