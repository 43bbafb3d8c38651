//! Rustdoc text from page text: every generated item says what the page
//! says and where (file and line), as a `#[doc = "..."]` attribute built as
//! a real string literal so no page text can break the code.

use super::names::lit;

/// One `#[doc = ...]` attribute per line of `text`. Leading indentation is
/// dropped so indented page text never turns into a doctest.
pub fn attrs(text: &str) -> String {
    let mut out = String::new();
    let mut blank = true;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() && blank {
            continue;
        }
        blank = line.is_empty();
        out.push_str(&format!(
            "#[doc = {}]\n",
            lit(&format!(" {}", escape(line)))
        ));
    }
    out
}

/// Keep rustdoc from reading page text as HTML or intra-doc links.
fn escape(line: &str) -> String {
    line.replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

/// Paragraphs joined with a blank line; empty ones are skipped, and so is
/// one that a later part starts with (a summary repeated as the first
/// sentence of the description).
pub fn join(parts: &[&str]) -> String {
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    parts
        .iter()
        .enumerate()
        .filter(|(i, p)| !parts[i + 1..].iter().any(|later| later.starts_with(**p)))
        .map(|(_, p)| *p)
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_are_literals_without_indentation() {
        let a = attrs("Title \"q\"\n\n\n    indented <b>\n");
        assert_eq!(
            a,
            "#[doc = \" Title \\\"q\\\"\"]\n#[doc = \" \"]\n#[doc = \" indented &lt;b&gt;\"]\n"
        );
    }

    #[test]
    fn summary_repeated_by_the_description_is_dropped() {
        assert_eq!(
            join(&["Gets it.", "Gets it. Then more.", ""]),
            "Gets it. Then more."
        );
        assert_eq!(join(&["A", "B"]), "A\n\nB");
    }
}
