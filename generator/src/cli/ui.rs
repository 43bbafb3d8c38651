//! What every subcommand shares about its output: verbosity (`-q`/`-v`),
//! colour (only on a terminal, never with `NO_COLOR`), how diagnostics are
//! printed, and the summary line that ends every run.

use clap::{Args, ValueEnum};
use restdoc::lint::render::{self, Sources, Style};
use restdoc::{Diagnostic, Severity};
use std::io::IsTerminal;
use std::time::Instant;

/// When to colour output.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stderr is a terminal and `NO_COLOR` is not set.
    Auto,
    Always,
    Never,
}

/// Options of every subcommand.
#[derive(Args, Debug)]
pub struct UiArgs {
    /// Print errors only, and no summary line.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print infos (what was inferred or repaired); `lint` hides them
    /// otherwise.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// The resolved output settings of a run.
pub struct Ui {
    pub quiet: bool,
    pub verbose: bool,
    pub color: bool,
    started: Instant,
}

impl Ui {
    pub fn new(args: &UiArgs) -> Self {
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        Ui {
            quiet: args.quiet,
            verbose: args.verbose,
            color,
            started: Instant::now(),
        }
    }

    /// Whether a diagnostic of `severity` is printed; `infos` says whether
    /// the command shows infos by default.
    pub fn shows(&self, severity: Severity, infos: bool) -> bool {
        match severity {
            Severity::Error => true,
            Severity::Warning => !self.quiet,
            Severity::Info => !self.quiet && (infos || self.verbose),
        }
    }

    /// Print diagnostics one per line (`file:line:col: severity[code]:
    /// message`), errors again in full with their source line underlined.
    pub fn print_short(&self, diags: &[Diagnostic], infos: bool) {
        let mut errors = Vec::new();
        for d in diags.iter().filter(|d| self.shows(d.severity, infos)) {
            eprintln!("{d}");
            if d.severity == Severity::Error {
                errors.push(d.clone());
            }
        }
        if !errors.is_empty() {
            self.print_full(&errors, &mut Sources::default());
        }
    }

    /// Print diagnostics grouped by page, each with its source line
    /// underlined.
    pub fn print_full(&self, diags: &[Diagnostic], sources: &mut Sources) {
        let style = Style {
            color: self.color,
            ..Style::default()
        };
        eprint!("{}", render::human(diags, sources, style));
    }

    /// The line that ends every run: pages read, endpoints, objects,
    /// warnings, errors, time. `extra` is appended (what was written, ...).
    pub fn summary(&self, counts: &Counts, extra: &str) {
        if self.quiet {
            return;
        }
        let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        eprintln!(
            "restdoc: {}, {}, {}, {}, {} in {:.2}s{}",
            plural(counts.pages, "page") + " read",
            plural(counts.endpoints, "endpoint"),
            plural(counts.objects, "object"),
            plural(counts.warnings, "warning"),
            plural(counts.errors, "error"),
            self.started.elapsed().as_secs_f64(),
            extra,
        );
    }
}

/// What a summary line counts.
#[derive(Debug, Default)]
pub struct Counts {
    pub pages: usize,
    pub endpoints: usize,
    pub objects: usize,
    pub warnings: usize,
    pub errors: usize,
}

impl Counts {
    /// Counts of a read plus diagnostics.
    pub fn new(read: &restdoc::ReadOutput, diags: &[Diagnostic]) -> Self {
        let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
        Counts {
            pages: read.pages,
            endpoints: read.api.endpoints.len(),
            objects: read.api.objects.len(),
            warnings: count(Severity::Warning),
            errors: count(Severity::Error),
        }
    }
}
