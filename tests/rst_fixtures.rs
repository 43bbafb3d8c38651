//! The block-level RST reader against small fixtures checked against
//! docutils 0.23 (`tests/fixtures/rst/*.rst`, each with a comment saying
//! what docutils produced), plus a no-panic / structure pass over every
//! corpus file.
//!
//! Each fixture's tree is rendered as compact pseudo-XML (inline markup is
//! written back in RST form, so the snapshots do not depend on inline
//! details) and snapshotted with insta; the key docutils behaviour of each
//! fixture is also asserted explicitly.

#[path = "rst_fixtures/corpus.rs"]
mod corpus;
#[path = "rst_fixtures/explicit.rs"]
mod explicit;
#[path = "rst_fixtures/render.rs"]
mod render;

use corpus::sections;
use render::render;
use restdoc::rst::{self, Block, Document, Level, Span};
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

// ---------------------------------------------------------------- helpers

fn messages<'a>(doc: &'a Document, text: &str) -> Vec<&'a rst::Message> {
    doc.messages.iter().filter(|m| m.text == text).collect()
}

fn all_blocks(doc: &Document) -> Vec<&Block> {
    let mut v = Vec::new();
    rst::walk(&doc.children, &mut |b| v.push(b));
    v
}

// ---------------------------------------------------------------- fixtures

/// The one message with `text`, asserting its level and line.
fn expect_message(doc: &Document, text: &str, level: Level, line: u32) {
    let found = messages(doc, text);
    assert_eq!(found.len(), 1, "{text}: {:?}", doc.messages);
    assert_eq!(
        (found[0].level, found[0].span.line),
        (level, line),
        "{text}"
    );
}

