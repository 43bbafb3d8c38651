//! The mutation sweep: thousands of variants of real corpus pages (random
//! lines and bytes deleted, duplicated and swapped), each read through the
//! whole page-to-model pipeline (os-api-ref pages with their YAML files
//! beside them). It prints and asserts three counts, all 0:
//! - panics (a panic anywhere in the reader, the dialects or assembly);
//! - hangs (a variant taking longer than [`HANG`]);
//! - silently lost endpoints: a route line (found by the independent scan
//!   in `route_scan`) that ended as neither an endpoint nor an error
//!   diagnostic at its line.
//!
//! A byte mutation can make a page invalid UTF-8 or put a NUL in it; such a
//! page must be refused by `restdoc::source::decode` with a line and column
//! (the page-level error `read_api` reports), which the sweep checks too.
//!
//! The generator is a fixed xorshift, so every run sweeps the same variants;
//! `RESTDOC_SWEEP_VARIANTS` and `RESTDOC_SWEEP_SEED` change the amount and
//! the seed.

mod route_scan;

use restdoc::source::{decode, read_corpus, Corpus};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus");

/// A variant slower than this counts as a hang (debug build, shared CPU:
/// a corpus page reads in milliseconds).
const HANG: Duration = Duration::from_secs(20);

/// Small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Every page below the corpus that holds at least one route line, sorted.
fn pages() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::from(CORPUS)];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (the corpus must sit at ../shared/corpus)",
                dir.display()
            )
        });
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("rst" | "inc" | "txt")
            ) {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                if !route_scan::route_lines(&text).is_empty() {
                    out.push(p);
                }
            }
        }
    }
    out.sort();
    out
}

/// Split keeping each line's terminator, so line mutations keep the rest of
/// the page byte-identical.
fn lines_with_ends(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|&b| b == b'\n').collect()
}

/// One random mutation: delete, duplicate or swap a line or a byte.
fn mutate(rng: &mut Rng, page: &[u8]) -> (Vec<u8>, &'static str) {
    let op = rng.below(6);
    if op < 3 {
        let mut lines = lines_with_ends(page);
        if lines.is_empty() {
            return (page.to_vec(), "none");
        }
        let i = rng.below(lines.len());
        let what = match op {
            0 => {
                lines.remove(i);
                "delete line"
            }
            1 => {
                lines.insert(i, lines[i]);
                "duplicate line"
            }
            _ => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
                "swap lines"
            }
        };
        (lines.concat(), what)
    } else {
        let mut bytes = page.to_vec();
        if bytes.is_empty() {
            return (bytes, "none");
        }
        let i = rng.below(bytes.len());
        let what = match op {
            3 => {
                bytes.remove(i);
                "delete byte"
            }
            4 => {
                bytes.insert(i, bytes[i]);
                "duplicate byte"
            }
            _ => {
                let j = rng.below(bytes.len());
                bytes.swap(i, j);
                "swap bytes"
            }
        };
        (bytes, what)
    }
}

/// What reading one variant gave.
enum Outcome {
    Read { lost: Vec<route_scan::RouteLine> },
    Refused,
    RefusedWithoutPosition,
    Panicked(String),
}

