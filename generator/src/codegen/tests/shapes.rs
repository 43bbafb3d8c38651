//! Typed bodies from body shapes: nesting, `Option` rules, real types,
//! maps, kept extras and one struct per identical shape.

use super::*;
use crate::model::shape::{BodyShape, FieldShape, Shape};

fn member(name: &str, required: bool, shape: Shape) -> FieldShape {
    FieldShape {
        name: name.into(),
        required,
        documented: true,
        description: format!("The {name}."),
        shape,
    }
}

/// `{id, name (nullable), createdAt, addresses: {net: [{addr}]}, size}`.
fn server() -> Shape {
    let address = Shape::Object {
        fields: vec![member("addr", true, Shape::String)],
    };
    Shape::Object {
        fields: vec![
            member("id", true, Shape::String),
            member(
                "name",
                true,
                Shape::Nullable {
                    inner: Box::new(Shape::String),
                },
            ),
            member("createdAt", true, Shape::DateTime),
            member(
                "addresses",
                false,
                Shape::Map {
                    values: Box::new(Shape::Array {
                        items: Box::new(address),
                    }),
                },
            ),
            member("size", false, Shape::Integer),
            member(
                "extra",
                false,
                Shape::Any {
                    why: "documented as a free-form object".into(),
                },
            ),
        ],
    }
}

fn shaped(id: &str, root: Shape) -> Endpoint {
    let mut e = endpoint(id, HttpMethod::Get, &format!("/{id}"), "servers.inc");
    e.group = "servers".into();
    e.responses = vec![response(200, &["application/json"], None)];
    e.shapes = vec![BodyShape {
        direction: Direction::Response,
        status: StatusCode::new(200).ok(),
        examples: 1,
        root,
    }];
    e
}

#[test]
fn nested_structs_options_real_types_and_one_struct_per_shape() {
    let one = Shape::Object {
        fields: vec![member("server", true, server())],
    };
    let list = Shape::Object {
        fields: vec![member(
            "servers",
            true,
            Shape::Array {
                items: Box::new(server()),
            },
        )],
    };
    let api = Api {
        endpoints: vec![shaped("showServer", one), shaped("listServers", list)],
        objects: Vec::new(),
    };
    let g = generate(&api, &Options::default()).expect("generates");
    let code = file(&g, "src/servers/mod.rs");
    // one struct for the server shape, named from the wire name of its
    // first use (endpoints in id order: listServers' `servers` items)
    assert_eq!(code.matches("pub struct Server {").count(), 1, "{code}");
    assert!(!code.contains("pub struct Server2"), "{code}");
    assert!(code.contains("pub servers: Vec<Server>,"), "{code}");
    assert!(code.contains("pub server: Server,"), "{code}");
    assert!(code.contains("pub struct Address {"), "{code}");
    for piece in [
        "pub id: String,",
        // nullable: Option even though required
        "#[serde(default, skip_serializing_if = \"Option::is_none\")]\n    pub name: Option<String>,",
        "#[serde(rename = \"createdAt\")]\n    pub created_at: crate::runtime::Timestamp,",
        "pub addresses: Option<std::collections::BTreeMap<String, Vec<Address>>>,",
        "pub size: Option<i64>,",
        // a member named like the kept-extras field gets another identifier
        "#[serde(rename = \"extra\", default, skip_serializing_if = \"Option::is_none\")]\n    pub extra_2: Option<serde_json::Value>,",
        "Free-form JSON: documented as a free-form object.",
        "#[serde(flatten)]\n    pub extra: std::collections::BTreeMap<String, serde_json::Value>,",
        "Ok(ListServersOk),",
        "Ok(ShowServerOk),",
    ] {
        assert!(code.contains(piece), "missing {piece:?} in\n{code}");
    }
    // same model, same bytes
    let again = generate(&api, &Options::default()).expect("generates");
    assert_eq!(g.files, again.files);
}
