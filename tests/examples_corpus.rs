//! Examples over the shared corpora (issue 9): every example a page shows
//! is in the model, or a diagnostic sits at its line; counted against a
//! plain-text scan of the pages (regexes over the raw text, no RST reader);
//! and every JSON example fits the shape of its endpoint, direction and
//! status. Prints per corpus the counts and the free-form leaves with why.

use regex::Regex;
use restdoc::model::{Direction, Endpoint};
use restdoc::{read_api, ReadOutput};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(name)
}

/// (file relative to the corpus, line) of an example site.
type Site = (String, u32);

fn rel(file: &str, name: &str) -> String {
    let key = format!("corpus/{name}/");
    file.split_once(&key)
        .map_or(file.to_string(), |(_, r)| r.to_string())
}

/// Every page of a corpus, with its text, sorted.
fn pages(name: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let root = corpus(name);
    let mut todo = vec![root.clone()];
    while let Some(dir) = todo.pop() {
        for e in std::fs::read_dir(&dir).expect("corpus folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "rst" || x == "inc") {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                let r = p.strip_prefix(&root).expect("under root");
                out.push((r.to_string_lossy().replace('\\', "/"), text));
            }
        }
    }
    out.sort();
    out
}

/// The scan: sites of examples per dialect's written form.
fn scan(name: &str) -> BTreeSet<Site> {
    let lit = Regex::new(r"^\s*\.\. literalinclude::").expect("re");
    let label = Regex::new(r"^\*\*Example[^*]*\*\*\s*$").expect("re");
    let code = Regex::new(r"^\.\. code(-block)?::").expect("re");
    let xml = Regex::new(r"^\s*\.\. (code-block|code|sourcecode):: *(xml|json)\s*$").expect("re");
    // os-api-ref pages also highlight inline JSON as javascript.
    let js = Regex::new(r"^\s*\.\. (code-block|code|sourcecode):: *javascript\s*$").expect("re");
    let mut sites = BTreeSet::new();
    for (file, text) in pages(name) {
        let lines: Vec<&str> = text.lines().collect();
        let os_api_ref = text.contains(".. rest_method::");
        for (i, l) in lines.iter().enumerate() {
            let n = i as u32 + 1;
            if lit.is_match(l) || xml.is_match(l) || (os_api_ref && js.is_match(l)) {
                sites.insert((file.clone(), n));
            } else if label.is_match(l) {
                if let Some(j) = (i + 1..lines.len()).find(|j| code.is_match(lines[*j])) {
                    sites.insert((file.clone(), j as u32 + 1));
                }
            }
        }
    }
    sites
}

struct Tally {
    scanned: usize,
    examples: usize,
    json: usize,
    reported: BTreeMap<String, usize>,
    rejected: Vec<String>,
    free_form: BTreeMap<String, usize>,
}

fn check(name: &str) -> Tally {
    let out: ReadOutput = read_api(&[corpus(name)]);
    let sites = scan(name);
    let mut found: BTreeSet<Site> = BTreeSet::new();
    let mut json = 0;
    let mut rejected = Vec::new();
    for e in &out.api.endpoints {
        for x in &e.examples {
            assert!(
                found.insert((rel(&x.source.file, name), x.source.line)),
                "one example per site: {}:{}",
                x.source.file,
                x.source.line
            );
            if let Some(v) = x.body.as_json() {
                json += 1;
                if let Err(why) = shape_for(e, x.direction, x.status).accepts(v) {
                    rejected.push(format!(
                        "{}:{} ({}): {why}",
                        x.source.file, x.source.line, e.id
                    ));
                }
            }
        }
    }
    let mut reported = BTreeMap::new();
    let mut warned: BTreeSet<Site> = BTreeSet::new();
    for d in &out.diagnostics {
        let site = (rel(&d.file, name), d.line);
        if sites.contains(&site) && !found.contains(&site) && warned.insert(site) {
            *reported.entry(d.code.to_string()).or_default() += 1;
        }
    }
    let lost: Vec<&Site> = sites
        .iter()
        .filter(|s| !found.contains(*s) && !warned.contains(*s))
        .collect();
    assert!(
        lost.is_empty(),
        "{name}: examples neither read nor reported: {lost:?}"
    );
    let extra: Vec<&Site> = found.difference(&sites).collect();
    assert!(
        extra.is_empty(),
        "{name}: examples the scan does not see: {extra:?}"
    );
    let shared = restdoc::model::shape::shared_objects(&out.api);
    println!(
        "{name}: {} object shapes in {} places",
        shared.len(),
        shared.values().sum::<usize>()
    );
    let mut free_form = BTreeMap::new();
    for e in &out.api.endpoints {
        for s in &e.shapes {
            let mut leaves = Vec::new();
            s.root.free_form(&mut String::new(), &mut leaves);
            for (_, why) in leaves {
                *free_form.entry(why.to_string()).or_default() += 1;
            }
        }
    }
    Tally {
        scanned: sites.len(),
        examples: found.len(),
        json,
        reported,
        rejected,
        free_form,
    }
}

fn shape_for(
    e: &Endpoint,
    dir: Direction,
    status: Option<restdoc::model::StatusCode>,
) -> &restdoc::model::shape::Shape {
    &e.shapes
        .iter()
        .find(|s| s.direction == dir && (dir == Direction::Request || s.status == status))
        .unwrap_or_else(|| panic!("{}: no {dir:?} {status:?} shape", e.id))
        .root
}

/// (corpus, sites the scan finds, examples read, JSON examples).
const EXPECTED: [(&str, usize, usize, usize); 7] = [
    ("glance-api-ref", 78, 78, 78),
    ("cinder-api-ref", 343, 343, 343),
    ("keystone-api-ref", 237, 226, 221),
    ("manila-api-ref", 257, 257, 257),
    ("placement-api-ref", 48, 48, 48),
    ("openstack-wadl2rst", 292, 269, 269),
    ("uforge-3.8", 136, 110, 0),
];

#[test]
fn every_example_is_read_or_reported_and_fits_its_shape() {
    let mut all_rejected = Vec::new();
    let mut counts = Vec::new();
    for (name, scanned, examples, json) in EXPECTED {
        let t = check(name);
        println!(
            "{name}: scan {}, read {} ({} JSON), reported {:?}, rejected {}",
            t.scanned,
            t.examples,
            t.json,
            t.reported,
            t.rejected.len()
        );
        for (why, n) in &t.free_form {
            println!("  free-form x{n}: {why}");
        }
        if (t.scanned, t.examples, t.json) != (scanned, examples, json) {
            counts.push(format!("{name}: {:?}", (t.scanned, t.examples, t.json)));
        }
        all_rejected.extend(t.rejected);
    }
    assert!(counts.is_empty(), "counts differ: {counts:?}");
    assert!(
        all_rejected.is_empty(),
        "examples their shape rejects:\n{}",
        all_rejected.join("\n")
    );
}
