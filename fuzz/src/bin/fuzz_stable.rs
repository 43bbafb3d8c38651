//! The fuzz targets on stable Rust: a small coverage-guided loop driven by
//! the same [`restdoc_fuzz::run`] as the cargo-fuzz targets.
//!
//! ```text
//! fuzz-stable run SECONDS [TARGET...]   fuzz each target for SECONDS / n
//! fuzz-stable export TARGET DIR         write the seeds as files (for libFuzzer)
//! fuzz-stable replay TARGET FILE...     run saved inputs once
//! ```
//!
//! Inputs come from the seeds (specs, corpus pages, `fuzz/corpus`,
//! `fuzz/regressions`) and are mutated (bytes and lines deleted, duplicated,
//! swapped, RST tokens inserted, inputs spliced). Built with SanitizerCoverage
//! 8-bit counters (`fuzz/run.sh` sets the flags; stable rustc accepts them),
//! an input reaching a new counter joins the pool and the closing line
//! reports the counters reached; built without, the loop is a plain random
//! mutator and says so. A panic is a crash; an input running longer than
//! [`HANG`] is a hang. Both are written to `fuzz/regressions/<target>/`
//! (replayed by `tests/regressions.rs` once committed) and make the exit
//! status 1.

use restdoc_fuzz::{run, seeds, Target};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// One input slower than this is a hang.
const HANG: Duration = Duration::from_secs(10);
/// Longest input the mutator makes.
const MAX_LEN: usize = 128 * 1024;

/// SanitizerCoverage counter sections registered at start-up.
static COUNTERS: Mutex<Vec<(usize, usize)>> = Mutex::new(Vec::new());

/// Called by the instrumentation's module constructors (before `main`).
///
/// # Safety
/// `start..end` is the counter section the instrumented code writes to.
#[no_mangle]
pub unsafe extern "C" fn __sanitizer_cov_8bit_counters_init(start: *mut u8, end: *mut u8) {
    if let Ok(mut c) = COUNTERS.lock() {
        let r = (start as usize, end as usize);
        if r.0 < r.1 && !c.contains(&r) {
            c.push(r);
        }
    }
}

/// Counters reached so far, over every registered section.
struct Coverage {
    sections: Vec<&'static [u8]>,
    seen: Vec<Vec<bool>>,
    reached: usize,
}

impl Coverage {
    fn new() -> Self {
        let ranges = COUNTERS.lock().map(|c| c.clone()).unwrap_or_default();
        // SAFETY: each range is a live counter section of this binary,
        // registered by the instrumentation; we only read it (a racing
        // increment is harmless for a "nonzero?" test).
        let sections: Vec<&'static [u8]> = ranges
            .iter()
            .map(|&(s, e)| unsafe { std::slice::from_raw_parts(s as *const u8, e - s) })
            .collect();
        let seen = sections.iter().map(|s| vec![false; s.len()]).collect();
        Coverage {
            sections,
            seen,
            reached: 0,
        }
    }

    fn total(&self) -> usize {
        self.sections.iter().map(|s| s.len()).sum()
    }

    /// Mark counters that became nonzero; true when any did.
    fn update(&mut self) -> bool {
        let mut new = false;
        for (s, seen) in self.sections.iter().zip(&mut self.seen) {
            for (i, &c) in s.iter().enumerate() {
                // SAFETY-free: read through a shared slice of plain bytes.
                if c != 0 && !seen[i] {
                    seen[i] = true;
                    self.reached += 1;
                    new = true;
                }
            }
        }
        new
    }
}

/// xorshift64*: fast, deterministic per seed.
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

/// Tokens the formats are made of, inserted whole.
const DICTIONARY: &[&str] = &[
    "\n\n",
    "\n   ",
    "\t",
    "::",
    ".. ",
    ".. function:: GET /a/{b}\n",
    ".. rest_method:: ",
    ".. code-block:: javascript\n\n    POST /v2/{id}\n",
    ".. sidebar:: Summary\n",
    "\n=====\n",
    "\n-----\n",
    "~~~~",
    "* ",
    "- ",
    "#. ",
    "1. ",
    "``",
    "`",
    "*",
    "**",
    "_",
    "|",
    ":ref:`x`",
    ".. _label:",
    ".. include:: ",
    ".. rest_parameters:: parameters.yaml\n",
    "+----+----+\n",
    "| a  | b  |\n",
    "+====+====+\n",
    "===  ===\n",
    "{",
    "}",
    "{x : .+}",
    "//",
    "/",
    "%2F",
    "\\",
    "in: path\n",
    "type: string\n",
    "required: true\n",
    "min_version: 2.1\n",
    ": ",
    "- name: x\n",
    "Normal response codes: 200, 204\n",
    "Error response codes: 400\n",
    "\u{a0}",
    "é",
    "\r\n",
    "\u{2028}",
    "\0",
];

