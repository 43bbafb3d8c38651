//! Unit tests of the table layout parsers. Expected layouts are docutils
//! 0.23's (`docutils-rules.md` G1-G4, ST1, F15, F16); a randomised
//! comparison against docutils' own table parsers agreed on every case
//! while this was written.

use super::{parse_grid, parse_simple, RawCell, RawTable};
use crate::ast::{Level, Message, Span};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn grid(text: &str) -> Result<RawTable, Message> {
    let lines: Vec<&str> = text.lines().collect();
    parse_grid(&lines, Span::new(1, 1))
}

fn simple(text: &str) -> Result<RawTable, Message> {
    let lines: Vec<&str> = text.lines().collect();
    parse_simple(&lines, Span::new(1, 1))
}

/// Each row's cells as their lines joined by `/`.
fn texts(t: &RawTable) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.lines.join("/")).collect())
        .collect()
}

fn cell(t: &RawTable, row: usize, col: usize) -> &RawCell {
    &t.rows[row].cells[col]
}

fn malformed(result: Result<RawTable, Message>) -> Message {
    let m = result.expect_err("table should be malformed");
    assert_eq!((m.level, m.code), (Level::Error, "malformed-table"));
    assert!(m.text.starts_with("Malformed table.\n"), "{}", m.text);
    m
}

const G1: &str = "\
+--------------+--------------+--------------------+
|Name          |Type          |Description         |
+==============+==============+====================+
|{tenant_id}   |csapi:UUID    |The UUID of the     |
|              |              |tenant.             |
+--------------+--------------+--------------------+
|name          |xsd:string    |The name.           |
|              |*(Required)*  |                    |
+--------------+--------------+--------------------+";

#[test]
fn g1_header_and_multi_line_cells() {
    let t = grid(G1).unwrap();
    assert_eq!((t.cols, t.header_rows, t.rows.len()), (3, 1, 3));
    assert_eq!(
        texts(&t),
        [
            ["Name", "Type", "Description"],
            ["{tenant_id}", "csapi:UUID", "The UUID of the/tenant."],
            ["name", "xsd:string/*(Required)*", "The name."],
        ]
    );
    assert!(t
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .all(|c| c.morecols == 0 && c.morerows == 0));
}

#[test]
fn cell_and_row_spans_are_absolute() {
    let lines: Vec<&str> = G1.lines().collect();
    let t = parse_grid(&lines, Span::new(40, 5)).unwrap();
    // "Name" is on table line 1 (source line 41), right after the `|`.
    assert_eq!(cell(&t, 0, 0).span, Span::new(41, 6));
    assert_eq!(cell(&t, 1, 2).span, Span::new(43, 36));
    assert_eq!(t.rows[1].span, Span::new(43, 5));
    // An empty cell: the top-left corner of its interior.
    assert_eq!(cell(&t, 2, 2).lines, ["The name."]);
    let t = grid("+---+---+\n|   | b |\n+---+---+").unwrap();
    assert!(cell(&t, 0, 0).lines.is_empty());
    assert_eq!(cell(&t, 0, 0).span, Span::new(2, 2));
    assert_eq!(cell(&t, 0, 1).span, Span::new(2, 7));
}

#[test]
fn cell_lines_are_dedented_and_trimmed() {
    let t = grid(
        "+------------+\n\
         |            |\n\
         |   - item   |\n\
         |     more   |\n\
         |            |\n\
         |   - next   |\n\
         |            |\n\
         +------------+",
    )
    .unwrap();
    let c = cell(&t, 0, 0);
    assert_eq!(c.lines, ["- item", "  more", "", "- next"]);
    assert_eq!(c.span, Span::new(3, 5));
}

#[test]
fn g2_f15_doubled_border_gives_an_empty_row() {
    let t = grid(
        "+--------------------------+-------------------------+-------------------------+
|Response Code             |Name                     |Description              |
+==========================+=========================+=========================+
|200                       |Update security group:   |                         |
|                          |JSON response            |                         |
+--------------------------+-------------------------+-------------------------+
+--------------------------+-------------------------+-------------------------+
|503                       |                         |                         |
+--------------------------+-------------------------+-------------------------+",
    )
    .unwrap();
    assert_eq!((t.cols, t.header_rows, t.rows.len()), (3, 1, 4));
    assert_eq!(
        texts(&t),
        [
            ["Response Code", "Name", "Description"],
            ["200", "Update security group:/JSON response", ""],
            ["", "", ""],
            ["503", "", ""],
        ]
    );
    assert_eq!(t.rows[2].span, Span::new(7, 1));
}

