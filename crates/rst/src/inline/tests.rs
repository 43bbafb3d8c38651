//! Unit tests of the inline parser. Expected results are docutils 0.23's
//! (see `docutils-rules.md`, rules I1-I11, F27, F29, SU1); a randomised
//! comparison against docutils itself agreed on every case while this was
//! written.

use super::{parse_inlines, SourceLine};
use crate::ast::{Inline, Level, Message, Span};
use std::time::{Duration, Instant};

/// Lines of `text`, line `n` starting at line `n + 1`, column 1.
fn lines(text: &str) -> Vec<SourceLine<'_>> {
    text.split('\n')
        .enumerate()
        .map(|(i, t)| SourceLine {
            span: Span::new(i as u32 + 1, 1),
            text: t,
        })
        .collect()
}

fn parse(text: &str) -> (Vec<Inline>, Vec<Message>) {
    let mut messages = Vec::new();
    let out = parse_inlines(&lines(text), &mut messages);
    (out, messages)
}

/// A compact rendering: `kind:text` per node.
fn show(nodes: &[Inline]) -> Vec<String> {
    nodes
        .iter()
        .map(|n| match n {
            Inline::Text { text, .. } => format!("text:{text}"),
            Inline::Literal { text, .. } => format!("literal:{text}"),
            Inline::Emphasis { text, .. } => format!("emph:{text}"),
            Inline::Strong { text, .. } => format!("strong:{text}"),
            Inline::Interpreted { text, .. } => format!("interp:{text}"),
            Inline::Role(r) => match &r.target {
                Some(t) => format!("role:{}:{}<{t}>", r.role, r.text),
                None => format!("role:{}:{}", r.role, r.text),
            },
            Inline::Reference(r) => {
                let kind = if r.anonymous { "anon" } else { "ref" };
                let text = &r.text;
                match &r.uri {
                    Some(u) => format!("{kind}:{text}<{u}>"),
                    None => format!("{kind}:{text}"),
                }
            }
            Inline::StandaloneUri { uri, .. } => format!("uri:{uri}"),
            Inline::SubstitutionReference { name, .. } => format!("sub:{name}"),
            Inline::Problematic { text, .. } => format!("problem:{text}"),
        })
        .collect()
}

fn check(text: &str, expected: &[&str]) {
    let (out, _) = parse(text);
    assert_eq!(show(&out), expected, "input: {text:?}");
}

fn codes(text: &str) -> Vec<&'static str> {
    parse(text).1.iter().map(|m| m.code).collect()
}

#[test]
fn plain_text_is_one_node() {
    check(
        "Just words, no markup.\nSecond line.",
        &["text:Just words, no markup.\nSecond line."],
    );
    assert!(parse("").0.is_empty());
    assert!(parse_inlines(&[], &mut Vec::new()).is_empty());
}

#[test]
fn i1_literal_emphasis_strong_interpreted() {
    check(
        "``application/xml`` ``application/json`` *emph* **Example Update: JSON request** `interpreted`",
        &[
            "literal:application/xml",
            "text: ",
            "literal:application/json",
            "text: ",
            "emph:emph",
            "text: ",
            "strong:Example Update: JSON request",
            "text: ",
            "interp:interpreted",
        ],
    );
}

#[test]
fn i5_f29_start_and_end_string_rules() {
    check(
        "a*b*c 2*x*y f(*args*) x**2** ``a``b *a *",
        &[
            "text:a*b*c 2*x*y f(",
            "emph:args",
            "text:) x**2** ",
            "problem:``",
            "text:a``b ",
            "problem:*",
            "text:a *",
        ],
    );
    assert_eq!(
        codes("a*b*c 2*x*y f(*args*) x**2** ``a``b *a *"),
        [
            "inline-literal-unterminated",
            "inline-emphasis-unterminated"
        ]
    );
    check(
        "a*b*c f(*args*) x**2** ``a``b user's \u{201c}*x*\u{201d} see https://uforge.example.com/api/users/{uid} now",
        &[
            "text:a*b*c f(",
            "emph:args",
            "text:) x**2** ",
            "problem:``",
            "text:a``b user's \u{201c}",
            "emph:x",
            "text:\u{201d} see ",
            "uri:https://uforge.example.com/api/users",
            "text:/{uid} now",
        ],
    );
}

