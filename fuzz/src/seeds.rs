//! Seed inputs: our `specs/` pages, the corpus pages (`../shared/corpus`,
//! read in place), and whatever is saved under `fuzz/corpus/<target>/` and
//! `fuzz/regressions/<target>/`. Each seed is raw fuzzer bytes for
//! [`crate::run`].

use crate::{route_scan, PipelineInput, Target};
use std::path::{Path, PathBuf};

/// The repository root (the folder holding `fuzz/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Saved inputs of `target` under `fuzz/<kind>/<target>/` (`corpus` or
/// `regressions`), sorted.
pub fn saved(kind: &str, target: Target) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = root().join("fuzz").join(kind).join(target.name());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect()
}

/// Page files below `dir`, sorted.
fn pages_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("rst" | "inc" | "txt")
            ) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Our own pages plus every `stride`th corpus page.
fn pages(stride: usize) -> Vec<PathBuf> {
    let mut out = pages_below(&root().join("specs"));
    let corpus = root().join("../shared/corpus");
    out.extend(pages_below(&corpus).into_iter().step_by(stride.max(1)));
    out
}

/// A pipeline seed: the page, its first `rest_parameters` file renamed to
/// `parameters.yaml` (the name the target writes it under).
fn pipeline_seed(path: &Path, text: &str) -> PipelineInput {
    let yaml_name = text.lines().find_map(|l| {
        let (_, arg) = l.split_once("rest_parameters::")?;
        Some(arg.trim().to_string())
    });
    let (page, yaml) = match yaml_name {
        Some(name) if !name.is_empty() => {
            let yaml = path
                .parent()
                .map(|d| d.join(&name))
                .and_then(|p| std::fs::read_to_string(p).ok())
                .unwrap_or_default();
            (text.replace(&name, "parameters.yaml"), yaml)
        }
        _ => (text.to_string(), String::new()),
    };
    PipelineInput {
        object_folder: path.components().any(|c| c.as_os_str() == "dto-objects"),
        page,
        yaml,
    }
}

/// Every seed of `target`; corpus pages sampled every `stride`th.
pub fn seeds(target: Target, stride: usize) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    for p in pages(stride) {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        match target {
            Target::RstReader => out.push(text.into_bytes()),
            Target::Pipeline => out.push(pipeline_seed(&p, &text).to_bytes()),
            Target::PathTemplate => {
                for r in route_scan::route_lines(&text) {
                    let t = r.text.trim();
                    let route = t.split_once("::").map_or(t, |(_, a)| a).trim();
                    let path = route.split_once(' ').map_or(route, |(_, p)| p).trim();
                    out.push(path.as_bytes().to_vec());
                }
            }
        }
    }
    if target == Target::PathTemplate {
        for p in [
            "/",
            "/users/{uid}/files/{filepath : .+}",
            "/a/{x}.json/{rest : [a-z]{2}/.+}",
            "users//{x}/",
        ] {
            out.push(p.as_bytes().to_vec());
        }
    }
    for kind in ["corpus", "regressions"] {
        out.extend(saved(kind, target).into_iter().map(|(_, b)| b));
    }
    out.sort();
    out.dedup();
    out
}
