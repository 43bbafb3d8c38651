//! The independent scan of os-api-ref `.inc` text the corpus tests check
//! the reader against: regexes and yaml-rust2, no restdoc code.

use super::super::{files_with_ext, key, read_text};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One `rest_method` as the raw `.inc` text has it, with the status codes
/// the text states after it (up to the next `rest_method`), scanned with
/// regexes of this test, not with the reader: label lines (`Normal
/// response codes: 200, 204`, any case, `name(409)` items, codes continued
/// on the next lines, a bare label over a `- 400` list) and
/// `.. rest_status_code::` lists.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
pub(super) struct RestMethod {
    pub(super) file: String,
    pub(super) line: u32,
    pub(super) method: String,
    pub(super) path: String,
    pub(super) path_params: Vec<String>,
    pub(super) normal: BTreeSet<u16>,
    pub(super) error: BTreeSet<u16>,
    pub(super) min_version: Option<String>,
    pub(super) max_version: Option<String>,
}

struct Scan {
    marker: regex::Regex,
    version: regex::Regex,
    version_added: regex::Regex,
    label: regex::Regex,
    item_code: regex::Regex,
    status_directive: regex::Regex,
    list_code: regex::Regex,
    param: regex::Regex,
}

impl Scan {
    fn new() -> Self {
        let re = |r: &str| regex::Regex::new(r).unwrap_or_else(|e| panic!("{r}: {e}"));
        Scan {
            marker: re(r"^\s*\.\. rest_method::\s*(.*)$"),
            version: re(r"^\s*(min_version|max_version):\s*(\S+)\s*$"),
            // Sphinx's "New in version X.Y" with a microversion, before the
            // Request/Response parts: the endpoint's first version.
            version_added: re(r"^\.\. versionadded::\s+(\d+\.\d+)\s*$"),
            label: re(r"(?i)^\s*(normal|error|success)\s+(?:response\s+)?codes?\s*:(.*)$"),
            item_code: re(r"(?:^|,)\s*(?:[A-Za-z_]+\s*\(\s*)?(\d{3})\b"),
            status_directive: re(r"^\s*\.\. rest_status_code::\s+(success|error)\b"),
            // `- 400` items: indented under a directive or a label, or at
            // column 0 under a bare label.
            list_code: re(r"^\s*-\s+(\d{3})\b"),
            param: re(r"\{([^}]*)\}"),
        }
    }
}

/// The path as the model spells it: `//` collapsed, a trailing `/`
/// dropped, a leading `/` added, a dash in a parameter name (`{project-id}`)
/// read as `_`, zero-width spaces (which render as nothing) dropped (the
/// reader repairs each with a warning).
fn normal_path(raw: &str) -> String {
    let mut p = String::with_capacity(raw.len());
    let mut in_brace = false;
    for c in raw.chars().filter(|&c| c != '\u{200B}' && c != '\u{FEFF}') {
        in_brace = (in_brace || c == '{') && c != '}';
        p.push(if in_brace && c == '-' { '_' } else { c });
    }
    while p.contains("//") {
        p = p.replace("//", "/");
    }
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    if p.len() > 1 && p.ends_with('/') {
        p.pop();
    }
    p
}