#[test]
fn quoted_and_lone_start_strings_are_text() {
    check(
        "'*' (*) \"*\" [*] {*} <*> ** * x",
        &["text:'*' (*) \"*\" [*] {*} <*> ** * x"],
    );
    check("x * y, 2 * 3 = 6", &["text:x * y, 2 * 3 = 6"]);
    // A start-string at the end of the text is not markup either.
    check("end *", &["text:end *"]);
    check("a `", &["text:a `"]);
}

#[test]
fn emphasis_followed_by_punctuation() {
    check("*x*: y", &["emph:x", "text:: y"]);
    check("(*x*)", &["text:(", "emph:x", "text:)"]);
    check("-*x*-", &["text:-", "emph:x", "text:-"]);
    // Not followed by a delimiter: the end-string is not recognised.
    let (out, msgs) = parse("*x*y");
    assert_eq!(show(&out), ["problem:*", "text:x*y"]);
    assert_eq!(msgs.len(), 1);
}

#[test]
fn i6_unterminated_literal_is_problematic_with_warning() {
    let (out, msgs) = parse("x * y, 2 * 3 = 6, and ``unclosed literal");
    assert_eq!(
        show(&out),
        [
            "text:x * y, 2 * 3 = 6, and ",
            "problem:``",
            "text:unclosed literal"
        ]
    );
    assert_eq!(msgs.len(), 1);
    assert_eq!(msgs[0].level, Level::Warning);
    assert_eq!(msgs[0].code, "inline-literal-unterminated");
    assert_eq!(
        msgs[0].text,
        "Inline literal start-string without end-string."
    );
    assert_eq!(msgs[0].span, Span::new(1, 23));
}

#[test]
fn unterminated_messages_per_kind() {
    let cases = [
        (
            "*emph",
            "inline-emphasis-unterminated",
            "Inline emphasis start-string without end-string.",
        ),
        (
            "**strong",
            "inline-strong-unterminated",
            "Inline strong start-string without end-string.",
        ),
        (
            "`interp",
            "inline-interpreted-unterminated",
            "Inline interpreted text or phrase reference start-string without end-string.",
        ),
        (
            "|sub",
            "inline-substitution-unterminated",
            "Inline substitution_reference start-string without end-string.",
        ),
        (
            "_`target",
            "inline-target-unterminated",
            "Inline target start-string without end-string.",
        ),
    ];
    for (text, code, message) in cases {
        let (out, msgs) = parse(text);
        assert!(matches!(out[0], Inline::Problematic { .. }), "{text}");
        assert_eq!(msgs.len(), 1, "{text}");
        assert_eq!((msgs[0].code, msgs[0].text.as_ref()), (code, message));
    }
}

#[test]
fn empty_content_is_not_markup() {
    // `***` is a strong start-string whose end-string would enclose
    // nothing; the remaining `*` then counts as being at the text start.
    check("***", &["problem:**", "problem:*"]);
    check("x ****", &["text:x ", "problem:**", "problem:**"]);
    assert_eq!(codes("***").len(), 2);
}

#[test]
fn i7_backslash_escapes() {
    check(
        "\\*not emph\\* a\\ b ``C:\\path\\*`` \\\\",
        &["text:*not emph* ab ", "literal:C:\\path\\*", "text: \\"],
    );
    check("un\\ *emph*\\ ed", &["text:un", "emph:emph", "text:ed"]);
    // Backslash-newline disappears.
    check("a\\\nb", &["text:ab"]);
    // An escaped end-string does not close.
    check("*a\\*b*", &["emph:a*b"]);
    check("\\`x`", &["text:`x`"]);
}

