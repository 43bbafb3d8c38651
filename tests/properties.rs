//! Properties (proptest) of the reader, the dialects and codegen's names:
//! - reading never panics, on arbitrary bytes, arbitrary UTF-8 and text
//!   built from RST's own markers;
//! - every endpoint-bearing line of a generated page ends as an endpoint or
//!   an error diagnostic at its line (the accounting invariant, counted by
//!   the independent scan in `route_scan`);
//! - generated identifiers are valid Rust, and unique, for arbitrary names;
//! - path templates round-trip through their text for any parameter name,
//!   pattern and literal, and lenient parsing repairs to the same template.
//!
//! The generated crate's own property (`generated/tests/roundtrip.rs`)
//! covers path parameter *values* through the generated client and router.

mod route_scan;

use proptest::prelude::*;
use restdoc::codegen::names::{pascal, snake, Namer};
use restdoc::model::PathTemplate;
use restdoc::rst;
use restdoc::source::{decode, read_corpus, Corpus};

/// Read `text` as page `name` through the whole page-to-model pipeline.
fn pipeline(name: &str, text: &str) -> (restdoc::Api, Vec<restdoc::Diagnostic>) {
    let corpus = Corpus::from_texts(vec![(name.to_string(), text.to_string())]);
    read_corpus(&corpus)
}

/// Lines made of what RST and the three formats are built from, so the
/// reader's deeper states are reached, not just "paragraph of noise".
fn rst_line() -> impl Strategy<Value = String> {
    let indent = prop_oneof![
        Just(""),
        Just("   "),
        Just("\t"),
        Just("  * "),
        Just("    ")
    ];
    let body = prop_oneof![
        Just(String::new()),
        Just("Title".to_string()),
        "[=~\\-^`#*+]{1,12}",
        Just(".. function:: GET /users/{uid}".to_string()),
        Just(".. rest_method:: POST /v2/{id}/action".to_string()),
        Just(".. code-block:: javascript".to_string()),
        Just("GET /v2/images/{image_id}/file".to_string()),
        Just(".. sidebar:: Summary".to_string()),
        Just("* Method: ``GET``".to_string()),
        Just("* Response Code: ``200 / 304``".to_string()),
        Just(".. rest_parameters:: parameters.yaml".to_string()),
        Just("- image_id: image_id-in-path".to_string()),
        Just("Normal response codes: 200, 204".to_string()),
        Just(".. _label:".to_string()),
        Just(".. include:: other.inc".to_string()),
        Just(":option: value".to_string()),
        Just("+------+-----+".to_string()),
        Just("| a    | b   |".to_string()),
        Just("+======+=====+".to_string()),
        Just("=====  =====".to_string()),
        Just("::".to_string()),
        "[a-z `*_:|\\\\<>\\[\\]{}()/.-]{0,30}",
        any::<String>(),
    ];
    (indent, body).prop_map(|(i, b)| format!("{i}{b}"))
}

fn rst_page() -> impl Strategy<Value = String> {
    prop::collection::vec(rst_line(), 0..40).prop_map(|l| l.join("\n"))
}

