//! Growth benchmarks (issue 12): pathological pages at size n and 4n through
//! the page-to-model pipeline, each case reporting the n → 4n ratio of the
//! criterion medians (linear work gives ~4x; the target is at most ~4.5x).
//!
//! "4x input" is four times the bytes. For nesting that is indentation
//! (block quotes) the bytes grow with the square of the depth, so that case
//! doubles the depth (2,500 → 5,000 levels) to quadruple the input.
//!
//! `cargo bench -p restdoc --bench growth` runs criterion and prints the
//! ratios; `growth --paired [SECONDS]` measures each ratio again in
//! interleaved n/4n pairs, which a drift in the machine's load cannot bias; `growth --rss CASE BIG` (what `bench/growth.sh` calls, one child
//! process per case) builds one input, reads it once and prints the peak
//! RSS (`VmHWM`) before and after reading.

use criterion::{BenchmarkId, Criterion};

/// The allocator the `restdoc` binary uses, so the numbers are the CLI's.
#[global_allocator]
static GLOBAL: restdoc::alloc::Allocator = restdoc::alloc::Allocator;
use restdoc::source::{read_corpus, Corpus};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One case: its name and the input at the small (n) or big (4n) size.
struct Case {
    name: &'static str,
    build: fn(bool) -> Input,
}

/// A page (and optionally a YAML file written beside it).
struct Input {
    page: String,
    yaml: Option<String>,
}

const CASES: &[Case] = &[
    Case {
        name: "page_10mb",
        build: page_10mb,
    },
    Case {
        name: "list_items_100k",
        build: list_items,
    },
    Case {
        name: "block_quotes_5000_deep",
        build: block_quotes,
    },
    Case {
        name: "grid_table_1000_columns",
        build: grid_table,
    },
    Case {
        name: "inline_starts_100k",
        build: inline_starts,
    },
    Case {
        name: "sections_10k",
        build: sections,
    },
    Case {
        name: "yaml_50mb",
        build: yaml_file,
    },
    Case {
        name: "rendered_bullets_100k",
        build: rendered_bullets,
    },
];

/// One UForge endpoint in our own words; repeated to make a big page.
const ENDPOINT: &str = "\
thing_get
---------

.. function:: GET /users/{uid}/things/{tid}

.. sidebar:: Summary

\t* Method: ``GET``
\t* Response Code: ``200 / 304``
\t* Response Formats: ``application/xml`` ``application/json``
\t* Since: ``UForge 3.0``

Returns one *thing* of the user, with its **state** and ``links``; see
:ref:`thing-object` and `the guide <https://example.org/guide>`_.

Security Summary
~~~~~~~~~~~~~~~~

* Requires Authentication: ``true``
* Entitlements Required: ``None``

URI Parameters
~~~~~~~~~~~~~~

* ``uid`` (required): the user name
* ``tid`` (required): the id of the thing

Example Request
~~~~~~~~~~~~~~~

.. code-block:: bash

\tcurl \"https://uforge.example.com/api/users/{uid}/things/{tid}\" -X GET \\
\t-u USER_LOGIN:PASSWORD -H \"Accept: application/xml\"

";

fn page_10mb(big: bool) -> Input {
    let target = if big { 10 << 20 } else { 10 << 18 };
    let mut page = String::with_capacity(target + ENDPOINT.len());
    while page.len() < target {
        page.push_str(ENDPOINT);
    }
    Input { page, yaml: None }
}

fn list_items(big: bool) -> Input {
    let n = if big { 100_000 } else { 25_000 };
    let mut page = String::from("Items\n=====\n\n");
    for i in 0..n {
        let _ = writeln!(page, "* item ``{i}`` with *text*");
    }
    Input { page, yaml: None }
}

fn block_quotes(big: bool) -> Input {
    let depth = if big { 5_000 } else { 2_500 };
    let mut page = String::from("Quotes\n======\n\n");
    for i in 0..depth {
        let _ = write!(page, "{:i$}level {i}\n\n", "");
    }
    Input { page, yaml: None }
}