#[test]
fn i8_multi_line_emphasis() {
    check(
        "*(Since Image API v2.0)* and *Since v2.5, an image\ncannot have members.*",
        &[
            "emph:(Since Image API v2.0)",
            "text: and ",
            "emph:Since v2.5, an image\ncannot have members.",
        ],
    );
}

#[test]
fn i10_no_nesting() {
    check(
        "**bold *not-em* still bold**",
        &["strong:bold *not-em* still bold"],
    );
    // The first `*` followed by a delimiter closes the emphasis.
    check("*a **b** c*", &["emph:a **b*", "text: c*"]);
}

#[test]
fn i11_non_ascii_quotes() {
    check(
        "User\u{b4}s private \u{201c}Software Library\u{201d} and \u{201c}*x*\u{201d}",
        &[
            "text:User\u{b4}s private \u{201c}Software Library\u{201d} and \u{201c}",
            "emph:x",
            "text:\u{201d}",
        ],
    );
    // A closing quote right after the start-string: quoted, not markup.
    check(
        "\u{201c}*\u{201d} \u{ab}*\u{bb}",
        &["text:\u{201c}*\u{201d} \u{ab}*\u{bb}"],
    );
}

#[test]
fn i3_f27_roles_with_explicit_titles() {
    check(
        "(:ref:`UriList-object`) and :ref:`Image Data\n<image-data>` section",
        &[
            "text:(",
            "role:ref:UriList-object",
            "text:) and ",
            "role:ref:Image Data<image-data>",
            "text: section",
        ],
    );
    check(
        "see the :ref:`Image Data\n   <image-data>` section",
        &[
            "text:see the ",
            "role:ref:Image Data<image-data>",
            "text: section",
        ],
    );
    // Suffix form, escaped bracket, whitespace collapse, empty title.
    check("`x`:doc:", &["role:doc:x"]);
    check(":term:`a \\<b>`", &["role:term:a <b>"]);
    check(":any:`two\n  lines`", &["role:any:two lines"]);
    check(":ref:`<only-target>`", &["role:ref:<only-target>"]);
    check(":py:func:`f`", &["role:py:func:f"]);
}

#[test]
fn role_spans_and_messages() {
    let (out, msgs) = parse("x :r:`a`:s: y");
    assert_eq!(show(&out), ["text:x ", "problem::r:`a`:s:", "text: y"]);
    assert_eq!(msgs[0].code, "inline-multiple-roles");
    let (out, msgs) = parse(":r:`a`_");
    assert_eq!(show(&out), ["problem::r:`a`_"]);
    assert_eq!(
        msgs[0].text,
        "Mismatch: both interpreted text role prefix and reference suffix."
    );
    // Not a role: the colon is preceded by a letter, so only `text` is
    // interpreted.
    check("x:ref:`y`", &["text:x:ref:", "interp:y"]);
}

#[test]
fn i4_f14_embedded_uri_references() {
    check(
        "`Request <DELETE_x_.rst#request>`__\n`hammr <http://hammr.io>`_ tool",
        &[
            "anon:Request<DELETE_x_.rst#request>",
            "text:\n",
            "ref:hammr<http://hammr.io>",
            "text: tool",
        ],
    );
    check("`<http://a.b/c>`_", &["ref:http://a.b/c<http://a.b/c>"]);
    check("`mail <me@x.org>`_", &["ref:mail<mailto:me@x.org>"]);
    // Whitespace inside the URI is dropped.
    check("`t <http://a.b/\n  c>`_", &["ref:t<http://a.b/c>"]);
    // An alias ending in `_` names another target.
    check("`t <other_>`_", &["ref:t"]);
    // No space before `<`: not an embedded URI.
    check("`a<b>`_", &["ref:a<b>"]);
}

