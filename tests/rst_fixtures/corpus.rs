//! The reader over every corpus page: no panic, and the structure the
//! dialects rely on (counts from docutils 0.23 over the same files).

use super::{all_blocks, messages};
use restdoc::rst::{self, Block, Document, Level, Section};
use std::path::{Path, PathBuf};

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

pub fn directives<'a>(doc: &'a Document, name: &str) -> Vec<&'a rst::Directive> {
    all_blocks(doc)
        .into_iter()
        .filter_map(|b| match b {
            Block::Directive(d) if d.name == name => Some(&**d),
            _ => None,
        })
        .collect()
}

pub fn sections(doc: &Document) -> Vec<&Section> {
    all_blocks(doc)
        .into_iter()
        .filter_map(|b| match b {
            Block::Section(s) => Some(&**s),
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
    // docutils 0.23 finds an all-empty row (doubled `+---+` border) in 41
    // files of this copy of the corpus (the reference notes say 40).
    assert_eq!(doubled_border_tables, 41);
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
