//! HTTP details the generated types leave to the implementation: byte
//! ranges (RFC 9110 §14), entity-tag matching for `If-None-Match`, and the
//! per-request scope through which a handler adds what its documented
//! response enum cannot carry (`Content-Length`, `Accept-Ranges`, the
//! `Content-Range` of a `416`, an undocumented refusal) and learns who the
//! authentication hook let in.

use crate::download_ids::Grant;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// What a `Range` request header asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeRequest {
    /// One byte range: `first-last`, `first-`, or `-suffix` (`first: None`).
    Single {
        /// First byte, or `None` for a suffix range.
        first: Option<u64>,
        /// Last byte (inclusive), or the suffix length when `first` is `None`.
        last: Option<u64>,
    },
    /// Several ranges: not supported by the documented service.
    Multiple,
}

/// Parse a `Range` header; `None` when it is not a `bytes` range a server
/// can honour (RFC 9110 says such a header is ignored).
pub fn parse_range(text: &str) -> Option<RangeRequest> {
    let spec = text.trim().strip_prefix("bytes=")?;
    if spec.contains(',') {
        return Some(RangeRequest::Multiple);
    }
    let (first, last) = spec.trim().split_once('-')?;
    let num = |s: &str| -> Option<Option<u64>> {
        let s = s.trim();
        if s.is_empty() {
            Some(None)
        } else if s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok().map(Some)
        } else {
            None
        }
    };
    let (first, last) = (num(first)?, num(last)?);
    match (first, last) {
        (None, None) => None,
        (Some(f), Some(l)) if l < f => None,
        _ => Some(RangeRequest::Single { first, last }),
    }
}

/// The bytes of a `size`-byte representation a single range selects, or
/// `None` when it is unsatisfiable (answered `416`).
pub fn resolve_range(first: Option<u64>, last: Option<u64>, size: u64) -> Option<Range<u64>> {
    match (first, last) {
        (Some(f), _) if f >= size => None,
        (Some(f), Some(l)) => Some(f..l.min(size - 1) + 1),
        (Some(f), None) => Some(f..size),
        (None, Some(0)) | (None, None) => None,
        (None, Some(n)) => Some(size.saturating_sub(n)..size),
    }
}

/// Whether an `If-None-Match` value matches `etag` (weak comparison).
pub fn none_match(header: &str, etag: &str) -> bool {
    let strip = |t: &str| t.trim().trim_start_matches("W/").to_string();
    header.trim() == "*" || header.split(',').any(|t| strip(t) == strip(etag))
}

/// What the handler of the current request tells the response layer.
#[derive(Debug, Default)]
pub struct Scope {
    /// The user whose credentials the hook accepted.
    pub principal: Option<String>,
    /// The grant of the `downloadId` the hook redeemed.
    pub grant: Option<Grant>,
    /// The length of a streamed body, sent as `Content-Length`.
    pub content_length: Option<u64>,
    /// Extra headers the documented response has no field for.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// Whether the request is a `HEAD` (which must not spend a `downloadId`).
    pub head: bool,
    /// A status that replaces the documented answer: a refusal the page
    /// does not document (UForge documents only 200 and 304).
    pub refusal: Option<StatusCode>,
}

tokio::task_local! {
    static SCOPE: Arc<Mutex<Scope>>;
}

/// Run `fut` (the router) with a fresh scope; return what it left in it.
pub async fn scoped<F: std::future::Future>(head: bool, fut: F) -> (F::Output, Scope) {
    let scope = Arc::new(Mutex::new(Scope {
        head,
        ..Scope::default()
    }));
    let out = SCOPE.scope(scope.clone(), fut).await;
    let left = std::mem::take(&mut *scope.lock().expect("scope lock"));
    (out, left)
}

/// Read or change the current request's scope (no-op outside one).
pub fn with_scope<R: Default>(f: impl FnOnce(&mut Scope) -> R) -> R {
    SCOPE
        .try_with(|s| f(&mut s.lock().expect("scope lock")))
        .unwrap_or_default()
}

/// Add a header the documented response has no field for.
pub fn add_header(name: HeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        with_scope(|s| s.headers.push((name, v)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_and_resolve_as_rfc_9110_says() {
        let one = |t| match parse_range(t) {
            Some(RangeRequest::Single { first, last }) => resolve_range(first, last, 100),
            other => panic!("{t}: {other:?}"),
        };
        assert_eq!(one("bytes=0-9"), Some(0..10));
        assert_eq!(one("bytes=90-"), Some(90..100));
        assert_eq!(one("bytes=90-500"), Some(90..100));
        assert_eq!(one("bytes=-10"), Some(90..100));
        assert_eq!(one("bytes=-500"), Some(0..100));
        assert_eq!(one("bytes=100-"), None);
        assert_eq!(one("bytes=-0"), None);
        assert_eq!(parse_range("bytes=0-1,5-6"), Some(RangeRequest::Multiple));
        assert_eq!(parse_range("items=0-1"), None);
        assert_eq!(parse_range("bytes=5-1"), None);
        assert_eq!(parse_range("bytes=a-1"), None);
        assert_eq!(parse_range("bytes=-"), None);
    }

    #[test]
    fn etags_match_weakly_and_by_star() {
        assert!(none_match("\"a\"", "\"a\""));
        assert!(none_match("W/\"a\", \"b\"", "\"a\""));
        assert!(none_match("*", "\"a\""));
        assert!(!none_match("\"b\"", "\"a\""));
    }
}
