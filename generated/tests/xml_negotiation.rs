//! The `imagelabel` group (a UForge endpoint documenting XML and JSON
//! bodies) served on loopback: the client's format choice puts the body on
//! the wire as XML or JSON, the server reads either by `Content-Type` and
//! refuses other types with `415`, and answers `406` to an `Accept` it
//! cannot satisfy (the documented answer is free-form, so it has no XML
//! form: JSON is the one format it writes).

mod common;

use restdoc_specs::imagelabel::{self, ImageLabelUpdateRequest, ImageLabelUpdateResponse};
use restdoc_specs::models::{ImageLabel, LabelTag};
use restdoc_specs::runtime::{Authenticate, Format};
use restdoc_specs::{Auth, Client};
use std::sync::{Arc, Mutex};

/// Records the label each call received and answers it back as JSON.
#[derive(Default)]
struct Labels(Mutex<Vec<ImageLabel>>);

impl Authenticate for Labels {
    async fn authenticate(&self, _headers: &axum::http::HeaderMap) -> bool {
        true
    }
}

impl imagelabel::Api for Labels {
    async fn image_label_update(&self, input: ImageLabelUpdateRequest) -> ImageLabelUpdateResponse {
        let answer = serde_json::to_value(&input.body).unwrap_or_default();
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(input.body);
        ImageLabelUpdateResponse::Ok(answer)
    }
}

fn label() -> ImageLabel {
    ImageLabel {
        text: Some("<b>beta</b> & more".into()),
        pinned: Some(false),
        weight: Some(-3),
        tags: vec![
            LabelTag { name: Some("x86".into()), colour: None },
            LabelTag { name: Some("rc".into()), colour: Some("plum".into()) },
        ],
        expires: "2025-02-03T04:05:06Z".parse().ok(),
    }
}

async fn serve() -> (String, Arc<Labels>) {
    let labels = Arc::new(Labels::default());
    (common::serve(imagelabel::router(labels.clone())).await, labels)
}

fn request(body: ImageLabel) -> ImageLabelUpdateRequest {
    ImageLabelUpdateRequest { uid: "ann".into(), itid: "9".into(), body }
}

#[tokio::test]
async fn either_format_carries_the_same_label() {
    let (base, labels) = serve().await;
    for format in [Format::Json, Format::Xml] {
        let client = Client::new(base.clone(), Auth::None).with_format(format);
        assert_eq!(client.format(), format);
        let got = client.image_label_update(request(label())).await.expect("answers");
        let ImageLabelUpdateResponse::Ok(answer) = got;
        assert_eq!(answer["tags"][1]["colour"], "plum", "{format:?}");
    }
    let seen = labels.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert_eq!(seen, vec![label(), label()]);
}

/// A raw request with these headers and body; the status and body text.
async fn raw(base: &str, headers: &[(&str, &str)], body: String) -> (u16, String) {
    let mut b = reqwest::Client::new().put(format!("{base}/users/ann/images/9/label")).body(body);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let r = b.send().await.expect("server answers");
    (r.status().as_u16(), r.text().await.unwrap_or_default())
}

#[tokio::test]
async fn the_wire_format_follows_content_type() {
    let (base, labels) = serve().await;
    let xml = restdoc_specs::xml::to_xml(&label()).expect("encodes");
    assert!(xml.starts_with("<ns0:imageLabel xmlns:ns0=\"http://www.usharesoft.com/uforge\">"), "{xml}");
    assert!(xml.contains("<tags><labelTag><name>x86</name></labelTag>"), "{xml}");
    let (status, _) = raw(&base, &[("content-type", "application/xml; charset=utf-8")], xml.clone()).await;
    assert_eq!(status, 200);
    // the XML document sent as JSON, and as a type the page does not list
    let (status, text) = raw(&base, &[("content-type", "application/json")], xml.clone()).await;
    assert_eq!(status, 400, "{text}");
    let (status, text) = raw(&base, &[("content-type", "text/plain")], xml).await;
    assert_eq!(status, 415, "{text}");
    // a document whose members do not fit is 400, not a default value
    let (status, text) = raw(&base, &[("content-type", "application/xml")], "<imageLabel><weight>heavy</weight></imageLabel>".into()).await;
    assert_eq!(status, 400, "{text}");
    assert_eq!(labels.0.lock().unwrap_or_else(|e| e.into_inner()).len(), 1);
}

#[tokio::test]
async fn accept_is_negotiated_among_what_the_server_writes() {
    let (base, _) = serve().await;
    let json = serde_json::to_string(&label()).expect("encodes");
    let ct = ("content-type", "application/json");
    for accept in ["application/json", "*/*", "application/*;q=0.5", "application/xml;q=0.9, application/json;q=0.1"] {
        let (status, text) = raw(&base, &[ct, ("accept", accept)], json.clone()).await;
        assert_eq!(status, 200, "Accept: {accept}: {text}");
    }
    for accept in ["application/xml", "text/html", "application/json;q=0"] {
        let (status, text) = raw(&base, &[ct, ("accept", accept)], json.clone()).await;
        assert_eq!(status, 406, "Accept: {accept}: {text}");
        assert!(text.contains("`application/json`"), "{text}");
    }
    let (status, _) = raw(&base, &[ct], json).await;
    assert_eq!(status, 200, "no Accept");
}
