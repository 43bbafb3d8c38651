//! The block-level RST reader against small fixtures checked against
//! docutils 0.23 (`tests/fixtures/rst/*.rst`, each with a comment saying
//! what docutils produced), plus a no-panic / structure pass over every
//! corpus file.
//!
//! Each fixture's tree is rendered as compact pseudo-XML (inline markup is
//! written back in RST form, so the snapshots do not depend on inline
//! details) and snapshotted with insta; the key docutils behaviour of each
//! fixture is also asserted explicitly.

use restdoc::rst::{self, Block, Document, Inline, Level, Section, Span};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/rst")
        .join(format!("{name}.rst"))
}

/// Parse a fixture, snapshot its rendering, return the document.
fn check(name: &str) -> Document {
    let path = fixture_path(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = rst::parse(&text);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, render(&doc)));
    doc
}

// ---------------------------------------------------------------- renderer

fn render(doc: &Document) -> String {
    let mut out = String::new();
    for b in &doc.children {
        block(&mut out, b, 0);
    }
    for m in &doc.messages {
        let level = match m.level {
            Level::Info => "INFO",
            Level::Warning => "WARNING",
            Level::Error => "ERROR",
            Level::Severe => "SEVERE",
        };
        let _ = writeln!(
            out,
            "# {level} {} [{}] {}",
            at(m.span),
            m.code,
            m.text.replace('\n', " / ")
        );
    }
    out
}

fn at(s: Span) -> String {
    format!("@{}:{}", s.line, s.col)
}

fn inlines(v: &[Inline]) -> String {
    let mut s = String::new();
    for i in v {
        match i {
            Inline::Text { text, .. } | Inline::Problematic { text, .. } => s.push_str(text),
            Inline::Literal { text, .. } => {
                let _ = write!(s, "``{text}``");
            }
            Inline::Emphasis { text, .. } => {
                let _ = write!(s, "*{text}*");
            }
            Inline::Strong { text, .. } => {
                let _ = write!(s, "**{text}**");
            }
            Inline::Interpreted { text, .. } => {
                let _ = write!(s, "`{text}`");
            }
            Inline::Role {
                role, text, target, ..
            } => match target {
                Some(t) => {
                    let _ = write!(s, ":{role}:`{text} <{t}>`");
                }
                None => {
                    let _ = write!(s, ":{role}:`{text}`");
                }
            },
            Inline::Reference {
                text,
                uri,
                anonymous,
                ..
            } => {
                let tail = if *anonymous { "__" } else { "_" };
                match uri {
                    Some(u) => {
                        let _ = write!(s, "`{text} <{u}>`{tail}");
                    }
                    None => {
                        let _ = write!(s, "`{text}`{tail}");
                    }
                }
            }
            Inline::StandaloneUri { uri, .. } => s.push_str(uri),
            Inline::SubstitutionReference { name, .. } => {
                let _ = write!(s, "|{name}|");
            }
        }
    }
    s
}

/// Text lines, indented.
fn text(out: &mut String, t: &str, depth: usize) {
    for line in t.split('\n') {
        let _ = writeln!(out, "{:w$}{line}", "", w = depth * 4);
    }
}

fn open(out: &mut String, depth: usize, tag: &str) {
    let _ = writeln!(out, "{:w$}<{tag}>", "", w = depth * 4);
}

fn blocks(out: &mut String, v: &[Block], depth: usize) {
    for b in v {
        block(out, b, depth);
    }
}

