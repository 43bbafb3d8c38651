#!/usr/bin/env bash
# Growth benchmarks (issue 12), three measures of each pathological case at
# size n and 4n (4x the input bytes), each with its n -> 4n ratio:
#  1. criterion medians of the page-to-model read (wall time; noisy on a
#     shared machine, so run it when the machine is quiet);
#  2. instructions executed by that read, counted by callgrind
#     (--toggle-collect on the read only): exact and repeatable whatever
#     else the machine is doing, so it shows the algorithmic growth;
#  3. peak RSS (VmHWM) of one child process per case and size;
#  4. the same ratios timed in interleaved n/4n pairs (median of the pairs'
#     ratios, with quartiles): a drift in the machine's load between
#     criterion's n and 4n runs cannot bias these.
# usage: bash bench/growth.sh [--no-criterion]
set -euo pipefail
cd "$(dirname "$0")/.."
cases=(page_10mb list_items_100k block_quotes_5000_deep grid_table_1000_columns inline_starts_100k sections_10k yaml_50mb rendered_bullets_100k)
if [ "${1:-}" != "--no-criterion" ]; then
  cargo bench --locked -p restdoc --bench growth 2>&1 | grep -Ev '^(Gnuplot|Benchmarking|Found|  [0-9]+ \(|WARNING)'
fi
cargo bench --locked -q -p restdoc --bench growth --no-run 2>/dev/null
bin=$(ls -t target/release/deps/growth-* | grep -v '\.d$' | head -n 1)
echo
"$bin" --paired 5
echo
echo "peak RSS (one child process per case and size):"
for c in "${cases[@]}"; do
  for size in n 4n; do "$bin" --rss "$c" "$size" | grep '^rss'; done
done
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
echo
echo "instructions of the read (callgrind; linear = 4x):"
for c in "${cases[@]}"; do
  ir=()
  for size in n 4n; do
    out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect='growth::read' \
      "$bin" --rss "$c" "$size" 2>&1)
    ir+=("$(grep -o 'Collected : [0-9]*' <<< "$out" | awk '{print $3}')")
  done
  awk -v c="$c" -v a="${ir[0]}" -v b="${ir[1]}" \
    'BEGIN { printf "  %-26s n %14.0f   4n %14.0f   ratio %.2fx\n", c, a, b, b / a }'
done
