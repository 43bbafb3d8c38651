//! The crate generated from our own docs (`specs/`): one insta snapshot per
//! generated file (each API group's module, the models, the runtime, the
//! crate root and manifest), the codegen diagnostics, byte-for-byte
//! determinism whatever order the pages come in, and that the checked-in
//! `generated/` crate is what the generator makes today.

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
            "src/images/mod.rs",
            "src/images_data/mod.rs",
            "src/lib.rs",
            "src/machineimage/mod.rs",
            "src/models.rs",
            "src/runtime.rs",
            "src/scan/mod.rs",
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
        "generated/ is stale ({}); run `cargo run -p restdoc -- generate specs --out generated/src --crate-name restdoc-specs`",
        stale.join(", ")
    );
}
