//! Generation from hand-built APIs: output shape, determinism and the
//! diagnostics for bad input.

use super::*;
use crate::model::*;

mod shapes;

fn loc(file: &str, line: u32) -> SourceLoc {
    SourceLoc {
        file: file.into(),
        line,
        column: 1,
    }
}

fn param(name: &str, location: ParamLocation, required: bool, ty: TypeRef) -> Param {
    Param {
        name: name.into(),
        location,
        required,
        ty,
        description: format!("the {name}"),
        min_version: None,
        max_version: None,
        fixed: None,
        example: None,
        documented: true,
        source: None,
    }
}

fn response(code: u16, media: &[&str], object: Option<TypeRef>) -> Response {
    Response {
        status: StatusCode::new(code).unwrap(),
        kind: if code < 400 {
            ResponseKind::Normal
        } else {
            ResponseKind::Error
        },
        description: String::new(),
        media_types: media.iter().map(|m| m.parse().unwrap()).collect(),
        headers: Vec::new(),
        fields: Vec::new(),
        object,
    }
}

fn endpoint(id: &str, method: HttpMethod, path: &str, file: &str) -> Endpoint {
    let path = PathTemplate::parse(path).unwrap();
    let params = path
        .param_names()
        .iter()
        .map(|n| param(n, ParamLocation::Path, true, TypeRef::String))
        .collect();
    Endpoint {
        id: id.into(),
        title: id.into(),
        summary: format!("Summary of {id}."),
        description: String::new(),
        method,
        path,
        params,
        request_body: None,
        responses: vec![response(
            200,
            &["application/json"],
            Some(TypeRef::Object("image-object".into())),
        )],
        auth: Auth {
            required: true,
            basis: AuthBasis::Documented,
            entitlements: Vec::new(),
            one_time_token: None,
        },
        since: None,
        refs: Vec::new(),
        group: "machineimage".into(),
        min_version: None,
        max_version: None,
        dispatch: None,
        dialect: Dialect::Uforge,
        source: loc(file, 5),
        examples: Vec::new(),
        shapes: Vec::new(),
    }
}

fn sample() -> Api {
    let mut download = endpoint(
        "machineImage_downloadFile",
        HttpMethod::Get,
        "/users/{uid}/images/{itid}/files/{filepath : .+}",
        "machineimage/machineImage_downloadFile.rst",
    );
    download.responses = vec![response(200, &["*/*"], None), response(304, &[], None)];
    download.params.push(param(
        "downloadId",
        ParamLocation::Query,
        false,
        TypeRef::String,
    ));
    let get = endpoint(
        "machineImage_get",
        HttpMethod::Get,
        "/users/{uid}/images/{itid}",
        "machineimage/machineImage_get.rst",
    );
    let mut upload = endpoint(
        "scan_create",
        HttpMethod::Post,
        "/users/{uid}/scans",
        "machinescan/scan_create.rst",
    );
    upload.group = "machinescan".into();
    upload.request_body = Some(Body {
        media_types: vec!["application/octet-stream".parse().unwrap()],
        object: None,
        fields: Vec::new(),
        description: "The file.".into(),
    });
    let image = Object {
        name: "image".into(),
        label: "image-object".into(),
        description: "A machine image.".into(),
        fields: vec![
            Field {
                name: "type".into(),
                ty: TypeRef::String,
                required: true,
                description: "kind".into(),
                line: 10,
            },
            Field {
                name: "dbId".into(),
                ty: TypeRef::Long,
                required: false,
                description: "id".into(),
                line: 11,
            },
            Field {
                name: "created".into(),
                ty: TypeRef::DateTime,
                required: false,
                description: "when".into(),
                line: 12,
            },
            Field {
                name: "uri".into(),
                ty: TypeRef::Uri,
                required: false,
                description: "where".into(),
                line: 13,
            },
            Field {
                name: "parent".into(),
                ty: TypeRef::Object("image-object".into()),
                required: false,
                description: "parent".into(),
                line: 14,
            },
            Field {
                name: "tags".into(),
                ty: TypeRef::List(Box::new(TypeRef::String)),
                required: false,
                description: "tags".into(),
                line: 15,
            },
        ],
        source: loc("dto-objects/image.rst", 3),
        xml_namespace: None,
    };
    Api {
        endpoints: vec![upload, download, get],
        objects: vec![image],
    }
}