fn grid_table(big: bool) -> Input {
    let cols = if big { 1_000 } else { 250 };
    let border = format!("+{}\n", "-----+".repeat(cols));
    let header = format!("+{}\n", "=====+".repeat(cols));
    let row = |k: usize| {
        let mut r = String::from("|");
        for c in 0..cols {
            let _ = write!(r, "{:<5}|", format!("{k}.{}", c % 100));
        }
        r.push('\n');
        r
    };
    let mut page = String::from("Table\n=====\n\n");
    page.push_str(&border);
    page.push_str(&row(0));
    page.push_str(&header);
    for k in 1..4 {
        page.push_str(&row(k));
        page.push_str(&border);
    }
    Input { page, yaml: None }
}

fn inline_starts(big: bool) -> Input {
    let n = if big { 100_000 } else { 25_000 };
    let starts = ["*a ", "**b ", "``c ", "`d ", "|e ", "_`f ", ":ref:`g "];
    let mut page = String::from("Inline\n======\n\n");
    for i in 0..n {
        page.push_str(starts[i % starts.len()]);
        if i % 10 == 9 {
            page.push('\n');
        }
    }
    page.push('\n');
    Input { page, yaml: None }
}

fn sections(big: bool) -> Input {
    let n = if big { 10_000 } else { 2_500 };
    let marks = ['=', '-', '~', '^'];
    let mut page = String::new();
    for i in 0..n {
        // Levels go 0,1,2,3,1,2,3,...; every title repeats one of 50 names
        // (duplicate implicit targets).
        let level = if i == 0 { 0 } else { 1 + (i - 1) % 3 };
        let title = format!("Section {}", i % 50);
        let line: String = std::iter::repeat_n(marks[level], title.len()).collect();
        let _ = write!(page, "{title}\n{line}\n\nText of section {i}.\n\n");
    }
    Input { page, yaml: None }
}

/// A page copied from a rendered view: its `•` bullets are read from their
/// source lines, each looked up by number (once a scan from the top per
/// item: quadratic).
fn rendered_bullets(big: bool) -> Input {
    let n = if big { 100_000 } else { 25_000 };
    let mut page =
        String::from("thing_get\n---------\n\n.. function:: GET /things/{tid}\n\nSummary\n\n");
    for i in 0..n {
        let _ = writeln!(page, "• Key{i}: value ``{i}``");
    }
    Input { page, yaml: None }
}

fn yaml_file(big: bool) -> Input {
    let target = if big { 50 << 20 } else { 50 << 18 };
    let mut yaml = String::with_capacity(target + 512);
    let mut names = Vec::new();
    let mut i = 0;
    while yaml.len() < target {
        let _ = write!(
            yaml,
            "param_{i:07}:\n  description: |\n    The parameter number {i}, documented at some length so that\n    entries are of a realistic size.\n  in: query\n  required: false\n  type: string\n"
        );
        if i % 1000 == 0 {
            names.push(format!("   - param_{i:07}: param_{i:07}\n"));
        }
        i += 1;
    }
    let page = format!(
        "Things\n======\n\nList things\n-----------\n\n.. rest_method::  GET /v2/things\n\nLists things.\n\nNormal response codes: 200\n\n.. rest_parameters:: parameters.yaml\n\n{}\n",
        names.concat()
    );
    Input {
        page,
        yaml: Some(yaml),
    }
}

