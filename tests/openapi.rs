//! OpenAPI export (`restdoc::openapi`), checked by reading the emitted JSON
//! back as plain `serde_json::Value`s — not through the types that wrote it:
//!
//! - round trip for `specs/` and Glance: the operations, paths, parameters
//!   and status codes in the document are those of the model;
//! - every corpus: operation count = endpoints − the merges the diagnostics
//!   list, and every endpoint id is an operation or a listed merge member;
//! - keyed actions merge into a `oneOf`, the security follows the auth flag,
//!   3.0 has no 3.1-only keyword, output is deterministic, the CLI works.
//!
//! Tests run in `generator/`, so `../specs` and `../../shared` are the
//! project's specs and the shared corpora.

use restdoc::model::{
    Api, Body, Dispatch, Endpoint, HttpMethod, MediaType, Param, ParamLocation, TypeRef,
};
use restdoc::openapi::{export, Format, Options, Version};
use restdoc::{read_api, Diagnostic};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn shared(rel: &str) -> PathBuf {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared")).join(rel);
    assert!(
        p.exists(),
        "{} is missing: the corpus tests read ../shared/corpus next to the checkout",
        p.display()
    );
    p
}

fn doc(api: &Api, version: Version) -> (Value, Vec<Diagnostic>) {
    let opts = Options {
        version,
        ..Options::default()
    };
    let e = export(api, &opts).expect("export");
    // Re-parse the rendered text: what a tool reading the file sees.
    let text = e.render(Format::Json).expect("render");
    (
        serde_json::from_str(&text).expect("valid JSON"),
        e.diagnostics,
    )
}

/// (METHOD, path) -> operation object.
fn operations(doc: &Value) -> BTreeMap<(String, String), &Value> {
    let mut out = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (k, op) in item.as_object().expect("path item") {
            if METHODS.contains(&k.as_str()) {
                out.insert((k.to_ascii_uppercase(), path.clone()), op);
            }
        }
    }
    out
}

