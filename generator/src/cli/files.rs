//! The generated crate on disk: where each file goes, writing only what
//! changed (so mtimes, and cargo's rebuilds, stay put), removing generated
//! files the generator no longer produces, and unified diffs for `check`.
//! Only files whose first line carries [`MARKER`] are ever removed.

use restdoc::codegen::MARKER;
use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Where the generated crate lives: `src` files under `src`, everything
/// else (the manifest) in its parent.
pub struct Layout {
    src: PathBuf,
    root: PathBuf,
}

impl Layout {
    pub fn new(src: &Path) -> Self {
        let root = match (src.components().next_back(), src.parent()) {
            (Some(Component::Normal(_)), Some(p)) => p.to_path_buf(),
            _ => src.join(".."),
        };
        Layout {
            src: src.to_path_buf(),
            root,
        }
    }

    /// The disk path of a crate-relative generated path.
    fn place(&self, rel: &Path) -> PathBuf {
        match rel.strip_prefix("src") {
            Ok(inner) => self.src.join(inner),
            Err(_) => self.root.join(rel),
        }
    }
}

/// What `write` did.
#[derive(Debug, Default)]
pub struct Summary {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Write changed files and remove stale generated ones.
pub fn write(layout: &Layout, files: &[(PathBuf, String)]) -> io::Result<Summary> {
    let mut s = Summary::default();
    let mut keep = BTreeSet::new();
    for (rel, text) in files {
        let path = layout.place(rel);
        keep.insert(path.clone());
        if fs::read_to_string(&path).is_ok_and(|old| old == *text) {
            s.unchanged += 1;
            continue;
        }
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| at(&path, e))?;
        }
        fs::write(&path, text).map_err(|e| at(&path, e))?;
        s.written += 1;
    }
    for path in stale(layout, &keep)? {
        fs::remove_file(&path).map_err(|e| at(&path, e))?;
        s.removed += 1;
        // a group folder left empty goes too; a non-empty one stays
        if let Some(dir) = path.parent().filter(|d| *d != layout.src) {
            let _ = fs::remove_dir(dir);
        }
    }
    Ok(s)
}

/// One file that differs from what would be generated.
pub struct Difference {
    pub path: PathBuf,
    /// A unified diff from the file on disk to the generated text.
    pub diff: String,
}

/// The files on disk that are missing, different or stale.
pub fn compare(layout: &Layout, files: &[(PathBuf, String)]) -> io::Result<Vec<Difference>> {
    let mut out = Vec::new();
    let mut keep = BTreeSet::new();
    for (rel, text) in files {
        let path = layout.place(rel);
        keep.insert(path.clone());
        let old = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(at(&path, e)),
        };
        if old != *text {
            out.push(Difference {
                diff: diff(&path, &old, text),
                path,
            });
        }
    }
    for path in stale(layout, &keep)? {
        let old = fs::read_to_string(&path).map_err(|e| at(&path, e))?;
        out.push(Difference {
            diff: diff(&path, &old, ""),
            path,
        });
    }
    Ok(out)
}

/// Generated `.rs` files under `src` that are not in `keep`, sorted.
fn stale(layout: &Layout, keep: &BTreeSet<PathBuf>) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if !layout.src.is_dir() {
        return Ok(out);
    }
    for entry in walkdir::WalkDir::new(&layout.src).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        let path = entry.path();
        if entry.file_type().is_file()
            && path.extension().is_some_and(|e| e == "rs")
            && !keep.contains(path)
            && is_generated(path)
        {
            out.push(path.to_path_buf());
        }
    }
    Ok(out)
}

/// Whether the file's first line carries the generated marker.
fn is_generated(path: &Path) -> bool {
    fs::read_to_string(path).is_ok_and(|t| t.lines().next().is_some_and(|l| l.contains(MARKER)))
}

fn diff(path: &Path, old: &str, new: &str) -> String {
    let name = path.display().to_string();
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

fn at(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_goes_next_to_src() {
        let l = Layout::new(Path::new("generated/src"));
        assert_eq!(
            l.place(Path::new("Cargo.toml")),
            Path::new("generated/Cargo.toml")
        );
        assert_eq!(
            l.place(Path::new("src/a/mod.rs")),
            Path::new("generated/src/a/mod.rs")
        );
        let dot = Layout::new(Path::new("."));
        assert_eq!(
            dot.place(Path::new("Cargo.toml")),
            Path::new("./../Cargo.toml")
        );
    }
}