fn mutate(rng: &mut Rng, data: &mut Vec<u8>, pool: &[Vec<u8>]) {
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let len = data.len();
        match rng.below(10) {
            0 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(64));
                data.drain(i..i + n);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(64));
                let piece = data[i..i + n].to_vec();
                let at = rng.below(len + 1);
                data.splice(at..at, piece);
            }
            2 if len > 1 => {
                let (i, j) = (rng.below(len), rng.below(len));
                data.swap(i, j);
            }
            3 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            4 => {
                let at = rng.below(len + 1);
                data.insert(at, (rng.next() & 0xff) as u8);
            }
            5 | 6 => {
                let tok = DICTIONARY[rng.below(DICTIONARY.len())].as_bytes();
                let at = rng.below(len + 1);
                data.splice(at..at, tok.iter().copied());
            }
            7 => line_op(rng, data),
            8 if !pool.is_empty() => {
                let other = &pool[rng.below(pool.len())];
                if !other.is_empty() {
                    let i = rng.below(other.len());
                    let n = 1 + rng.below((other.len() - i).min(512));
                    let at = rng.below(len + 1);
                    data.splice(at..at, other[i..i + n].iter().copied());
                }
            }
            _ => {
                if len > 0 {
                    let i = rng.below(len);
                    let n = 1 + rng.below(8);
                    let b = data[i];
                    data.splice(i..i, std::iter::repeat_n(b, n));
                }
            }
        }
    }
    data.truncate(MAX_LEN);
}

/// Delete, duplicate or swap whole lines.
fn line_op(rng: &mut Rng, data: &mut Vec<u8>) {
    let mut lines: Vec<Vec<u8>> = data
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    if lines.is_empty() {
        return;
    }
    let i = rng.below(lines.len());
    match rng.below(3) {
        0 => {
            lines.remove(i);
        }
        1 => {
            let l = lines[i].clone();
            lines.insert(i, l);
        }
        _ => {
            let j = rng.below(lines.len());
            lines.swap(i, j);
        }
    }
    *data = lines.concat();
}

/// Milliseconds since the epoch when the current input started; 0 idle.
static STARTED: AtomicU64 = AtomicU64::new(0);
/// The input being run, for the watchdog to save on a hang.
static CURRENT: Mutex<(Option<Target>, Vec<u8>)> = Mutex::new((None, Vec::new()));

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Save a failing input under `fuzz/regressions/<target>/`.
fn save(target: Target, kind: &str, data: &[u8]) -> PathBuf {
    let dir = seeds::root().join("fuzz/regressions").join(target.name());
    let _ = std::fs::create_dir_all(&dir);
    let hash = data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let path = dir.join(format!("{kind}-{hash:016x}"));
    let _ = std::fs::write(&path, data);
    path
}

fn watchdog() {
    std::thread::spawn(|| loop {
        std::thread::sleep(Duration::from_millis(250));
        let t = STARTED.load(Ordering::Relaxed);
        if t != 0 && now_ms().saturating_sub(t) > HANG.as_millis() as u64 {
            let (target, data) = CURRENT.lock().map(|c| c.clone()).unwrap_or_default();
            if let Some(target) = target {
                let p = save(target, "hang", &data);
                eprintln!("HANG in {}: input saved to {}", target.name(), p.display());
            }
            std::process::exit(1);
        }
    });
}

