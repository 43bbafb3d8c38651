//! Explicit markup (`.. `): directives (name, argument, options, content),
//! hyperlink targets, substitution definitions and comments.
//!
//! The reader does not run directives; it only knows, per name, whether the
//! directive takes an argument, whether its content is RST (parsed into
//! `children`) or kept raw, and whether content is required.

use super::ast::{Block, Comment, Directive, Level, RawLine, Span, SubstitutionDefinition, Target};
use super::blocks::Parser;
use super::lines::{self, get_indented, trim_end, Known, Ln};
use super::markers::{self, ExplicitKind};

/// Directives whose content is kept raw (not RST).
const RAW: &[&str] = &[
    "code-block",
    "code",
    "sourcecode",
    "highlight",
    "rest_parameters",
    "literalinclude",
    "toctree",
    "raw",
    "include",
    "csv-table",
    "math",
    "parsed-literal",
];

/// Directives that take no argument: text right after the marker (on its
/// line or the next ones) is content.
const NO_ARGUMENT: &[&str] = &[
    "note",
    "warning",
    "tip",
    "important",
    "caution",
    "danger",
    "error",
    "hint",
    "attention",
    "seealso",
    "rest_expand_all",
    "toctree",
    "parsed-literal",
    "glossary",
    "hlist",
    "compound",
    "epigraph",
    "highlights",
    "pull-quote",
    "replace",
];

/// Directives that report an error when they have no content (Sphinx's
/// `code-block` accepts empty content; its `code` does not).
const NEEDS_CONTENT: &[&str] = &[
    "code",
    "note",
    "warning",
    "tip",
    "important",
    "caution",
    "danger",
    "error",
    "hint",
    "attention",
    "seealso",
    "admonition",
    "sidebar",
    "topic",
    "container",
    "list-table",
    "parsed-literal",
    "compound",
    "epigraph",
    "highlights",
    "pull-quote",
    "replace",
];

