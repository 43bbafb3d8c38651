//! restdoc's fuzz targets, shared by both drivers:
//! - cargo-fuzz (nightly, libFuzzer): `fuzz_targets/*.rs`, one per target;
//! - the stable loop (`src/bin/fuzz_stable.rs`), which CI runs.
//!
//! Both hand raw bytes to [`run`], which decodes them with `arbitrary`'s
//! [`Unstructured`], so a crash found by one driver replays in the other
//! and in the regression test (`tests/regressions.rs`).
//!
//! A target "crashes" by panicking: the reader or a dialect panicking, a
//! route line lost without endpoint or error (the accounting invariant), or
//! a path template that does not round-trip.

#[path = "../../tests/route_scan/mod.rs"]
mod route_scan;
pub mod seeds;

use arbitrary::{Arbitrary, Unstructured};
use restdoc::model::PathTemplate;
use restdoc::rst;
use restdoc::source::{decode, read_corpus, Corpus};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The fuzz targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Bytes as a page file: decoded (or refused with a position) and
    /// parsed by the RST reader.
    RstReader,
    /// A page (and a YAML parameter file beside it) through the whole
    /// page-to-model pipeline, accounting invariant checked.
    Pipeline,
    /// Path-template parsing; what parses must round-trip.
    PathTemplate,
}

impl Target {
    pub const ALL: [Target; 3] = [Target::RstReader, Target::Pipeline, Target::PathTemplate];

    pub fn name(self) -> &'static str {
        match self {
            Target::RstReader => "rst_reader",
            Target::Pipeline => "pipeline",
            Target::PathTemplate => "path_template",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// Run `target` on raw fuzzer bytes.
pub fn run(target: Target, data: &[u8]) {
    let mut u = Unstructured::new(data);
    match target {
        Target::RstReader => rst_reader(data),
        Target::Pipeline => {
            if let Ok(input) = PipelineInput::arbitrary_take_rest(u) {
                pipeline(&input);
            }
        }
        Target::PathTemplate => {
            if let Ok(raw) = <&str>::arbitrary(&mut u) {
                path_template(raw);
            }
        }
    }
}

/// A page file: decode as `read_api` does, then parse.
pub fn rst_reader(data: &[u8]) {
    match decode(data.to_vec()) {
        Ok(text) => {
            let doc = rst::parse(&text);
            let lines = route_scan::split_lines(&text).len() as u32;
            for m in &doc.messages {
                assert!(
                    m.span.line >= 1 && m.span.line <= lines + 1,
                    "message outside the page: {m:?}"
                );
            }
        }
        Err((line, col, _)) => assert!(line >= 1 && col >= 1, "refusal without position"),
    }
}

/// Separates the page from the YAML file in a pipeline input.
pub const YAML_MARK: &str = "\n%%% parameters.yaml\n";

/// One page and the YAML parameter file beside it (`parameters.yaml`).
#[derive(Debug, Clone)]
pub struct PipelineInput {
    /// Where the page sits: `api/page.inc` or `dto-objects/page.rst`
    /// (UForge object pages are recognised by their folder).
    pub object_folder: bool,
    pub page: String,
    pub yaml: String,
}

impl<'a> Arbitrary<'a> for PipelineInput {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let object_folder = u.arbitrary::<u8>()? & 1 == 1;
        let rest = u.bytes(u.len())?;
        let text = String::from_utf8_lossy(rest).into_owned();
        let (page, yaml) = match text.split_once(YAML_MARK) {
            Some((p, y)) => (p.to_string(), y.to_string()),
            None => (text, String::new()),
        };
        Ok(PipelineInput {
            object_folder,
            page,
            yaml,
        })
    }
}

impl PipelineInput {
    /// The bytes [`run`] decodes back into this input (seeds).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = vec![u8::from(self.object_folder)];
        out.extend_from_slice(self.page.as_bytes());
        if !self.yaml.is_empty() {
            out.extend_from_slice(YAML_MARK.as_bytes());
            out.extend_from_slice(self.yaml.as_bytes());
        }
        out
    }
}

/// This process's scratch folder for the YAML file.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("restdoc-fuzz-{}", std::process::id()));
        let _ = std::fs::create_dir_all(d.join("api"));
        let _ = std::fs::create_dir_all(d.join("dto-objects"));
        d
    })
}

/// The page through the pipeline, with `parameters.yaml` beside it.
pub fn pipeline(input: &PipelineInput) {
    let dir = scratch();
    let folder = if input.object_folder {
        "dto-objects"
    } else {
        "api"
    };
    let _ = std::fs::write(dir.join(folder).join("parameters.yaml"), &input.yaml);
    let name = dir.join(folder).join("page.inc").display().to_string();
    let corpus = Corpus::from_texts(vec![(name.clone(), input.page.clone())]);
    let (api, diagnostics) = read_corpus(&corpus);
    let lost = route_scan::lost(&input.page, &name, &api, &diagnostics);
    assert!(lost.is_empty(), "route lines lost silently: {lost:?}");
    for e in &api.endpoints {
        assert!(e.source.line >= 1, "endpoint without a line: {}", e.id);
    }
}

/// Parse a path template; what parses must print and parse back the same.
pub fn path_template(raw: &str) {
    if let Ok(p) = PathTemplate::parse(raw) {
        let text = p.to_string();
        assert_eq!(
            PathTemplate::parse(&text).ok(),
            Some(p.clone()),
            "{raw:?} -> {text:?}"
        );
        let _ = p.shape();
    }
    if let Ok((p, _)) = PathTemplate::parse_lenient(raw) {
        let text = p.to_string();
        assert_eq!(
            PathTemplate::parse(&text).ok(),
            Some(p),
            "{raw:?} -> {text:?}"
        );
    }
}