/// Run one input; `Err(message)` on a panic.
fn exec(target: Target, data: &[u8]) -> Result<(), String> {
    if let Ok(mut c) = CURRENT.lock() {
        *c = (Some(target), data.to_vec());
    }
    STARTED.store(now_ms(), Ordering::Relaxed);
    let r = catch_unwind(AssertUnwindSafe(|| run(target, data)));
    STARTED.store(0, Ordering::Relaxed);
    r.map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

/// Totals of one target's run.
struct Stats {
    execs: u64,
    pool: usize,
    seeds: usize,
    crashes: usize,
}

fn fuzz(target: Target, budget: Duration, cov: &mut Coverage, rng: &mut Rng) -> Stats {
    let mut pool = seeds::seeds(target, 4);
    let working = seeds::root().join("target/fuzz-corpus").join(target.name());
    let _ = std::fs::create_dir_all(&working);
    for e in std::fs::read_dir(&working).into_iter().flatten().flatten() {
        if let Ok(b) = std::fs::read(e.path()) {
            pool.push(b);
        }
    }
    let seeds_count = pool.len();
    let mut stats = Stats {
        execs: 0,
        pool: 0,
        seeds: seeds_count,
        crashes: 0,
    };
    let crash = |data: &[u8], msg: String, stats: &mut Stats| {
        let p = save(target, "crash", data);
        eprintln!(
            "CRASH in {}: {msg}\n  input saved to {}",
            target.name(),
            p.display()
        );
        stats.crashes += 1;
    };
    // Every seed once (and its coverage), within the budget.
    let start = Instant::now();
    for s in pool.clone() {
        if let Err(msg) = exec(target, &s) {
            crash(&s, msg, &mut stats);
        }
        stats.execs += 1;
        cov.update();
    }
    let mut data = Vec::new();
    while start.elapsed() < budget && stats.crashes < 5 {
        data.clear();
        data.extend_from_slice(&pool[rng.below(pool.len())]);
        mutate(rng, &mut data, &pool);
        match exec(target, &data) {
            Err(msg) => crash(&data, msg, &mut stats),
            Ok(()) => {
                if cov.update() {
                    let name = format!("{:016x}", rng.next());
                    let _ = std::fs::write(working.join(name), &data);
                    pool.push(data.clone());
                }
            }
        }
        stats.execs += 1;
    }
    stats.pool = pool.len();
    stats
}

fn usage() -> ! {
    eprintln!(
        "usage: fuzz-stable run SECONDS [TARGET...] | export TARGET DIR | replay TARGET FILE...\n\
         targets: rst_reader, pipeline, path_template"
    );
    std::process::exit(2)
}

fn target_arg(name: &str) -> Target {
    Target::from_name(name).unwrap_or_else(|| usage())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::panic::set_hook(Box::new(|_| {}));
    match args.first().map(String::as_str) {
        Some("run") => {
            let secs: u64 = args
                .get(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| usage());
            let targets: Vec<Target> = if args.len() > 2 {
                args[2..].iter().map(|a| target_arg(a)).collect()
            } else {
                Target::ALL.to_vec()
            };
            watchdog();
            let mut cov = Coverage::new();
            let mut rng = Rng(now_ms() | 1);
            let per = Duration::from_secs(secs) / targets.len() as u32;
            let mut failed = false;
            for t in targets {
                let before = cov.reached;
                let s = fuzz(t, per, &mut cov, &mut rng);
                failed |= s.crashes > 0;
                let coverage = if cov.total() == 0 {
                    "coverage not measured (build without SanitizerCoverage)".to_string()
                } else {
                    format!(
                        "counters reached {} of {} (+{} by this target)",
                        cov.reached,
                        cov.total(),
                        cov.reached - before
                    )
                };
                println!(
                    "fuzz {}: {} execs in {}s ({:.0}/s), {} seeds, corpus {} inputs, {} crashes, {coverage}",
                    t.name(),
                    s.execs,
                    per.as_secs(),
                    s.execs as f64 / per.as_secs_f64().max(1e-9),
                    s.seeds,
                    s.pool,
                    s.crashes,
                );
            }
            std::process::exit(i32::from(failed));
        }
        Some("export") if args.len() == 3 => {
            let t = target_arg(&args[1]);
            let dir = PathBuf::from(&args[2]);
            let _ = std::fs::create_dir_all(&dir);
            let all = seeds::seeds(t, 1);
            for (i, s) in all.iter().enumerate() {
                let _ = std::fs::write(dir.join(format!("seed-{i:05}")), s);
            }
            println!(
                "{}: {} seeds written to {}",
                t.name(),
                all.len(),
                dir.display()
            );
        }
        Some("replay") if args.len() >= 3 => {
            let t = target_arg(&args[1]);
            let mut failed = false;
            for f in &args[2..] {
                let data = std::fs::read(f).unwrap_or_default();
                if let Err(msg) = exec(t, &data) {
                    println!("{f}: CRASH {msg}");
                    failed = true;
                } else {
                    println!("{f}: ok");
                }
            }
            std::process::exit(i32::from(failed));
        }
        _ => usage(),
    }
}
