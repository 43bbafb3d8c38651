//! Document-level rewrites of the serialised document: a canonical key
//! order, and the 3.1 → 3.0.3 conversion.

use serde_json::{Map, Value};

/// Every object's keys in sorted order, whatever map type serde_json was
/// built with (`utoipa` keeps `x-` extensions in a `HashMap`, whose order
/// would otherwise leak into the output).
pub fn canonical(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            let mut out = Map::new();
            for (k, v) in entries {
                out.insert(k, canonical(v));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        other => other,
    }
}

/// Rewrite a 3.1 document produced by this exporter as OpenAPI 3.0.3, in
/// place. Returns how many schemas were rewritten.
///
/// The exporter uses a subset of 3.1 on purpose, so the conversion is
/// small and total for its output:
/// - `openapi` becomes `3.0.3`;
/// - a binary body `{type: string, contentMediaType: M}` becomes
///   `{type: string, format: binary}` (3.0's spelling; the media type
///   stays the key of the `content` entry, so nothing is lost).
///
/// What the exporter never emits needs no rule: `type` arrays / `null`,
/// `const`, schema `examples`, `$ref` siblings, `webhooks`,
/// `license.identifier`, `info.summary`.
pub fn down_to_3_0(doc: &mut Value) -> usize {
    if let Some(o) = doc.as_object_mut() {
        o.insert("openapi".into(), Value::String("3.0.3".into()));
    }
    let mut n = 0;
    rewrite(doc, &mut n);
    n
}

fn rewrite(v: &mut Value, n: &mut usize) {
    match v {
        Value::Object(map) => {
            let string = map.get("type") == Some(&Value::String("string".into()));
            if string && map.remove("contentMediaType").is_some() {
                map.insert("format".into(), Value::String("binary".into()));
                *n += 1;
            }
            for child in map.values_mut() {
                rewrite(child, n);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|c| rewrite(c, n)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn binary_bodies_become_format_binary_and_keys_are_sorted() {
        let mut doc = canonical(json!({
            "openapi": "3.1.0",
            "paths": {"/f": {"get": {"responses": {"200": {"description": "OK",
                "content": {"application/octet-stream": {"schema":
                    {"type": "string", "contentMediaType": "application/octet-stream"}}}}}}}}
        }));
        assert_eq!(down_to_3_0(&mut doc), 1);
        assert_eq!(doc["openapi"], "3.0.3");
        let s = &doc["paths"]["/f"]["get"]["responses"]["200"]["content"]
            ["application/octet-stream"]["schema"];
        assert_eq!(s, &json!({"format": "binary", "type": "string"}));
        let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["openapi", "paths"]);
    }
}
