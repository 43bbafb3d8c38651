//! Compact pseudo-XML rendering of a reader tree for the snapshots: one
//! node per line with its `@line:col`, inline markup written back in RST
//! form (so snapshots do not depend on inline details), messages last.

use restdoc::rst::{self, Block, Document, Inline, Level, Section, Span};
use std::fmt::Write;

pub fn render(doc: &Document) -> String {
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
            Inline::Role(r) => match &r.target {
                Some(t) => {
                    let _ = write!(s, ":{}:`{} <{t}>`", r.role, r.text);
                }
                None => {
                    let _ = write!(s, ":{}:`{}`", r.role, r.text);
                }
            },
            Inline::Reference(r) => {
                let tail = if r.anonymous { "__" } else { "_" };
                let text = &r.text;
                match &r.uri {
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