/// Read one variant through the pipeline, as `read_api` would (the page
/// named by its real path, so its YAML files are found beside it).
fn read_variant(name: String, bytes: Vec<u8>) -> Outcome {
    let text = match decode(bytes) {
        Ok(t) => t,
        Err((line, col, _)) if line >= 1 && col >= 1 => return Outcome::Refused,
        Err(_) => return Outcome::RefusedWithoutPosition,
    };
    let run = std::panic::catch_unwind(|| {
        let corpus = Corpus::from_texts(vec![(name.clone(), text.clone())]);
        let (api, diagnostics) = read_corpus(&corpus);
        route_scan::lost(&text, &name, &api, &diagnostics)
    });
    match run {
        Ok(lost) => Outcome::Read { lost },
        Err(e) => Outcome::Panicked(
            e.downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default(),
        ),
    }
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn corpus_pages_unmutated_lose_nothing() {
    let pages = pages();
    assert!(pages.len() > 500, "only {} pages found", pages.len());
    let mut lost = Vec::new();
    let mut not_read = Vec::new();
    for p in &pages {
        let name = p.display().to_string();
        let text = std::fs::read_to_string(p).unwrap();
        let corpus = Corpus::from_texts(vec![(name.clone(), text.clone())]);
        let (api, diagnostics) = read_corpus(&corpus);
        lost.extend(route_scan::lost(&text, &name, &api, &diagnostics));
        // Real pages are read: the safety net finds nothing to report.
        not_read.extend(
            diagnostics
                .into_iter()
                .filter(|d| d.code == "endpoint-not-read"),
        );
    }
    assert!(lost.is_empty(), "route lines lost: {lost:#?}");
    assert!(not_read.is_empty(), "route lines not read: {not_read:#?}");
}

#[test]
fn mutation_sweep_no_panic_no_hang_nothing_lost() {
    let pages = pages();
    let variants = env_or("RESTDOC_SWEEP_VARIANTS", 3000) as usize;
    let mut rng = Rng(env_or("RESTDOC_SWEEP_SEED", 0x9e37_79b9_7f4a_7c15) | 1);
    let texts: Vec<(String, Vec<u8>)> = pages
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read(p).unwrap()))
        .collect();
    let (mut panics, mut hangs, mut lost, mut refused) = (0, 0, 0, 0);
    let mut report = Vec::new();
    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for n in 0..variants {
        let (name, original) = &texts[rng.below(texts.len())];
        let rounds = 1 + rng.below(3);
        let mut bytes = original.clone();
        let mut ops = Vec::new();
        for _ in 0..rounds {
            let (b, what) = mutate(&mut rng, &bytes);
            bytes = b;
            ops.push(what);
        }
        let (tx, rx) = mpsc::channel();
        let (job_name, job_bytes) = (name.clone(), bytes.clone());
        let t0 = Instant::now();
        std::thread::spawn(move || {
            let _ = tx.send(read_variant(job_name, job_bytes));
        });
        let label = format!("variant {n} of {} ({})", short(name), ops.join(", "));
        match rx.recv_timeout(HANG) {
            Err(_) => {
                hangs += 1;
                report.push(format!("HANG {label}"));
                save(&label, &bytes);
            }
            Ok(outcome) => {
                slowest = slowest.max(t0.elapsed());
                match outcome {
                    Outcome::Read { lost: l } => {
                        for r in &l {
                            report.push(format!("LOST {label}: line {} `{}`", r.line, r.text));
                        }
                        if !l.is_empty() {
                            save(&label, &bytes);
                        }
                        lost += l.len();
                    }
                    Outcome::Refused => refused += 1,
                    Outcome::RefusedWithoutPosition => {
                        lost += 1;
                        report.push(format!("REFUSED WITHOUT POSITION {label}"));
                    }
                    Outcome::Panicked(msg) => {
                        panics += 1;
                        report.push(format!("PANIC {label}: {msg}"));
                        save(&label, &bytes);
                    }
                }
            }
        }
    }
    std::panic::set_hook(quiet);
    for line in &report {
        println!("{line}");
    }
    println!(
        "mutation sweep: {variants} variants of {} pages in {:.1}s (slowest {:.0} ms), \
         {refused} refused as not UTF-8/NUL with a position; \
         panics: {panics}, hangs: {hangs}, silently lost endpoints: {lost}",
        pages.len(),
        started.elapsed().as_secs_f64(),
        slowest.as_secs_f64() * 1000.0,
    );
    assert_eq!((panics, hangs, lost), (0, 0, 0), "{}", report.join("\n"));
}

/// The page path below the corpus folder.
fn short(name: &str) -> &str {
    name.split("/corpus/").nth(1).unwrap_or(name)
}

/// Keep a failing variant under `target/mutation-failures` for a
/// regression test (`RESTDOC_SWEEP_SAVE=1`).
fn save(label: &str, bytes: &[u8]) {
    if std::env::var_os("RESTDOC_SWEEP_SAVE").is_none() {
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/mutation-failures");
    let _ = std::fs::create_dir_all(&dir);
    let file: String = label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let _ = std::fs::write(dir.join(file), bytes);
}