/// A scratch folder for the YAML files, per process.
fn scratch() -> PathBuf {
    let d = std::env::temp_dir().join(format!("restdoc-growth-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&d);
    d
}

/// Put the input where the pipeline reads it (a folder per size, so both
/// sizes' YAML files can stay in place at once); returns the page name.
fn place(name: &str, big: bool, input: &Input, dir: &Path) -> String {
    let size = if big { "4n" } else { "n" };
    let dir = dir.join(size);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    if let Some(y) = &input.yaml {
        std::fs::write(dir.join("parameters.yaml"), y).expect("write yaml");
    }
    dir.join(format!("{name}-{size}.inc")).display().to_string()
}

/// `--paired [SECONDS]`: the n -> 4n ratio measured in interleaved pairs.
/// criterion times all of n, then all of 4n, so a change in the machine's
/// load between the two (common on a shared VM) lands in the ratio. Here
/// each pair times n then 4n back to back (each a batch of calls long
/// enough to time, the same count at both sizes), and the ratio reported is
/// the median of the pairs' ratios, with its spread (quartiles).
fn paired(seconds: f64) {
    use std::time::Instant;
    let dir = scratch();
    println!("paired growth ratios (median of per-pair 4n/n ratios, interleaved; quartiles):");
    for case in CASES {
        let inputs = [(case.build)(false), (case.build)(true)];
        let names = [
            place(case.name, false, &inputs[0], &dir),
            place(case.name, true, &inputs[1], &dir),
        ];
        let time = |k: usize, calls: u32| {
            let t = Instant::now();
            for _ in 0..calls {
                std::hint::black_box(read(&names[k], &inputs[k].page));
            }
            t.elapsed().as_secs_f64() / f64::from(calls)
        };
        // Warm up both sizes, then size the batch to about 20 ms at n.
        let one = time(0, 1).max(time(0, 1));
        time(1, 1);
        let calls = ((0.02 / one).ceil() as u32).clamp(1, 10_000);
        let per_pair = 5.0 * one * f64::from(calls);
        let pairs = ((seconds / per_pair) as usize).clamp(7, 101);
        let mut ratios: Vec<f64> = (0..pairs)
            .map(|_| {
                let n = time(0, calls);
                time(1, calls) / n
            })
            .collect();
        ratios.sort_by(f64::total_cmp);
        let q = |f: f64| ratios[((ratios.len() - 1) as f64 * f).round() as usize];
        println!(
            "  {:<26} ratio {:.2}x   (quartiles {:.2}x .. {:.2}x, {pairs} pairs of {calls} call(s))",
            case.name,
            q(0.5),
            q(0.25),
            q(0.75)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The measured work: parse the page and run the dialects over it.
fn read(name: &str, page: &str) -> usize {
    let corpus = Corpus::from_texts(vec![(name.to_string(), page.to_string())]);
    let (api, diags) = read_corpus(&corpus);
    api.endpoints.len() + diags.len()
}

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// `--rss CASE BIG`: one read in this process, peak RSS before and after.
fn rss(case: &str, big: bool) {
    let c = CASES
        .iter()
        .find(|c| c.name == case)
        .unwrap_or_else(|| panic!("no case {case}"));
    let dir = scratch();
    let input = (c.build)(big);
    let name = place(c.name, big, &input, &dir);
    let bytes = input.page.len() + input.yaml.as_ref().map_or(0, String::len);
    let before = vm_hwm_kb();
    let n = read(&name, &input.page);
    let after = vm_hwm_kb();
    println!(
        "rss {case} {}: input {:.1} MB, peak RSS {:.1} MB (input built: {:.1} MB), {n} items",
        if big { "4n" } else { "n" },
        bytes as f64 / 1048576.0,
        after as f64 / 1024.0,
        before as f64 / 1024.0,
    );
    let _ = std::fs::remove_dir_all(dir);
}

fn median_ns(group: &str, id: &str) -> Option<f64> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/criterion")
        .join(group)
        .join(id)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(p).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn main() {
    restdoc::alloc::keep_freed_memory();
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--rss") {
        let case = args.get(i + 1).expect("--rss CASE BIG");
        let big = args.get(i + 2).is_some_and(|b| b == "big" || b == "4n");
        rss(case, big);
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--paired") {
        let seconds = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(5.0);
        paired(seconds);
        return;
    }
    let mut c = Criterion::default()
        // 30 samples over 5 s: on a shared 2-core VM ten samples put
        // +-10% on a ratio of two medians, more than the effect measured.
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    let dir = scratch();
    for case in CASES {
        let mut g = c.benchmark_group(format!("growth_{}", case.name));
        for big in [false, true] {
            let input = (case.build)(big);
            let name = place(case.name, big, &input, &dir);
            let size = if big { "4n" } else { "n" };
            g.bench_with_input(BenchmarkId::from_parameter(size), &input.page, |b, page| {
                b.iter(|| read(&name, page))
            });
        }
        g.finish();
    }
    c.final_summary();
    let _ = std::fs::remove_dir_all(&dir);
    println!("\ngrowth ratios (median at 4n / median at n; linear = 4x, target <= ~4.5x):");
    for case in CASES {
        let g = format!("growth_{}", case.name);
        if let (Some(n), Some(n4)) = (median_ns(&g, "n"), median_ns(&g, "4n")) {
            println!(
                "  {:<26} n {:>10.2} ms   4n {:>10.2} ms   ratio {:.2}x",
                case.name,
                n / 1e6,
                n4 / 1e6,
                n4 / n
            );
        }
    }
}
