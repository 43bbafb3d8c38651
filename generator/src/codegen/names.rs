//! Rust identifiers from documented names: case conversion with `heck`,
//! validation with `syn`, keywords turned into raw identifiers, and stable
//! numeric suffixes when two names land on the same identifier.

use heck::{ToSnakeCase, ToUpperCamelCase};
use quote::ToTokens;
use std::collections::BTreeSet;

/// Keywords that cannot be raw identifiers: they get a `_` suffix instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Keep what can appear in an identifier; everything else separates words.
fn clean(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Turn already-cased text into an identifier token string (`r#type`,
/// `self_`), or `None` when it has no letter to start from.
fn to_ident(cased: &str) -> Option<String> {
    if !cased.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let text = if cased.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{cased}")
    } else {
        cased.to_string()
    };
    if NOT_RAW.contains(&text.as_str()) {
        return Some(format!("{text}_"));
    }
    match syn::parse_str::<syn::Ident>(&text) {
        Ok(id) => Some(id.to_token_stream().to_string()),
        Err(_) => {
            let raw = proc_macro2::Ident::new_raw(&text, proc_macro2::Span::call_site());
            Some(raw.to_string())
        }
    }
}

/// `snake_case` identifier for a function, field or module.
pub fn snake(raw: &str) -> Option<String> {
    to_ident(&clean(raw).to_snake_case())
}

/// `UpperCamelCase` identifier for a type or variant (one starting with a
/// digit, such as a UUID used as a member name, gets an `N` before it).
pub fn pascal(raw: &str) -> Option<String> {
    let cased = clean(raw).to_upper_camel_case();
    if cased.starts_with(|c: char| c.is_ascii_digit()) {
        return to_ident(&format!("N{cased}"));
    }
    to_ident(&cased)
}

/// Hands out identifiers unique within one namespace: the second `foo`
/// becomes `foo_2`, the third `foo_3`. Callers ask in a sorted order, so the
/// suffixes are the same on every run.
#[derive(Debug, Default)]
pub struct Namer {
    taken: BTreeSet<String>,
}

impl Namer {
    /// Reserve a name the generated code already uses in this namespace.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    /// A unique identifier derived from `ident` (already a valid identifier).
    pub fn unique(&mut self, ident: &str) -> String {
        if self.taken.insert(ident.to_string()) {
            return ident.to_string();
        }
        let base = ident.trim_start_matches("r#");
        let sep = if base.ends_with(|c: char| c.is_ascii_digit())
            || base.contains('_')
            || base.starts_with(char::is_lowercase)
        {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{base}{sep}{n}"))
            .find(|c| self.taken.insert(c.clone()))
            .unwrap_or_default()
    }
}

/// A Rust string literal token for `text` (quotes and escapes included).
pub fn lit(text: &str) -> String {
    proc_macro2::Literal::string(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_and_odd_names() {
        assert_eq!(snake("type").as_deref(), Some("r#type"));
        assert_eq!(snake("self").as_deref(), Some("self_"));
        assert_eq!(pascal("Self").as_deref(), Some("Self_"));
        assert_eq!(
            snake("machineImage_downloadFile").as_deref(),
            Some("machine_image_download_file")
        );
        assert_eq!(pascal("region_state").as_deref(), Some("RegionState"));
        assert_eq!(snake("3dModel").as_deref(), Some("n3d_model"));
        assert_eq!(pascal("3d-model").as_deref(), Some("N3dModel"));
        assert_eq!(snake("!!!"), None);
        assert_eq!(snake("123"), None);
    }

    #[test]
    fn collisions_get_stable_suffixes() {
        let mut n = Namer::default();
        assert_eq!(n.unique("foo"), "foo");
        assert_eq!(n.unique("foo"), "foo_2");
        assert_eq!(n.unique("foo"), "foo_3");
        assert_eq!(n.unique("Foo"), "Foo");
        assert_eq!(n.unique("Foo"), "Foo2");
        assert_eq!(n.unique("r#type"), "r#type");
        assert_eq!(n.unique("r#type"), "type_2");
    }
}
