//! The `lint` subcommand: every consistency problem of the pages, each with
//! its source line underlined (or as JSON), an exit code for CI.

use super::ui::{Counts, Ui};
use clap::{Args, ValueEnum};
use restdoc::lint::{self, render};
use restdoc::Severity;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output format of `lint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Grouped by page, source lines underlined (stderr).
    Human,
    /// One JSON document on stdout: diagnostics, pages, summary.
    Json,
}

/// Which severity fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Fail on errors only (the default).
    Errors,
    /// Fail on warnings too (for CI).
    Warnings,
}

/// Arguments of `lint`.
#[derive(Args)]
pub struct LintArgs {
    /// Pages or folders to read (.rst, .inc, .txt).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 on findings of this severity or worse.
    #[arg(long, value_enum, default_value_t = Deny::Errors, value_name = "LEVEL")]
    pub deny: Deny,
    /// The service's WADL: report where the pages disagree with it
    /// (method, path, parameters, query parameters, auth).
    #[arg(long, value_name = "FILE")]
    pub wadl: Option<PathBuf>,
}

/// Run `lint`.
pub fn run(args: &LintArgs, ui: &Ui) -> ExitCode {
    let mut out = lint::lint(
        &args.paths,
        &lint::Options {
            wadl: args.wadl.clone(),
        },
    );
    let shown: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| ui.shows(d.severity, false))
        .cloned()
        .collect();
    let counts = Counts::new(&out.read, &out.diagnostics);
    let pages_with_findings = render::by_file(
        &out.diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .cloned()
            .collect::<Vec<_>>(),
    )
    .len();
    match args.format {
        Format::Json => {
            let summary = serde_json::json!({
                "pages": counts.pages,
                "endpoints": counts.endpoints,
                "objects": counts.objects,
                "warnings": counts.warnings,
                "errors": counts.errors,
                "infos": out.count(Severity::Info),
                "pages_with_findings": pages_with_findings,
            });
            println!("{}", render::json(&shown, &summary));
        }
        Format::Human => ui.print_full(&shown, &mut out.sources),
    }
    ui.summary(
        &counts,
        &format!("; {pages_with_findings} pages with findings"),
    );
    let fail = counts.errors > 0 || (args.deny == Deny::Warnings && counts.warnings > 0);
    if fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
