//! The `generate` and `check` subcommands: read the pages, generate the
//! crate, then write it ([`files::write`]) or compare it with what is on
//! disk ([`files::compare`]). Kept out of the library: it is the only part
//! that touches the output folder.

mod files;
pub mod lint;
pub mod model_json;
pub mod openapi;
pub mod ui;

use clap::Args;
use restdoc::codegen::{self, Options};
use restdoc::{read_api, Severity};
use std::path::PathBuf;
use std::process::ExitCode;
use ui::{Counts, Ui};

/// Shared arguments of `generate` and `check`.
#[derive(Args)]
pub struct GenArgs {
    /// Pages or folders to read (.rst, .inc, .txt).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The generated crate's `src` folder. Its `Cargo.toml` goes next to
    /// it, in the parent folder (see --no-manifest).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// A folder of templates replacing the embedded ones of the same name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The generated crate's package name.
    #[arg(long, value_name = "NAME", default_value = "api")]
    pub crate_name: String,
    /// Make `Cargo.toml` standalone (an empty `[workspace]` table, its own
    /// edition) instead of a workspace member inheriting edition, license
    /// and rust-version.
    #[arg(long)]
    pub standalone: bool,
    /// Leave `Cargo.toml` alone: only the `src` folder is generated.
    #[arg(long)]
    pub no_manifest: bool,
    /// Also generate the contract test suite, `tests/contract.rs` next to
    /// `src` (every documented response code of every endpoint through the
    /// generated client and router on loopback), `tests/examples.rs` (every
    /// JSON example of the pages decoded, re-encoded and sent through them),
    /// and their dev-dependencies.
    #[arg(long)]
    pub tests: bool,
    /// The header the client sends its microversion in and the server
    /// reads it from (default `OpenStack-API-Version`; legacy headers such
    /// as `X-OpenStack-Manila-API-Version` carry the version alone;
    /// overrides `[microversion] header` of the doc set's `restdoc.toml`).
    #[arg(long, value_name = "HEADER")]
    pub version_header: Option<String>,
    /// The service type in `OpenStack-API-Version: <type> <version>`
    /// (default: the crate name; overrides `[microversion] service_type` of
    /// the doc set's `restdoc.toml`).
    #[arg(long, value_name = "TYPE")]
    pub service_type: Option<String>,
}

/// What to do with the generated files.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write changed files, remove stale generated ones.
    Write,
    /// Print a diff and fail when the files on disk are not fresh.
    Check,
}

/// Run `generate` or `check`.
pub fn run(args: &GenArgs, mode: Mode, ui: &Ui) -> ExitCode {
    let read = read_api(&args.paths);
    let opts = Options {
        crate_name: args.crate_name.clone(),
        templates_dir: args.templates.clone(),
        standalone: args.standalone,
        tests: args.tests,
        // the flags override the doc set's `restdoc.toml`, field by field
        version_header: args
            .version_header
            .clone()
            .or_else(|| read.settings.microversion.header.clone()),
        service_type: args
            .service_type
            .clone()
            .or_else(|| read.settings.microversion.service_type.clone()),
    };
    let generated = match codegen::generate(&read.api, &opts) {
        Ok(g) => g,
        Err(e) => {
            ui.print_short(&read.diagnostics, false);
            eprintln!("restdoc: error: {e}");
            return ExitCode::from(1);
        }
    };
    let mut diags = read.diagnostics.clone();
    diags.extend(generated.diagnostics);
    ui.print_short(&diags, false);
    let files: Vec<_> = generated
        .files
        .into_iter()
        .filter(|(p, _)| !(args.no_manifest && p.as_path() == std::path::Path::new("Cargo.toml")))
        .collect();
    let layout = files::Layout::new(&args.out);
    let mut outcome = String::new();
    let failed = match mode {
        Mode::Write => match files::write(&layout, &files) {
            Ok(s) => {
                outcome = format!(
                    "; {} files: {} written, {} unchanged, {} stale removed",
                    files.len(),
                    s.written,
                    s.unchanged,
                    s.removed
                );
                false
            }
            Err(e) => {
                eprintln!("restdoc: error: {e}");
                true
            }
        },
        Mode::Check => match files::compare(&layout, &files) {
            Ok(diffs) if diffs.is_empty() => {
                outcome = format!("; {} generated files are fresh", files.len());
                false
            }
            Ok(diffs) => {
                for d in &diffs {
                    print!("{}", d.diff);
                }
                let names: Vec<String> =
                    diffs.iter().map(|d| d.path.display().to_string()).collect();
                eprintln!(
                    "restdoc: {} generated files are stale: {}; run `restdoc generate` with the same arguments",
                    diffs.len(),
                    names.join(", ")
                );
                true
            }
            Err(e) => {
                eprintln!("restdoc: error: {e}");
                true
            }
        },
    };
    ui.summary(&Counts::new(&read, &diags), &outcome);
    let errors = diags.iter().any(|d| d.severity == Severity::Error);
    if failed || errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
