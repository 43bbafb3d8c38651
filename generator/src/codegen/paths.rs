//! Paths of an endpoint: the client's (literal pieces and percent-encoding
//! calls, concatenated at run time) and the axum route's, with catch-all
//! parameters (`{path : .+}`) kept able to span segments.
//!
//! axum allows one parameter per segment, so a segment holding several
//! (`{a}@{b}`) is one capture in the route; the generated handler splits
//! the raw (still percent-encoded) segment at the documented literals, so
//! a value holding the separator (sent encoded) cannot shift the split.

use super::names::lit;
use super::view::InputView;
use crate::model::{Endpoint, SegmentPart};

/// True for a parameter pattern that may span `/` (`.+`, `.*`).
pub fn is_catch_all(pattern: Option<&str>) -> bool {
    pattern.is_some_and(|p| p.contains(".+") || p.contains(".*"))
}

/// The paths of one endpoint.
pub struct Paths {
    /// The client path as one literal, when it has no parameter.
    pub single: String,
    /// Otherwise the pieces to concatenate.
    pub parts: Vec<String>,
    /// The axum route as a literal.
    pub route: String,
    /// The server's expression reading each path input (in input order).
    pub extract: Vec<String>,
    /// Why the route cannot be mounted, if it cannot.
    pub unmountable: Option<String>,
}

/// Client path pieces (string literals and encoding calls, concatenated
/// at run time), and the axum route with positional parameter names
/// (`p<segment>`), so routes differing only in parameter names share one
/// matcher node.
pub fn paths(e: &Endpoint, inputs: &[InputView]) -> Paths {
    let mut parts: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut route = String::new();
    let mut extract = Vec::new();
    let mut unmountable = None;
    let mut k = 0;
    let mut capture = 0;
    let segments = e.path.segments();
    for (si, seg) in segments.iter().enumerate() {
        text.push('/');
        route.push('/');
        let params = seg
            .parts
            .iter()
            .filter(|p| matches!(p, SegmentPart::Param { .. }))
            .count();
        // axum allows a parameter only as a whole segment: text around one
        // (`{id}.json`, even an invisible U+200B) makes it a split capture too
        let shared = params > 1 || (params == 1 && seg.parts.len() > 1);
        // literals before, between and after the parameters of a shared segment
        let mut literals = vec![String::new()];
        for part in &seg.parts {
            match part {
                SegmentPart::Literal(l) => {
                    text.push_str(l);
                    if shared {
                        if let Some(last) = literals.last_mut() {
                            last.push_str(l);
                        }
                    } else {
                        route.push_str(l);
                    }
                }
                SegmentPart::Param { name, pattern } => {
                    if !text.is_empty() {
                        parts.push(lit(&std::mem::take(&mut text)));
                    }
                    let input = inputs.get(k);
                    let ident = input.map_or("body", |i| i.ident.as_str());
                    k += 1;
                    let catch_all = is_catch_all(pattern.as_deref());
                    let f = if catch_all { "rt::rest" } else { "rt::seg" };
                    parts.push(format!("&{f}({}, &input.{ident})?", lit(name)));
                    if shared {
                        extract.push((literals.len() - 1, name.clone()));
                        literals.push(String::new());
                        if catch_all {
                            unmountable = Some(format!(
                                "catch-all `{{{name}}}` shares segment {} with another parameter",
                                si + 1
                            ));
                        }
                    } else {
                        extract.push((usize::MAX, name.clone()));
                        route.push_str(&if catch_all {
                            format!("{{*p{si}}}")
                        } else {
                            format!("{{p{si}}}")
                        });
                    }
                }
            }
        }
        if shared {
            route.push_str(&format!("{{p{si}}}"));
            if literals[1..literals.len() - 1].iter().any(String::is_empty) {
                unmountable = Some(format!(
                    "segment {} holds two parameters with nothing between them",
                    si + 1
                ));
            }
            let back = segments.len() - si - 1;
            if segments[si + 1..].iter().any(|s| {
                s.parts.iter().any(|p| {
                    matches!(p, SegmentPart::Param { pattern, .. } if is_catch_all(pattern.as_deref()))
                })
            }) {
                unmountable = Some(format!(
                    "segment {} holds several parameters and a catch-all follows it",
                    si + 1
                ));
            }
            // The route still captures the segment: a whole-segment
            // parameter after it is the next capture.
            capture += 1;
            let lits: Vec<String> = literals.iter().map(|l| lit(l)).collect();
            for slot in extract.iter_mut().rev().take(params) {
                let expr = format!(
                    "req.path_part({}, {back}, &[{}], {})?",
                    lit(&slot.1),
                    lits.join(", "),
                    slot.0
                );
                *slot = (usize::MAX - 1, expr);
            }
        } else if params == 1 {
            if let Some(slot) = extract.last_mut() {
                *slot = (
                    usize::MAX - 1,
                    format!("req.path({capture}, {})?", lit(&slot.1)),
                );
            }
            capture += 1;
        }
    }
    if route.is_empty() {
        text.push('/');
        route.push('/');
    }
    if !text.is_empty() {
        parts.push(lit(&text));
    }
    let single = if parts.len() == 1 && k == 0 {
        parts.pop().unwrap_or_default()
    } else {
        String::new()
    };
    Paths {
        single,
        parts,
        route: lit(&route),
        extract: extract.into_iter().map(|(_, x)| x).collect(),
        unmountable,
    }
}