impl Parser {
    /// An explicit markup block starting at `lines[i]`; `start` is where
    /// the text after `.. ` begins. Footnotes and citations have no node in
    /// the tree and are kept as comments.
    pub(crate) fn explicit(
        &mut self,
        lines: &[Ln<'_>],
        i: usize,
        start: usize,
        out: &mut Vec<Block>,
    ) -> usize {
        let ln = lines[i];
        let (end, blank_finish) = match markers::explicit_kind(&ln.text[start..]) {
            ExplicitKind::Target => self.target(lines, i, start + 1, out),
            ExplicitKind::Substitution => self.substitution(lines, i, start + 1, out),
            ExplicitKind::Footnote => self.comment(lines, i, start, out),
            ExplicitKind::Other => match markers::directive(ln.text) {
                Some((name, mend)) => {
                    let (d, end, finish) = self.directive_block(lines, i, name, mend, ln.span());
                    out.extend(d.map(Block::Directive));
                    (end, finish)
                }
                None => self.comment(lines, i, start, out),
            },
        };
        self.explicit_end(lines, end, blank_finish);
        end
    }

    /// An anonymous target `__ uri`.
    pub(crate) fn anonymous(
        &mut self,
        lines: &[Ln<'_>],
        i: usize,
        start: usize,
        out: &mut Vec<Block>,
    ) -> usize {
        let b = get_indented(lines, i, Known::First(start), true, true, true);
        let uri: String = b
            .lines
            .iter()
            .flat_map(|l| l.text.split_whitespace())
            .collect();
        out.push(Block::Target(Box::new(Target {
            name: String::new(),
            uri: (!uri.is_empty()).then_some(uri),
            span: lines[i].span(),
        })));
        self.explicit_end(lines, b.end, b.blank_finish);
        b.end
    }

    /// docutils' check after explicit markup: the next line must be blank
    /// or more explicit markup.
    fn explicit_end(&mut self, lines: &[Ln<'_>], end: usize, blank_finish: bool) {
        if blank_finish {
            return;
        }
        if let Some(l) = lines.get(end) {
            if markers::explicit(l.text).is_none() && markers::anonymous(l.text).is_none() {
                self.unindent_warning("Explicit markup", Some(l));
            }
        }
    }

    /// A comment: the text after `..` plus the indented block below it.
    fn comment(
        &mut self,
        lines: &[Ln<'_>],
        i: usize,
        start: usize,
        out: &mut Vec<Block>,
    ) -> (usize, bool) {
        let ln = lines[i];
        if ln.text.len() <= start && lines.get(i + 1).is_none_or(Ln::is_blank) {
            out.push(Block::Comment(Comment {
                text: String::new(),
                span: ln.span(),
            }));
            return (i + 1, true);
        }
        let mut b = get_indented(lines, i, Known::First(start), false, true, true);
        trim_end(&mut b.lines);
        let text = lines::join(b.lines.iter().map(|l| l.text), "\n");
        out.push(Block::Comment(Comment {
            text,
            span: ln.span(),
        }));
        (b.end, b.blank_finish)
    }

    /// `.. _name:` (internal) or `.. _name: uri` (external); `start` is
    /// where the name begins (after the `_`).
    fn target(
        &mut self,
        lines: &[Ln<'_>],
        i: usize,
        start: usize,
        out: &mut Vec<Block>,
    ) -> (usize, bool) {
        let ln = lines[i];
        let b = get_indented(lines, i, Known::First(start), true, false, true);
        let Some((raw_name, after)) = b.lines.first().and_then(|f| target_name(f.text)) else {
            self.report(
                Level::Warning,
                "malformed-target",
                "malformed hyperlink target.",
                ln.span(),
            );
            return self.comment(lines, i, start - 1, out);
        };
        let mut rest: Vec<&str> = Vec::new();
        if let Some(f) = b.lines.first() {
            rest.push(&f.text[after..]);
        }
        rest.extend(b.lines.iter().skip(1).map(|l| l.text.trim()));
        let uri: String = rest.iter().flat_map(|t| t.split_whitespace()).collect();
        let name = if raw_name == "_" {
            String::new()
        } else {
            crate::normalize_name(&unescape(raw_name))
        };
        if !name.is_empty() {
            self.sections.add_label(&name);
        }
        out.push(Block::Target(Box::new(Target {
            name,
            uri: (!uri.is_empty()).then_some(uri),
            span: ln.span(),
        })));
        (b.end, b.blank_finish)
    }

    /// `.. |name| directive:: ...`; `start` is where the name begins.
    fn substitution(
        &mut self,
        lines: &[Ln<'_>],
        i: usize,
        start: usize,
        out: &mut Vec<Block>,
    ) -> (usize, bool) {
        let ln = lines[i];
        let Some((name, after)) = substitution_name(&ln.text[start..]) else {
            self.report(
                Level::Warning,
                "malformed-substitution",
                "malformed substitution definition.",
                ln.span(),
            );
            return self.comment(lines, i, start - 1, out);
        };
        let dstart = start + after;
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some((dname, mend)) = markers::embedded_directive(&ln.text[dstart..]) {
            let span = ln.skip(dstart).span();
            let (d, end, finish) = self.directive_block(lines, i, dname, dstart + mend, span);
            if let Some(directive) = d {
                out.push(Block::SubstitutionDefinition(SubstitutionDefinition {
                    name,
                    directive,
                    span: ln.span(),
                }));
            }
            return (end, finish);
        }
        // The directive may start on the next (indented) line.
        if ln.text.len() <= dstart {
            if let Some(next) = lines.get(i + 1).filter(|l| l.is_indented()) {
                let indent = next.indent();
                if let Some((dname, mend)) = markers::embedded_directive(&next.text[indent..]) {
                    let span = next.skip(indent).span();
                    let (d, end, finish) =
                        self.directive_block(lines, i + 1, dname, indent + mend, span);
                    if let Some(directive) = d {
                        out.push(Block::SubstitutionDefinition(SubstitutionDefinition {
                            name,
                            directive,
                            span: ln.span(),
                        }));
                    }
                    return (end, finish);
                }
            }
        }
        self.report(
            Level::Warning,
            "invalid-substitution",
            format!("Substitution definition \"{name}\" empty or invalid."),
            ln.span(),
        );
        let b = get_indented(lines, i, Known::First(dstart), false, true, true);
        (b.end, b.blank_finish)
    }

    /// The directive `name_src` whose argument starts at byte `first` of
    /// `lines[i]`: the directive (or `None` after an error message), the
    /// index after it and whether it ended with a blank line.
    fn directive_block(
        &mut self,
        lines: &[Ln<'_>],
        i: usize,
        name_src: &str,
        first: usize,
        span: Span,
    ) -> (Option<Box<Directive>>, usize, bool) {
        let name = name_src.to_lowercase();
        let takes_argument = !NO_ARGUMENT.contains(&name.as_str());
        let b = get_indented(lines, i, Known::First(first), false, true, false);
        let (end, blank_finish) = (b.end, b.blank_finish);
        let mut block = b.lines;
        if block.first().is_some_and(Ln::is_blank) {
            block.remove(0);
        }
        trim_end(&mut block);
        let k = block.iter().position(Ln::is_blank).unwrap_or(block.len());
        let mut arg_block: &[Ln<'_>] = &block[..k];
        let mut content: Vec<Ln<'_>> = block.get(k + 1..).unwrap_or_default().to_vec();
        let mut options = Vec::new();
        if let Some(f) = arg_block
            .iter()
            .position(|l| markers::field_marker(l.text).is_some())
        {
            match parse_options(&arg_block[f..]) {
                Some(o) => options = o,
                None => {
                    let text = format!("Error in \"{name_src}\" directive:\ninvalid option block.");
                    self.report(Level::Error, "invalid-option-block", text, span);
                    return (None, end, blank_finish);
                }
            }
            arg_block = &arg_block[..f];
        }
        if !arg_block.is_empty() && !takes_argument {
            let mut c = arg_block.to_vec();
            c.extend_from_slice(&block[k..]);
            content = c;
            arg_block = &[];
        }
        let blanks = content.iter().take_while(|l| l.is_blank()).count();
        content.drain(..blanks);
        if content.is_empty() && NEEDS_CONTENT.contains(&name.as_str()) {
            let text =
                format!("Content block expected for the \"{name_src}\" directive; none found.");
            self.report(Level::Error, "content-expected", text, span);
            return (None, end, blank_finish);
        }
        let argument = lines::join(arg_block.iter().map(|l| l.text.trim()), " ");
        let argument_span = match arg_block.first() {
            Some(l) => l.trim_start().span(),
            None => lines[i].skip(first).span(),
        };
        let children = if RAW.contains(&name.as_str()) {
            Vec::new()
        } else {
            self.nested(&content)
        };
        let content = content
            .iter()
            .map(|l| RawLine {
                text: l.text.to_string(),
                span: l.span(),
            })
            .collect();
        let directive = Box::new(Directive {
            name,
            argument,
            argument_span,
            options,
            content,
            children,
            span,
        });
        (Some(directive), end, blank_finish)
    }
}

/// Directive options: `:key: value` lines, values continued on indented
/// lines. `None` when another kind of line is in the block.
fn parse_options(lines: &[Ln<'_>]) -> Option<Vec<(String, String)>> {
    let mut options: Vec<(String, String)> = Vec::new();
    for l in lines {
        if let Some((key, end)) = markers::field_marker(l.text) {
            options.push((
                unescape(key).to_lowercase(),
                l.text[end..].trim().to_string(),
            ));
        } else if l.is_indented() {
            let (_, value) = options.last_mut()?;
            if !value.is_empty() {
                value.push(' ');
            }
            value.push_str(l.text.trim());
        } else {
            return None;
        }
    }
    Some(options)
}

/// The name of a hyperlink target (`name:` or `` `name`: ``) and the byte
/// offset after the colon and its spaces.
fn target_name(s: &str) -> Option<(&str, usize)> {
    let b = s.as_bytes();
    let after_colon = |p: usize| -> Option<usize> {
        let rest = &s[p + 1..];
        if rest.is_empty() || rest.starts_with(' ') {
            Some(p + 1 + rest.bytes().take_while(|&c| c == b' ').count())
        } else {
            None
        }
    };
    if let Some(quoted) = s.strip_prefix('`') {
        if quoted.starts_with([' ', '`']) {
            return None;
        }
        for (p, _) in quoted.match_indices('`') {
            let name = &quoted[..p];
            if name.is_empty() || name.ends_with(char::is_whitespace) || name.ends_with('\\') {
                continue;
            }
            let mut q = p + 2;
            if b.get(q) == Some(&b' ') {
                q += 1;
            }
            if b.get(q) == Some(&b':') {
                if let Some(end) = after_colon(q) {
                    return Some((name, end));
                }
            }
        }
        return None;
    }
    for (p, _) in s.match_indices(':') {
        let Some(end) = after_colon(p) else {
            continue;
        };
        let name_end = if p > 0 && b[p - 1] == b' ' { p - 1 } else { p };
        let name = &s[..name_end];
        let escaped = name.ends_with('\\');
        let bad_colon = name.ends_with(':') && !name.ends_with("\\:");
        if !name.is_empty() && !name.ends_with(char::is_whitespace) && !escaped && !bad_colon {
            return Some((name, end));
        }
    }
    None
}

/// The name of a substitution definition (text up to a `|` followed by
/// spaces or the end of the line) and where the directive starts.
fn substitution_name(s: &str) -> Option<(&str, usize)> {
    for (p, _) in s.match_indices('|') {
        let name = &s[..p];
        if name.is_empty() || name.ends_with(char::is_whitespace) || name.ends_with('\\') {
            continue;
        }
        let rest = &s[p + 1..];
        if rest.is_empty() || rest.starts_with(' ') {
            return Some((
                name,
                p + 1 + rest.bytes().take_while(|&c| c == b' ').count(),
            ));
        }
    }
    None
}

/// Resolve backslash escapes (`\x` is `x`; an escaped space vanishes).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(c) if c.is_whitespace() => {}
                Some(c) => out.push(c),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_names() {
        assert_eq!(target_name("label:"), Some(("label", 6)));
        assert_eq!(target_name("hammr: http://hammr.io"), Some(("hammr", 7)));
        assert_eq!(target_name("`a: b`: x"), Some(("a: b", 8)));
        assert_eq!(target_name("_: http://x"), Some(("_", 3)));
        assert_eq!(target_name("no colon"), None);
        assert_eq!(
            substitution_name("p-start| raw:: html"),
            Some(("p-start", 9))
        );
        assert_eq!(unescape(r"a\:b\ c"), "a:bc");
    }
}
