//! Reading the pages' bytes.
//!
//! Pages arrive in walk order, so the page a thread reads next is nearly
//! always in the folder of the one it read last. On Unix each thread keeps
//! that folder open and opens the page relative to it (`openat`): the
//! kernel looks up one name instead of every component of the path again,
//! which was a tenth of reading a large doc set. The folders are held for
//! one read only, so a folder replaced between runs is never read stale.

use std::io;
use std::path::Path;
#[cfg(unix)]
use std::{path::PathBuf, sync::Mutex};

/// The folders the threads of one read have open, a slot per thread.
#[derive(Default)]
pub(super) struct Folders {
    #[cfg(unix)]
    slots: Vec<Mutex<Slot>>,
}

impl Folders {
    /// Slots for every thread of the current pool (and one for a caller
    /// outside it).
    pub(super) fn new() -> Self {
        Folders {
            #[cfg(unix)]
            slots: (0..=rayon::current_num_threads())
                .map(|_| Mutex::new(Slot::default()))
                .collect(),
        }
    }

    /// The whole content of the file at `path`, as `std::fs::read` gives it.
    pub(super) fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        #[cfg(unix)]
        if let Some(bytes) = self.read_in_folder(path) {
            return bytes;
        }
        std::fs::read(path)
    }

    /// [`Folders::read`] through this thread's open folder; `None` where
    /// that does not apply (no folder or name, or the folder cannot be
    /// opened by itself), for the caller to open the path as given.
    #[cfg(unix)]
    fn read_in_folder(&self, path: &Path) -> Option<io::Result<Vec<u8>>> {
        use rustix::fs::{Mode, OFlags};
        let name = path.file_name()?;
        let folder = match path.parent()? {
            p if p.as_os_str().is_empty() => Path::new("."),
            p => p,
        };
        let slot = self
            .slots
            .get(rayon::current_thread_index().map_or(0, |i| i + 1))?;
        let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
        let slot = &mut *slot;
        if slot.folder.as_ref().is_none_or(|(p, _)| p != folder) {
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let fd = rustix::fs::open(folder, flags, Mode::empty()).ok()?;
            slot.folder = Some((folder.to_path_buf(), fd));
        }
        let (_, dir) = slot.folder.as_ref()?;
        let scratch = &mut slot.scratch;
        let mut read = || -> io::Result<Vec<u8>> {
            let fd =
                rustix::fs::openat(dir, name, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())?;
            // Into the thread's buffer until the end, then one copy of the
            // exact size: no `stat` for the size, no growth of the page.
            scratch.clear();
            loop {
                if scratch.len() == scratch.capacity() {
                    scratch.reserve(scratch.capacity().max(1 << 16));
                }
                match rustix::io::read(&fd, rustix::buffer::spare_capacity(scratch)) {
                    Ok(0) => return Ok(scratch.as_slice().to_vec()),
                    Ok(_) => {}
                    Err(rustix::io::Errno::INTR) => {}
                    Err(e) => return Err(e.into()),
                }
            }
        };
        Some(read())
    }
}

/// One thread's open folder and read buffer.
#[cfg(unix)]
#[derive(Default)]
struct Slot {
    folder: Option<(PathBuf, rustix::fd::OwnedFd)>,
    scratch: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages in one folder, then another, then the first again, read as
    /// `std::fs::read` reads them; a missing page is the same error; a
    /// page bigger than the read buffer comes whole.
    #[test]
    fn reads_as_std_does_across_folders() {
        let root = tempfile::tempdir().unwrap();
        let (a, b) = (root.path().join("a"), root.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        let big: Vec<u8> = (0..200_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        std::fs::write(a.join("1.rst"), "one").unwrap();
        std::fs::write(a.join("2.rst"), &big).unwrap();
        std::fs::write(b.join("3.rst"), "three").unwrap();
        let folders = Folders::new();
        for p in [
            a.join("1.rst"),
            a.join("2.rst"),
            b.join("3.rst"),
            a.join("1.rst"),
        ] {
            assert_eq!(
                folders.read(&p).unwrap(),
                std::fs::read(&p).unwrap(),
                "{p:?}"
            );
        }
        let missing = a.join("none.rst");
        assert_eq!(
            folders.read(&missing).unwrap_err().kind(),
            std::fs::read(&missing).unwrap_err().kind()
        );
        // A folder that is not there: the path as given, the same error.
        let gone = root.path().join("gone/x.rst");
        assert_eq!(
            folders.read(&gone).unwrap_err().kind(),
            std::io::ErrorKind::NotFound
        );
    }
}
