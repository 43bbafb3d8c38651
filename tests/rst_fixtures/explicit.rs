//! Fixtures for explicit markup: directives (argument, options, content,
//! admonitions, missing content, marker forms), comments, targets and
//! substitution definitions.

use super::{
    all_blocks, body, bullets, check, expect_clean, expect_message, out, outline, para_text,
};
use restdoc::rst::{self, Block, Level, Span};

fn directive_at(b: &Block) -> &rst::Directive {
    match b {
        Block::Directive(d) => d,
        other => panic!("not a directive: {other:?}"),
    }
}

#[test]
fn dr1_directive_parts() {
    let doc = check("dr1_directive_parts");
    expect_clean(&doc);
    let code = directive_at(&body(&doc)[0]);
    assert_eq!(
        (code.name.as_str(), code.argument.as_str()),
        ("code-block", "json")
    );
    assert_eq!(code.option("caption"), Some("sample"));
    let lines: Vec<_> = code.content.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(lines, ["{", "  \"a\": 1", "}"]);
    assert!(code.children.is_empty());
    let toc = directive_at(&body(&doc)[1]);
    assert_eq!(
        (toc.option("maxdepth"), toc.option("hidden")),
        (Some("2"), Some(""))
    );
    assert_eq!(toc.content.len(), 2);
}

#[test]
fn dr4_argument_lines() {
    let doc = check("dr4_argument_lines");
    let args: Vec<_> = body(&doc)
        .iter()
        .map(|b| directive_at(b).argument.as_str())
        .collect();
    assert_eq!(
        args,
        [
            "PUT /racks/{rid} /units",
            "DELETE /v2/racks/{rack_id}",
            "GET /v2/racks"
        ]
    );
    let next_line = directive_at(&body(&doc)[1]);
    assert_eq!(next_line.argument_span, Span::new(9, 4));
    assert_eq!(directive_at(&body(&doc)[0]).children.len(), 1);
}

#[test]
fn dr5_tab_content() {
    let doc = check("dr5_tab_content");
    expect_clean(&doc);
    let sidebar = directive_at(&body(&doc)[0]);
    assert_eq!(sidebar.argument, "Summary");
    assert_eq!(bullets(&sidebar.children[0]), ('*', 2));
    let seealso = directive_at(&body(&doc)[1]);
    assert_eq!(bullets(&seealso.children[0]), ('*', 2));
    assert_eq!(seealso.content[0].text, "* :ref:`rack-object`");
}

#[test]
fn dr7_admonitions() {
    let doc = check("dr7_admonitions");
    expect_clean(&doc);
    let note = directive_at(&body(&doc)[0]);
    assert_eq!(
        (note.argument.as_str(), para_text(&note.children[0])),
        ("", "The rack must be empty.".to_string())
    );
    let warning = directive_at(&body(&doc)[1]);
    assert_eq!(
        para_text(&warning.children[0]),
        "Text right under the marker."
    );
    assert!(directive_at(&body(&doc)[2]).children.is_empty());
}

#[test]
fn dr8_missing_content() {
    let doc = check("dr8_missing_content");
    let code = "Content block expected for the \"code\" directive; none found.";
    expect_message(&doc, code, Level::Error, 3);
    let note = "Content block expected for the \"note\" directive; none found.";
    expect_message(&doc, note, Level::Error, 11);
    let b = body(&doc);
    assert_eq!(directive_at(&b[0]).name, "code-block");
    assert_eq!(b.len(), 2);
}

#[test]
fn dr10_marker_forms() {
    let doc = check("dr10_marker_forms");
    let b = body(&doc);
    assert_eq!(directive_at(&b[0]).name, "note");
    assert_eq!(para_text(&b[1]), "..note:: not markup");
    assert_eq!(directive_at(&b[2]).name, "note");
    assert!(matches!(&b[3], Block::Comment(c) if c.text == "note  :: two spaces make a comment"));
}

#[test]
fn dr14_option_block() {
    let doc = check("dr14_option_block");
    let text = "Error in \"note\" directive:\ninvalid option block.";
    expect_message(&doc, text, Level::Error, 3);
    let [Block::Directive(d)] = body(&doc) else {
        panic!()
    };
    assert_eq!(
        (d.name.as_str(), d.option("opt")),
        ("unknownthing", Some("value"))
    );
    assert_eq!(para_text(&d.children[0]), "Parsed as RST.");
}

#[test]
fn c1_comments() {
    let doc = check("c1_comments");
    let texts: Vec<_> = body(&doc)
        .iter()
        .filter_map(|b| match b {
            Block::Comment(c) => Some(c.text.as_str()),
            _ => None,
        })
        .collect();
    let want = [
        "Licensed to nobody in particular.",
        "A comment block\nover two lines.",
        "-*- rst -*-",
        "",
    ];
    assert_eq!(texts, want);
    assert!(matches!(body(&doc).last(), Some(Block::BlockQuote(_))));
}

#[test]
fn c3_targets() {
    let doc = check("c3_targets");
    expect_clean(&doc);
    assert_eq!(
        outline(&doc),
        [out(1, "Create a rack", "rack-create create-a-rack")]
    );
    let targets: Vec<_> = all_blocks(&doc)
        .into_iter()
        .filter_map(|b| match b {
            Block::Target(t) => Some((t.name.as_str(), t.uri.as_deref())),
            _ => None,
        })
        .collect();
    let want = [
        ("rack-create", None),
        ("docs", Some("https://example.org/manual")),
        ("", Some("https://example.org/anon")),
    ];
    assert_eq!(targets, want);
}

#[test]
fn su1_substitutions() {
    let doc = check("su1_substitutions");
    expect_clean(&doc);
    let defs: Vec<_> = body(&doc)
        .iter()
        .filter_map(|b| match b {
            Block::SubstitutionDefinition(s) => Some((s.name.as_str(), s.directive.name.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        defs,
        [("open", "raw"), ("blurb", "replace"), ("later", "replace")]
    );
    let Block::SubstitutionDefinition(blurb) = &body(&doc)[1] else {
        panic!()
    };
    assert_eq!(blurb.directive.content[0].text, "The rack type.");
}
