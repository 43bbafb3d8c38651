//! What UForge states only in prose: query parameters and the one-time
//! download token.
//!
//! UForge pages never list query parameters formally. The forms the corpus
//! uses, all read here:
//! - ``` ``downloadId`` is added as a ``query parameter`` ``` (the one-time
//!   token of the download calls, when the sentence says the call then needs
//!   no authentication);
//! - ``` the query parameter ``name`` ``` / ``` the ``img`` query parameter ```;
//! - "a set of query parameters ... This includes: - ``name``: ... - ``ids``:
//!   ..." (a dash list run into the paragraph), or a paragraph about "query
//!   parameters" ending in `:` followed by a `- ``name``: ...` bullet list.
//!
//! Every parameter inferred this way gets an `inferred-query-param` info
//! quoting the sentence it came from; a mention of query parameters that
//! names none, on a page that names none, gets a `query-param-unnamed`
//! info, so nothing is dropped silently.

use super::{diag, loc, squash};
use crate::corpus::SourceFile;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Param, ParamLocation, TypeRef};
use crate::rst::{self, Block, Inline, Paragraph, Span};

/// Phrases that say a call needs no authentication when the token is given.
const NO_AUTH: &[&str] = &[
    "without authentication",
    "without credentials",
    "no authentication",
    "no credentials",
    "unauthenticated",
];

/// The query parameters and one-time token a page's prose states.
#[derive(Debug, Default)]
pub(super) struct Inferred {
    pub params: Vec<Param>,
    pub one_time_token: Option<String>,
}

/// A word of prose, as far as inference cares.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Literal(String),
    /// "query parameter(s)", as words or as a literal.
    QueryParam {
        plural: bool,
    },
    /// A role or reference (its text): never a parameter name.
    Other(String),
}

impl Tok {
    /// A plain word equal to `w`, ignoring case and trailing punctuation.
    fn is(&self, w: &str) -> bool {
        matches!(self, Tok::Word(x) if bare(x).eq_ignore_ascii_case(w))
    }
}

/// A word without surrounding punctuation.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '_' && c != '-')
}

fn query_param_phrase(text: &str) -> Option<bool> {
    let text = bare(text);
    if rst::normalized_eq(text, "query parameter") {
        Some(false)
    } else if rst::normalized_eq(text, "query parameters") {
        Some(true)
    } else {
        None
    }
}

/// The tokens of a run of inlines, each with the span of the inline it
/// came from (so a parameter named in a literal points at that literal).
fn tokens(inlines: &[Inline]) -> (Vec<Tok>, Vec<Span>) {
    let mut raw: Vec<(Tok, Span)> = Vec::new();
    for i in inlines {
        let span = i.span();
        match i {
            Inline::Literal { text, .. } => match query_param_phrase(text) {
                Some(plural) => raw.push((Tok::QueryParam { plural }, span)),
                None => raw.push((Tok::Literal(text.trim().to_string()), span)),
            },
            Inline::Role(_) | Inline::Reference(_) | Inline::StandaloneUri { .. } => {
                raw.push((Tok::Other(i.plain_text().to_string()), span))
            }
            other => raw.extend(
                other
                    .plain_text()
                    .split_whitespace()
                    .map(|w| (Tok::Word(w.to_string()), span)),
            ),
        }
    }
    // Join the two words "query parameter(s)" into one token.
    let mut out: Vec<(Tok, Span)> = Vec::with_capacity(raw.len());
    for (t, span) in raw {
        if let (Some((Tok::Word(prev), _)), Tok::Word(w)) = (out.last(), &t) {
            if bare(prev).eq_ignore_ascii_case("query") {
                if let Some(plural) = query_param_phrase(&format!("query {}", bare(w))) {
                    out.pop();
                    out.push((Tok::QueryParam { plural }, span));
                    continue;
                }
            }
        }
        out.push((t, span));
    }
    out.into_iter().unzip()
}

/// Could [`tokens`] find "query parameter(s)" here? Every form of it has
/// the word "query" inside one inline that is not a role, reference or URI;
/// most paragraphs have none, and are skipped without being tokenised.
fn mentions_query(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| {
        !matches!(
            i,
            Inline::Role(_) | Inline::Reference(_) | Inline::StandaloneUri { .. }
        ) && i
            .plain_text()
            .as_bytes()
            .windows(5)
            .any(|w| w.eq_ignore_ascii_case(b"query"))
    })
}