fn file<'a>(g: &'a Generated, path: &str) -> &'a str {
    g.files
        .iter()
        .find(|(p, _)| p == std::path::Path::new(path))
        .map(|(_, c)| c.as_str())
        .unwrap_or_else(|| panic!("no {path}"))
}

#[test]
fn generates_models_groups_and_manifest() {
    let g = generate(&sample(), &Options::default()).unwrap();
    let paths: Vec<_> = g
        .files
        .iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "src/lib.rs",
            "src/machineimage/mod.rs",
            "src/machinescan/mod.rs",
            "src/models.rs",
            "src/runtime.rs"
        ]
    );
    let models = file(&g, "src/models.rs");
    assert!(models.contains("pub struct Image {"), "{models}");
    assert!(models.contains("pub r#type: String"));
    assert!(models.contains(
        "#[serde(rename = \"dbId\", default, skip_serializing_if = \"Option::is_none\")]"
    ));
    assert!(models.contains("pub db_id: Option<i64>"));
    assert!(models.contains("pub created: Option<crate::runtime::DateTime>"));
    assert!(models.contains("pub parent: Option<Box<crate::models::Image>>"));
    assert!(models.contains("pub tags: Vec<String>"));
    let mi = file(&g, "src/machineimage/mod.rs");
    assert!(
        mi.contains("\"/users/{p1}/images/{p3}/files/{*p5}\""),
        "{mi}"
    );
    assert!(
        mi.contains("&rt::rest(\"filepath\", &input.filepath)?"),
        "{mi}"
    );
    // a documented 304 implies a conditional request: If-None-Match in, ETag out
    assert!(
        mi.contains("NotModified(MachineImageDownloadFileHeaders),"),
        "{mi}"
    );
    assert!(mi.contains("Ok(crate::runtime::Binary, MachineImageDownloadFileHeaders)"));
    assert!(mi.contains(".header_opt(\"If-None-Match\", &input.if_none_match)"));
    assert!(mi.contains("rt::set_header(headers, \"ETag\", &self.e_tag);"));
    assert!(mi.contains("rt::guard(&*s, &req.headers).await?;"));
    assert!(mi.contains(".query_opt(\"downloadId\", &input.download_id)"));
    let manifest = file(&g, "Cargo.toml");
    assert!(manifest.contains("machinescan = []"));
    assert!(
        !manifest.contains("proptest"),
        "no test dependencies without `tests`"
    );
    assert!(g.diagnostics.is_empty(), "{:?}", g.diagnostics);

    let with_tests = generate(
        &sample(),
        &Options {
            tests: true,
            ..Options::default()
        },
    )
    .unwrap();
    let contract = file(&with_tests, "tests/contract.rs");
    assert!(contract.contains("impl Api for Fake {"), "{contract}");
    assert!(contract.contains("async fn status_304()"), "{contract}");
    assert!(contract.contains("async fn unauthenticated_401()"));
    assert!(contract.contains("async fn wrong_method_405()"));
    assert!(file(&with_tests, "Cargo.toml").contains("proptest = \"1\""));
}

#[test]
fn output_does_not_depend_on_input_order() {
    let a = generate(&sample(), &Options::default()).unwrap();
    let mut api = sample();
    api.endpoints.reverse();
    let b = generate(&api, &Options::default()).unwrap();
    assert_eq!(a.files, b.files);
}

