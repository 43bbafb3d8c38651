//! The order pages and files are listed in: `Path`'s own order, cheaply.

use std::path::PathBuf;

/// Sort and deduplicate paths in `Path`'s order (component by component),
/// computing each path's key once: `Path::cmp` splits both paths into
/// components at every comparison.
pub(super) fn sort_paths(paths: &mut Vec<PathBuf>) {
    use std::path::Component;
    // Per component: its kind (in `Component`'s order), its bytes, a 0.
    // Names hold no NUL, so byte order on keys is component order, and
    // equal keys are equal paths.
    let mut keyed: Vec<(Vec<u8>, PathBuf)> = paths
        .drain(..)
        .map(|p| {
            let mut key = Vec::with_capacity(p.as_os_str().len() + 16);
            for c in p.components() {
                key.push(match c {
                    Component::Prefix(_) => 1,
                    Component::RootDir => 2,
                    Component::CurDir => 3,
                    Component::ParentDir => 4,
                    Component::Normal(_) => 5,
                });
                key.extend_from_slice(c.as_os_str().as_encoded_bytes());
                key.push(0);
            }
            (key, p)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    paths.extend(keyed.into_iter().map(|(_, p)| p));
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
            "a.b", "a/.x", "z", "",
        ];
        let mut ours: Vec<PathBuf> = names.iter().rev().map(PathBuf::from).collect();
        let mut theirs = ours.clone();
        sort_paths(&mut ours);
        theirs.sort();
        theirs.dedup();
        assert_eq!(ours, theirs);
    }
}