/// No message at WARNING level or above.
fn expect_clean(doc: &Document) {
    let bad: Vec<_> = doc
        .messages
        .iter()
        .filter(|m| m.level >= Level::Warning)
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

/// Top-level blocks after the fixture's header comment.
fn body(doc: &Document) -> &[Block] {
    match doc.children.split_first() {
        Some((Block::Comment(_), rest)) => rest,
        _ => &doc.children,
    }
}

fn para_text(b: &Block) -> String {
    match b {
        Block::Paragraph(p) => rst::plain_text(&p.inlines),
        other => panic!("not a paragraph: {other:?}"),
    }
}

/// (level, title, ids) of every section, depth first.
fn outline(doc: &Document) -> Vec<(u32, String, String)> {
    sections(doc)
        .into_iter()
        .map(|s| (s.level, s.title_text.clone(), s.ids.join(" ")))
        .collect()
}

fn out(level: u32, title: &str, ids: &str) -> (u32, String, String) {
    (level, title.to_string(), ids.to_string())
}

#[test]
fn s1b_title_stays_section() {
    let doc = check("s1b_title_stays_section");
    expect_clean(&doc);
    assert_eq!(
        outline(&doc),
        [out(1, "Billing Overview", "billing-overview")]
    );
}

#[test]
fn s3_short_underline() {
    let doc = check("s3_short_underline");
    expect_message(&doc, "Title underline too short.", Level::Warning, 4);
    assert_eq!(outline(&doc).len(), 1);
}

#[test]
fn s3b_tiny_underline() {
    let doc = check("s3b_tiny_underline");
    let info = "Possible title underline, too short for the title.\nTreating it as ordinary text because it's so short.";
    expect_message(&doc, info, Level::Info, 4);
    assert!(outline(&doc).is_empty());
    assert_eq!(para_text(&body(&doc)[0]), "Reply\n---");
}

#[test]
fn s4_short_overline() {
    let doc = check("s4_short_overline");
    expect_message(&doc, "Title overline too short.", Level::Warning, 3);
    assert_eq!(outline(&doc)[0].1, "Attach Storage Volume To Server");
}

#[test]
fn s4b_overline_mismatch() {
    let doc = check("s4b_overline_mismatch");
    expect_message(
        &doc,
        "Title overline & underline mismatch.",
        Level::Error,
        3,
    );
    assert!(outline(&doc).is_empty());
    assert_eq!(body(&doc).len(), 1);
}

#[test]
fn s5_style_hierarchy() {
    let doc = check("s5_style_hierarchy");
    expect_clean(&doc);
    let levels: Vec<_> = outline(&doc).into_iter().map(|(l, t, _)| (l, t)).collect();
    let want = [
        (1, "Zones"),
        (2, "Create"),
        (1, "Racks"),
        (2, "List"),
        (3, "Detail"),
    ];
    assert_eq!(levels, want.map(|(l, t)| (l, t.to_string())));
    assert_eq!(body(&doc).len(), 2);
}

#[test]
fn s5c_level_skip() {
    let doc = check("s5c_level_skip");
    expect_message(
        &doc,
        "Inconsistent title style: skip from level 1 to 3.",
        Level::Error,
        15,
    );
    let titles: Vec<_> = outline(&doc).into_iter().map(|(_, t, _)| t).collect();
    assert_eq!(titles, ["Alpha", "Beta", "Gamma", "Delta"]);
    let Block::Section(delta) = &body(&doc)[1] else {
        panic!()
    };
    assert_eq!(para_text(&delta.children[0]), "epsilon body");
}

#[test]
fn s6_title_in_quote() {
    let doc = check("s6_title_in_quote");
    expect_message(&doc, "Unexpected section title.", Level::Error, 6);
    let Block::BlockQuote(q) = &body(&doc)[1] else {
        panic!()
    };
    assert_eq!(q.children.len(), 1);
    assert!(outline(&doc).is_empty());
}

#[test]
fn s7_transition() {
    let doc = check("s7_transition");
    let Block::Section(s) = &body(&doc)[0] else {
        panic!()
    };
    assert!(matches!(s.children[1], Block::Transition(span) if span.line == 7));
}

#[test]
fn s8_ids_labels() {
    let doc = check("s8_ids_labels");
    let want = [
        out(1, "quota_update", "quota-update id1"),
        out(2, "Request", "request"),
        out(2, "Response", "response"),
        out(2, "Request", "id2"),
        out(1, "Other Title", "other-label other-title"),
    ];
    assert_eq!(outline(&doc), want);
    let dups: Vec<_> = doc
        .messages
        .iter()
        .filter(|m| m.code == "duplicate-implicit-target")
        .map(|m| m.span.line)
        .collect();
    assert_eq!(dups, [6, 17]);
}

#[test]
fn p2_one_line_deflist() {
    let doc = check("p2_one_line_deflist");
    expect_clean(&doc);
    let [Block::DefinitionList(l)] = body(&doc) else {
        panic!()
    };
    assert_eq!(rst::plain_text(&l.items[0].term), "just one line");
    assert_eq!(
        para_text(&l.items[0].definition[0]),
        "followed by a deeper one"
    );
}

#[test]
fn p2b_unexpected_indentation() {
    let doc = check("p2b_unexpected_indentation");
    expect_message(&doc, "Unexpected indentation.", Level::Error, 5);
    assert!(matches!(
        body(&doc),
        [Block::Paragraph(_), Block::BlockQuote(_)]
    ));
}

fn bullets(b: &Block) -> (char, usize) {
    match b {
        Block::BulletList(l) => (l.bullet, l.items.len()),
        other => panic!("not a bullet list: {other:?}"),
    }
}

#[test]
fn b1_bullet_change_blank() {
    let doc = check("b1_bullet_change_blank");
    expect_clean(&doc);
    assert_eq!(
        body(&doc).iter().map(bullets).collect::<Vec<_>>(),
        [('*', 2), ('-', 2)]
    );
}

#[test]
fn b2_bullet_change_no_blank() {
    let doc = check("b2_bullet_change_no_blank");
    let text = "Bullet list ends without a blank line; unexpected unindent.";
    expect_message(&doc, text, Level::Warning, 4);
    assert_eq!(
        body(&doc).iter().map(bullets).collect::<Vec<_>>(),
        [('*', 1), ('-', 1)]
    );
}

#[test]
fn b3_tab_bullets_quote() {
    let doc = check("b3_tab_bullets_quote");
    expect_clean(&doc);
    let [Block::Paragraph(_), Block::BlockQuote(q)] = body(&doc) else {
        panic!()
    };
    assert_eq!(bullets(&q.children[0]), ('*', 2));
    assert_eq!(q.span, Span::new(5, 9), "TAB expanded to column 9");
}

#[test]
fn b5_no_blank_nested() {
    let doc = check("b5_no_blank_nested");
    let [Block::BulletList(l)] = body(&doc) else {
        panic!()
    };
    assert_eq!(l.items.len(), 2);
    assert_eq!(para_text(&l.items[0].children[0]), "outer\n* not nested");
}

#[test]
fn b6_item_deflist_quirk() {
    let doc = check("b6_item_deflist_quirk");
    expect_clean(&doc);
    let [Block::BulletList(l), Block::Paragraph(_)] = body(&doc) else {
        panic!()
    };
    let [Block::DefinitionList(d)] = l.items[1].children.as_slice() else {
        panic!()
    };
    assert_eq!(bullets(&d.items[0].definition[0]), ('*', 1));
}

#[test]
fn b7_unindent() {
    let doc = check("b7_unindent");
    let text = "Bullet list ends without a blank line; unexpected unindent.";
    expect_message(&doc, text, Level::Warning, 6);
    let [Block::BulletList(l), Block::Paragraph(_)] = body(&doc) else {
        panic!()
    };
    assert_eq!(
        para_text(&l.items[0].children[0]),
        "one line\ncontinued here"
    );
}

#[test]
fn e1_enumerated() {
    let doc = check("e1_enumerated");
    let lists: Vec<_> = body(&doc)
        .iter()
        .filter_map(|b| match b {
            Block::EnumeratedList(l) => Some((
                l.enumtype,
                l.start,
                l.prefix.as_str(),
                l.suffix.as_str(),
                l.items.len(),
            )),
            _ => None,
        })
        .collect();
    use rst::Enumeration::*;
    let want = [
        (Arabic, 1, "", ".", 4),
        (LowerAlpha, 1, "(", ")", 2),
        (LowerRoman, 1, "", ")", 2),
        (Arabic, 4, "", ".", 2),
    ];
    assert_eq!(lists, want);
    expect_message(
        &doc,
        "Enumerated list start value not ordinal-1: \"4\" (ordinal 4)",
        Level::Info,
        15,
    );
    assert_eq!(para_text(body(&doc).last().unwrap()), "1. one\n3. three");
}

#[test]
fn f1_field_list() {
    let doc = check("f1_field_list");
    expect_clean(&doc);
    let [Block::Paragraph(_), Block::FieldList(l)] = body(&doc) else {
        panic!()
    };
    let names: Vec<_> = l
        .fields
        .iter()
        .map(|f| (f.name_text.as_str(), f.body.len()))
        .collect();
    assert_eq!(names, [("depth", 1), ("flag", 0), ("summary", 1)]);
    assert_eq!(para_text(&l.fields[2].body[0]), "spans\ntwo lines");
}

#[test]
fn d1_definition_list() {
    let doc = check("d1_definition_list");
    let [Block::DefinitionList(l)] = body(&doc) else {
        panic!()
    };
    assert_eq!(l.items.len(), 2);
    assert_eq!(rst::plain_text(&l.items[1].term), "size");
    assert_eq!(rst::plain_text(&l.items[1].classifiers[0]), "integer");
}

fn literal(b: &Block) -> &str {
    match b {
        Block::LiteralBlock(l) => &l.text,
        other => panic!("not a literal block: {other:?}"),
    }
}

#[test]
fn l1_literal_markers() {
    let doc = check("l1_literal_markers");
    expect_clean(&doc);
    let b = body(&doc);
    assert_eq!(b.len(), 7);
    assert_eq!(
        (para_text(&b[0]), literal(&b[1])),
        ("Sample:".to_string(), "POST /v3/widgets")
    );
    assert_eq!(para_text(&b[2]), "Sample");
    assert_eq!((literal(&b[3]), literal(&b[4])), ("one", "two"));
    assert_eq!(literal(&b[6]), "> first quoted\n> second quoted");
}

#[test]
fn l2_literal_tabs() {
    let doc = check("l2_literal_tabs");
    assert_eq!(literal(&body(&doc)[1]), "<root>\n        <leaf/>\n</root>");
}

fn table(b: &Block) -> &rst::Table {
    match b {
        Block::Table(t) => t,
        other => panic!("not a table: {other:?}"),
    }
}

#[test]
fn g1_grid_table() {
    let doc = check("g1_grid_table");
    expect_clean(&doc);
    let t = table(&body(&doc)[0]);
    assert_eq!((t.cols, t.header.len(), t.body.len()), (3, 1, 2));
    assert_eq!(t.body[0].cells[2].text(), "The rack that\nholds the unit.");
}

#[test]
fn g2_doubled_border() {
    let doc = check("g2_doubled_border");
    expect_clean(&doc);
    let t = table(&body(&doc)[0]);
    assert_eq!(t.body.len(), 3);
    assert!(t.body[1].cells.iter().all(|c| c.children.is_empty()));
}

#[test]
fn g3b_malformed_table() {
    let doc = check("g3b_malformed_table");
    let text = "Malformed table.\nRight border not aligned or missing.";
    expect_message(&doc, text, Level::Error, 6);
    assert!(body(&doc).is_empty());
}

#[test]
fn g4_table_after_text() {
    let doc = check("g4_table_after_text");
    expect_clean(&doc);
    assert_eq!(para_text(&body(&doc)[0]).lines().count(), 4);
}

#[test]
fn st1_simple_table() {
    let doc = check("st1_simple_table");
    expect_clean(&doc);
    let t = table(&body(&doc)[0]);
    assert_eq!((t.cols, t.header.len(), t.body.len()), (2, 1, 2));
    assert_eq!(t.body[1].cells[1].text(), "Conflict with\nanother rack");
}

#[test]
fn bq_attribution_unindent() {
    let doc = check("bq_attribution_unindent");
    let text = "Block quote ends without a blank line; unexpected unindent.";
    expect_message(&doc, text, Level::Warning, 14);
    let Block::BlockQuote(q) = &body(&doc)[1] else {
        panic!()
    };
    assert!(matches!(q.children[1], Block::BlockQuote(_)));
    assert_eq!(
        rst::plain_text(q.attribution.as_deref().unwrap_or_default()),
        "Someone Famous"
    );
}

#[test]
fn m1_tabs_in_text() {
    let doc = check("m1_tabs_in_text");
    assert_eq!(para_text(&body(&doc)[0]), "x       y");
    let Block::BlockQuote(q) = &body(&doc)[1] else {
        panic!()
    };
    assert_eq!(para_text(&q.children[0]), "z       w");
}

#[test]
fn lb1_line_block() {
    let doc = check("lb1_line_block");
    expect_clean(&doc);
    let Block::LineBlock(l) = &body(&doc)[0] else {
        panic!()
    };
    let indents: Vec<_> = l.lines.iter().map(|x| x.indent).collect();
    assert_eq!(indents, [0, 0, 3]);
    assert!(matches!(body(&doc)[1], Block::Paragraph(_)));
}

#[test]
fn pathological_nesting_is_capped() {
    let deep: String = (0..500)
        .map(|i| format!("{:w$}* x\n\n", "", w = i * 2))
        .collect();
    let doc = rst::parse(&deep);
    assert!(doc.messages.iter().any(|m| m.code == "nesting-too-deep"));
    let bullets = "* ".repeat(5000) + "x";
    let doc = rst::parse(&bullets);
    assert!(doc.messages.iter().any(|m| m.code == "nesting-too-deep"));
}

#[test]
fn long_lines_warn_but_are_kept() {
    let text = format!("Title\n=====\n\n{}\n", "x".repeat(10_001));
    let doc = rst::parse(&text);
    expect_message(
        &doc,
        "Line 4 exceeds the line-length-limit.",
        Level::Warning,
        4,
    );
    assert_eq!(outline(&doc).len(), 1);
}

/// (level, line, first line of text) of every message.
fn message_list(doc: &Document) -> Vec<(Level, u32, String)> {
    doc.messages
        .iter()
        .map(|m| {
            (
                m.level,
                m.span.line,
                m.text.lines().next().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn msg(level: Level, line: u32, text: &str) -> (Level, u32, String) {
    (level, line, text.to_string())
}

#[test]
fn msg_unindent_family() {
    let doc = check("msg_unindent_family");
    use Level::*;
    let unindent = |what: &str| format!("{what} ends without a blank line; unexpected unindent.");
    let want = [
        msg(Warning, 5, &unindent("Definition list")),
        msg(Warning, 8, &unindent("Explicit markup")),
        msg(Warning, 13, &unindent("Literal block")),
        msg(Error, 19, "Inconsistent literal block quoting."),
        msg(Warning, 22, &unindent("Enumerated list")),
        msg(Warning, 26, "Line block ends without a blank line."),
        msg(Warning, 32, "Blank line required after table."),
        msg(Error, 46, "Malformed table."),
        msg(Warning, 47, "Blank line required after table."),
    ];
    assert_eq!(message_list(&doc), want);
    let tables = body(&doc)
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    assert_eq!(tables, 2);
}

#[test]
fn msg_title_errors() {
    let doc = check("msg_title_errors");
    use Level::*;
    let want = [
        msg(Error, 8, "Unexpected section title or transition."),
        msg(Error, 10, "Unexpected section title."),
        msg(
            Info,
            12,
            "Unexpected possible title overline or transition.",
        ),
        msg(Info, 16, "Possible incomplete section title."),
        msg(Error, 20, "Invalid section title or transition marker."),
        msg(Error, 23, "Title overline & underline mismatch."),
        msg(
            Error,
            27,
            "Missing matching underline for section title overline.",
        ),
    ];
    assert_eq!(message_list(&doc), want);
    assert_eq!(outline(&doc).len(), 1);
    let Block::Section(s) = &body(&doc)[0] else {
        panic!()
    };
    assert!(matches!(s.children.last(), Some(Block::Transition(_))));
}
