//! Finding the pages under the paths given: folders walked in name order
//! (symbolic links followed), each page handed on as it is found, so
//! reading can start before the walk ends.

use super::{display, normalize, PAGE_EXTENSIONS};
use crate::diag::{Diagnostic, Severity};
use std::path::{Path, PathBuf};

/// Walk `path` (a page or a folder): each page found goes to `found`, in
/// walk order; what cannot be read becomes a diagnostic.
pub(super) fn collect(path: &Path, diags: &mut Vec<Diagnostic>, found: &mut dyn FnMut(PathBuf)) {
    let path = normalize(path);
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) => {
            let dangling = std::fs::symlink_metadata(&path).is_ok();
            diags.push(Diagnostic::new(
                if dangling {
                    Severity::Warning
                } else {
                    Severity::Error
                },
                if dangling {
                    "dangling-symlink"
                } else {
                    "unreadable"
                },
                format!("cannot read: {e}"),
                display(&path),
                0,
                0,
            ));
            return;
        }
    };
    if meta.is_file() {
        found(path);
        return;
    }
    let from_here = path == Path::new(".");
    for entry in walkdir::WalkDir::new(&path)
        .follow_links(true)
        // Siblings share their parent's path, so comparing whole paths as
        // bytes orders them exactly as comparing their names, without
        // taking each name apart again per comparison.
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
    {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let ext = e.path().extension().and_then(|x| x.to_str()).unwrap_or("");
                if PAGE_EXTENSIONS.contains(&ext) {
                    // The root is normalised and the walk only appends
                    // directory entry names (never `.` or `..`): already
                    // normal, no need to rebuild it, except for the
                    // current folder's `./` in front.
                    let p = e.into_path();
                    found(match p.strip_prefix(".") {
                        Ok(rest) if from_here => rest.to_path_buf(),
                        _ => p,
                    });
                }
            }
            Ok(_) => {}
            Err(e) => {
                let p = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| path.clone());
                let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
                if PAGE_EXTENSIONS.contains(&ext) || p.is_dir() {
                    let dangling =
                        std::fs::symlink_metadata(&p).is_ok() && std::fs::metadata(&p).is_err();
                    diags.push(Diagnostic::new(
                        Severity::Warning,
                        if dangling {
                            "dangling-symlink"
                        } else {
                            "unreadable"
                        },
                        format!("skipped: {e}"),
                        display(&p),
                        0,
                        0,
                    ));
                }
            }
        }
    }
}

/// The walk's results, each tagged with the order it was found in, put in
/// path order (see [`crate::corpus::order`]), a page found twice (under two
/// overlapping paths given) kept once, first found first.
///
/// The walk of one root already finds pages in path order (siblings in
/// name order, a folder's pages right after it: what comparing component
/// by component gives), so for `one_root` the tags alone give the order.
pub(super) fn in_path_order<T>(
    found: Vec<(usize, PathBuf, T)>,
    one_root: bool,
) -> Vec<(PathBuf, T)> {
    if one_root && found.iter().all(|f| f.0 < found.len()) {
        // The tags are 0..n, each once: every result goes straight to its
        // place. Sorting moved the (large) results n log n times, a tenth
        // of what is left of a read once the pages are read.
        let mut placed: Vec<Option<(PathBuf, T)>> =
            std::iter::repeat_with(|| None).take(found.len()).collect();
        for (i, p, t) in found {
            placed[i] = Some((p, t));
        }
        return placed.into_iter().flatten().collect();
    }
    let mut keyed: Vec<(Vec<u8>, usize, PathBuf, T)> = found
        .into_iter()
        .map(|(i, p, t)| (crate::corpus::order::key(&p), i, p, t))
        .collect();
    keyed.sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    keyed.dedup_by(|a, b| a.0 == b.0);
    keyed.into_iter().map(|(_, _, p, t)| (p, t)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Results arrive in any order: they come back in path order (which
    /// is not byte order: `a/x` before `a-b`), a path found twice once,
    /// with what was found first.
    #[test]
    fn results_in_path_order_first_found_kept() {
        let found = vec![
            (3, PathBuf::from("r/a-b.rst"), "a-b"),
            (0, PathBuf::from("r/a/x.rst"), "first x"),
            (2, PathBuf::from("r/b.rst"), "b"),
            (4, PathBuf::from("r//a/x.rst"), "second x"),
            (1, PathBuf::from("r/a/y.rst"), "y"),
        ];
        let got: Vec<(String, &str)> = in_path_order(found, false)
            .into_iter()
            .map(|(p, t)| (p.display().to_string(), t))
            .collect();
        assert_eq!(
            got,
            [
                ("r/a/x.rst".to_string(), "first x"),
                ("r/a/y.rst".to_string(), "y"),
                ("r/a-b.rst".to_string(), "a-b"),
                ("r/b.rst".to_string(), "b"),
            ]
        );
    }

    /// One root's walk finds its pages in path order already, on names
    /// where byte order and component order differ (`a/…` against `a-b`,
    /// `a.b`, `a0`), upper case, and a deeper folder.
    #[test]
    fn one_root_is_walked_in_path_order() {
        let root = std::env::temp_dir().join(format!("restdoc-walk-{}", std::process::id()));
        let names = [
            "a/x.rst",
            "a/y/z.rst",
            "a-b.rst",
            "a.b/c.rst",
            "a0.rst",
            "A.rst",
            "b.inc",
            "a/x-y.rst",
        ];
        for n in names {
            let p = root.join(n);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "x").unwrap();
        }
        let mut walked = Vec::new();
        collect(&root, &mut Vec::new(), &mut |p| walked.push(p));
        let mut sorted = walked.clone();
        sorted.sort();
        std::fs::remove_dir_all(&root).unwrap();
        assert_eq!(walked.len(), names.len());
        assert_eq!(walked, sorted);
        let tagged = walked
            .iter()
            .cloned()
            .enumerate()
            .rev()
            .map(|(i, p)| (i, p, ()));
        let ordered: Vec<PathBuf> = in_path_order(tagged.collect(), true)
            .into_iter()
            .map(|(p, ())| p)
            .collect();
        assert_eq!(ordered, sorted);
    }
}
