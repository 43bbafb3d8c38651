//! Examples and body shapes in the model (issue 9 items 1 and 2).
//!
//! Fixtures of our own (`tests/fixtures/examples/`) in all three dialects,
//! snapshotted with insta, plus checks over the shared corpora: every
//! example the pages show is in the model or reported at its line (counted
//! against a plain-text scan of the pages that shares no code with the
//! reader), and every JSON example fits the shape of its body.

use restdoc::model::shape::{BodyShape, Shape};
use restdoc::model::{Direction, Endpoint, ExampleBody, HttpMethod};
use restdoc::{read_api, ReadOutput, Severity};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/examples")
        .join(name)
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(name)
}

/// Examples, shapes and diagnostics as pretty JSON, fixture paths relative.
fn snapshot(name: &str, out: &ReadOutput) {
    let eps: Vec<_> = out
        .api
        .endpoints
        .iter()
        .map(|e| {
            serde_json::json!({
                "id": e.id, "examples": e.examples, "shapes": e.shapes,
            })
        })
        .collect();
    let v = serde_json::json!({ "endpoints": eps, "diagnostics": out.diagnostics });
    let json = serde_json::to_string_pretty(&v).expect("serialise");
    let base = restdoc::source::normalize(&fixture(""));
    insta::assert_snapshot!(name, json.replace(&format!("{}/", base.display()), ""));
}

fn endpoint<'a>(out: &'a ReadOutput, m: HttpMethod, path: &str) -> &'a Endpoint {
    out.api
        .endpoints
        .iter()
        .find(|e| e.method == m && e.path.to_string() == path)
        .unwrap_or_else(|| panic!("no {m} {path}"))
}

fn body(e: &Endpoint, dir: Direction, status: Option<u16>) -> &BodyShape {
    e.shapes
        .iter()
        .find(|s| s.direction == dir && s.status.map(|c| c.as_u16()) == status)
        .unwrap_or_else(|| panic!("{}: no {dir:?} {status:?} shape", e.id))
}

/// The object fields of `s` (through nullable), by name.
fn field<'a>(s: &'a Shape, name: &str) -> &'a restdoc::model::shape::FieldShape {
    match s {
        Shape::Nullable { inner } => field(inner, name),
        Shape::Object { fields } => fields
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no field {name} in {s:?}")),
        other => panic!("not an object: {other:?}"),
    }
}

#[test]
fn os_api_ref_literalinclude_outside_the_doc_folder() {
    let out = read_api(&[fixture("osar/doc")]);
    snapshot("examples_osar", &out);
    let show = endpoint(&out, HttpMethod::Get, "/shelves/{shelf_id}");
    let [ex] = show.examples.as_slice() else {
        panic!("one example expected: {:?}", show.examples)
    };
    assert_eq!(ex.direction, Direction::Response);
    assert_eq!(ex.status.map(|s| s.as_u16()), Some(200));
    assert_eq!(ex.title, "Response Example");
    assert!(ex.source.file.ends_with("shelves/shelves.inc") && ex.source.line == 46);
    let file = ex.file.as_deref().unwrap_or_default();
    assert!(
        file.ends_with("examples/osar/samples/shelf-show-response.json"),
        "{file}"
    );
    let sample = restdoc::source::normalize(&fixture("osar/samples/shelf-show-response.json"));
    assert!(out.files_read.contains(&sample), "the read is recorded");

    let root = &body(show, Direction::Response, Some(200)).root;
    let shelf = field(root, "shelf");
    assert!(shelf.required && shelf.documented);
    let label = field(&shelf.shape, "label");
    assert!(
        label.required,
        "documented required and present (as null) in the one example"
    );
    assert!(matches!(&label.shape, Shape::Nullable { inner } if **inner == Shape::String));
    let Shape::Array { items } = &field(&shelf.shape, "books").shape else {
        panic!("books is an array")
    };
    assert_eq!(field(items, "pages").shape, Shape::Integer);
    let isbn = field(items, "isbn");
    assert!(
        !isbn.documented && !isbn.required,
        "kept, flagged undocumented, optional"
    );
    assert_eq!(
        field(&shelf.shape, "metadata").shape,
        Shape::Map {
            values: Box::new(Shape::String)
        }
    );
    assert_eq!(field(&shelf.shape, "updated_at").shape, Shape::DateTime);
    let colour = field(&shelf.shape, "colour");
    assert!(
        colour.documented && !colour.required,
        "placed beside its documented neighbours"
    );

    // Documented integer, shown as a string: the shape follows the example
    // (so the body decodes) and a warning sits at the example's line.
    assert_eq!(field(&shelf.shape, "floor").shape, Shape::String);
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.code == "example-type-mismatch"
            && d.line == ex.source.line
            && d.message.contains("`shelf.floor` is documented as integer")));

    let rename = endpoint(&out, HttpMethod::Put, "/shelves/{shelf_id}");
    assert_eq!(rename.examples.len(), 1);
    assert_eq!(rename.examples[0].direction, Direction::Request);
    let warned: Vec<(&str, u32)> = out
        .diagnostics
        .iter()
        .filter(|d| {
            d.severity == Severity::Warning
                && d.code.starts_with("example-")
                && d.code != "example-type-mismatch"
        })
        .map(|d| (d.code.as_ref(), d.line))
        .collect();
    assert_eq!(
        warned,
        [("example-missing", 76), ("example-unparsable", 79)]
    );
}