fn block(out: &mut String, b: &Block, d: usize) {
    match b {
        Block::Section(s) => section(out, s, d),
        Block::Paragraph(p) => {
            open(out, d, &format!("paragraph {}", at(p.span)));
            text(out, &inlines(&p.inlines), d + 1);
        }
        Block::BulletList(l) => {
            open(
                out,
                d,
                &format!("bullet_list bullet=\"{}\" {}", l.bullet, at(l.span)),
            );
            for i in &l.items {
                open(out, d + 1, &format!("list_item {}", at(i.span)));
                blocks(out, &i.children, d + 2);
            }
        }
        Block::EnumeratedList(l) => {
            let tag = format!(
                "enumerated_list enumtype={:?} start={} prefix=\"{}\" suffix=\"{}\" {}",
                l.enumtype,
                l.start,
                l.prefix,
                l.suffix,
                at(l.span)
            );
            open(out, d, &tag);
            for i in &l.items {
                open(out, d + 1, &format!("list_item {}", at(i.span)));
                blocks(out, &i.children, d + 2);
            }
        }
        Block::DefinitionList(l) => {
            open(out, d, &format!("definition_list {}", at(l.span)));
            for i in &l.items {
                open(out, d + 1, &format!("definition_list_item {}", at(i.span)));
                open(out, d + 2, "term");
                text(out, &inlines(&i.term), d + 3);
                for c in &i.classifiers {
                    open(out, d + 2, "classifier");
                    text(out, &inlines(c), d + 3);
                }
                open(out, d + 2, "definition");
                blocks(out, &i.definition, d + 3);
            }
        }
        Block::FieldList(l) => {
            open(out, d, &format!("field_list {}", at(l.span)));
            for f in &l.fields {
                open(
                    out,
                    d + 1,
                    &format!("field name=\"{}\" {}", f.name_text, at(f.span)),
                );
                blocks(out, &f.body, d + 2);
            }
        }
        Block::LiteralBlock(l) => {
            open(out, d, &format!("literal_block {}", at(l.span)));
            text(out, &l.text, d + 1);
        }
        Block::BlockQuote(q) => {
            open(out, d, &format!("block_quote {}", at(q.span)));
            blocks(out, &q.children, d + 1);
            if let Some(a) = &q.attribution {
                open(out, d + 1, "attribution");
                text(out, &inlines(a), d + 2);
            }
        }
        Block::LineBlock(l) => {
            open(out, d, &format!("line_block {}", at(l.span)));
            for line in &l.lines {
                open(
                    out,
                    d + 1,
                    &format!("line indent={} {}", line.indent, at(line.span)),
                );
                text(out, &inlines(&line.inlines), d + 2);
            }
        }
        Block::Directive(x) => directive(out, x, d),
        Block::Comment(c) => {
            open(out, d, &format!("comment {}", at(c.span)));
            if !c.text.is_empty() {
                text(out, &c.text, d + 1);
            }
        }
        Block::Target(t) => {
            let uri = t
                .uri
                .as_deref()
                .map(|u| format!(" uri=\"{u}\""))
                .unwrap_or_default();
            open(
                out,
                d,
                &format!("target name=\"{}\"{uri} {}", t.name, at(t.span)),
            );
        }
        Block::SubstitutionDefinition(s) => {
            open(
                out,
                d,
                &format!("substitution_definition name=\"{}\" {}", s.name, at(s.span)),
            );
            directive(out, &s.directive, d + 1);
        }
        Block::Table(t) => {
            open(out, d, &format!("table cols={} {}", t.cols, at(t.span)));
            for (part, rows) in [("thead", &t.header), ("tbody", &t.body)] {
                if rows.is_empty() {
                    continue;
                }
                open(out, d + 1, part);
                for r in rows {
                    open(out, d + 2, &format!("row {}", at(r.span)));
                    for c in &r.cells {
                        let mut tag = format!("entry {}", at(c.span));
                        if c.morecols > 0 {
                            let _ = write!(tag, " morecols={}", c.morecols);
                        }
                        if c.morerows > 0 {
                            let _ = write!(tag, " morerows={}", c.morerows);
                        }
                        open(out, d + 3, &tag);
                        blocks(out, &c.children, d + 4);
                    }
                }
            }
        }
        Block::Transition(s) => open(out, d, &format!("transition {}", at(*s))),
    }
}

fn section(out: &mut String, s: &Section, d: usize) {
    let tag = format!(
        "section level={} ids=\"{}\" {}",
        s.level,
        s.ids.join(" "),
        at(s.span)
    );
    open(out, d, &tag);
    open(out, d + 1, "title");
    text(out, &inlines(&s.title), d + 2);
    blocks(out, &s.children, d + 1);
}

fn directive(out: &mut String, x: &rst::Directive, d: usize) {
    let mut tag = format!("directive name=\"{}\" {}", x.name, at(x.span));
    if !x.argument.is_empty() {
        let _ = write!(tag, " argument=\"{}\" {}", x.argument, at(x.argument_span));
    }
    for (k, v) in &x.options {
        let _ = write!(tag, " :{k}:=\"{v}\"");
    }
    open(out, d, &tag);
    if x.children.is_empty() && !x.content.is_empty() {
        open(
            out,
            d + 1,
            &format!("raw_content {}", at(x.content[0].span)),
        );
        for l in &x.content {
            text(out, &l.text, d + 2);
        }
    }
    blocks(out, &x.children, d + 1);
}

// ---------------------------------------------------------------- helpers

fn messages<'a>(doc: &'a Document, text: &str) -> Vec<&'a rst::Message> {
    doc.messages.iter().filter(|m| m.text == text).collect()
}

fn all_blocks(doc: &Document) -> Vec<&Block> {
    let mut v = Vec::new();
    rst::walk(&doc.children, &mut |b| v.push(b));
    v
}

// ---------------------------------------------------------------- corpus

fn shared(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared")
        .join(sub)
}

