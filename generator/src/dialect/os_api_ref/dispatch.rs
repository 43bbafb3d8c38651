//! Which action an endpoint is, when several share one method and route
//! (`POST .../action`): the single top-level member of its JSON request
//! body. The request sample the page includes shows that member
//! (`{"os-extend": {...}}`); without a sample, the one required body
//! parameter of object type stands for it. The set-level pass
//! ([`crate::dialect::common::finish`]) keeps the key only where another
//! endpoint shares the route.

use crate::model::{Dispatch, Param, TypeRef};
use serde::de::IgnoredAny;
use std::collections::BTreeMap;

/// The body key of an endpoint from its request sample (JSON text) or,
/// failing that, its documented request body fields.
pub(crate) fn body_key(sample: Option<&str>, fields: &[Param]) -> Option<Dispatch> {
    if let Some(top) =
        sample.and_then(|s| serde_json::from_str::<BTreeMap<String, IgnoredAny>>(s).ok())
    {
        let mut keys = top.into_keys();
        return match (keys.next(), keys.next()) {
            (Some(k), None) => Some(Dispatch::BodyKey(k)),
            _ => None,
        };
    }
    let mut objects = fields
        .iter()
        .filter(|p| p.required && matches!(p.ty, TypeRef::Any | TypeRef::Object(_)));
    match (objects.next(), objects.next()) {
        (Some(p), None) => Some(Dispatch::BodyKey(p.name.clone())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ParamLocation;

    fn field(name: &str, ty: TypeRef, required: bool) -> Param {
        Param {
            name: name.into(),
            location: ParamLocation::Body,
            required,
            ty,
            description: String::new(),
            min_version: None,
            max_version: None,
            fixed: None,
            example: None,
            documented: true,
            source: None,
        }
    }

    #[test]
    fn sample_decides_then_fields() {
        let key = |k: &str| Some(Dispatch::BodyKey(k.into()));
        let fields = [
            field("size", TypeRef::Integer, true),
            field("grow", TypeRef::Any, true),
        ];
        assert_eq!(body_key(Some(r#"{"grow": {"size": 3}}"#), &[]), key("grow"));
        assert_eq!(body_key(Some(r#"{"a": 1, "b": 2}"#), &fields), None);
        assert_eq!(body_key(Some("not json"), &fields), key("grow"));
        assert_eq!(body_key(None, &fields), key("grow"));
        assert_eq!(body_key(None, &fields[..1]), None);
    }
}
