//! The order pages and files are listed in: `Path`'s own order, cheaply.

use std::path::{Path, PathBuf};

/// Sort and deduplicate paths in `Path`'s order (component by component),
/// computing each path's key once: `Path::cmp` splits both paths into
/// components at every comparison.
pub(crate) fn sort_paths(paths: &mut Vec<PathBuf>) {
    // Most lists come in order already (one folder's walk): a look at
    // each neighbour, with no key built, says so.
    if paths.windows(2).all(|w| w[0] < w[1]) {
        return;
    }
    let mut keyed: Vec<(Vec<u8>, PathBuf)> = paths.drain(..).map(|p| (key(&p), p)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    paths.extend(keyed.into_iter().map(|(_, p)| p));
}

// A path's key: per component, its kind (in `Component`'s order), its
// bytes, a 0. Names hold no NUL, so byte order on keys is component order,
// and equal keys are equal paths.
const ROOT: u8 = 2;
const CUR: u8 = 3;
const PARENT: u8 = 4;
const NORMAL: u8 = 5;

/// The key, in one pass over the bytes, splitting them as `Components`
/// does on Unix: repeated and trailing `/` ignored, `.` kept only as the
/// first component of a relative path.
#[cfg(unix)]
pub(crate) fn key(p: &Path) -> Vec<u8> {
    let bytes = p.as_os_str().as_encoded_bytes();
    let mut key = Vec::with_capacity(bytes.len() + 16);
    let rooted = bytes.first() == Some(&b'/');
    if rooted {
        key.extend_from_slice(&[ROOT, b'/', 0]);
    }
    for (i, part) in bytes.split(|&b| b == b'/').enumerate() {
        match part {
            b"" => {}
            b"." if i == 0 && !rooted => key.extend_from_slice(&[CUR, b'.', 0]),
            b"." => {}
            b".." => key.extend_from_slice(&[PARENT, b'.', b'.', 0]),
            name => {
                key.push(NORMAL);
                key.extend_from_slice(name);
                key.push(0);
            }
        }
    }
    key
}

/// The key from `Path::components` (a prefix sorts first, as there).
#[cfg(not(unix))]
pub(crate) fn key(p: &Path) -> Vec<u8> {
    use std::path::Component;
    let mut key = Vec::new();
    for c in p.components() {
        key.push(match c {
            Component::Prefix(_) => 1,
            Component::RootDir => ROOT,
            Component::CurDir => CUR,
            Component::ParentDir => PARENT,
            Component::Normal(_) => NORMAL,
        });
        key.extend_from_slice(c.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Same order and the same dedup as `sort` + `dedup`, on names where
    /// byte order and component order differ (`a-b` against `a/…`), with
    /// roots, `..`, `.` and duplicates mixed in.
    #[test]
    fn same_order_as_path_cmp() {
        let names = [
            "a/x", "a-b/x", "a", "a/x-y", "a/x", "/abs/z", "../up", "./here", "-dash", "b/../c",
            "a.b", "a/.x", "z", "", "a//x", "a/x/", "./a/./b", "a/.", "/", "//x", ".", "..",
            "a/../b", "/./x", "a/x/.", ".hidden", "a/..b",
        ];
        let mut ours: Vec<PathBuf> = names.iter().rev().map(PathBuf::from).collect();
        let mut theirs = ours.clone();
        sort_paths(&mut ours);
        theirs.sort();
        let mut sorted_with_repeats = theirs.clone();
        theirs.dedup();
        assert_eq!(ours, theirs);
        // In order already: unchanged; in order with repeats: deduplicated.
        sort_paths(&mut ours);
        assert_eq!(ours, theirs);
        sort_paths(&mut sorted_with_repeats);
        assert_eq!(sorted_with_repeats, theirs);
    }
}
