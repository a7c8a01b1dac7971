#!/usr/bin/env bash
# Runs every fuzz target in turn for SECONDS each (default 300), nice'd, one at
# a time (the machine is shared), and keeps each run's log in logs/.
# Usage: fuzz/run-all.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-300}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(extract_html feed jsonl warc warc_gz gzip input_reader text_clean sentence_split)
fi
./seed.sh > /dev/null
mkdir -p logs
# Without AddressSanitizer: the code under test is safe Rust, and on a shared
# 2-core machine the 2-3x more executions are worth more. Debug assertions
# (integer overflow, slice order) stay on.
nice -n 10 cargo +nightly fuzz build -O -s none
# The binaries are run directly: `cargo fuzz run` would rebuild first whenever
# a crate under test changed, eating into the run's time.
bin=target/x86_64-unknown-linux-gnu/release
for t in "${targets[@]}"; do
  echo "== $t ($secs s)"
  mkdir -p "artifacts/$t"
  nice -n 10 "$bin/$t" -artifact_prefix="artifacts/$t/" \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=30 -max_len=65536 \
    -print_final_stats=1 "corpus/$t" > "logs/$t.log" 2>&1 || echo "   $t stopped with a finding: see logs/$t.log"
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs" "logs/$t.log" || true
done