/// The model path as OpenAPI writes it, computed independently of the
/// exporter: `{name : regex}` -> `{name}`.
fn openapi_path(e: &Endpoint) -> String {
    let raw = e.path.to_string();
    let mut out = String::new();
    let mut rest = raw.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').expect("closing brace") + open;
        let name = rest[open + 1..close].split(':').next().unwrap().trim();
        out.push('{');
        out.push_str(name);
        out.push('}');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The endpoint ids merge diagnostics list, one list per merge.
fn merges(diags: &[Diagnostic]) -> Vec<Vec<String>> {
    diags
        .iter()
        .filter(|d| d.code == "openapi-operations-merged")
        .map(|d| {
            let list = d.message.rsplit(": ").next().unwrap();
            list.split(", ").map(str::to_string).collect()
        })
        .collect()
}

/// Every model endpoint is in the document exactly once (as an operation
/// or a merged member), and the count of operations is the model's count
/// minus what the listed merges folded away.
fn check_counts(name: &str, api: &Api, doc: &Value, diags: &[Diagnostic]) {
    let ops = operations(doc);
    let merged = merges(diags);
    let folded: usize = merged.iter().map(|m| m.len() - 1).sum();
    let any = api
        .endpoints
        .iter()
        .filter(|e| e.method == HttpMethod::Any)
        .count();
    assert_eq!(
        ops.len(),
        api.endpoints.len() + 6 * any - folded,
        "{name}: {} endpoints, {} merges folding {folded}",
        api.endpoints.len(),
        merged.len()
    );
    let mut seen = BTreeSet::new();
    for op in ops.values() {
        match op.get("x-restdoc-merged") {
            Some(members) => {
                for m in members.as_array().unwrap() {
                    seen.insert(m["id"].as_str().unwrap().to_string());
                }
            }
            None => {
                seen.insert(op["operationId"].as_str().unwrap().to_string());
            }
        }
    }
    let ids: BTreeSet<String> = api.endpoints.iter().map(|e| e.id.clone()).collect();
    if any == 0 {
        assert_eq!(seen, ids, "{name}: endpoint ids vs operations");
    }
    let op_ids: BTreeSet<&str> = ops
        .values()
        .map(|o| o["operationId"].as_str().unwrap())
        .collect();
    assert_eq!(op_ids.len(), ops.len(), "{name}: operationIds are unique");
}

/// Paths, parameters and status codes of the document equal the model's.
fn round_trip(name: &str, api: &Api, doc: &Value) {
    let ops = operations(doc);
    let mut want: BTreeMap<(String, String), Vec<&Endpoint>> = BTreeMap::new();
    for e in &api.endpoints {
        want.entry((e.method.to_string(), openapi_path(e)))
            .or_default()
            .push(e);
    }
    assert_eq!(
        ops.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "{name}: (method, path) of the operations"
    );
    for (key, members) in &want {
        let op = ops[key];
        let model_params: BTreeSet<(String, String)> = members
            .iter()
            .flat_map(|e| &e.params)
            .filter(|p| p.location != ParamLocation::Body)
            .map(|p| (p.name.clone(), format!("{:?}", p.location).to_lowercase()))
            .collect();
        let doc_params: BTreeSet<(String, String)> = op["parameters"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|p| {
                        (
                            p["name"].as_str().unwrap().to_string(),
                            p["in"].as_str().unwrap().to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(doc_params, model_params, "{name}: parameters of {key:?}");
        for p in op["parameters"].as_array().into_iter().flatten() {
            if p["in"] == "path" {
                assert_eq!(p["required"], true, "{name}: path parameter {p}");
            }
        }
        let model_codes: BTreeSet<String> = members
            .iter()
            .flat_map(|e| &e.responses)
            .map(|r| r.status.to_string())
            .collect();
        let doc_codes: BTreeSet<String> = op["responses"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(doc_codes, model_codes, "{name}: status codes of {key:?}");
        let ids: Vec<&str> = members.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(op["operationId"], ids[0], "{name}: operationId of {key:?}");
        assert_eq!(
            op["x-restdoc-source"],
            format!("{}:{}", members[0].source.file, members[0].source.line)
        );
    }
}

#[test]
fn specs_round_trip_and_snapshot() {
    let read = read_api(&["../specs"]);
    let (d31, diags) = doc(&read.api, Version::V3_1);
    round_trip("specs", &read.api, &d31);
    check_counts("specs", &read.api, &d31, &diags);
    // specs/ documents the Glance download twice (os-api-ref and wadl2rst):
    // one operation, one merge listed.
    assert_eq!(
        merges(&diags),
        [[
            "download-binary-image-data",
            "GET_download_binary_image_data_v2_images_image_id_file"
        ]]
    );
    insta::assert_json_snapshot!("openapi_specs_3_1", d31);
}

#[test]
fn glance_round_trip() {
    let read = read_api(&[shared("corpus/glance-api-ref")]);
    for v in [Version::V3_1, Version::V3_0] {
        let (d, diags) = doc(&read.api, v);
        round_trip("glance", &read.api, &d);
        check_counts("glance", &read.api, &d, &diags);
    }
}

#[test]
fn every_corpus_counts_operations_minus_listed_merges() {
    let root = shared("corpus");
    let mut sets: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    sets.sort();
    assert!(sets.len() >= 7, "corpora under {}", root.display());
    for set in sets {
        let name = set.file_name().unwrap().to_string_lossy().to_string();
        let read = read_api(&[&set]);
        assert!(!read.api.endpoints.is_empty(), "{name}: no endpoints");
        let (d, diags) = doc(&read.api, Version::V3_1);
        check_counts(&name, &read.api, &d, &diags);
        let merged = merges(&diags);
        eprintln!(
            "{name}: {} endpoints -> {} operations, {} merges",
            read.api.endpoints.len(),
            operations(&d).len(),
            merged.len()
        );
    }
}

#[test]
fn security_follows_the_auth_flag() {
    let read = read_api(&["../specs"]);
    let (d, _) = doc(&read.api, Version::V3_1);
    let ops = operations(&d);
    let get = |p: &str| ops[&("GET".to_string(), p.to_string())];
    // UForge, auth not required but a one-time downloadId: the token alone,
    // or the credentials.
    let dl = get("/users/{uid}/appliances/{aid}/images/{itid}/downloads");
    assert_eq!(
        dl["security"],
        serde_json::json!([{"downloadId": []}, {"basicAuth": []}])
    );
    // UForge, auth required: basic.
    let file = get("/users/{uid}/appliances/{aid}/images/{itid}/files/{filepath}");
    assert_eq!(file["security"], serde_json::json!([{"basicAuth": []}]));
    // OpenStack: the X-Auth-Token key.
    let glance = get("/v2/images/{image_id}/file");
    assert_eq!(glance["security"], serde_json::json!([{"authToken": []}]));
    let schemes = &d["components"]["securitySchemes"];
    assert_eq!(schemes["basicAuth"]["scheme"], "basic");
    assert_eq!(schemes["authToken"]["name"], "X-Auth-Token");
    assert_eq!(schemes["authToken"]["in"], "header");
    assert_eq!(schemes["downloadId"]["in"], "query");
    // The catch-all keeps its documented regex.
    let fp = file["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "filepath")
        .unwrap();
    assert_eq!(fp["x-restdoc-path-pattern"], ".+");

    // A page that requires no auth: explicitly none.
    let mut api = read.api.clone();
    let e = api
        .endpoints
        .iter_mut()
        .find(|e| e.id == "download-binary-image-data")
        .unwrap();
    e.auth.required = false;
    e.path = "/v2/open/{image_id}".parse_template();
    let (d, _) = doc(&api, Version::V3_1);
    assert_eq!(
        operations(&d)[&("GET".to_string(), "/v2/open/{image_id}".to_string())]["security"],
        serde_json::json!([])
    );
}

trait ParseTemplate {
    fn parse_template(&self) -> restdoc::model::PathTemplate;
}
impl ParseTemplate for str {
    fn parse_template(&self) -> restdoc::model::PathTemplate {
        restdoc::model::PathTemplate::parse(self).unwrap()
    }
}

#[test]
fn binary_bodies_are_content_media_type_in_3_1_and_format_binary_in_3_0() {
    let read = read_api(&["../specs"]);
    let (d31, _) = doc(&read.api, Version::V3_1);
    let (d30, _) = doc(&read.api, Version::V3_0);
    assert_eq!(d31["openapi"], "3.1.0");
    assert_eq!(d30["openapi"], "3.0.3");
    let path = |d: &Value| {
        d["paths"]["/v2/images/{image_id}/file"]["get"]["responses"]["200"]["content"]
            ["application/octet-stream"]["schema"]
            .clone()
    };
    assert_eq!(
        path(&d31),
        serde_json::json!({"type": "string", "contentMediaType": "application/octet-stream"})
    );
    assert_eq!(
        path(&d30),
        serde_json::json!({"type": "string", "format": "binary"})
    );
    assert!(!serde_json::to_string(&d30)
        .unwrap()
        .contains("contentMediaType"));
    // 204/304 carry no content (RFC 9110), whatever the page lists.
    let r204 = &d31["paths"]["/v2/images/{image_id}/file"]["get"]["responses"]["204"];
    assert!(r204.get("content").is_none(), "{r204}");
    assert!(r204["description"]
        .as_str()
        .unwrap()
        .starts_with("No Content"));
}

/// Two actions on one `POST .../action`, told apart by the body key, and a
/// third endpoint with a different parameter name on the same path shape.
#[test]
fn keyed_actions_merge_into_one_of() {
    let read = read_api(&[shared("corpus/glance-api-ref")]);
    let template = read
        .api
        .endpoints
        .iter()
        .find(|e| {
            e.request_body
                .as_ref()
                .is_some_and(|b| !b.fields.is_empty())
        })
        .expect("a glance endpoint with body fields")
        .clone();
    let action = |id: &str, key: &str, param: &str| {
        let mut e = template.clone();
        e.id = id.to_string();
        e.method = HttpMethod::Post;
        e.path = format!("/v3/volumes/{{{param}}}/action").parse_template();
        e.params.retain(|p| p.location != ParamLocation::Path);
        e.params.insert(
            0,
            Param {
                name: param.to_string(),
                location: ParamLocation::Path,
                required: true,
                ty: TypeRef::Uuid,
                description: "The volume.".into(),
                min_version: None,
                max_version: None,
                fixed: None,
                example: None,
                documented: true,
                source: None,
            },
        );
        e.dispatch = Some(Dispatch::BodyKey(key.to_string()));
        let mut field = template.request_body.as_ref().unwrap().fields[0].clone();
        field.name = key.to_string();
        e.request_body = Some(Body {
            media_types: vec!["application/json".parse::<MediaType>().unwrap()],
            object: None,
            fields: vec![field],
            description: String::new(),
        });
        e
    };
    let api = Api {
        endpoints: vec![
            action("extend", "os-extend", "volume_id"),
            action("reset", "os-reset_status", "id"),
        ],
        objects: vec![],
    };
    let (d, diags) = doc(&api, Version::V3_1);
    let ops = operations(&d);
    assert_eq!(ops.len(), 1);
    let op = ops[&(
        "POST".to_string(),
        "/v3/volumes/{volume_id}/action".to_string(),
    )];
    assert_eq!(op["operationId"], "extend");
    let one_of = op["requestBody"]["content"]["application/json"]["schema"]["oneOf"]
        .as_array()
        .expect("oneOf");
    assert_eq!(one_of.len(), 2);
    assert_eq!(one_of[0]["required"], serde_json::json!(["os-extend"]));
    assert_eq!(
        one_of[1]["required"],
        serde_json::json!(["os-reset_status"])
    );
    assert_eq!(one_of[1]["title"], "reset");
    assert_eq!(merges(&diags), [["extend", "reset"]]);
    assert!(diags[..]
        .iter()
        .any(|d| d.code == "openapi-operations-merged"
            && d.message.contains("oneOf keyed by the action name")));
    // `{id}` of the second action is spelled as the first's, and said so.
    assert!(diags.iter().any(|d| d.code == "openapi-path-param-renamed"
        && d.message.contains("`id` of `reset` is `volume_id`")));
    let merged = op["x-restdoc-merged"].as_array().unwrap();
    assert_eq!(merged[1]["body_key"], "os-reset_status");
}

#[test]
fn output_is_deterministic() {
    let read = read_api(&[shared("corpus/uforge-3.8")]);
    let opts = Options::default();
    let a = export(&read.api, &opts)
        .unwrap()
        .render(Format::Yaml)
        .unwrap();
    let again = read_api(&[shared("corpus/uforge-3.8")]);
    let b = export(&again.api, &opts)
        .unwrap()
        .render(Format::Yaml)
        .unwrap();
    assert_eq!(a, b);
}

#[test]
fn cli_writes_yaml_3_0_and_reports_merges() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("api.yaml");
    let run = Command::new(env!("CARGO_BIN_EXE_restdoc"))
        .args(["openapi", "../specs", "--openapi", "3.0", "--yaml", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning[openapi-operations-merged]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("10 OpenAPI operations (1 endpoints merged into others)"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("openapi: 3.0.3"), "{text}");
    assert!(text.contains("format: binary"));
    let bad = Command::new(env!("CARGO_BIN_EXE_restdoc"))
        .args(["openapi", "../specs", "--openapi", "2.0"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn builder_writes_the_document_next_to_the_code() {
    let dir = tempfile::tempdir().unwrap();
    let g = restdoc::Builder::new()
        .specs("../specs")
        .openapi("api.yaml", Version::V3_0)
        .generate_into(dir.path())
        .expect("generation");
    let doc = g.openapi.expect("document written");
    assert_eq!(doc, dir.path().join("api.yaml"));
    let text = std::fs::read_to_string(&doc).unwrap();
    assert!(
        text.starts_with("components:") && text.contains("openapi: 3.0.3"),
        "{text}"
    );
    assert!(g.file.ends_with("restdoc.rs") && g.file.exists());
    assert!(g
        .diagnostics
        .iter()
        .any(|d| d.code == "openapi-operations-merged"));
    // Without the option, no document and no merge warnings.
    let dir2 = tempfile::tempdir().unwrap();
    let g2 = restdoc::Builder::new()
        .specs("../specs")
        .generate_into(dir2.path())
        .unwrap();
    assert!(g2.openapi.is_none());
    assert!(!g2
        .diagnostics
        .iter()
        .any(|d| d.code.starts_with("openapi-")));
}

/// Cinder's actions on `POST .../action`: every merge whose endpoints all
/// carry a body key is a `oneOf` with one alternative per action, each
/// requiring exactly its key, and the diagnostic names every action.
#[test]
fn cinder_actions_merge_into_keyed_one_of() {
    let read = read_api(&[shared("corpus/cinder-api-ref")]);
    let (d, diags) = doc(&read.api, Version::V3_1);
    let by_id: BTreeMap<&str, &Endpoint> = read
        .api
        .endpoints
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect();
    let mut keyed = 0;
    for ids in merges(&diags) {
        let keys: Vec<&str> = ids
            .iter()
            .filter_map(|id| match &by_id[id.as_str()].dispatch {
                Some(Dispatch::BodyKey(k)) => Some(k.as_str()),
                _ => None,
            })
            .collect();
        if keys.len() != ids.len() {
            continue;
        }
        keyed += 1;
        let first = by_id[ids[0].as_str()];
        let op = &d["paths"][openapi_path(first)][first.method.to_string().to_lowercase()];
        let one_of = op["requestBody"]["content"]["application/json"]["schema"]["oneOf"]
            .as_array()
            .unwrap_or_else(|| panic!("oneOf for {ids:?}"));
        assert_eq!(one_of.len(), ids.len(), "{ids:?}");
        for ((alt, id), key) in one_of.iter().zip(&ids).zip(&keys) {
            assert_eq!(alt["title"], id.as_str());
            assert_eq!(alt["required"], serde_json::json!([key]), "{id}");
        }
    }
    // v2 and v3 volume, snapshot, backup, group and type-access actions.
    assert!(keyed >= 8, "{keyed} keyed merges");
}
