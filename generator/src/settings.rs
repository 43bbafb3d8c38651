//! Per-doc-set settings: `restdoc.toml` at the root of a doc set.
//!
//! Some facts a generated crate needs are not in the pages: which header a
//! service reads its microversion from (`OpenStack-API-Version: volume 3.5`,
//! or Manila's legacy `X-OpenStack-Manila-API-Version: 2.5`) and its service
//! type. They belong to the doc set, so they live beside its pages and
//! travel with them; the CLI flags and `Builder` methods override them.
//!
//! ```toml
//! [microversion]
//! header = "X-OpenStack-Manila-API-Version"  # default OpenStack-API-Version
//! service_type = "shared-file-system"         # only for OpenStack-API-Version
//! ```
//!
//! The file is read by [`crate::source::read_api`] from each folder it is
//! given (not from subfolders), below the dialects: no dialect looks at it.
//! A file that does not parse, or holds a key not listed here, is an error
//! diagnostic at its line and column, and none of its settings are used.

use crate::diag::{Diagnostic, Severity};
use serde::Deserialize;
use std::path::Path;

/// The settings file's name at a doc-set root.
pub const FILE_NAME: &str = "restdoc.toml";

/// What a doc set says about itself beyond its pages. Every field is
/// optional: an absent one falls back to the CLI/`Builder` default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocSetSettings {
    /// How the service negotiates microversions.
    #[serde(default)]
    pub microversion: Microversion,
}

/// The `[microversion]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Microversion {
    /// The header carrying the version. `OpenStack-API-Version` carries
    /// `<service-type> <version>`; any other (legacy) header the bare
    /// version.
    pub header: Option<String>,
    /// The service type written before the version in
    /// `OpenStack-API-Version`.
    pub service_type: Option<String>,
}

impl DocSetSettings {
    /// The settings of the doc set rooted at `dir`: `Ok(None)` when it has
    /// no settings file, the settings and the file's path when it parses,
    /// else the diagnostic.
    pub fn read(
        dir: &Path,
    ) -> Result<Option<(DocSetSettings, std::path::PathBuf)>, Box<Diagnostic>> {
        let path = dir.join(FILE_NAME);
        let name = crate::source::display(&path);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Box::new(Diagnostic::new(
                    Severity::Error,
                    "settings-unreadable",
                    format!("cannot read the doc-set settings: {e}"),
                    name,
                    0,
                    0,
                )))
            }
        };
        Self::parse(&text, &name).map(|s| Some((s, path)))
    }

    /// Parse the text of a settings file named `name` (for diagnostics).
    pub fn parse(text: &str, name: &str) -> Result<DocSetSettings, Box<Diagnostic>> {
        let settings: DocSetSettings = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((0, 0), |s| line_column(text, s.start));
            Box::new(Diagnostic::new(
                Severity::Error,
                "settings-invalid",
                format!(
                    "doc-set settings not used: {}",
                    e.message().trim_end().replace('\n', " ")
                ),
                name,
                line,
                column,
            ))
        })?;
        let blank = |v: &Option<String>| v.as_deref().is_some_and(|v| v.trim().is_empty());
        if blank(&settings.microversion.header) || blank(&settings.microversion.service_type) {
            return Err(Box::new(Diagnostic::new(
                Severity::Error,
                "settings-invalid",
                "doc-set settings not used: `[microversion]` values must not be empty",
                name,
                0,
                0,
            )));
        }
        Ok(settings)
    }

    /// These settings with every field `other` sets taken from `other`.
    pub fn overridden_by(&self, other: &DocSetSettings) -> DocSetSettings {
        let m = &other.microversion;
        DocSetSettings {
            microversion: Microversion {
                header: m
                    .header
                    .clone()
                    .or_else(|| self.microversion.header.clone()),
                service_type: m
                    .service_type
                    .clone()
                    .or_else(|| self.microversion.service_type.clone()),
            },
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..text.floor_char_boundary_compat(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line as u32, column as u32)
}

/// `str::floor_char_boundary` is not stable on Rust 1.85.
trait FloorCharBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorCharBoundary for str {
    fn floor_char_boundary_compat(&self, i: usize) -> usize {
        let mut i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_header_styles() {
        let s = DocSetSettings::parse(
            "[microversion]\nheader = \"X-OpenStack-Manila-API-Version\"\n",
            "restdoc.toml",
        )
        .unwrap();
        assert_eq!(
            s.microversion.header.as_deref(),
            Some("X-OpenStack-Manila-API-Version")
        );
        assert_eq!(s.microversion.service_type, None);
        let s = DocSetSettings::parse(
            "[microversion]\nservice_type = \"volume\"\n",
            "restdoc.toml",
        )
        .unwrap();
        assert_eq!(s.microversion.header, None);
        assert_eq!(s.microversion.service_type.as_deref(), Some("volume"));
        assert_eq!(
            DocSetSettings::parse("", "restdoc.toml").unwrap(),
            DocSetSettings::default()
        );
    }

    #[test]
    fn bad_files_are_errors_at_their_line() {
        let d = DocSetSettings::parse(
            "# settings\n[microversion]\nheadr = \"X-Version\"\n",
            "set/restdoc.toml",
        )
        .unwrap_err();
        assert_eq!(d.code, "settings-invalid");
        assert_eq!((&*d.file, d.line, d.column), ("set/restdoc.toml", 3, 1));
        assert!(d.message.contains("headr"), "{}", d.message);
        let d = DocSetSettings::parse("[microversion]\nheader = 3\n", "restdoc.toml").unwrap_err();
        assert_eq!((d.line, d.column), (2, 10), "{}", d.message);
        let d = DocSetSettings::parse("[microversion\n", "restdoc.toml").unwrap_err();
        assert_eq!(d.line, 1, "{}", d.message);
        let d =
            DocSetSettings::parse("[microversion]\nheader = \" \"\n", "restdoc.toml").unwrap_err();
        assert!(d.message.contains("empty"), "{}", d.message);
    }

    #[test]
    fn overrides_field_by_field() {
        let file = DocSetSettings {
            microversion: Microversion {
                header: Some("X-OpenStack-Manila-API-Version".into()),
                service_type: Some("share".into()),
            },
        };
        let flags = DocSetSettings {
            microversion: Microversion {
                header: None,
                service_type: Some("shared-file-system".into()),
            },
        };
        let merged = file.overridden_by(&flags);
        assert_eq!(
            merged.microversion.header.as_deref(),
            Some("X-OpenStack-Manila-API-Version")
        );
        assert_eq!(
            merged.microversion.service_type.as_deref(),
            Some("shared-file-system")
        );
        assert_eq!(DocSetSettings::default().overridden_by(&file), file);
    }
}
