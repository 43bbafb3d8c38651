//! The `.part` file of a download: appended to by a writer thread, hashed
//! by a hasher thread, so neither disk nor MD5 holds up the network.

use super::GetError;
use crate::api::runtime::Binary;
use bytes::Bytes;
use futures_util::StreamExt;
use indicatif::ProgressBar;
use md5::{Digest, Md5};
use std::io::{Read, Write};
use std::path::PathBuf;

/// The part file being written: its length and the MD5 of its bytes so far.
pub(super) struct Part {
    pub(super) path: PathBuf,
    pub(super) len: u64,
    pub(super) md5: Md5,
}

impl Part {
    /// Take up an existing part file (hashing what it holds) or start empty.
    pub(super) fn open(path: PathBuf, resume: bool) -> Result<Part, GetError> {
        let local = |e: std::io::Error| GetError::Local(format!("{}: {e}", path.display()));
        let mut part = Part {
            path: path.clone(),
            len: 0,
            md5: Md5::new(),
        };
        if resume && path.exists() {
            let mut f = std::fs::File::open(&path).map_err(local)?;
            let mut buf = vec![0u8; 1 << 20];
            loop {
                let n = f.read(&mut buf).map_err(local)?;
                if n == 0 {
                    break;
                }
                part.md5.update(&buf[..n]);
                part.len += n as u64;
            }
        } else {
            std::fs::File::create(&path).map_err(local)?;
        }
        Ok(part)
    }

    /// Empty the part (the server sent the whole file again).
    pub(super) fn restart(&mut self) -> Result<(), GetError> {
        std::fs::File::create(&self.path)
            .map_err(|e| GetError::Local(format!("{}: {e}", self.path.display())))?;
        self.len = 0;
        self.md5 = Md5::new();
        Ok(())
    }

    /// Append `body` to the file; writing and hashing run on their own
    /// threads so neither holds up the network. On a broken body, what
    /// arrived is kept (flushed and hashed) and the error returned.
    pub(super) async fn append(
        &mut self,
        mut body: Binary,
        bar: &ProgressBar,
        hash: bool,
    ) -> Result<(), String> {
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(&self.path)
            .map_err(|e| e.to_string())?;
        let (to_writer, mut writer_rx) = tokio::sync::mpsc::channel::<Bytes>(16);
        let (to_hasher, hasher_rx) = std::sync::mpsc::sync_channel::<Bytes>(8);
        let mut md5 = std::mem::take(&mut self.md5);
        let hasher = std::thread::spawn(move || {
            for chunk in hasher_rx {
                md5.update(&chunk);
            }
            md5
        });
        // without a checksum to compare, the bytes are not hashed at all
        let to_hasher = hash.then_some(to_hasher);
        let writer = std::thread::spawn(move || -> std::io::Result<u64> {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
            let mut written = 0;
            while let Some(chunk) = writer_rx.blocking_recv() {
                out.write_all(&chunk)?;
                written += chunk.len() as u64;
                if let Some(h) = &to_hasher {
                    let _ = h.send(chunk);
                }
            }
            out.flush()?;
            Ok(written)
        });
        let mut broken = None;
        while let Some(chunk) = body.0.next().await {
            match chunk {
                Ok(chunk) => {
                    bar.inc(chunk.len() as u64);
                    if to_writer.send(chunk).await.is_err() {
                        break; // the writer failed; its error is reported below
                    }
                }
                Err(e) => {
                    broken = Some(error_chain(&*e));
                    break;
                }
            }
        }
        drop(to_writer);
        let written = writer
            .join()
            .map_err(|_| "writer thread panicked".to_string())?;
        self.md5 = hasher
            .join()
            .map_err(|_| "hasher thread panicked".to_string())?;
        self.len += written.as_ref().copied().unwrap_or(0);
        written.map_err(|e| format!("writing {}: {e}", self.path.display()))?;
        broken.map_or(Ok(()), Err)
    }
}

fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text = format!("{text}: {s}");
        source = s.source();
    }
    text
}
