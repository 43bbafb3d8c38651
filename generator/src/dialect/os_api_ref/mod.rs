//! The os_api_ref dialect.

use super::PageOutput;
use crate::source::{Corpus, SourceFile};

/// Is this page written in the os_api_ref dialect?
pub fn detect(file: &SourceFile, corpus: &Corpus) -> bool {
    let _ = file; let _ = corpus;
    false
}

/// Read one page.
pub fn read(file: &SourceFile, corpus: &Corpus) -> PageOutput {
    let _ = (file, corpus);
    PageOutput::default()
}