#[test]
fn bad_ids_duplicates_and_collisions_are_diagnostics() {
    let mut api = sample();
    api.endpoints
        .push(endpoint("!!!", HttpMethod::Get, "/x", "bad/bang.rst"));
    api.endpoints.push(endpoint(
        "machineImage_get",
        HttpMethod::Get,
        "/y",
        "other/dup.rst",
    ));
    api.endpoints.push(endpoint(
        "image_twin",
        HttpMethod::Get,
        "/users/{user}/images/{id}",
        "machineimage/twin.rst",
    ));
    let g = generate(&api, &Options::default()).unwrap();
    // whatever order diagnostics sort in
    let mut codes: Vec<_> = g.diagnostics.iter().map(|d| d.code.as_ref()).collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            "codegen-bad-id",
            "codegen-duplicate-endpoint",
            "codegen-route-collision"
        ]
    );
    let collision = g
        .diagnostics
        .iter()
        .find(|d| d.code == "codegen-route-collision")
        .unwrap();
    assert!(
        collision.message.contains("machineimage/twin.rst:5"),
        "{collision}"
    );
    assert_eq!(&*collision.file, "machineimage/machineImage_get.rst");
}

#[test]
fn template_bug_names_template_and_endpoint() {
    let dir = std::env::temp_dir().join(format!("restdoc-codegen-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = render::EMBEDDED
        .iter()
        .find(|(n, _)| *n == "endpoint.rs.j2")
        .unwrap()
        .1
        .replace(
            "pub enum {{ e.response }} {",
            "pub enum {{ e.response }} {{",
        );
    std::fs::write(dir.join("endpoint.rs.j2"), broken).unwrap();
    let err = generate(
        &sample(),
        &Options {
            templates_dir: Some(dir.clone()),
            ..Options::default()
        },
    )
    .unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    let msg = err.to_string();
    assert!(
        msg.contains("endpoint.rs.j2")
            && msg.contains("machineImage_downloadFile")
            && msg.contains(".rst:5"),
        "{msg}"
    );
}

/// The whole UForge corpus generates without diagnostics, deterministically.
#[test]
fn uforge_corpus_generates() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/uforge-3.8"
    );
    let read = crate::read_api(&[dir]);
    assert_eq!(read.api.endpoints.len(), 518);
    let g = generate(
        &read.api,
        &Options {
            crate_name: "uforge".into(),
            ..Options::default()
        },
    )
    .unwrap();
    // the docs give two pairs of upload endpoints nothing to tell them apart
    let found: Vec<String> = g
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.file.rsplit('/').next().unwrap_or("")))
        .collect();
    assert_eq!(
        found,
        [
            "codegen-route-collision scanOverlay_uploadChunk.rst",
            "codegen-route-collision scan_multipartCreate.rst"
        ]
    );
    if let Some(out) = std::env::var_os("RESTDOC_GEN_OUT") {
        for (p, c) in &g.files {
            let f = std::path::Path::new(&out).join(p);
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, c).unwrap();
        }
    }
    let mut api = read.api.clone();
    api.endpoints.reverse();
    api.objects.reverse();
    assert_eq!(
        generate(
            &api,
            &Options {
                crate_name: "uforge".into(),
                ..Options::default()
            }
        )
        .unwrap()
        .files,
        g.files
    );
}

/// A body listing the same wire name twice (nested objects flattened by
/// the docs) keeps the first field and says so, at the second one's line.
#[test]
fn repeated_body_field_keeps_the_first_with_a_diagnostic() {
    let mut e = endpoint(
        "server_update",
        HttpMethod::Put,
        "/servers/{id}",
        "servers/update.rst",
    );
    let mut ok = response(200, &["application/json"], None);
    let mut again = param("name", ParamLocation::Body, true, TypeRef::String);
    again.source = Some(loc("servers/update.rst", 40));
    ok.fields = vec![
        param("name", ParamLocation::Body, true, TypeRef::String),
        param("id", ParamLocation::Body, true, TypeRef::String),
        again,
    ];
    e.responses = vec![ok];
    let api = Api {
        endpoints: vec![e],
        objects: Vec::new(),
    };
    let g = generate(&api, &Options::default()).unwrap();
    let d: Vec<String> = g.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        d,
        ["servers/update.rst:40:1: warning[codegen-duplicate-field]: `name` is listed twice in the Body of the `200` response of `server_update`; the first is generated"]
    );
    let code = file(&g, "src/machineimage/mod.rs");
    assert_eq!(code.matches("rename = \"name\"").count(), 0, "{code}");
    assert_eq!(code.matches("pub name: String").count(), 1, "{code}");
}