#[test]
fn simple_references() {
    check(
        "see name_ and anon__ or x-y_, a.b_; `Phrase ref`_",
        &[
            "text:see ",
            "ref:name",
            "text: and ",
            "anon:anon",
            "text: or ",
            "ref:x-y",
            "text:, ",
            "ref:a.b",
            "text:; ",
            "ref:Phrase ref",
        ],
    );
    // Not references: `_` inside a word, or followed by a letter.
    check("snake_case __init__ a_b", &["text:snake_case __init__ a_b"]);
    check("foo_bar_", &["ref:foo_bar"]);
    // A name starts after a `-` or `:` when its beginning cannot.
    check("a*x-y_", &["text:a*x-", "ref:y"]);
    check("\u{e9}*x:y.z_ b", &["text:\u{e9}*x:", "ref:y.z", "text: b"]);
    // ... and right after markup, as the rest of the text starts there.
    check("*x-y_", &["problem:*", "ref:x-y"]);
}

#[test]
fn su1_substitutions_and_escaped_space() {
    check(
        "|p-start|\\ The format of ``disk``.",
        &[
            "sub:p-start",
            "text:The format of ",
            "literal:disk",
            "text:.",
        ],
    );
    check(
        "|desc| and |missing|",
        &["sub:desc", "text: and ", "sub:missing"],
    );
    check("|a|_ |b|__", &["sub:a", "text: ", "sub:b"]);
    check("a || b", &["text:a || b"]);
}

#[test]
fn inline_target_reads_as_text() {
    check("a _`target` b", &["text:a target b"]);
}

#[test]
fn i9_standalone_uris_and_email() {
    check(
        "See https://uforge.example.com/api/users/{uid} or bob@example.com.",
        &[
            "text:See ",
            "uri:https://uforge.example.com/api/users",
            "text:/{uid} or ",
            "uri:bob@example.com",
            "text:.",
        ],
    );
    check(
        "(http://a.b/c?q=1&r=2#frag), ftp://f.org/x. mailto:a@b.c",
        &[
            "text:(",
            "uri:http://a.b/c?q=1&r=2#frag",
            "text:), ",
            "uri:ftp://f.org/x",
            "text:. ",
            "uri:mailto:a@b.c",
        ],
    );
    // Trailing punctuation is not part of the URI.
    check(
        "at http://x.org/a.",
        &["text:at ", "uri:http://x.org/a", "text:."],
    );
    // Not URIs.
    check("xsd:string csapi:UUID", &["text:xsd:string csapi:UUID"]);
    check("Note: x@", &["text:Note: x@"]);
}

#[test]
fn unknown_scheme_first_leaves_the_rest_unlinked() {
    // docutils quirk: the first URI-shaped match decides for the segment.
    check(
        "xsd:string see http://x.org",
        &["text:xsd:string see http://x.org"],
    );
    check(
        "http://x.org xsd:string",
        &["uri:http://x.org", "text: xsd:string"],
    );
}

#[test]
fn markup_between_uris_splits_segments() {
    check(
        "``a`` http://x.org/p ``b``",
        &[
            "literal:a",
            "text: ",
            "uri:http://x.org/p",
            "text: ",
            "literal:b",
        ],
    );
}

#[test]
fn spans_point_at_first_source_character() {
    let src = [
        SourceLine {
            span: Span::new(10, 5),
            text: "caf\u{e9} *x*",
        },
        SourceLine {
            span: Span::new(11, 3),
            text: "\u{201c}a\u{201d} ``lit`` http://h.io",
        },
    ];
    let mut msgs = Vec::new();
    let out = parse_inlines(&src, &mut msgs);
    let spans: Vec<Span> = out.iter().map(Inline::span).collect();
    assert_eq!(
        spans,
        [
            Span::new(10, 5),  // "café "
            Span::new(10, 10), // *x*
            Span::new(10, 13), // "\n“a” " starts with the newline after *x*
            Span::new(11, 7),  // ``lit``
            Span::new(11, 14), // " "
            Span::new(11, 15), // http://h.io
        ]
    );
    assert!(msgs.is_empty());
}