/// A parameter name from a token: a literal, or (rendered pages, where the
/// literal markup is lost) a word that looks like an identifier.
fn name_of(tok: &Tok) -> Option<String> {
    match tok {
        Tok::Literal(n) if is_identifier(n) => Some(n.clone()),
        Tok::Word(w) => {
            let w = bare(w);
            let camel = w.chars().skip(1).any(|c| c.is_ascii_uppercase()) || w.contains('_');
            (camel && is_identifier(w)).then(|| w.to_string())
        }
        _ => None,
    }
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The sentence of `text` that mentions query parameters (and `name`, when
/// given), for quoting in a diagnostic.
fn sentence(text: &str, name: Option<&str>) -> String {
    let text = squash(text);
    let sentences: Vec<&str> = text.split_inclusive(". ").map(str::trim).collect();
    let mentions = |s: &str| s.to_ascii_lowercase().contains("query param");
    sentences
        .iter()
        .find(|s| mentions(s) && name.is_none_or(|n| s.contains(n)))
        .or_else(|| sentences.iter().find(|s| mentions(s)))
        .map_or(text.clone(), |s| s.to_string())
}

struct Scan<'f> {
    file: &'f SourceFile,
    out: Inferred,
    diags: Vec<Diagnostic>,
    /// Mentions of query parameters that name none: reported when the
    /// whole page names none (else they are examples or recaps).
    unnamed: Vec<(String, Span)>,
}

impl Scan<'_> {
    fn add(&mut self, name: String, description: String, span: Span, why: String) {
        if self.out.params.iter().any(|p| p.name == name) {
            return;
        }
        self.diags.push(diag(
            self.file,
            Severity::Info,
            "inferred-query-param",
            format!("optional query parameter `{name}` inferred from {why}"),
            span,
        ));
        self.out.params.push(Param {
            name,
            location: ParamLocation::Query,
            required: false,
            ty: TypeRef::String,
            description,
            min_version: None,
            max_version: None,
            fixed: None,
            example: None,
            documented: true,
            source: Some(loc(self.file, span)),
        });
    }

    fn blocks(&mut self, blocks: &[&Block]) {
        for (i, block) in blocks.iter().enumerate() {
            match block {
                Block::Paragraph(p) => self.paragraph(p, blocks.get(i + 1).copied()),
                Block::BlockQuote(q) => self.blocks(&q.children.iter().collect::<Vec<_>>()),
                Block::Directive(d) => self.blocks(&d.children.iter().collect::<Vec<_>>()),
                Block::BulletList(l) => {
                    for item in &l.items {
                        self.blocks(&item.children.iter().collect::<Vec<_>>());
                    }
                }
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: &Paragraph, next: Option<&Block>) {
        if !mentions_query(&p.inlines) {
            return;
        }
        let (toks, spans) = tokens(&p.inlines);
        // Where the name in token `j` is: its literal, else the paragraph.
        let at = |j: usize| match toks.get(j) {
            Some(Tok::Literal(_)) => spans.get(j).copied().unwrap_or(p.span),
            _ => p.span,
        };
        if !toks.iter().any(|t| matches!(t, Tok::QueryParam { .. })) {
            return;
        }
        let text = rst::plain_text(&p.inlines);
        let before = self.out.params.len();
        let quote = |name: &str| format!("the sentence \"{}\"", sentence(&text, Some(name)));
        for (i, t) in toks.iter().enumerate() {
            let Tok::QueryParam { plural } = t else {
                continue;
            };
            if *plural {
                continue;
            }
            // `X is added as a query parameter`
            let added = i >= 5
                && toks[i - 4].is("is")
                && toks[i - 3].is("added")
                && toks[i - 2].is("as")
                && (toks[i - 1].is("a") || toks[i - 1].is("an"));
            if let Some(name) = added.then(|| name_of(&toks[i - 5])).flatten() {
                let lower = squash(&text).to_ascii_lowercase();
                if self.out.one_time_token.is_none() && NO_AUTH.iter().any(|w| lower.contains(w)) {
                    self.out.one_time_token = Some(name.clone());
                    self.diags.push(diag(
                        self.file,
                        Severity::Info,
                        "inferred-one-time-token",
                        format!(
                            "`{name}` read as a token that authorises the call without credentials, from {}",
                            quote(&name)
                        ),
                        p.span,
                    ));
                }
                self.add(
                    name.clone(),
                    sentence(&text, Some(&name)),
                    at(i - 5),
                    quote(&name),
                );
                continue;
            }
            // `the query parameter ``x``` / `the ``x`` query parameter`
            let literal = |j: usize| matches!(toks.get(j), Some(Tok::Literal(_)));
            let named = [Some(i + 1), i.checked_sub(1)]
                .into_iter()
                .flatten()
                .find(|&j| literal(j));
            if let Some(j) = named {
                if let Some(name) = toks.get(j).and_then(name_of) {
                    self.add(
                        name.clone(),
                        sentence(&text, Some(&name)),
                        at(j),
                        quote(&name),
                    );
                }
            }
        }
        if toks
            .iter()
            .any(|t| matches!(t, Tok::QueryParam { plural: true }))
        {
            self.dash_list(&toks, &spans, &text);
            if text.trim_end().ends_with(':') {
                if let Some(list) = next {
                    self.following_list(list, &text);
                }
            }
        }
        if self.out.params.len() == before {
            self.unnamed.push((sentence(&text, None), p.span));
        }
    }

    /// `- ``name``: what it does - ``ids``: ...` run into the paragraph after
    /// "query parameters".
    fn dash_list(&mut self, toks: &[Tok], spans: &[Span], text: &str) {
        let start = toks
            .iter()
            .position(|t| matches!(t, Tok::QueryParam { plural: true }))
            .unwrap_or(toks.len());
        let is_item = |j: usize| {
            matches!(toks.get(j), Some(Tok::Word(w)) if w == "-")
                && matches!(toks.get(j + 1), Some(Tok::Literal(_)))
                && matches!(toks.get(j + 2), Some(Tok::Word(w)) if w.starts_with(':'))
        };
        let mut j = start;
        while j < toks.len() {
            if !is_item(j) {
                j += 1;
                continue;
            }
            let (Some(name), Some(&span)) = (toks.get(j + 1).and_then(name_of), spans.get(j + 1))
            else {
                j += 1;
                continue;
            };
            let mut k = j + 2;
            let mut words = Vec::new();
            while k < toks.len() && !is_item(k) {
                if let Tok::Word(w) | Tok::Literal(w) | Tok::Other(w) = &toks[k] {
                    words.push(w.as_str());
                }
                k += 1;
            }
            let description = words.join(" ").trim_start_matches(':').trim().to_string();
            let why = format!(
                "the list of query parameters in \"{}\"",
                sentence(text, None)
            );
            self.add(name, description, span, why);
            j = k;
        }
    }

    /// A `- ``name``: ...` bullet list right after a paragraph about query
    /// parameters that ends in `:`.
    fn following_list(&mut self, block: &Block, text: &str) {
        let list = match block {
            Block::BulletList(l) => l,
            Block::BlockQuote(q) => match q.children.first() {
                Some(Block::BulletList(l)) => l,
                _ => return,
            },
            _ => return,
        };
        for item in &list.items {
            let Some(Block::Paragraph(p)) = item.children.first() else {
                continue;
            };
            let (Some(Inline::Literal { text: name, .. }), Some(rest)) =
                (p.inlines.first(), p.inlines.get(1))
            else {
                continue;
            };
            let rest_text = rst::plain_text(p.inlines.get(1..).unwrap_or_default());
            if !rest.plain_text().trim_start().starts_with(':') || !is_identifier(name.trim()) {
                continue;
            }
            let description = squash(rest_text.trim_start().trim_start_matches(':'));
            let why = format!("the list after \"{}\"", sentence(text, None));
            self.add(name.trim().to_string(), description, item.span, why);
        }
    }
}

/// Infer the query parameters and one-time token stated in `blocks`.
pub(super) fn infer(file: &SourceFile, blocks: &[&Block], diags: &mut Vec<Diagnostic>) -> Inferred {
    let mut scan = Scan {
        file,
        out: Inferred::default(),
        diags: Vec::new(),
        unnamed: Vec::new(),
    };
    scan.blocks(blocks);
    diags.append(&mut scan.diags);
    if scan.out.params.is_empty() {
        for (sentence, span) in scan.unnamed {
            diags.push(diag(
                file,
                Severity::Info,
                "query-param-unnamed",
                format!("the page mentions query parameters without naming them: \"{sentence}\""),
                span,
            ));
        }
    }
    scan.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rst::Document;
    use std::path::PathBuf;

    /// Inlines from a mini markup: ``` `` ``` toggles literal text,
    /// `:ref:`x`` is not supported here (not needed by these cases).
    fn inlines(text: &str) -> Vec<Inline> {
        text.split("``")
            .enumerate()
            .filter(|(_, t)| !t.is_empty())
            .map(|(i, t)| {
                let (text, span) = (t.to_string(), Span::new(1, 1));
                if i % 2 == 1 {
                    Inline::Literal { text, span }
                } else {
                    Inline::Text { text, span }
                }
            })
            .collect()
    }

    fn para(text: &str) -> Block {
        Block::Paragraph(Paragraph {
            inlines: inlines(text),
            span: Span::new(3, 1),
        })
    }

    fn run(blocks: &[Block]) -> (Inferred, Vec<Diagnostic>) {
        let file = SourceFile::new(
            PathBuf::from("p.rst"),
            "p.rst".into(),
            String::new(),
            Document::default(),
        );
        let mut diags = Vec::new();
        let refs: Vec<&Block> = blocks.iter().collect();
        let out = infer(&file, &refs, &mut diags);
        (out, diags)
    }

    fn names(i: &Inferred) -> Vec<&str> {
        i.params.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn download_token() {
        let (i, d) = run(&[para(
            "The machine image can be downloaded without authentication if an ``downloadId`` is added as a ``query parameter``.  To retrieve the downloadId, use x.",
        )]);
        assert_eq!(names(&i), ["downloadId"]);
        assert_eq!(i.one_time_token.as_deref(), Some("downloadId"));
        assert!(!i.params[0].required && i.params[0].location == ParamLocation::Query);
        let info = d
            .iter()
            .find(|d| d.code == "inferred-query-param")
            .map(|d| d.message.clone());
        assert!(info.is_some_and(|m| m.contains("\"The machine image can be downloaded")));
    }

    #[test]
    fn rendered_download_sentence_without_literals() {
        let (i, _) = run(&[para(
            "The published machine image can be downloaded without authentication if an downloadId is added as a query parameter. To retrieve the downloadId, use x.",
        )]);
        assert_eq!(names(&i), ["downloadId"]);
        assert_eq!(i.one_time_token.as_deref(), Some("downloadId"));
    }

    #[test]
    fn named_in_a_sentence() {
        let (i, _) = run(&[
            para("You can use the query parameter ``i`` to retrieve a subset."),
            para("The ``img`` query parameter can be used to retrieve a subset."),
            para("The optional query parameter ``force`` can be used."),
        ]);
        assert_eq!(names(&i), ["i", "img", "force"]);
        assert_eq!(i.one_time_token, None);
    }

    #[test]
    fn dash_list_in_the_paragraph() {
        let (i, _) = run(&[para(
            "You can use a set of ``query parameters`` to retrieve a subset.  This includes: - ``name``: by name - ``index``: - ``asc``: sort ascending",
        )]);
        assert_eq!(names(&i), ["name", "index", "asc"]);
        assert_eq!(i.params[0].description, "by name");
        assert_eq!(i.params[1].description, "");
    }

    #[test]
    fn unnamed_mention_is_reported_not_guessed() {
        let (i, d) = run(&[
            para("A set of query parameters can be used to retrieve a subset of these files."),
            para("The date is provided as a ``query parameter``."),
        ]);
        assert!(i.params.is_empty());
        assert_eq!(
            d.iter().filter(|d| d.code == "query-param-unnamed").count(),
            2
        );
    }
}
