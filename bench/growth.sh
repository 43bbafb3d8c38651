#!/usr/bin/env bash
# Growth benchmarks (issue 12): criterion medians at n and 4n for each
# pathological case with their ratio, then the peak RSS of each case at both
# sizes, each measured in its own child process (VmHWM).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --locked -p restdoc --bench growth 2>&1 | grep -Ev '^(Gnuplot|Benchmarking|Found|  [0-9]+ \(|WARNING)' 
cases=(page_10mb list_items_100k block_quotes_5000_deep grid_table_1000_columns inline_starts_100k sections_10k yaml_50mb)
echo
echo "peak RSS (one child process per case and size):"
for c in "${cases[@]}"; do
  for size in n 4n; do
    cargo bench --locked -q -p restdoc --bench growth -- --rss "$c" "$size" 2>/dev/null | grep '^rss'
  done
done
