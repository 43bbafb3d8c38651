//! `restdoc::Builder` in a real build script: a small crate (two pages of
//! `specs/`, the generated models only) built with cargo in a temp folder,
//! target under `target/builder-test` so later runs reuse its dependencies.
//! Editing a page reruns the build script and changes the generated code;
//! touching an unrelated file does not; a broken page fails the build with
//! the page's line underlined.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

const PAGES: [&str; 2] = [
    "uforge/machineimage/machineImage_download.rst",
    "uforge/dto-objects/Image.rst",
];

/// A crate whose build.rs generates models from its `specs/` folder.
fn demo_crate(dir: &Path) {
    let generator = root().join("generator");
    let manifest = format!(
        "[package]\nname = \"builder-demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n[dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\nbytes = \"1\"\nfutures-core = \"0.3\"\npercent-encoding = \"2\"\nform_urlencoded = \"1\"\nchrono = {{ version = \"0.4\", default-features = false, features = [\"alloc\", \"serde\"] }}\nurl = \"2\"\nquick-xml = {{ version = \"0.38\", features = [\"serialize\"] }}\n\n[build-dependencies]\nrestdoc = {{ path = {:?} }}\n",
        generator.display().to_string()
    );
    let build = "fn main() -> Result<(), restdoc::builder::BuildError> {\n    restdoc::Builder::new().specs(\"specs\").client(false).server(false).module(\"api\").generate_into_out_dir()?;\n    Ok(())\n}\n";
    let lib = "#[allow(unused)]\nmod api {\n    include!(concat!(env!(\"OUT_DIR\"), \"/restdoc.rs\"));\n}\npub fn image() -> String {\n    serde_json::to_string(&api::models::Image::default()).unwrap_or_default()\n}\n";
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("write");
    std::fs::write(dir.join("build.rs"), build).expect("write");
    std::fs::write(dir.join("src/lib.rs"), lib).expect("write");
    std::fs::write(dir.join("README.md"), "A demo.\n").expect("write");
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock");
    for p in PAGES {
        let to = dir.join("specs").join(p);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(root().join("specs").join(p), to).expect("copy page");
    }
}

fn cargo_build(dir: &Path) -> Output {
    Command::new(env!("CARGO"))
        .args(["build", "-v", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root().join("target/builder-test"))
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .expect("cargo runs")
}

/// The end of a build's output (cargo's `-v` lines before it are long).
fn tail(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("Running `"))
        .collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

/// Whether this build ran the crate's build script.
fn ran_build_script(out: &Output) -> bool {
    String::from_utf8_lossy(&out.stderr).lines().any(|l| {
        l.contains("Running") && l.contains("builder-demo") && l.contains("build-script-build")
    })
}

/// The generated file and the rerun list of the last build.
fn build_output(target: &Path) -> (String, Vec<String>) {
    let mut newest: Option<(std::time::SystemTime, PathBuf)> = None;
    for e in std::fs::read_dir(target.join("debug/build"))
        .expect("build dir")
        .flatten()
    {
        let out = e.path().join("output");
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("builder-demo-") && out.is_file() {
            let t = out.metadata().and_then(|m| m.modified()).expect("mtime");
            if newest.as_ref().is_none_or(|(n, _)| t > *n) {
                newest = Some((t, e.path()));
            }
        }
    }
    let dir = newest.expect("build script output").1;
    let code = std::fs::read_to_string(dir.join("out/restdoc.rs")).expect("generated");
    let rerun = std::fs::read_to_string(dir.join("output"))
        .expect("output")
        .lines()
        .filter_map(|l| l.strip_prefix("cargo:rerun-if-changed="))
        .map(str::to_string)
        .collect();
    (code, rerun)
}

#[test]
fn pages_rebuild_unrelated_files_do_not_and_errors_fail_the_build() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("builder-demo");
    demo_crate(&dir);
    let target = root().join("target/builder-test");

    let first = cargo_build(&dir);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let (code, rerun) = build_output(&target);
    let mut want: Vec<String> = PAGES.iter().map(|p| format!("specs/{p}")).collect();
    want.sort();
    assert_eq!(rerun, want, "exactly the pages read");
    assert!(code.contains("pub mod models {"), "one flattened file");

    let again = cargo_build(&dir);
    assert!(again.status.success());
    assert!(
        !ran_build_script(&again),
        "a no-op build does not rerun restdoc"
    );

    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(dir.join("README.md"), "A demo, touched.\n").expect("write");
    std::fs::write(dir.join("notes.rst"), "Not under specs.\n").expect("write");
    let unrelated = cargo_build(&dir);
    assert!(unrelated.status.success());
    assert!(
        !ran_build_script(&unrelated),
        "unrelated files do not rerun restdoc"
    );

    let page = dir.join("specs").join(PAGES[0]);
    let text = std::fs::read_to_string(&page).expect("page");
    let edited = text.replace(
        "Streams the file of a machine image",
        "Streams, quickly, the file of a machine image",
    );
    assert_ne!(edited, text);
    std::fs::write(&page, &edited).expect("write");
    let after_edit = cargo_build(&dir);
    assert!(
        after_edit.status.success(),
        "{}",
        String::from_utf8_lossy(&after_edit.stderr)
    );
    assert!(
        ran_build_script(&after_edit),
        "an edited page reruns restdoc"
    );
    let (code, _) = build_output(&target);
    assert!(
        code.contains("Streams, quickly,"),
        "the generated code follows the page"
    );

    let broken = edited.replace(".. function:: GET ", ".. function:: FETCH ");
    std::fs::write(&page, broken).expect("write");
    let failed = cargo_build(&dir);
    let stderr = tail(&failed);
    assert!(!failed.status.success());
    assert!(stderr.contains("endpoint-unreadable"), "{stderr}");
    assert!(
        stderr.contains(".. function:: FETCH /users/{uid}"),
        "the line is shown: {stderr}"
    );
    assert!(stderr.contains("machineImage_download.rst:"), "{stderr}");
}