/// A page of one of the three formats, with each endpoint's route drawn
/// from good and broken methods and paths, and noise lines between.
fn format_page() -> impl Strategy<Value = String> {
    let method = prop_oneof![
        Just("GET"),
        Just("POST"),
        Just("DELETE"),
        Just("GETT"),
        Just("get"),
        Just(""),
        Just("METHOD")
    ];
    let path = prop_oneof![
        Just("/users/{uid}/things/{tid}".to_string()),
        Just("/v2/images/{image_id}/file".to_string()),
        Just("users//x/".to_string()),
        Just("/a/{".to_string()),
        Just("/{x}/{x}".to_string()),
        Just("/files/{path : .+}".to_string()),
        "[/a-z{}:. ]{0,20}",
    ];
    let route = (method, path).prop_map(|(m, p)| format!("{m} {p}"));
    let endpoint = (0..4usize, route, rst_line()).prop_map(|(kind, route, noise)| match kind {
        0 => format!(
            "thing\n-----\n\n.. function:: {route}\n\n.. sidebar:: Summary\n\n\t* Method: ``GET``\n\t* Response Code: ``200``\n\n{noise}\n"
        ),
        1 => format!(
            "Thing\n=====\n\n.. rest_method:: {route}\n\nNormal response codes: 200\n\n{noise}\n"
        ),
        2 => format!(".. rest_method::\n   {route}\n\n{noise}\n"),
        _ => format!("Call\n~~~~\n\n.. code-block:: javascript\n\n    {route}\n\n{noise}\n"),
    });
    prop::collection::vec(endpoint, 1..4).prop_map(|e| e.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn reading_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        // What `read_api` does with a file: decode (or refuse with a
        // position), then parse and read it.
        match decode(bytes) {
            Ok(text) => {
                pipeline("page.rst", &text);
            }
            Err((line, col, _)) => prop_assert!(line >= 1 && col >= 1),
        }
    }

    #[test]
    fn reading_arbitrary_utf8_never_panics(text in any::<String>()) {
        rst::parse(&text);
        pipeline("page.rst", &text);
    }

    #[test]
    fn reading_rst_shaped_text_never_panics(text in rst_page()) {
        let doc = rst::parse(&text);
        // Every span the reader gives points into the page.
        let lines = route_scan::split_lines(&text).len() as u32 + 1;
        for m in &doc.messages {
            prop_assert!(m.span.line >= 1 && m.span.line <= lines.max(1), "{m:?}");
        }
        pipeline("page.rst", &text);
        pipeline("dto-objects/page.rst", &text);
    }

    #[test]
    fn every_route_line_is_an_endpoint_or_an_error(page in format_page()) {
        let (api, diagnostics) = pipeline("api/page.rst", &page);
        let lost = route_scan::lost(&page, "api/page.rst", &api, &diagnostics);
        prop_assert!(lost.is_empty(), "lost {lost:?} in\n{page}");
    }

    #[test]
    fn every_route_line_of_noise_is_accounted_for(page in rst_page()) {
        let (api, diagnostics) = pipeline("api/page.rst", &page);
        let lost = route_scan::lost(&page, "api/page.rst", &api, &diagnostics);
        prop_assert!(lost.is_empty(), "lost {lost:?} in\n{page}");
    }

    #[test]
    fn identifiers_are_valid_rust(name in any::<String>()) {
        for ident in [snake(&name), pascal(&name)].into_iter().flatten() {
            prop_assert!(syn::parse_str::<syn::Ident>(&ident).is_ok(), "{name:?} -> {ident}");
        }
        // A name with a letter always gives an identifier.
        if name.chars().any(|c| c.is_ascii_alphabetic()) {
            prop_assert!(snake(&name).is_some() && pascal(&name).is_some(), "{name:?}");
        }
    }

    #[test]
    fn identifiers_are_unique_in_a_namespace(
        names in prop::collection::vec(
            prop_oneof!["[a-zA-Z_ 0-9-]{1,8}", Just("type".to_string()), Just("self".to_string()),
                        Just("foo_2".to_string()), Just("foo".to_string())],
            1..40,
        ),
    ) {
        let mut snakes = Namer::default();
        let mut types = Namer::default();
        let mut seen = (std::collections::BTreeSet::new(), std::collections::BTreeSet::new());
        for n in &names {
            if let Some(s) = snake(n) {
                let u = snakes.unique(&s);
                prop_assert!(syn::parse_str::<syn::Ident>(&u).is_ok(), "{u}");
                prop_assert!(seen.0.insert(u.trim_start_matches("r#").to_string()), "{u} twice");
            }
            if let Some(p) = pascal(n) {
                let u = types.unique(&p);
                prop_assert!(syn::parse_str::<syn::Ident>(&u).is_ok(), "{u}");
                prop_assert!(seen.1.insert(u.trim_start_matches("r#").to_string()), "{u} twice");
            }
        }
    }

    #[test]
    fn path_templates_round_trip(segments in prop::collection::vec(segment(), 0..8)) {
        // Parameter names must differ: number them.
        let mut n = 0;
        let text: String = segments
            .iter()
            .map(|s| {
                let numbered: Vec<String> = s
                    .split("{N")
                    .enumerate()
                    .map(|(k, piece)| {
                        if k == 0 {
                            piece.to_string()
                        } else {
                            n += 1;
                            format!("{{p{n}_{piece}")
                        }
                    })
                    .collect();
                format!("/{}", numbered.concat())
            })
            .collect();
        let text = if text.is_empty() { "/".to_string() } else { text };
        let p = PathTemplate::parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(p.to_string(), text.clone());
        prop_assert_eq!(PathTemplate::parse(&p.to_string()).ok(), Some(p.clone()));
        // What docs get wrong is repaired to the same template.
        let messy = format!("{}/", text.trim_start_matches('/').replace('/', "//"));
        let (q, _) = PathTemplate::parse_lenient(&messy)
            .map_err(|e| TestCaseError::fail(format!("{messy}: {e}")))?;
        prop_assert_eq!(q, p);
    }

    /// Squashing whitespace equals splitting on it and joining with one
    /// space, for ASCII text full of every kind of gap (the fast path) and
    /// for any text.
    #[test]
    fn squashed_whitespace_is_words_joined_by_one_space(
        ascii in "[ a\\t\\n\\x0b\\x0c\\r.]{0,40}",
        any_text in any::<String>(),
    ) {
        for t in [ascii.as_str(), any_text.as_str()] {
            let words: Vec<&str> = t.split_whitespace().collect();
            prop_assert_eq!(rst::squash_whitespace(t), words.join(" "));
        }
    }

    /// Comparing a name with a normalised one word by word agrees with
    /// normalising it first, for any name: heading words in any case and
    /// spacing, Unicode that lower-cases to ASCII (the Kelvin sign),
    /// whitespace of every kind.
    #[test]
    fn normalized_eq_agrees_with_normalize_name(
        words in prop::collection::vec(
            prop_oneof![
                Just("Security"), Just("SUMMARY"), Just("summary"), Just("\u{212a}ey"),
                Just("key"), Just("Query"), Just("parameters"), Just("Σ"), Just("")
            ],
            0..4,
        ),
        gaps in prop::collection::vec(prop_oneof!["[ \\t\\n\\x0b\\x0c\\r]{1,3}", "[ \\t\\n\\u{a0}\\u{2003}]{1,3}"], 4),
        any_name in any::<String>(),
    ) {
        let mut crafted = String::new();
        for (w, g) in words.iter().zip(&gaps) {
            crafted.push_str(g);
            crafted.push_str(w);
        }
        if words.len() % 2 == 1 {
            crafted.push_str(&gaps[3]); // trailing gaps too
        }
        let targets = ["security summary", "summary", "key", "query parameters", "", "key summary"];
        for name in [crafted.as_str(), any_name.as_str()] {
            for t in targets {
                prop_assert_eq!(rst::normalized_eq(name, t), rst::normalize_name(name) == t, "{:?} vs {:?}", name, t);
            }
            let own = rst::normalize_name(name);
            if own.is_ascii() {
                prop_assert!(rst::normalized_eq(name, &own));
            }
        }
    }

    #[test]
    fn path_parsing_never_panics(raw in any::<String>()) {
        if let Ok(p) = PathTemplate::parse(&raw) {
            prop_assert_eq!(PathTemplate::parse(&p.to_string()).ok(), Some(p));
        }
        let _ = PathTemplate::parse_lenient(&raw);
    }
}

/// One segment: literals of path characters and parameters (`{N…}` is
/// numbered by the caller), with or without a pattern.
fn segment() -> impl Strategy<Value = String> {
    let literal = "[A-Za-z0-9._~!$&'()*+,;=:@%-]{1,6}";
    let name = "[A-Za-z0-9_.-]{0,6}";
    let pattern = prop_oneof![
        Just(None),
        Just(Some(".+")),
        Just(Some("[a-z]{2}")),
        Just(Some("\\d+"))
    ];
    let param = (name, pattern).prop_map(|(n, p)| match p {
        Some(p) => format!("{{N{n} : {p}}}"),
        None => format!("{{N{n}}}"),
    });
    let part = prop_oneof![literal.prop_map(String::from), param];
    prop::collection::vec(part, 1..4).prop_map(|parts| parts.concat())
}
