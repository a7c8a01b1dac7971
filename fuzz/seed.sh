#!/usr/bin/env bash
# Builds fuzz/corpus/<target>/ from the fixtures we wrote under testdata/
# (never from ../shared). Run from anywhere; safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
T=../testdata
C=corpus
mkdir -p $C/{extract_html,feed,jsonl,warc,warc_gz,gzip,input_reader,text_clean,sentence_split}

copy() { # copy DEST FILES...
  local dest=$1; shift
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dest/$(basename "$(dirname "$f")")_$(basename "$f")"; done
}
# prefix DEST BYTE FILES...: the target reads its first byte as a choice.
prefix() {
  local dest=$1 byte=$2; shift 2
  for f in "$@"; do
    [ -f "$f" ] && { printf "\\x$(printf %02x "$byte")"; cat "$f"; } > "$dest/$(basename "$(dirname "$f")")_$(basename "$f")"
  done
}

copy $C/extract_html $T/extract/*.html $T/ingest/*.html
find $T -name '*.html' -not -path '*/ingest/*' -not -path '*/extract/*' -exec cp {} $C/extract_html/ \;
prefix $C/feed 0 $T/ingest/feed-atom.xml $T/ingest/feed-rss2.xml $T/ingest/feed-rss2-iso-8859-1.xml $T/ingest/truncated-feed-rss2.xml
prefix $C/feed 1 $T/ingest/feed-json.json
copy $C/jsonl $T/ingest/*.jsonl $T/ingest/*.json $T/stories/*.jsonl
copy $C/warc $T/ingest/*.warc
copy $C/warc_gz $T/ingest/*.warc
# The gzip target puts the magic bytes back itself.
for f in $T/ingest/*.gz; do tail -c +3 "$f" > "$C/gzip/$(basename "$f")"; done
# input_reader: the first byte picks the extension (see EXTENSIONS in the target).
exts=(txt html htm xhtml xml rss atom json jsonl ndjson warc gz txt.gz html.gz jsonl.gz warc.gz bin "")
for f in $T/ingest/*; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  for i in "${!exts[@]}"; do
    e=${exts[$i]}
    if [ -n "$e" ] && [[ "$name" == *".$e" ]]; then prefix $C/input_reader "$i" "$f"; fi
  done
done
copy $C/text_clean $T/text/*.txt $T/claims/*.txt $T/quotes/*.txt $T/ingest/plain-text.txt
copy $C/sentence_split $T/text/*.txt $T/claims/*.txt $T/quotes/*.txt $T/ingest/plain-text.txt
for d in $C/*; do echo "$d: $(ls "$d" | wc -l) seeds"; done