/// Every readable page (.rst/.inc/.txt) under `dir`, with its tree.
fn corpus(dir: &Path) -> Vec<(PathBuf, Document)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let p = e.path();
        let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
        if !e.file_type().is_file() || !["rst", "inc", "txt"].contains(&ext) {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(p) {
            out.push((p.to_path_buf(), rst::parse(&text)));
        }
    }
    out
}

fn directives<'a>(doc: &'a Document, name: &str) -> Vec<&'a rst::Directive> {
    all_blocks(doc)
        .into_iter()
        .filter_map(|b| match b {
            Block::Directive(d) if d.name == name => Some(d),
            _ => None,
        })
        .collect()
}

fn sections<'a>(doc: &'a Document) -> Vec<&'a Section> {
    all_blocks(doc)
        .into_iter()
        .filter_map(|b| match b {
            Block::Section(s) => Some(s),
            _ => None,
        })
        .collect()
}

#[test]
fn corpus_uforge_structure() {
    let docs = corpus(&shared("corpus/uforge-3.8"));
    assert!(docs.len() >= 790, "{} pages", docs.len());
    let mut endpoint_pages = 0;
    let mut sidebars = 0;
    let mut attribute_lists = 0;
    for (path, doc) in &docs {
        let functions = directives(doc, "function");
        if !functions.is_empty() {
            endpoint_pages += 1;
            assert_eq!(functions.len(), 1, "{}", path.display());
            assert!(!functions[0].argument.is_empty(), "{}", path.display());
        }
        for s in directives(doc, "sidebar") {
            sidebars += 1;
            let items = match s.children.as_slice() {
                [Block::BulletList(l)] => l.items.len(),
                _ => 0,
            };
            assert_eq!(items, 4, "sidebar in {}", path.display());
        }
        if path.parent().is_some_and(|p| p.ends_with("dto-objects")) {
            for s in sections(doc)
                .into_iter()
                .filter(|s| s.title_text == "Attributes")
            {
                let quoted_list = s.children.iter().any(|b| {
                    matches!(b, Block::BlockQuote(q) if matches!(q.children.first(), Some(Block::BulletList(_))))
                });
                if quoted_list {
                    attribute_lists += 1;
                }
            }
        }
        let problems: Vec<_> = doc
            .messages
            .iter()
            .filter(|m| m.level >= Level::Warning)
            .collect();
        assert!(problems.is_empty(), "{}: {problems:?}", path.display());
    }
    assert_eq!(endpoint_pages, 518);
    assert_eq!(sidebars, 518);
    assert_eq!(attribute_lists, 218);
}

#[test]
fn corpus_wadl2rst_structure() {
    let docs = corpus(&shared("corpus/openstack-wadl2rst"));
    assert_eq!(docs.len(), 261);
    let methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];
    let mut short_underlines = 0;
    let mut short_overlines = 0;
    let mut empty_code = 0;
    let mut doubled_border_tables = 0;
    for (path, doc) in &docs {
        let has_method = directives(doc, "code-block").iter().any(|d| {
            d.content.first().is_some_and(|l| {
                let mut parts = l.text.split(' ');
                methods.contains(&parts.next().unwrap_or(""))
                    && parts.next().is_some_and(|p| p.starts_with('/'))
            })
        });
        assert!(has_method, "{}", path.display());
        short_underlines += messages(doc, "Title underline too short.").len();
        short_overlines += messages(doc, "Title overline too short.").len();
        empty_code += messages(
            doc,
            "Content block expected for the \"code\" directive; none found.",
        )
        .len();
        let doubled = all_blocks(doc).into_iter().any(|b| match b {
            Block::Table(t) => t
                .body
                .iter()
                .any(|r| r.cells.iter().all(|c| c.children.is_empty())),
            _ => false,
        });
        doubled_border_tables += usize::from(doubled);
    }
    assert_eq!(short_underlines, 80);
    assert_eq!(short_overlines, 7);
    assert_eq!(empty_code, 21);
    assert_eq!(doubled_border_tables, 40, "needs the grid table parser");
}

#[test]
fn corpus_glance_structure() {
    let docs = corpus(&shared("corpus/glance-api-ref"));
    let inc: Vec<_> = docs
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "inc"))
        .collect();
    let methods: Vec<_> = inc
        .iter()
        .flat_map(|(_, d)| directives(d, "rest_method"))
        .collect();
    assert_eq!(methods.len(), 79);
    assert!(methods
        .iter()
        .all(|d| !d.argument.is_empty() && d.argument.contains(' ')));
    let next_line = methods
        .iter()
        .filter(|d| d.argument_span.line > d.span.line)
        .count();
    assert_eq!(next_line, 12);
}

#[test]
fn corpus_seeds_parse() {
    let docs = corpus(&shared("seeds"));
    assert_eq!(docs.len(), 5);
    for (path, doc) in &docs {
        assert!(!doc.children.is_empty(), "{}", path.display());
    }
}