#[test]
fn wadl2rst_inline_json_by_section() {
    let out = read_api(&[fixture("wadl2rst")]);
    snapshot("examples_wadl2rst", &out);
    let e = endpoint(&out, HttpMethod::Put, "/v1/kettles/{kettle_id}");
    let dirs: Vec<Direction> = e.examples.iter().map(|x| x.direction).collect();
    assert_eq!(dirs, [Direction::Request, Direction::Response]);
    assert_eq!(e.examples[1].status.map(|s| s.as_u16()), Some(200));
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.code == "example-label-direction"));
    let kettle = field(&body(e, Direction::Response, Some(200)).root, "kettle");
    assert_eq!(field(&kettle.shape, "litres").shape, Shape::Float);
}

#[test]
fn uforge_xml_request_body() {
    let out = read_api(&[fixture("uforge")]);
    snapshot("examples_uforge", &out);
    let e = endpoint(&out, HttpMethod::Put, "/users/{uid}/kettles/{kid}");
    let [ex] = e.examples.as_slice() else {
        panic!("one example")
    };
    assert_eq!((ex.direction, ex.status), (Direction::Request, None));
    assert_eq!(ex.media_type.as_str(), "application/xml");
    assert!(matches!(&ex.body, ExampleBody::Xml { root, .. } if root == "kettle"));
    assert_eq!(
        ex.title,
        "Example of representation.xml content (the request body)"
    );
}

/// Glance's image show and list responses take a body where checksum, name,
/// min_disk, container_format and disk_format are null (the page says each
/// might be null; the samples show values).
#[test]
fn glance_image_nulls() {
    let out = read_api(&[corpus("glance-api-ref")]);
    let image = serde_json::json!({
        "id": "0b7c2a5e-5f0e-4f6e-9d47-8f7d6b2c1a10",
        "name": null, "checksum": null, "min_disk": null,
        "container_format": null, "disk_format": null,
        "status": "queued", "visibility": "private", "protected": false,
        "os_hidden": false, "tags": [], "min_ram": 0,
        "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z",
        "self": "/v2/images/0b7c2a5e-5f0e-4f6e-9d47-8f7d6b2c1a10",
        "file": "/v2/images/0b7c2a5e-5f0e-4f6e-9d47-8f7d6b2c1a10/file",
        "schema": "/v2/schemas/image", "owner": null, "size": null,
        "virtual_size": null, "os_hash_algo": null, "os_hash_value": null
    });
    let show = endpoint(&out, HttpMethod::Get, "/v2/images/{image_id}");
    let shape = &body(show, Direction::Response, Some(200)).root;
    shape
        .accepts(&image)
        .unwrap_or_else(|m| panic!("show: {m}"));
    let list = endpoint(&out, HttpMethod::Get, "/v2/images");
    let page = serde_json::json!({
        "images": [image], "first": "/v2/images", "schema": "/v2/schemas/images"
    });
    let shape = &body(list, Direction::Response, Some(200)).root;
    shape.accepts(&page).unwrap_or_else(|m| panic!("list: {m}"));
    // Identical object shapes are one entry, used from several places.
    let shared = restdoc::model::shape::shared_objects(&out.api);
    let places: usize = shared.values().sum();
    assert!(
        shared.values().any(|n| *n > 1) && places > shared.len(),
        "{places} places, {} shapes",
        shared.len()
    );
    // A string where an integer is documented is still refused.
    let mut bad = image.clone();
    bad["min_disk"] = serde_json::json!("ten");
    let show_shape = &body(show, Direction::Response, Some(200)).root;
    assert!(show_shape.accepts(&bad).is_err());
}
