//! `restdoc model --json`: the model written straight from its types, the
//! items of each list serialised in parallel. The bytes are exactly those
//! of `serde_json::to_writer_pretty` on the whole document (a test holds
//! this), so tools see one stable format; only the time changes.

use rayon::prelude::*;
use restdoc::ReadOutput;
use serde::Serialize;
use std::io::{self, Write};

/// Write `{"endpoints": [..], "objects": [..], "diagnostics": [..]}` and a
/// final newline.
pub fn write(out: &ReadOutput, w: &mut impl Write) -> io::Result<()> {
    w.write_all(b"{\n")?;
    list(w, "endpoints", &out.api.endpoints, ",")?;
    list(w, "objects", &out.api.objects, ",")?;
    list(w, "diagnostics", &out.diagnostics, "")?;
    w.write_all(b"}\n")
}

/// One member holding a list, in serde_json's pretty layout (two spaces per
/// level). Each item is pretty-printed alone at level 0, on its own core,
/// then shifted two levels right: a raw newline only ever separates tokens
/// (strings escape theirs), so indenting after each one is exact.
fn list<T: Serialize + Sync>(
    w: &mut impl Write,
    key: &str,
    items: &[T],
    sep: &str,
) -> io::Result<()> {
    write!(w, "  \"{key}\": [")?;
    if items.is_empty() {
        return writeln!(w, "]{sep}");
    }
    let parts = items
        .par_iter()
        .map(|item| {
            let raw = serde_json::to_vec_pretty(item)?;
            let mut shifted = Vec::with_capacity(raw.len() + raw.len() / 8);
            shifted.extend_from_slice(b"\n    ");
            let mut rest = &raw[..];
            while let Some(nl) = memchr::memchr(b'\n', rest) {
                shifted.extend_from_slice(&rest[..=nl]);
                shifted.extend_from_slice(b"    ");
                rest = &rest[nl + 1..];
            }
            shifted.extend_from_slice(rest);
            Ok(shifted)
        })
        .collect::<Result<Vec<Vec<u8>>, serde_json::Error>>()?;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        w.write_all(part)?;
    }
    writeln!(w, "\n  ]{sep}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Whole<'a> {
        endpoints: &'a [restdoc::model::Endpoint],
        objects: &'a [restdoc::model::Object],
        diagnostics: &'a [restdoc::Diagnostic],
    }

    /// The parallel writer and serde_json's own pretty printer agree byte
    /// for byte, on our specs (all three dialects, objects, diagnostics) and
    /// on an empty read.
    #[test]
    fn same_bytes_as_serde_json() {
        let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
        let empty = tempfile::tempdir().unwrap();
        for dir in [specs.as_path(), empty.path()] {
            let out = restdoc::read_api(&[dir]);
            let mut ours = Vec::new();
            write(&out, &mut ours).unwrap();
            let mut theirs = serde_json::to_vec_pretty(&Whole {
                endpoints: &out.api.endpoints,
                objects: &out.api.objects,
                diagnostics: &out.diagnostics,
            })
            .unwrap();
            theirs.push(b'\n');
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(theirs).unwrap(),
                "{}",
                dir.display()
            );
        }
    }
}