/// Whether `code` holds `piece`, whitespace ignored (prettyplease decides
/// where lines break).
/// The crate generated, with default options, for one endpoint alone.
fn generate_alone(e: Endpoint) -> Generated {
    generate(
        &Api {
            endpoints: vec![e],
            objects: Vec::new(),
        },
        &Options::default(),
    )
    .unwrap()
}

fn has(code: &str, piece: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    squash(code).contains(&squash(piece))
}

/// A JSON request body of inline fields.
fn json_body(fields: Vec<Param>) -> Body {
    Body {
        media_types: vec!["application/json".parse().unwrap()],
        object: None,
        fields,
        description: String::new(),
    }
}

/// A body member required only in some microversions is absent from the
/// others: its type lets it be left out (else a client at 2.64 would
/// always send the member that ended at 2.63, and be refused).
#[test]
fn members_of_some_versions_only_may_be_left_out() {
    let mut e = endpoint("group_create", HttpMethod::Post, "/groups", "groups.inc");
    let versioned = |name: &str, min: Option<(u32, u32)>, max: Option<(u32, u32)>| {
        let mut p = param(name, ParamLocation::Body, true, TypeRef::String);
        p.min_version = min.map(|(major, minor)| ApiVersion { major, minor });
        p.max_version = max.map(|(major, minor)| ApiVersion { major, minor });
        p
    };
    e.request_body = Some(json_body(vec![
        versioned("name", None, None),
        versioned("policies", None, Some((2, 63))),
        versioned("policy", Some((2, 64)), None),
    ]));
    let g = generate_alone(e);
    let m = file(&g, "src/machineimage/mod.rs");
    assert!(has(m, "pub name: String,"), "{m}");
    assert!(has(m, "pub policies: Option<String>,"), "{m}");
    assert!(has(m, "pub policy: Option<String>,"), "{m}");
    assert!(has(m, "Required from the first version to 2.63"), "{m}");
    assert!(has(m, "Required from 2.64 on"), "{m}");
}

/// A query parameter or header required from a microversion on is an
/// `Option` (versions before it do not have it), which both sides require
/// within its range; one required in every version stays a plain value.
#[test]
fn query_and_headers_of_some_versions_only_may_be_left_out() {
    let mut e = endpoint(
        "group_list",
        HttpMethod::Get,
        "/groups/{kind}",
        "groups.inc",
    );
    // A path parameter with a range (Nova's `hypervisor_id` to 2.52) stays
    // part of its route: a plain value, its description as written.
    e.params[0].max_version = Some(ApiVersion {
        major: 2,
        minor: 52,
    });
    let kind = e.params[0].clone();
    let mut region = param("region", ParamLocation::Query, true, TypeRef::String);
    region.min_version = Some(ApiVersion { major: 2, minor: 4 });
    let mut zone = param("X-Zone", ParamLocation::Header, true, TypeRef::String);
    zone.max_version = Some(ApiVersion { major: 2, minor: 9 });
    e.params = vec![
        kind,
        region,
        zone,
        param("limit", ParamLocation::Query, true, TypeRef::Integer),
    ];
    let g = generate_alone(e);
    let m = file(&g, "src/machineimage/mod.rs");
    assert!(has(m, "/// the kind\n    pub kind: String,"), "{m}");
    assert!(!has(m, "to 2.52"), "{m}");
    assert!(has(m, "pub region: Option<String>,"), "{m}");
    assert!(has(m, "pub x_zone: Option<String>,"), "{m}");
    assert!(has(m, "pub limit: i64,"), "{m}");
    assert!(has(m, "Required from 2.4 on"), "{m}");
    assert!(has(m, ".query_opt(\"region\", &input.region)"), "{m}");
    assert!(has(m, ".query(\"limit\", &input.limit)"), "{m}");
    assert!(
        has(m, "self.require_param(\"region\", input.region.is_some(),"),
        "{m}"
    );
    assert!(
        has(
            m,
            "req.require_param(\"region\", req.has_query(\"region\"),"
        ),
        "{m}"
    );
    assert!(
        has(
            m,
            "req.require_param(\"X-Zone\", req.has_header(\"X-Zone\"),"
        ),
        "{m}"
    );
    assert!(has(m, "region: req.query(\"region\")?,"), "{m}");
    assert!(has(m, "limit: req.query_required(\"limit\")?,"), "{m}");
}

