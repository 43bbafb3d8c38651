//! The uforge dialect.

use super::PageOutput;
use crate::source::{Corpus, SourceFile};

/// Is this page written in the uforge dialect?
pub fn detect(file: &SourceFile) -> bool {
    let _ = file;
    false
}

/// Read one page.
pub fn read(file: &SourceFile, corpus: &Corpus) -> PageOutput {
    let _ = (file, corpus);
    PageOutput::default()
}
