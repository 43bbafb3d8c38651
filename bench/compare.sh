#!/usr/bin/env bash
# Time restdoc against docutils over the same UForge pages, in one run.
# usage: bash bench/compare.sh            (from the repository root)
# Prints docutils' median (3 runs of publish_doctree over the 793 pages) and
# criterion's medians for read_corpus (walk + read + parse + dialects) and
# parse-only, then the ratio. Needs python3; installs docutils if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/uforge-3.8
python3 -c 'import docutils' 2>/dev/null || python3 -m pip install -q docutils
cargo bench -p restdoc --bench read_corpus -- --noplot 2>&1 | tee /tmp/restdoc-bench.txt | grep -E 'time:|read_corpus/' 
python3 ../shared/bench/docutils_parse.py "$corpus" --runs 3 | tee /tmp/docutils-bench.txt
python3 - <<'PY'
import json, pathlib, re
d = open('/tmp/docutils-bench.txt').read()
doc = float(re.search(r'docutils: \d+ files, ([\d.]+) s, .*\(median', d).group(1))
for est in sorted(pathlib.Path('target/criterion/read_corpus').glob('*/new/estimates.json')):
    med = json.loads(est.read_text())['median']['point_estimate'] * 1e-9
    name = json.loads((est.parent / 'benchmark.json').read_text())['function_id']
    print(f'{name}: median {med*1e3:.2f} ms; docutils median {doc:.3f} s; ratio {doc/med:.0f}x')
PY
