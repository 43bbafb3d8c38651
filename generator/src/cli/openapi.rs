//! The `openapi` subcommand: read the pages and write the OpenAPI document
//! (stdout, or `--out FILE`).

use super::ui::{Counts, Ui};
use clap::{Args, ValueEnum};
use restdoc::openapi::{self, Format, Options, Version};
use restdoc::{read_api, Severity};
use std::path::PathBuf;
use std::process::ExitCode;

/// Which OpenAPI version to write.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum OpenApiVersion {
    #[value(name = "3.1")]
    V31,
    #[value(name = "3.0")]
    V30,
}

/// Arguments of `openapi`.
#[derive(Args)]
pub struct OpenApiArgs {
    /// Pages or folders to read (.rst, .inc, .txt).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// OpenAPI version: 3.1 (3.1.0) or 3.0 (3.0.3, for tools that read only 3.0).
    #[arg(
        long = "openapi",
        value_enum,
        default_value = "3.1",
        value_name = "VERSION"
    )]
    pub version: OpenApiVersion,
    /// Write YAML instead of JSON.
    #[arg(long)]
    pub yaml: bool,
    /// Write to FILE instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// `info.title` of the document.
    #[arg(long, default_value = "API documented in reStructuredText")]
    pub title: String,
    /// `info.version`: the version of the API described.
    #[arg(long, default_value = "unversioned", value_name = "VERSION")]
    pub api_version: String,
}

/// Run `openapi`.
pub fn run(args: &OpenApiArgs, ui: &Ui) -> ExitCode {
    let read = read_api(&args.paths);
    let opts = Options {
        version: match args.version {
            OpenApiVersion::V31 => Version::V3_1,
            OpenApiVersion::V30 => Version::V3_0,
        },
        title: args.title.clone(),
        api_version: args.api_version.clone(),
    };
    let format = if args.yaml {
        Format::Yaml
    } else {
        Format::Json
    };
    let text = openapi::export(&read.api, &opts).and_then(|e| Ok((e.render(format)?, e)));
    let (text, export) = match text {
        Ok(t) => t,
        Err(e) => {
            ui.print_short(&read.diagnostics, false);
            eprintln!("restdoc: error: {e}");
            return ExitCode::from(1);
        }
    };
    let mut diags = read.diagnostics.clone();
    diags.extend(export.diagnostics.iter().cloned());
    ui.print_short(&diags, false);
    let written = match &args.out {
        Some(path) => std::fs::write(path, &text).map_err(|e| format!("{}: {e}", path.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    };
    if let Err(e) = &written {
        eprintln!("restdoc: error: cannot write {e}");
    }
    ui.summary(
        &Counts::new(&read, &diags),
        &format!(
            "; {} OpenAPI operations ({} endpoints merged into others)",
            export.operations, export.merged_away
        ),
    );
    if written.is_err() || diags.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