#[test]
fn message_span_is_the_start_string() {
    let src = [
        SourceLine {
            span: Span::new(3, 4),
            text: "one",
        },
        SourceLine {
            span: Span::new(4, 4),
            text: "two ``three",
        },
    ];
    let mut msgs = Vec::new();
    parse_inlines(&src, &mut msgs);
    assert_eq!(msgs[0].span, Span::new(4, 8));
}

#[test]
fn text_nodes_are_merged() {
    let (out, _) = parse("a _`b` c (*) d");
    assert_eq!(show(&out), ["text:a b c (*) d"]);
}

#[test]
fn odd_input_does_not_panic() {
    let inputs = [
        "\\",
        "`",
        "``",
        "*",
        "|",
        "_",
        ":",
        "@",
        "\0",
        "\\\u{e9}",
        "`\u{e9}`_",
        ":\u{e9}:`x`",
        "\u{e9}_",
        "x\u{301}_",
        "a@\u{e9}",
        "http://\u{e9}",
        "<",
        "`<>`_",
        "` <x>`_",
        "`x <\\>`_",
        "|\u{1f600}|",
        "*\u{1f600}*",
        "\u{3008}*\u{3009}",
        "a\u{a0}*b*",
        "mailto:",
        "a@b",
        "a.@b",
        "`x`:r:_",
        "`x`__:",
        ":a:`",
        "x:`y`",
    ];
    for text in inputs {
        let (out, _) = parse(text);
        let joined: String = out.iter().map(Inline::plain_text).collect();
        assert!(joined.len() <= text.len() + 8, "{text:?} -> {out:?}");
    }
}

/// Time one parse of `text`.
fn timed(text: &str) -> (Duration, usize) {
    let start = Instant::now();
    let (out, msgs) = parse(text);
    (start.elapsed(), out.len() + msgs.len())
}

/// Debug builds are slow and CI machines are busy: the bounds only catch
/// quadratic behaviour (which would take minutes here), not regressions of
/// a few percent; speed itself is measured by `benches/growth.rs`. A
/// 10 MB line took 13 s here in a debug build with the load average at
/// 14, hence the margin.
const LINEAR: Duration = Duration::from_secs(90);

#[test]
fn ten_megabyte_line_is_fast() {
    let plain = "lorem ipsum dolor sit amet, ".repeat(10 * 1024 * 1024 / 28);
    let (t, n) = timed(&plain);
    assert_eq!(n, 1);
    assert!(t < LINEAR, "plain 10 MB: {t:?}");
    let marked = "word *emph* ``lit`` name_ |s| http://x.y/z a@b.c ".repeat(200_000);
    let (t, n) = timed(&marked);
    assert!(n > 1_000_000);
    assert!(t < LINEAR, "marked-up 10 MB: {t:?}");
}

#[test]
fn pathological_input_stays_linear() {
    let cases = [
        "`".repeat(100_000),
        "``a ".repeat(100_000),
        "*a ".repeat(100_000),
        "**a ".repeat(100_000),
        "`a ".repeat(100_000),
        "|a ".repeat(100_000),
        "_`a ".repeat(100_000),
        ":r:`a ".repeat(100_000),
        "a-".repeat(200_000) + "_",
        "-a".repeat(200_000) + "_x",
        ":a".repeat(200_000),
        "a:".repeat(200_000),
        "(a:".repeat(200_000) + "{",
        "-a@".repeat(200_000),
        "a.".repeat(200_000) + "@b",
        "x@a.".repeat(200_000),
        "http://".repeat(100_000),
        "\\".repeat(200_000),
        "<a".repeat(200_000),
        "`x <".repeat(100_000) + ">`_",
    ];
    for text in &cases {
        let (t, _) = timed(text);
        assert!(t < LINEAR, "{:?}...: {t:?}", &text[..12]);
    }
}
