//! wadl2rst on hand-built page trees and on its helpers.

use super::tables::{cell_name, cell_text, take_marker};
use super::*;
use crate::model::{ResponseKind, TypeRef};
use crate::rst::{Cell, Row};

#[test]
fn captions() {
    let c = "This table shows the body parameters for the response:";
    assert_eq!(classify(c), Some(TableKind::Params(ParamLocation::Body)));
    assert_eq!(side_of_caption(c, Some(Side::Request)), Side::Response);
    assert_eq!(
        classify("This table shows the possible response codes for this operation:"),
        Some(TableKind::Codes)
    );
    assert_eq!(
        classify("This table shows the URI parameters for the request:"),
        Some(TableKind::Params(ParamLocation::Path))
    );
    assert_eq!(classify("Something else"), None);
}

#[test]
fn wrapped_cells() {
    let cell = |t: &str| Cell {
        children: vec![Block::Paragraph(rst::Paragraph {
            inlines: vec![Inline::Text {
                text: t.into(),
                span: rst::Span::new(1, 1),
            }],
            span: rst::Span::new(1, 1),
        })],
        morecols: 0,
        morerows: 0,
        span: rst::Span::new(1, 1),
    };
    let row = Row {
        cells: vec![
            cell("X-Openstack-Manila-Api-\nVersion"),
            cell("the port-\nid, a\n- b"),
        ],
        span: rst::Span::new(1, 1),
    };
    assert_eq!(cell_name(&row, 0), "X-Openstack-Manila-Api-Version");
    assert_eq!(cell_text(&row, 1), "the port-id, a - b");
    assert_eq!(cell_text(&row, 2), "");
}

#[test]
fn markers() {
    let mut t = "xsd:string (Required)".to_string();
    assert_eq!(take_marker(&mut t), Some(true));
    assert_eq!(t, "xsd:string");
    let mut t = "csapi:UUID".to_string();
    assert_eq!(take_marker(&mut t), None);
}

fn sp(line: u32) -> rst::Span {
    rst::Span::new(line, 1)
}

fn para(line: u32, inlines: Vec<Inline>) -> Block {
    Block::Paragraph(rst::Paragraph {
        inlines,
        span: sp(line),
    })
}

fn text(line: u32, t: &str) -> Block {
    para(
        line,
        vec![Inline::Text {
            text: t.into(),
            span: sp(line),
        }],
    )
}

fn row(line: u32, cells: &[&str]) -> Row {
    let cell = |t: &&str| Cell {
        children: if t.is_empty() {
            Vec::new()
        } else {
            vec![text(line, t)]
        },
        morecols: 0,
        morerows: 0,
        span: sp(line),
    };
    Row {
        cells: cells.iter().map(cell).collect(),
        span: sp(line),
    }
}

fn table(line: u32, header: &[&str], body: &[&[&str]]) -> Block {
    Block::Table(Box::new(Table {
        cols: 3,
        header: vec![row(line, header)],
        body: body
            .iter()
            .enumerate()
            .map(|(i, r)| row(line + 2 + i as u32, r))
            .collect(),
        span: sp(line),
    }))
}

fn section(line: u32, title: &str, children: Vec<Block>) -> Block {
    Block::Section(Box::new(Section {
        title: Vec::new(),
        title_text: title.into(),
        level: 2,
        ids: Vec::new(),
        span: sp(line),
        children,
    }))
}

/// A page as the block reader gives it, built by hand so the dialect is
/// tested apart from the table parser.
#[test]
fn reads_a_page_tree() {
    let code = Block::Directive(Box::new(Directive {
        name: "code-block".into(),
        argument: "javascript".into(),
        argument_span: sp(3),
        options: Vec::new(),
        content: vec![
            RawLine {
                text: String::new(),
                span: sp(4),
            },
            RawLine {
                text: "POST /v2/{tenant_id}/things".into(),
                span: rst::Span::new(5, 5),
            },
        ],
        children: Vec::new(),
        span: sp(3),
    }));
    let lit = |t: &str, l: u32| Inline::Literal {
        text: t.into(),
        span: rst::Span::new(l, 5),
    };
    let plain = |t: &str, l: u32| Inline::Text {
        text: t.into(),
        span: sp(l),
    };
    let location = para(
        9,
        vec![
            plain("The ", 9),
            lit("Location", 9),
            plain(" header returns the URL.", 9),
        ],
    );
    let codes = table(
        12,
        &["Response Code", "Name", "Description"],
        &[
            &["201", "Created", ""],
            &["", "", ""],
            &["409", "", "Conflict."],
        ],
    );
    let request = section(
        20,
        "Request",
        vec![
            text(22, "This table shows the URI parameters for the request:"),
            table(
                24,
                &["Name", "Type", "Description"],
                &[&["{tenant_id}", "csapi:UUID", "The tenant."]],
            ),
            text(28, "This table shows the body parameters for the request:"),
            table(
                30,
                &["Name", "Type", "Description"],
                &[
                    &["name", "xsd:string (Required)", "The name."],
                    &["note", "xsd:string", "A note."],
                ],
            ),
        ],
    );
    let response = section(
        40,
        "Response",
        vec![
            text(42, "This table shows the body parameters for the response:"),
            table(
                44,
                &["Name", "Type", "Description"],
                &[&["id", "csapi:UUID (Required)", "The id."]],
            ),
        ],
    );
    let body = vec![
        code,
        text(7, "(Since Things v1.1) Creates a thing."),
        location,
        text(11, "This table shows the possible response codes:"),
        codes,
        request,
        response,
    ];
    let file = SourceFile::new(
        "things/POST_create_thing.rst".into(),
        "things/POST_create_thing.rst".into(),
        String::new(),
        rst::Document {
            children: vec![section(1, "Create Thing", body)],
            messages: Vec::new(),
        },
    );
    assert!(detect(&file));
    let out = read(&file, &Corpus::default());
    let [e] = out.endpoints.as_slice() else {
        panic!("{:?}", out.diagnostics)
    };
    assert_eq!(
        (e.id.as_str(), e.title.as_str(), e.group.as_str()),
        ("POST_create_thing", "Create Thing", "things")
    );
    assert_eq!((e.source.line, e.source.column), (5, 5));
    assert_eq!(e.since.as_deref(), Some("Things v1.1"));
    assert_eq!(e.summary, "Creates a thing.");
    let codes: Vec<(u16, ResponseKind, &str)> = e
        .responses
        .iter()
        .map(|r| (r.status.as_u16(), r.kind, r.description.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            (201, ResponseKind::Normal, "Created"),
            (409, ResponseKind::Error, "Conflict.")
        ]
    );
    let tenant = &e.params[0];
    assert_eq!(
        (tenant.name.as_str(), &tenant.ty, tenant.required),
        ("tenant_id", &TypeRef::Uuid, true)
    );
    let body = e.request_body.as_ref().map(|b| {
        b.fields
            .iter()
            .map(|p| (p.name.as_str(), p.required))
            .collect::<Vec<_>>()
    });
    assert_eq!(body, Some(vec![("name", true), ("note", false)]));
    let created = &e.responses[0];
    assert_eq!(
        created
            .fields
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["id"]
    );
    assert_eq!(
        created
            .headers
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Location"]
    );
    assert!(created.media_types.iter().any(|m| m.is_json()));
    let codes: Vec<&str> = out.diagnostics.iter().map(|d| d.code.as_ref()).collect();
    assert_eq!(codes, ["inferred-response-header"]);
}