#[test]
fn g3_missing_inner_bar_is_a_column_span() {
    let t =
        grid("+-----+-----+\n| a   | b   |\n+-----+-----+\n| too long  |\n+-----+-----+").unwrap();
    assert_eq!(t.cols, 2);
    assert_eq!(texts(&t), [vec!["a", "b"], vec!["too long"]]);
    assert_eq!(cell(&t, 1, 0).morecols, 1);
}

#[test]
fn row_spans() {
    let t = grid(
        "+-----+-----+\n\
         | a   | tall|\n\
         +-----+     |\n\
         | b   | cell|\n\
         +-----+-----+",
    )
    .unwrap();
    // The interrupted border line is a (blank) line of the tall cell.
    assert_eq!(texts(&t), [vec!["a", "tall//cell"], vec!["b"]]);
    assert_eq!((cell(&t, 0, 1).morerows, cell(&t, 0, 1).morecols), (1, 0));
}

#[test]
fn docutils_docstring_table() {
    let t = grid(
        "+------------------------+------------+----------+----------+
| Header row, column 1   | Header 2   | Header 3 | Header 4 |
+========================+============+==========+==========+
| body row 1, column 1   | column 2   | column 3 | column 4 |
+------------------------+------------+----------+----------+
| body row 2             | Cells may span columns.          |
+------------------------+------------+---------------------+
| body row 3             | Cells may  | - Table cells       |
+------------------------+ span rows. | - contain           |
| body row 4             |            | - body elements.    |
+------------------------+------------+---------------------+",
    )
    .unwrap();
    assert_eq!((t.cols, t.header_rows, t.rows.len()), (4, 1, 5));
    assert_eq!(cell(&t, 2, 1).morecols, 2);
    assert_eq!(cell(&t, 3, 1).lines, ["Cells may", "span rows."]);
    assert_eq!((cell(&t, 3, 1).morerows, cell(&t, 3, 2).morerows), (1, 1));
    assert_eq!(
        cell(&t, 3, 2).lines,
        ["- Table cells", "- contain", "- body elements."]
    );
    assert_eq!(texts(&t)[4], ["body row 4"]);
}

#[test]
fn wrapped_words_stay_on_their_lines() {
    let t = grid(
        "+--------------------------+\n\
         |X-Openstack-Manila-Api-   |\n\
         |Version                   |\n\
         +--------------------------+",
    )
    .unwrap();
    assert_eq!(cell(&t, 0, 0).lines, ["X-Openstack-Manila-Api-", "Version"]);
}

#[test]
fn unicode_content_keeps_columns() {
    let t = grid(
        "+-----+------+\n\
         |caf\u{e9} |\u{201c}q\u{201d}   |\n\
         |\u{b1}hh  | \u{200b}x   |\n\
         +-----+------+",
    )
    .unwrap();
    assert_eq!(
        texts(&t),
        [["caf\u{e9}/\u{b1}hh", "\u{201c}q\u{201d}/ \u{200b}x"]]
    );
    assert_eq!(cell(&t, 0, 1).span, Span::new(2, 8));
}

#[test]
fn g3b_right_border_misaligned() {
    let m = malformed(grid(
        "+-----+-----+\n| a   | b   |\n+-----+-----+\n| c   | d\n+-----+-----+",
    ));
    assert_eq!(
        m.text,
        "Malformed table.\nRight border not aligned or missing."
    );
    assert_eq!(m.span, Span::new(4, 1));
    let m = malformed(grid("+---+\n| a  |\n+---+"));
    assert_eq!(m.span, Span::new(2, 1));
}