/// An action on a shared `POST .../action` route, told apart by `key`.
fn action(id: &str, key: &str) -> Endpoint {
    let mut e = endpoint(
        id,
        HttpMethod::Post,
        "/v3/volumes/{volume_id}/action",
        "volumes-actions.inc",
    );
    e.group = "volumes".into();
    e.responses = vec![response(202, &[], None)];
    e.request_body = Some(json_body(vec![param(
        key,
        ParamLocation::Body,
        true,
        TypeRef::Any,
    )]));
    e.dispatch = Some(Dispatch::BodyKey(key.into()));
    e
}

#[test]
fn actions_share_one_route_dispatched_by_body_key() {
    let api = Api {
        endpoints: vec![
            action("volume_extend", "os-extend"),
            action("volume_attach", "os-attach"),
        ],
        objects: Vec::new(),
    };
    let g = generate(
        &api,
        &Options {
            tests: true,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(
        g.diagnostics.is_empty(),
        "no collision: {:?}",
        g.diagnostics
    );
    let m = file(&g, "src/volumes/mod.rs");
    // one route, one dispatcher naming both keys, one client method each
    assert_eq!(m.matches(".route(").count(), 1, "{m}");
    assert!(
        has(m, "req.body_key(limit, &[\"os-attach\", \"os-extend\"])"),
        "{m}"
    );
    assert!(has(m, "pub async fn volume_extend(") && has(m, "pub async fn volume_attach("));
    let c = file(&g, "tests/contract.rs");
    for test in [
        "action_without_key_400",
        "action_unknown_key_400",
        "action_two_keys_400",
    ] {
        assert_eq!(
            c.matches(&format!("async fn {test}()")).count(),
            2,
            "{test}"
        );
    }
}

#[test]
fn two_parameters_in_one_segment_are_one_capture_split_by_the_handler() {
    let mut e = endpoint(
        "widget_show",
        HttpMethod::Get,
        "/widgets/{name}@{release}",
        "w.inc",
    );
    e.params[1].ty = TypeRef::Integer;
    let g = generate_alone(e);
    let m = file(&g, "src/machineimage/mod.rs");
    assert!(has(m, ".route(\"/widgets/{p1}\""), "{m}");
    assert!(
        has(
            m,
            "name: req.path_part(\"name\", 0, &[\"\", \"@\", \"\"], 0)?"
        ),
        "{m}"
    );
    assert!(
        has(
            m,
            "release: req.path_part(\"release\", 0, &[\"\", \"@\", \"\"], 1)?"
        ),
        "{m}"
    );
    assert!(has(m, "&rt::seg(\"release\", &input.release)?"), "{m}");
}

/// A split segment is still one capture of the route: a whole-segment
/// parameter after it reads the next capture, not the split one's.
#[test]
fn a_parameter_after_a_split_segment_reads_the_next_capture() {
    let e = endpoint(
        "release_show",
        HttpMethod::Get,
        "/widgets/{name}.v/releases/{release}",
        "w.inc",
    );
    let g = generate_alone(e);
    let m = file(&g, "src/machineimage/mod.rs");
    assert!(has(m, ".route(\"/widgets/{p1}/releases/{p3}\""), "{m}");
    assert!(
        has(m, "name: req.path_part(\"name\", 2, &[\"\", \".v\"], 0)?"),
        "{m}"
    );
    assert!(has(m, "release: req.path(1, \"release\")?"), "{m}");
}

#[test]
fn no_response_code_is_a_raw_response_with_a_diagnostic() {
    let mut e = endpoint("ping", HttpMethod::Get, "/ping", "p.inc");
    e.responses.clear();
    let g = generate(
        &Api {
            endpoints: vec![e],
            objects: Vec::new(),
        },
        &Options {
            tests: true,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(
        g.diagnostics
            .iter()
            .any(|d| d.code == "codegen-no-response-code"),
        "{:?}",
        g.diagnostics
    );
    let m = file(&g, "src/machineimage/mod.rs");
    assert!(has(m, "Raw(rt::RawResponse),"), "{m}");
    assert!(has(m, "rt::raw(r).await.map(Self::Raw)"), "{m}");
    let c = file(&g, "tests/contract.rs");
    assert!(
        !has(c, "async fn undocumented_status()"),
        "every status is the raw answer"
    );
    assert!(has(c, "async fn status_200()"));
}

#[test]
fn query_parameter_documented_twice_is_one_field() {
    let mut e = endpoint("list", HttpMethod::Get, "/things", "l.inc");
    e.params.push(param(
        "marker",
        ParamLocation::Query,
        false,
        TypeRef::Integer,
    ));
    e.params.push(param(
        "marker",
        ParamLocation::Query,
        false,
        TypeRef::String,
    ));
    let g = generate_alone(e);
    let m = file(&g, "src/machineimage/mod.rs");
    assert_eq!(m.matches("pub marker: Option<String>,").count(), 1, "{m}");
    assert!(!has(m, "marker_2"), "{m}");
    assert!(g
        .diagnostics
        .iter()
        .any(|d| d.code == "codegen-duplicate-param"));
}

#[test]
fn microversions_in_header_client_checks_and_server_404() {
    let mut e = endpoint("stats", HttpMethod::Get, "/stats", "s.inc");
    e.min_version = Some(ApiVersion::new(1, 5));
    e.max_version = Some(ApiVersion::new(1, 9));
    let mut detail = param("detail", ParamLocation::Query, false, TypeRef::Boolean);
    detail.min_version = Some(ApiVersion::new(1, 7));
    e.params.push(detail);
    let api = Api {
        endpoints: vec![e],
        objects: Vec::new(),
    };
    let g = generate(
        &api,
        &Options {
            tests: true,
            service_type: Some("placement".into()),
            ..Options::default()
        },
    )
    .unwrap();
    let rt = file(&g, "src/runtime.rs");
    assert!(
        has(
            rt,
            "pub const VERSION_HEADER: &str = \"OpenStack-API-Version\";"
        ),
        "{rt}"
    );
    assert!(has(
        rt,
        "pub const SERVICE_TYPE: Option<&str> = Some(\"placement\");"
    ));
    let m = file(&g, "src/machineimage/mod.rs");
    assert!(
        has(
            m,
            "req.require_version(Some(rt::Version::new(1, 5)), Some(rt::Version::new(1, 9)))?;"
        ),
        "{m}"
    );
    assert!(has(m, "self.check_param(\"detail\", input.detail.is_some(), Some(rt::Version::new(1, 7)), None"), "{m}");
    let c = file(&g, "tests/contract.rs");
    for test in [
        "below_its_versions_404",
        "above_its_versions_404",
        "param_detail_outside_its_versions",
    ] {
        assert!(has(c, &format!("async fn {test}()")), "{test}");
    }
    let legacy = generate(
        &api,
        &Options {
            version_header: Some("X-OpenStack-Manila-API-Version".into()),
            ..Options::default()
        },
    )
    .unwrap();
    let rt = file(&legacy, "src/runtime.rs");
    assert!(
        has(rt, "pub const SERVICE_TYPE: Option<&str> = None;"),
        "{rt}"
    );
}

#[test]
fn action_whose_page_lists_only_the_inner_fields_still_sends_its_key() {
    let mut e = action("failover", "failover_replication");
    if let Some(b) = e.request_body.as_mut() {
        b.fields = vec![param(
            "secondary_backend_id",
            ParamLocation::Body,
            false,
            TypeRef::String,
        )];
    }
    let g = generate_alone(e);
    let m = file(&g, "src/volumes/mod.rs");
    assert!(
        has(m, "pub failover_replication: serde_json::Value,"),
        "{m}"
    );
    assert!(has(m, "pub secondary_backend_id: Option<String>,"), "{m}");
}

/// An extension method (WebDAV's `COPY`, as Swift documents it) is served
/// by the route's fallback, which routes it by name beside the route's
/// standard methods and answers any other method `405`; the client sends
/// it by name. Two endpoints for one name on one route: the second is not
/// mounted, with a warning.
#[test]
fn extension_methods_are_routed_by_name() {
    let copy = HttpMethod::extension("COPY").unwrap();
    let move_ = HttpMethod::extension("MOVE").unwrap();
    let api = Api {
        endpoints: vec![
            endpoint("object_show", HttpMethod::Get, "/objects/{name}", "o.inc"),
            endpoint("object_copy", copy, "/objects/{name}", "o.inc"),
            endpoint("object_move", move_, "/objects/{name}", "o.inc"),
            endpoint("object_copy_again", copy, "/objects/{name}", "o.inc"),
        ],
        objects: Vec::new(),
    };
    let g = generate(&api, &Options::default()).unwrap();
    let m = file(&g, "src/machineimage/mod.rs");
    assert!(
        has(
            m,
            "axum::routing::any(dispatch_methods_object_copy::<S>).get(serve_object_show::<S>)"
        ),
        "{m}"
    );
    assert!(
        has(m, "\"COPY\" => serve_object_copy(s, req).await,"),
        "{m}"
    );
    assert!(
        has(m, "\"MOVE\" => serve_object_move(s, req).await,"),
        "{m}"
    );
    assert!(has(m, "axum::http::StatusCode::METHOD_NOT_ALLOWED"), "{m}");
    assert!(has(m, "rt::method(\"COPY\")?"), "{m}");
    let collisions: Vec<&str> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == "codegen-route-collision")
        .map(|d| d.message.as_ref())
        .collect();
    assert_eq!(collisions.len(), 1, "{collisions:?}");
    assert!(
        collisions[0].contains("object_copy_again"),
        "{collisions:?}"
    );
}

/// Request headers the HTTP client sets from the request itself (framing,
/// connection, `Accept`, `Content-Type`) are not arguments: a caller's
/// `Content-Length` could only contradict the body (Swift documents it as
/// a parameter). Other headers stay arguments.
#[test]
fn headers_the_client_sets_are_not_arguments() {
    let mut e = endpoint("object_put", HttpMethod::Put, "/objects/{name}", "o.inc");
    for (name, required) in [
        ("Content-Length", true),
        ("Transfer-Encoding", false),
        ("Accept", false),
        ("X-Delete-After", false),
    ] {
        e.params.push(param(
            name,
            ParamLocation::Header,
            required,
            TypeRef::String,
        ));
    }
    let g = generate_alone(e);
    let m = file(&g, "src/machineimage/mod.rs");
    assert!(has(m, "pub x_delete_after: Option<String>,"), "{m}");
    for field in ["content_length", "transfer_encoding", "pub accept"] {
        assert!(!m.contains(field), "{field} in {m}");
    }
    let managed = g
        .diagnostics
        .iter()
        .filter(|d| d.code == "codegen-header-managed")
        .count();
    assert_eq!(managed, 3);
}
