//! The crate generated from our own docs (`specs/`): one insta snapshot per
//! generated file (each API group's module, the models, the runtime, the
//! crate root and manifest, the contract test suite), the codegen
//! diagnostics, byte-for-byte determinism whatever order the pages come
//! in, and that the checked-in `generated/` crate is what the generator
//! makes today.

use restdoc::codegen::{generate, Generated, Options, MARKER};
use restdoc::read_api;
use std::path::{Path, PathBuf};

/// The repository root (`/work/main`), lexically: the parent of the crate.
fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The spec folders in the order `restdoc generate specs` finds them.
const SPEC_DIRS: &[&str] = &["specs/os-api-ref", "specs/uforge", "specs/wadl2rst"];

/// The options `generated/` is made with (see its manifest).
fn options() -> Options {
    Options {
        crate_name: "restdoc-specs".into(),
        tests: true,
        ..Options::default()
    }
}

/// Generate from `paths`, read relative to the repository root (see
/// [`at_root`]) so the sources named in docs match the checked-in crate.
fn gen(paths: &[&str]) -> Generated {
    generate(&read_api(paths).api, &options()).expect("specs generate")
}

/// Tests read `specs/...` relative to the repository root.
fn at_root() {
    std::env::set_current_dir(root()).expect("repository root exists");
}

#[test]
fn snapshot_every_generated_file() {
    at_root();
    let g = gen(&["specs"]);
    let names: Vec<String> = g
        .files
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "Cargo.toml",
            "src/containertemplate/mod.rs",
            "src/image_tags/mod.rs",
            "src/imagelabel/mod.rs",
            "src/images/mod.rs",
            "src/images_data/mod.rs",
            "src/images_storage/mod.rs",
            "src/lib.rs",
            "src/machineimage/mod.rs",
            "src/models.rs",
            "src/runtime.rs",
            "src/scan/mod.rs",
            "src/xml.rs",
            "tests/contract.rs",
            "tests/examples.rs",
            "tests/xml.rs",
        ]
    );
    for (path, text) in &g.files {
        assert!(
            text.lines().next().is_some_and(|l| l.contains(MARKER)),
            "{} lacks the generated marker",
            path.display()
        );
        let name = path.display().to_string().replace('/', "__");
        insta::assert_snapshot!(name, text);
    }
    let diags: Vec<String> = g.diagnostics.iter().map(|d| d.to_string()).collect();
    insta::assert_snapshot!("diagnostics", diags.join("\n"));
}

#[test]
fn same_bytes_twice_and_in_any_order() {
    at_root();
    let once = gen(SPEC_DIRS);
    let again = gen(SPEC_DIRS);
    assert_eq!(once.files, again.files);
    let mut reversed = SPEC_DIRS.to_vec();
    reversed.reverse();
    let back = gen(&reversed);
    assert_eq!(once.files, back.files, "page order changed the output");
    assert_eq!(once.diagnostics, back.diagnostics);
    assert_eq!(once.files, gen(&["specs"]).files);
}