#[test]
fn malformed_grids() {
    // A cell that cannot be closed (`=` is no column border): the region
    // below it is never traced.
    let m = malformed(grid(
        "+---+---+\n| a | b |\n+---+===+\n| c = d |\n+---+---+",
    ));
    assert_eq!(
        m.text,
        "Malformed table.\nMalformed table; parse incomplete."
    );
    // docutils is lenient otherwise: an odd `+` is one more column boundary.
    let t = grid("+---+---+\n| a | b |\n+-+-+---+\n| c | d |\n+---+---+").unwrap();
    assert_eq!((t.cols, cell(&t, 0, 0).morecols), (3, 1));
    // A cell whose bottom border never comes.
    malformed(grid("+---+---+\n| a | b |\n| c | d |\n+---+ - +"));
    // Two header separators.
    let m = malformed(grid("+---+\n| a |\n+===+\n| b |\n+===+\n| c |\n+---+"));
    assert_eq!(
        m.text,
        "Malformed table.\nMultiple head/body row separators (table lines 3 and 5); only one allowed."
    );
    assert_eq!(m.span, Span::new(5, 1));
    // Header separator as the last line.
    malformed(grid("+---+\n| a |\n+===+"));
    // Missing bottom border; not a border at the top.
    malformed(grid("+---+\n| a |"));
    malformed(grid("| a |\n+---+"));
    malformed(grid(""));
    // Stray text where a border should be: docutils makes one big cell.
    let t = grid("+---+---+\n| a | b |\n+---x---+\n| c | d |\n+---+---+").unwrap();
    assert_eq!((cell(&t, 0, 0).morerows, cell(&t, 0, 0).morecols), (1, 1));
    assert_eq!(cell(&t, 0, 0).lines, [" a | b", "---x---", " c | d"]);
}

#[test]
fn odd_grids_do_not_panic() {
    let inputs = [
        "+---+",
        "+---+\n+---+",
        "+-+-+\n|||||\n+-+-+",
        "+---+\n|\u{e9}\u{e9}\u{e9}|\n+---+",
        "+---+\n|+++|\n+---+",
        "+===+\n| a |\n+---+",
        "+---+\n+===+\n+---+",
        "++\n||\n++",
        "+----+\n|    |\n+-++-+\n|    |\n+----+",
    ];
    for text in inputs {
        let _ = grid(text);
    }
    // Two border lines alone: one row of empty cells, as in docutils.
    let t = grid("+---+---+\n+---+---+").unwrap();
    assert_eq!(texts(&t), [["", ""]]);
}

#[test]
fn st1_simple_table_with_continuation() {
    let t = simple(
        "=====  ============\n\
         Code   Meaning\n\
         =====  ============\n\
         200    OK\n\
         404    Not found\n       (continued)\n\
         =====  ============",
    )
    .unwrap();
    assert_eq!((t.cols, t.header_rows, t.rows.len()), (2, 1, 3));
    assert_eq!(
        texts(&t),
        [
            ["Code", "Meaning"],
            ["200", "OK"],
            ["404", "Not found/(continued)"],
        ]
    );
    assert_eq!(cell(&t, 2, 1).span, Span::new(5, 8));
    assert_eq!(t.rows[2].span, Span::new(5, 1));
}

#[test]
fn simple_table_spans_blank_lines_and_overflow() {
    // docutils' SimpleTableParser docstring example.
    let t = simple(
        "=====  =====
col 1  col 2
=====  =====
1      Second column of row 1.
2      Second column of row 2.
       Second line of paragraph.
3      - Second column of row 3.

       - Second item in bullet
         list (row 3, column 2).
4 is a span
------------
5
=====  =====",
    )
    .unwrap();
    assert_eq!((t.cols, t.header_rows, t.rows.len()), (2, 1, 6));
    assert_eq!(
        texts(&t)[1..],
        [
            vec!["1", "Second column of row 1."],
            vec!["2", "Second column of row 2./Second line of paragraph."],
            vec![
                "3",
                "- Second column of row 3.//- Second item in bullet/  list (row 3, column 2).",
            ],
            vec!["4 is a span"],
            vec!["5", ""],
        ]
    );
    assert_eq!(cell(&t, 4, 0).morecols, 1);
}

#[test]
fn simple_table_without_header() {
    let t = simple("==  ==\na   b\nc   d\n==  ==").unwrap();
    assert_eq!((t.cols, t.header_rows), (2, 0));
    assert_eq!(texts(&t), [["a", "b"], ["c", "d"]]);
}

#[test]
fn simple_table_errors() {
    let m = malformed(simple("==  ==\naaaa b\n==  =="));
    assert_eq!(
        m.text,
        "Malformed table.\nText in column margin in table line 2."
    );
    assert_eq!(m.span, Span::new(2, 1));
    let m = malformed(simple("===  ===\na    b\n---  -\n===  ==="));
    assert_eq!(
        m.text,
        "Malformed table.\nColumn span incomplete in table line 3."
    );
    let m = malformed(simple("===  ===\na    b\n- ------\n===  ==="));
    assert_eq!(
        m.text,
        "Malformed table.\nColumn span alignment problem in table line 3."
    );
    malformed(simple(
        "==  ==\na   b\n==  ==\nc   d\n==  ==\ne   f\n==  ==",
    ));
    malformed(simple("==  =="));
    malformed(simple("a  b\n==  =="));
}

