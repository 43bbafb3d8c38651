//! `read_corpus`: read the whole UForge 3.8 doc set (793 pages) into the
//! endpoint model, end to end (walk, read, parse, dialects). Compare with
//! docutils' `publish_doctree` over the same files:
//! `python3 ../shared/bench/docutils_parse.py ../shared/corpus/uforge-3.8`
//! (see `bench/compare.sh`, which runs both in one go).
//!
//! The same group also reads the Cinder os-api-ref set
//! (`cinder-api-ref -> model`), compared with docutils over that folder.
//!
//! A second group, `parse_only`, times just the RST reader over the same
//! texts held in memory, which is what docutils' number measures.

use criterion::{criterion_group, criterion_main, Criterion};

/// The allocator the `restdoc` binary uses, so the numbers are the CLI's.
#[global_allocator]
static GLOBAL: restdoc::alloc::Allocator = restdoc::alloc::Allocator;
use std::path::{Path, PathBuf};

fn corpus_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(name)
}

fn corpus() -> PathBuf {
    corpus_dir("uforge-3.8")
}

fn read_corpus(c: &mut Criterion) {
    restdoc::alloc::keep_freed_memory();
    let dir = corpus();
    let out = restdoc::read_api(&[&dir]);
    assert_eq!(
        out.pages, 793,
        "the benchmark needs the whole UForge corpus"
    );
    let mut g = c.benchmark_group("read_corpus");
    g.sample_size(50);
    g.bench_function("uforge-3.8 (793 pages) -> model", |b| {
        b.iter(|| restdoc::read_api(&[&dir]))
    });
    let texts: Vec<String> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rst") && e.path().is_file())
        .map(|e| std::fs::read_to_string(e.path()).expect("corpus page is text"))
        .collect();
    g.bench_function("uforge-3.8 (793 pages) parse only, 1 thread", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| restdoc::rst::parse(t).children.len())
                .sum::<usize>()
        })
    });
    // An os-api-ref set: `.inc` pages, YAML parameter files resolved per
    // stanza, actions and microversions.
    let cinder = corpus_dir("cinder-api-ref");
    let pages = restdoc::read_api(&[&cinder]).pages;
    assert!(pages > 50, "the benchmark needs the Cinder corpus");
    g.bench_function(format!("cinder-api-ref ({pages} pages) -> model"), |b| {
        b.iter(|| restdoc::read_api(&[&cinder]))
    });
    g.finish();
}

criterion_group!(benches, read_corpus);
criterion_main!(benches);
