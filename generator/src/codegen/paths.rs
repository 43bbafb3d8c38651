//! Paths of an endpoint: the client's (literal pieces and percent-encoding
//! calls, concatenated at run time) and the axum route's, with catch-all
//! parameters (`{path : .+}`) kept able to span segments.

use super::names::lit;
use super::view::InputView;
use crate::model::{Endpoint, SegmentPart};

/// True for a parameter pattern that may span `/` (`.+`, `.*`).
pub fn is_catch_all(pattern: Option<&str>) -> bool {
    pattern.is_some_and(|p| p.contains(".+") || p.contains(".*"))
}

/// Client path pieces (string literals and encoding calls, concatenated
/// at run time), and the axum route with positional parameter names
/// (`p<segment>`), so routes differing only in parameter names share one
/// matcher node.
pub fn paths(e: &Endpoint, inputs: &[InputView]) -> (String, Vec<String>, String) {
    let mut parts: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut route = String::new();
    let mut k = 0;
    for (si, seg) in e.path.segments().iter().enumerate() {
        text.push('/');
        route.push('/');
        for part in &seg.parts {
            match part {
                SegmentPart::Literal(l) => {
                    text.push_str(l);
                    route.push_str(l);
                }
                SegmentPart::Param { name, pattern } => {
                    if !text.is_empty() {
                        parts.push(lit(&std::mem::take(&mut text)));
                    }
                    let ident = inputs.get(k).map_or("body", |i| i.ident.as_str());
                    k += 1;
                    let catch_all = is_catch_all(pattern.as_deref());
                    let f = if catch_all { "rt::rest" } else { "rt::seg" };
                    parts.push(format!("&{f}({}, &input.{ident})?", lit(name)));
                    route.push_str(&if catch_all {
                        format!("{{*p{si}}}")
                    } else {
                        format!("{{p{si}}}")
                    });
                }
            }
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
    (single, parts, lit(&route))
}
