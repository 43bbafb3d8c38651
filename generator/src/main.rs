//! The `restdoc` command line.

use clap::{Parser, Subcommand};
use restdoc::{read_api, Severity};
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str = "Exit codes:\n  0  success (warnings allowed)\n  1  a page or an endpoint could not be read (an error diagnostic)\n  2  usage error";

#[derive(Parser)]
#[command(name = "restdoc", version, about = "Turn REST API docs written in reStructuredText into Rust code", after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the endpoint model read from the pages.
    #[command(after_help = "Examples:\n  restdoc model specs\n  restdoc model ../shared/corpus/uforge-3.8 --json > model.json\n\n".to_owned() + EXIT_CODES)]
    Model {
        /// Pages or folders to read (.rst, .inc, .txt).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the model and diagnostics as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match cli.command {
        Command::Model { paths, json } => {
            let out = read_api(&paths);
            if json {
                let v = serde_json::json!({
                    "endpoints": out.api.endpoints,
                    "objects": out.api.objects,
                    "diagnostics": out.diagnostics,
                });
                println!("{}", serde_json::to_string_pretty(&v).expect("model serialises"));
            } else {
                for e in &out.api.endpoints {
                    println!("{} {} {}  [{}:{}]", e.id, e.method, e.path, e.source.file, e.source.line);
                    for p in &e.params {
                        println!("    {:6} {}{} : {}", format!("{:?}", p.location).to_lowercase(), p.name, if p.required { "" } else { "?" }, p.ty);
                    }
                    let codes: Vec<String> = e.responses.iter().map(|r| r.status.to_string()).collect();
                    println!("    -> {}  auth: {}", codes.join(" "), if e.auth.required { "required" } else { "none" });
                }
                for o in &out.api.objects {
                    println!("object {} ({} fields)  [{}:{}]", o.name, o.fields.len(), o.source.file, o.source.line);
                }
                for d in &out.diagnostics {
                    eprintln!("{d}");
                }
            }
            let warnings = out.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
            eprintln!(
                "restdoc: {} pages, {} endpoints, {} objects, {} warnings, {} errors",
                out.pages,
                out.api.endpoints.len(),
                out.api.objects.len(),
                warnings,
                out.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
            );
            if out.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
    }
}
