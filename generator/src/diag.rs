//! Diagnostics: every problem restdoc finds, with a stable code and a
//! `file:line:column` location. The library only collects them; the CLI
//! renders them (with the source line underlined) or prints them as JSON.

use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something we inferred or repaired; no action needed.
    Info,
    /// The docs are inconsistent, but a model could still be built.
    Warning,
    /// Something was not read: a page, a block, an endpoint.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding. `line` and `column` are 1-based; 0 means "the whole file".
///
/// Diagnostics order by where they point (file, line, column), then by
/// severity, code and message, so sorted output reads top to bottom.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable kebab-case code, e.g. `path-param-undocumented`.
    pub code: Cow<'static, str>,
    /// Borrowed where the text is fixed (the reader's own messages on a
    /// hostile page come by the hundred thousand), owned where it is built.
    pub message: Cow<'static, str>,
    /// Shared: every diagnostic of a page can point at one copy of its
    /// name (a hostile page carries a hundred thousand of them).
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
        file: impl FileName,
        line: u32,
        column: u32,
    ) -> Self {
        Diagnostic {
            severity,
            code: code.into(),
            message: message.into(),
            file: file.into_file(),
            line,
            column,
        }
    }
}

/// What a diagnostic's file may be given as. A page's shared name
/// (`&Arc<str>`, as [`SourceFile::name`](crate::corpus::SourceFile) holds
/// it) is shared, not copied.
pub trait FileName {
    fn into_file(self) -> Arc<str>;
}

impl FileName for &str {
    fn into_file(self) -> Arc<str> {
        Arc::from(self)
    }
}

impl FileName for &String {
    fn into_file(self) -> Arc<str> {
        Arc::from(self.as_str())
    }
}

impl FileName for String {
    fn into_file(self) -> Arc<str> {
        Arc::from(self)
    }
}

impl FileName for Arc<str> {
    fn into_file(self) -> Arc<str> {
        self
    }
}

impl FileName for &Arc<str> {
    fn into_file(self) -> Arc<str> {
        Arc::clone(self)
    }
}

impl Ord for Diagnostic {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (
            &self.file,
            self.line,
            self.column,
            self.severity,
            &self.code,
            &self.message,
        )
            .cmp(&(
                &other.file,
                other.line,
                other.column,
                other.severity,
                &other.code,
                &other.message,
            ))
    }
}

impl PartialOrd for Diagnostic {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.file, self.line, self.column, self.severity, self.code, self.message
        )
    }
}
