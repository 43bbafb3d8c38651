//! Every input a fuzzer or the mutation sweep ever broke restdoc with,
//! replayed through its target (`fuzz/regressions/<target>/`): none may
//! panic, hang or lose a route line again. The stable loop writes new
//! crashes there; committing the file makes it a regression test.
//!
//! Every seed of every target (specs and corpus pages, every 16th) is run
//! once too, so a target that breaks on ordinary input fails here first.

use restdoc_fuzz::{run, seeds, Target};
use std::panic::{catch_unwind, AssertUnwindSafe};

fn replay(target: Target, inputs: Vec<(String, Vec<u8>)>) -> Vec<String> {
    inputs
        .into_iter()
        .filter_map(|(name, data)| {
            catch_unwind(AssertUnwindSafe(|| run(target, &data)))
                .err()
                .map(|e| {
                    let msg = e
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    format!("{}: {name}: {msg}", target.name())
                })
        })
        .collect()
}

#[test]
fn saved_regressions_pass() {
    let mut failures = Vec::new();
    let mut count = 0;
    for t in Target::ALL {
        let saved: Vec<(String, Vec<u8>)> = seeds::saved("regressions", t)
            .into_iter()
            .map(|(p, b)| (p.display().to_string(), b))
            .collect();
        count += saved.len();
        failures.extend(replay(t, saved));
    }
    assert!(count >= 5, "regression inputs missing ({count})");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn seeds_pass() {
    let mut failures = Vec::new();
    for t in Target::ALL {
        let s = seeds::seeds(t, 16);
        assert!(s.len() > 20, "{}: only {} seeds", t.name(), s.len());
        let named = s
            .into_iter()
            .enumerate()
            .map(|(i, b)| (format!("seed {i}"), b))
            .collect();
        failures.extend(replay(t, named));
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
