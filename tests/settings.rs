//! `restdoc.toml`, the per-doc-set settings: the microversion header and
//! service type a doc set states for itself, in both header styles, and
//! the CLI flags and `Builder` methods overriding them field by field.

use restdoc::Builder;
use std::path::Path;
use std::process::Command;

const PAGE: &str = "\
Widgets
=======

List widgets
~~~~~~~~~~~~

.. rest_method:: GET /v1/widgets
   min_version: 1.2

Lists widgets.

Normal response codes: 200
";

/// A doc set in a fresh folder: one page, and `settings` as its
/// `restdoc.toml` when given.
fn doc_set(settings: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("widgets.inc"), PAGE).unwrap();
    if let Some(s) = settings {
        std::fs::write(dir.path().join("restdoc.toml"), s).unwrap();
    }
    dir
}

/// `restdoc generate` on `set` with `flags`: its exit code, stderr, and
/// the generated `runtime.rs`.
fn generate(set: &Path, flags: &[&str]) -> (Option<i32>, String, String) {
    let out = tempfile::tempdir().unwrap();
    let src = out.path().join("src");
    let output = Command::new(env!("CARGO_BIN_EXE_restdoc"))
        .arg("generate")
        .arg(set)
        .arg("--out")
        .arg(&src)
        .args(["--crate-name", "widgets", "--no-manifest"])
        .args(flags)
        .output()
        .expect("restdoc runs");
    let runtime = std::fs::read_to_string(src.join("runtime.rs")).unwrap_or_default();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        runtime,
    )
}

/// The `VERSION_HEADER` and `SERVICE_TYPE` constants of a generated runtime.
fn constants(runtime: &str) -> (String, String) {
    let value = |name: &str| {
        let at = runtime
            .find(&format!("pub const {name}:"))
            .unwrap_or_else(|| panic!("no {name} in\n{runtime}"));
        let line = runtime[at..].lines().next().unwrap_or_default();
        line.split_once(" = ")
            .map(|(_, v)| v.trim_end_matches(';').to_string())
            .unwrap_or_default()
    };
    (value("VERSION_HEADER"), value("SERVICE_TYPE"))
}

fn pair(header: &str, service: &str) -> (String, String) {
    (header.to_string(), service.to_string())
}

#[test]
fn without_settings_the_defaults_hold() {
    let set = doc_set(None);
    let (code, err, rt) = generate(set.path(), &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        constants(&rt),
        pair("\"OpenStack-API-Version\"", "Some(\"widgets\")")
    );
}

#[test]
fn the_doc_set_names_a_legacy_header_carrying_the_bare_version() {
    let set = doc_set(Some(
        "# the share service predates OpenStack-API-Version\n[microversion]\nheader = \"X-OpenStack-Manila-API-Version\"\n",
    ));
    let (code, err, rt) = generate(set.path(), &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        constants(&rt),
        pair("\"X-OpenStack-Manila-API-Version\"", "None")
    );
}

#[test]
fn the_doc_set_names_its_service_type_for_the_standard_header() {
    let set = doc_set(Some("[microversion]\nservice_type = \"volume\"\n"));
    let (code, err, rt) = generate(set.path(), &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        constants(&rt),
        pair("\"OpenStack-API-Version\"", "Some(\"volume\")")
    );
}

#[test]
fn flags_override_the_doc_set_field_by_field() {
    let set = doc_set(Some(
        "[microversion]\nheader = \"X-OpenStack-Manila-API-Version\"\nservice_type = \"share\"\n",
    ));
    // the header flag wins; the file's service type is kept
    let (code, err, rt) = generate(set.path(), &["--version-header", "OpenStack-API-Version"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        constants(&rt),
        pair("\"OpenStack-API-Version\"", "Some(\"share\")")
    );
    // both flags win
    let (_, _, rt) = generate(
        set.path(),
        &[
            "--version-header",
            "openstack-api-version",
            "--service-type",
            "shared-file-system",
        ],
    );
    assert_eq!(
        constants(&rt),
        pair("\"openstack-api-version\"", "Some(\"shared-file-system\")")
    );
    // the service-type flag alone leaves the file's legacy header in place
    let (_, _, rt) = generate(set.path(), &["--service-type", "other"]);
    assert_eq!(
        constants(&rt),
        pair("\"X-OpenStack-Manila-API-Version\"", "None")
    );
}

#[test]
fn builder_methods_override_the_doc_set() {
    let set = doc_set(Some(
        "[microversion]\nheader = \"X-OpenStack-Manila-API-Version\"\n",
    ));
    let out = tempfile::tempdir().unwrap();
    let read = |b: Builder| {
        let g = b.generate_into(out.path()).expect("generates");
        assert!(
            g.rerun_if_changed
                .iter()
                .any(|p| p.ends_with("restdoc.toml")),
            "the settings file is a rerun-if-changed input: {:?}",
            g.rerun_if_changed
        );
        std::fs::read_to_string(&g.file).unwrap()
    };
    let code = read(Builder::new().specs(set.path()));
    assert!(
        code.contains("pub const VERSION_HEADER: &str = \"X-OpenStack-Manila-API-Version\";"),
        "the file's header"
    );
    let code = read(
        Builder::new()
            .specs(set.path())
            .version_header("OpenStack-API-Version")
            .service_type("share"),
    );
    assert!(code.contains("pub const VERSION_HEADER: &str = \"OpenStack-API-Version\";"));
    assert!(code.contains("pub const SERVICE_TYPE: Option<&str> = Some(\"share\");"));
}

#[test]
fn a_bad_settings_file_is_an_error_at_its_line() {
    let set = doc_set(Some(
        "[microversion]\nheader = \"X-Version\"\nservice = \"volume\"\n",
    ));
    let (code, err, rt) = generate(set.path(), &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("restdoc.toml:3:1") && err.contains("settings-invalid"),
        "{err}"
    );
    // nothing of a file that does not parse is used
    assert_eq!(
        constants(&rt),
        pair("\"OpenStack-API-Version\"", "Some(\"widgets\")")
    );
}
