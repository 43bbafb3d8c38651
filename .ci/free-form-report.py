#!/usr/bin/env python3
"""Count the generated body fields that stay `serde_json::Value`, and why.

Usage: free-form-report.py CRATE_DIR [CRATE_DIR...]

Reads the generated group modules (`src/*/mod.rs`) and `src/models.rs`:
every field of a serde struct (the flattened `extra` map that keeps
undocumented members excepted) whose type holds `serde_json::Value`,
grouped by the reason its doc states ("Free-form JSON: <why>.", written by
codegen from the body shape's `Any { why }`); fields without one come from
no shape (a documented object, or a body the docs give neither members nor
an example of). Whole bodies typed `serde_json::Value` (a response variant
or a request `body`) are counted apart.
"""
import collections
import glob
import os
import re
import sys

FIELD = re.compile(r"^\s*pub (r#)?(\w+): (.+),$")
VARIANT = re.compile(r"^\s*\w+\(serde_json::Value[,)]")
WHY = re.compile(r"Free-form JSON: (.*?)\.?$")


def report(crate):
    fields = 0
    free = collections.Counter()
    bodies = 0
    files = sorted(glob.glob(os.path.join(crate, "src", "*", "mod.rs")))
    files.append(os.path.join(crate, "src", "models.rs"))
    for path in files:
        if not os.path.exists(path):
            continue
        doc, attrs = [], []
        in_serde_struct = pending_derive = False
        for line in open(path, encoding="utf-8"):
            s = line.strip()
            if s.startswith("///"):
                doc.append(s[3:].strip())
                continue
            if s.startswith("#["):
                attrs.append(s)
                if s.startswith("#[derive(") and "serde::Deserialize" in s:
                    pending_derive = True
                continue
            if s.startswith("pub struct "):
                in_serde_struct, pending_derive = pending_derive, False
            elif s.startswith("pub enum "):
                pending_derive = False
            elif VARIANT.match(line):
                bodies += 1
            m = FIELD.match(line)
            if m and in_serde_struct:
                name, ty = m.group(2), m.group(3)
                if not (name == "extra" and any("flatten" in a for a in attrs)):
                    fields += 1
                    if "serde_json::Value" in ty:
                        whys = [WHY.search(d).group(1) for d in doc if WHY.search(d)]
                        free[whys[0] if whys else NO_SHAPE] += 1
            elif m and m.group(2) == "body" and "serde_json::Value" in m.group(3):
                bodies += 1
            if s == "}":
                in_serde_struct = False
            doc, attrs = [], []
    return fields, free, bodies


NO_SHAPE = "no shape: a documented object's field, or a body the docs give neither members nor an example of"


def main():
    for crate in sys.argv[1:]:
        fields, free, bodies = report(crate)
        total = sum(free.values())
        print(f"{os.path.basename(crate.rstrip('/'))}: {total} of {fields} body fields are serde_json::Value; "
              f"{bodies} whole bodies are serde_json::Value")
        for why, n in free.most_common():
            print(f"  {n:5}  {why}")


if __name__ == "__main__":
    main()