pub(super) fn scan_inc(file: &Path) -> Vec<RestMethod> {
    let re = Scan::new();
    let text = read_text(file);
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<RestMethod> = Vec::new();
    // (kind is normal, inside a label's run / directive list)
    let mut open: Option<(bool, bool)> = None;
    // still in the current rest_method's description (no Request or
    // Response heading, no parameter list yet)
    let mut intro = false;
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if let Some(c) = re.marker.captures(l) {
            let mut arg = c[1].trim().to_string();
            let mut j = i + 1;
            if arg.is_empty() {
                while j < lines.len() && lines[j].trim().is_empty() {
                    j += 1;
                }
                arg = lines.get(j).map_or("", |l| l.trim()).to_string();
                j += 1;
            }
            let (mut min_version, mut max_version) = (None, None);
            // The directive's indented block: version lines.
            while j < lines.len() && (lines[j].trim().is_empty() || lines[j].starts_with(' ')) {
                if let Some(v) = re.version.captures(lines[j]) {
                    if &v[1] == "min_version" {
                        min_version = Some(v[2].to_string());
                    } else {
                        max_version = Some(v[2].to_string());
                    }
                }
                if lines[j].trim().is_empty()
                    && lines.get(j + 1).is_some_and(|n| !n.starts_with(' '))
                {
                    break;
                }
                j += 1;
            }
            let mut words = arg.split_whitespace();
            let method = words.next().unwrap_or("").to_string();
            let url = words.next().unwrap_or("");
            let path = normal_path(url.split('?').next().unwrap_or(""));
            let path_params = re
                .param
                .captures_iter(&path)
                .map(|c| c[1].split(':').next().unwrap_or("").trim().to_string())
                .collect();
            out.push(RestMethod {
                file: key(&file.to_string_lossy()),
                line: u32::try_from(i + 1).unwrap_or(0),
                method,
                path,
                path_params,
                normal: BTreeSet::new(),
                error: BTreeSet::new(),
                min_version,
                max_version,
            });
            open = None;
            intro = true;
            i += 1;
            continue;
        }
        let Some(current) = out.last_mut() else {
            i += 1;
            continue;
        };
        // A code stated as both keeps the kind it was first stated with
        // (the model's rule; the reader warns about the conflict).
        let mut add = |normal: bool, code: u16| {
            if current.normal.contains(&code) || current.error.contains(&code) {
                return;
            }
            if normal {
                current.normal.insert(code);
            } else {
                current.error.insert(code);
            }
        };
        let heading = lines
            .get(i + 1)
            .is_some_and(|n| n.len() >= 3 && n.chars().all(|c| "-=~^*+#".contains(c)));
        let t = l.trim();
        if (heading && (t.starts_with("Request") || t.starts_with("Response")))
            || t.starts_with(".. rest_parameters::")
        {
            intro = false;
        }
        if let Some(c) = re.version_added.captures(l) {
            if intro && current.min_version.is_none() {
                current.min_version = Some(c[1].to_string());
            }
        }
        if let Some(c) = re.label.captures(l) {
            let normal = !c[1].eq_ignore_ascii_case("error");
            // The label's run: this line and the following non-blank ones.
            let mut run = c[2].to_string();
            while lines
                .get(i + 1)
                .is_some_and(|n| !n.trim().is_empty() && !re.label.is_match(n))
            {
                i += 1;
                run.push(' ');
                run.push_str(lines[i].trim());
            }
            for code in re.item_code.captures_iter(&run) {
                add(normal, code[1].parse().unwrap_or(0));
            }
            // A bare label: its codes are the list below.
            open = run.trim().is_empty().then_some((normal, true));
        } else if let Some(c) = re.status_directive.captures(l) {
            open = Some((&c[1] == "success", false));
        } else if let Some((normal, _)) = open {
            if let Some(c) = re.list_code.captures(l) {
                add(normal, c[1].parse().unwrap_or(0));
            } else if !l.trim().is_empty() {
                open = None;
            }
        }
        i += 1;
    }
    out
}

/// `min_version` / `max_version` of every YAML entry a `rest_parameters`
/// item names, keyed by (page key, item line): read with yaml-rust2 and a
/// line scan, not with the reader.
pub(super) fn scanned_param_versions(
    dir: &Path,
) -> BTreeMap<(String, u32), (Option<String>, Option<String>)> {
    use yaml_rust2::{Yaml, YamlLoader};
    let directive =
        regex::Regex::new(r"^\s*\.\. rest_parameters::\s*(\S+)").unwrap_or_else(|e| panic!("{e}"));
    let item = regex::Regex::new(r"^\s+-\s+[^:]+:\s*(\S+)\s*$").unwrap_or_else(|e| panic!("{e}"));
    let mut yamls: BTreeMap<PathBuf, Yaml> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for file in files_with_ext(dir, "inc") {
        let text = read_text(&file);
        let mut current: Option<PathBuf> = None;
        for (i, l) in text.lines().enumerate() {
            if let Some(c) = directive.captures(l) {
                current = file.parent().map(|d| d.join(&c[1]));
                continue;
            }
            if !l.starts_with(' ') && !l.trim().is_empty() {
                current = None;
            }
            let (Some(yaml), Some(c)) = (&current, item.captures(l)) else {
                continue;
            };
            let doc = yamls.entry(yaml.clone()).or_insert_with(|| {
                let t = std::fs::read_to_string(yaml).unwrap_or_default();
                YamlLoader::load_from_str(&t)
                    .ok()
                    .and_then(|d| d.into_iter().next())
                    .unwrap_or(Yaml::Null)
            });
            let entry = &doc[&c[1]];
            let v = |k: &str| match &entry[k] {
                Yaml::Real(s) | Yaml::String(s) => Some(s.clone()),
                Yaml::Integer(n) => Some(n.to_string()),
                _ => None,
            };
            let valid = |x: Option<String>| {
                x.filter(|s| {
                    s.split_once('.').is_some_and(|(a, b)| {
                        [a, b]
                            .iter()
                            .all(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()))
                    })
                })
            };
            out.insert(
                (
                    key(&file.to_string_lossy()),
                    u32::try_from(i + 1).unwrap_or(0),
                ),
                (valid(v("min_version")), valid(v("max_version"))),
            );
        }
    }
    out
}
