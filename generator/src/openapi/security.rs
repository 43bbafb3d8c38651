//! Security schemes and per-operation requirements, from each page's auth
//! flag and its dialect's convention.
//!
//! - UForge: HTTP basic (`basicAuth`);
//! - OpenStack (wadl2rst, os-api-ref): the Keystone token in the
//!   `X-Auth-Token` header (`authToken`);
//! - a one-time token the page documents as a query parameter (UForge's
//!   `downloadId`): an API key in the query, under its own name.
//!
//! An endpoint that requires auth lists its dialect's scheme; one with a
//! one-time token also accepts the token alone; one that requires nothing
//! has an empty requirement list (`security: []`).

use crate::model::{Dialect, Endpoint};
use std::collections::BTreeMap;
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityRequirement, SecurityScheme,
};

/// Scheme name of UForge's HTTP basic credentials.
pub const BASIC: &str = "basicAuth";
/// Scheme name of OpenStack's `X-Auth-Token`.
pub const TOKEN: &str = "authToken";

fn dialect_scheme(d: Dialect) -> &'static str {
    match d {
        Dialect::Uforge => BASIC,
        Dialect::Wadl2rst | Dialect::OsApiRef => TOKEN,
    }
}

/// The requirement alternatives of one endpoint, as scheme-name sets; an
/// empty set means "no credentials".
fn alternatives(e: &Endpoint) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    if let Some(t) = &e.auth.one_time_token {
        out.push(vec![t.clone()]);
    }
    if e.auth.required || e.auth.one_time_token.is_some() {
        // A one-time token lets a caller without credentials in; the
        // others still authenticate the dialect's way.
        out.push(vec![dialect_scheme(e.dialect).to_string()]);
    } else {
        out.push(Vec::new());
    }
    out
}

/// The security of an operation: the union of its members' alternatives.
pub fn requirements(members: &[&Endpoint]) -> Vec<SecurityRequirement> {
    let mut sets: Vec<Vec<String>> = Vec::new();
    for e in members {
        for a in alternatives(e) {
            if !sets.contains(&a) {
                sets.push(a);
            }
        }
    }
    // Unauthenticated access is only listed as an alternative when another
    // alternative exists; alone it is `security: []`.
    if sets.len() == 1 && sets[0].is_empty() {
        return Vec::new();
    }
    sets.into_iter()
        .map(|names| {
            names.iter().fold(SecurityRequirement::default(), |r, n| {
                r.add::<_, [&str; 0], &str>(n.as_str(), [])
            })
        })
        .collect()
}

/// The schemes the operations use, by name.
pub fn schemes<'a>(
    endpoints: impl Iterator<Item = &'a Endpoint>,
) -> BTreeMap<String, SecurityScheme> {
    let mut out = BTreeMap::new();
    for e in endpoints {
        for name in alternatives(e).into_iter().flatten() {
            if out.contains_key(&name) {
                continue;
            }
            let scheme = match name.as_str() {
                BASIC => SecurityScheme::Http(
                    Http::builder()
                        .scheme(HttpAuthScheme::Basic)
                        .description(Some("UForge credentials (HTTP basic authentication)."))
                        .build(),
                ),
                TOKEN => SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                    "X-Auth-Token",
                    "A Keystone token, sent on every call by OpenStack convention.",
                ))),
                token => SecurityScheme::ApiKey(ApiKey::Query(ApiKeyValue::with_description(
                    token,
                    "A one-time token that authorises this call without credentials.",
                ))),
            };
            out.insert(name, scheme);
        }
    }
    out
}