#[test]
fn checked_in_crate_is_fresh() {
    at_root();
    let g = gen(&["specs"]);
    let crate_dir = root().join("generated");
    let mut stale = Vec::new();
    for (path, text) in &g.files {
        let on_disk = std::fs::read_to_string(crate_dir.join(path)).unwrap_or_default();
        if on_disk != *text {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "generated/ is stale ({}); run `cargo run -p restdoc -- generate specs --out generated/src --crate-name restdoc-specs --tests`",
        stale.join(", ")
    );
}

/// Run the `restdoc` binary from the repository root.
fn restdoc(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_restdoc"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("restdoc runs")
}

#[test]
fn generate_writes_only_changes_and_removes_only_stale_generated_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("api/src");
    let src_arg = src.to_str().expect("utf-8 temp path");
    let args = ["-v", "generate", "specs", "--out", src_arg, "--standalone"];
    let first = restdoc(&args);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert_eq!(first.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "specs/uforge/scan/scanImage_download.rst:23:45: info[inferred-query-param]: "
        ),
        "diagnostics as file:line:col: severity[code]: message\n{stderr}"
    );
    let manifest =
        std::fs::read_to_string(dir.path().join("api/Cargo.toml")).expect("manifest next to src");
    assert!(manifest.contains("\n[workspace]\n"), "{manifest}");
    let lib = src.join("lib.rs");
    let mtime = || {
        std::fs::metadata(&lib)
            .and_then(|m| m.modified())
            .expect("mtime")
    };
    let before = mtime();

    // a group that no longer exists, and a hand-written file
    std::fs::create_dir_all(src.join("gone")).expect("mkdir");
    let marked = format!("// {MARKER} from the API documentation\npub fn old() {{}}\n");
    std::fs::write(src.join("gone/mod.rs"), marked).expect("write");
    std::fs::write(src.join("hand.rs"), "pub fn mine() {}\n").expect("write");
    std::thread::sleep(std::time::Duration::from_millis(20));

    let second = restdoc(&args);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("0 written, 13 unchanged, 1 stale removed"),
        "{stderr}"
    );
    assert_eq!(mtime(), before, "unchanged files are not rewritten");
    assert!(!src.join("gone").exists(), "stale generated group removed");
    assert!(
        src.join("hand.rs").exists(),
        "unmarked files are never touched"
    );

    let check = ["check", "specs", "--out", src_arg, "--standalone"];
    let fresh = restdoc(&check);
    assert_eq!(
        fresh.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&fresh.stderr)
    );
    assert!(fresh.stdout.is_empty());

    let edited = std::fs::read_to_string(&lib)
        .expect("read")
        .replace("pub mod models;", "pub mod modelz;");
    std::fs::write(&lib, edited).expect("write");
    let stale = restdoc(&check);
    assert_eq!(stale.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&stale.stdout);
    assert!(
        diff.contains("--- a/") && diff.contains("/api/src/lib.rs\n+++ b/"),
        "{diff}"
    );
    assert!(
        diff.contains("\n-pub mod modelz;\n+pub mod models;\n"),
        "{diff}"
    );
    assert!(String::from_utf8_lossy(&stale.stderr).contains("1 generated files are stale"));
}

#[test]
fn generate_usage_errors_exit_2() {
    assert_eq!(
        restdoc(&["generate", "specs"]).status.code(),
        Some(2),
        "--out is required"
    );
    assert_eq!(
        restdoc(&["check", "--out", "x"]).status.code(),
        Some(2),
        "a path is required"
    );
    let help = restdoc(&["generate", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert_eq!(help.status.code(), Some(0));
    assert!(
        text.contains("Examples:") && text.contains("Exit codes:") && text.contains("Cargo.toml"),
        "{text}"
    );
}

/// A documented `X-Auth-Token` header is the caller's credential, sent by
/// the client's `Auth`: no argument, no server-side requirement, an info
/// saying so. Another token header (the ticket a call checks) stays an
/// argument the server requires.
#[test]
fn documented_auth_token_header_is_the_credential_not_an_argument() {
    let read = read_api(&[root().join("tests/fixtures/codegen-edge")]);
    let g = generate(&read.api, &options()).expect("generates");
    let (_, group) = g
        .files
        .iter()
        .find(|(p, _)| p.ends_with("widget_history/mod.rs"))
        .expect("the widget_history group");
    assert!(!group.contains("x_auth_token"), "{group}");
    assert!(!group.contains("\"X-Auth-Token\""), "{group}");
    assert!(group.contains("pub x_widget_ticket: String,"), "{group}");
    assert!(
        group.contains("req.header_required(\"X-Widget-Ticket\")"),
        "{group}"
    );
    let info: Vec<_> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == "codegen-auth-header-from-credentials")
        .collect();
    assert_eq!(info.len(), 1, "{:?}", g.diagnostics);
    assert!(
        info[0].message.contains("X-Auth-Token"),
        "{}",
        info[0].message
    );
    assert!(
        info[0].file.ends_with("widgets-parameters.yaml")
            || info[0].file.ends_with("widget-history.inc"),
        "{:?}",
        info[0]
    );
}