/// Every grid table of a file: runs of lines starting with `+` or `|`
/// whose first line is a `+-` border.
fn grid_tables(text: &str) -> Vec<(usize, Vec<&str>)> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, line) in text.lines().chain([""]).enumerate() {
        let line = line.trim_end();
        if line.starts_with(['+', '|']) {
            if run.is_empty() {
                start = i;
            }
            run.push(line);
        } else {
            if run.first().is_some_and(|l| l.starts_with("+-")) {
                out.push((start, std::mem::take(&mut run)));
            }
            run.clear();
        }
    }
    out
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

#[test]
fn every_wadl2rst_grid_table_parses() {
    let mut files = Vec::new();
    files_under(
        &Path::new(SHARED).join("corpus/openstack-wadl2rst"),
        &mut files,
    );
    assert!(files.len() >= 261, "corpus not found under {SHARED}");
    let border = |l: &str| l.starts_with("+-") || l.starts_with("+=");
    let (mut tables, mut doubled_dash, mut doubled_any) = (0, 0, 0);
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let (mut dash, mut any) = (false, false);
        for (start, lines) in grid_tables(&text) {
            let first = Span::new(start as u32 + 1, 1);
            let t = parse_grid(&lines, first)
                .unwrap_or_else(|m| panic!("{}:{}: {}", f.display(), m.span.line, m.text));
            tables += 1;
            assert!(t.cols >= 1 && !t.rows.is_empty());
            // Two border lines in a row (`+---+` twice, or the `+===+`
            // header rule then `+---+`) give a body row of empty cells.
            if lines.windows(2).any(|w| border(w[0]) && border(w[1])) {
                any = true;
                dash |= lines
                    .windows(2)
                    .any(|w| w[0].starts_with("+-") && w[1].starts_with("+-"));
                let body = &t.rows[t.header_rows..];
                assert!(body
                    .iter()
                    .any(|r| r.cells.iter().all(|c| c.lines.is_empty())));
            }
        }
        doubled_dash += usize::from(dash);
        doubled_any += usize::from(any);
    }
    assert!(tables > 600, "{tables} tables");
    assert_eq!((doubled_dash, doubled_any), (40, 41));
}

#[test]
fn seed_004_tables() {
    let text = std::fs::read_to_string(Path::new(SHARED).join("seeds/004_b96b098a3dbd31d4.txt"))
        .expect("seed 004");
    let tables = grid_tables(&text);
    assert_eq!(tables.len(), 2);
    let shapes: Vec<(u32, usize, usize)> = tables
        .iter()
        .map(|(start, lines)| {
            let t = parse_grid(lines, Span::new(*start as u32 + 1, 1)).unwrap();
            (t.cols, t.header_rows, t.rows.len())
        })
        .collect();
    assert_eq!(shapes, [(3, 1, 5), (3, 1, 2)]);
    let (start, lines) = &tables[1];
    let t = parse_grid(lines, Span::new(*start as u32 + 1, 1)).unwrap();
    assert_eq!(
        texts(&t)[1],
        ["{image_id}", "csapi:UUID", "The UUID of the image."]
    );
    assert_eq!(cell(&t, 1, 0).span, Span::new(61, 2));
}

#[test]
fn big_tables_are_fast() {
    let mut text = String::from("+----------+----------+----------+\n");
    for i in 0..20_000 {
        text.push_str(&format!("|row {i:<6}|b         |c         |\n"));
        text.push_str("+----------+----------+----------+\n");
    }
    let start = Instant::now();
    let t = grid(&text).unwrap();
    assert_eq!(t.rows.len(), 20_000);
    // Inner `+`s whose borders never close: every corner tries them all.
    let mut bad = String::from(&"+-".repeat(300));
    bad.push_str("+\n");
    for i in 0..600 {
        bad.push_str(if i % 2 == 0 { "| " } else { "+-" });
        bad.push_str(&"| ".repeat(299));
        bad.push_str("|\n");
    }
    bad.push_str(&"+-".repeat(300));
    bad.push('+');
    let _ = grid(&bad);
    let mut simple_text = String::from("==  ==  ==\n");
    for _ in 0..20_000 {
        simple_text.push_str("a   b   c\n");
    }
    simple_text.push_str("==  ==  ==");
    assert_eq!(simple(&simple_text).unwrap().rows.len(), 20_000);
    assert!(
        // A hang guard (quadratic layout would take minutes), not a
        // speed target: benches/growth.rs measures growth.
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
}
