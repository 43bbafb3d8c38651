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
/// level). Each item is pretty-printed alone, on its own core, starting at
/// the depth it sits at in the whole document.
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
            let mut buf = Vec::with_capacity(4096);
            buf.extend_from_slice(b"\n    ");
            let mut ser = serde_json::Serializer::with_formatter(&mut buf, Pretty::at(2));
            item.serialize(&mut ser)?;
            Ok(buf)
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

/// serde_json's `PrettyFormatter` layout (two spaces per level), starting at
/// a given depth, writing each line break and its indent as one slice rather
/// than a write per level: on UForge that was a quarter million small copies.
struct Pretty {
    level: usize,
    has_value: bool,
}

/// `,` then a line break then indent; sliced to the depth needed.
const BREAK: &[u8; 2 + 2 * 32] =
    b",\n                                                                ";

impl Pretty {
    fn at(level: usize) -> Self {
        Pretty {
            level,
            has_value: false,
        }
    }

    /// A line break (after a comma unless `first`) and this level's indent.
    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        let from = usize::from(first);
        let width = 2 * self.level;
        if width <= BREAK.len() - 2 {
            return w.write_all(&BREAK[from..2 + width]);
        }
        w.write_all(&BREAK[from..2])?;
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
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

    /// The formatter alone, past the depth its indent buffer covers and
    /// with empty containers, against serde_json's `PrettyFormatter`.
    #[test]
    fn pretty_matches_serde_json_at_any_depth() {
        let mut value = serde_json::json!({"a": [], "b": {}, "c": [1, "x\ny", null]});
        for depth in 0..40 {
            value = serde_json::json!({ "k": [value, depth, {"e": []}] });
        }
        let mut ours = Vec::new();
        value
            .serialize(&mut serde_json::Serializer::with_formatter(
                &mut ours,
                Pretty::at(0),
            ))
            .unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
