#!/usr/bin/env bash
# Prints the size of every file in dist/, raw and gzipped (gzip -9), and three totals:
# - the first load: what every page fetches before it can show anything (index.html, the
#   start script, the JS glue, the CSS, the favicon and the app's wasm module), the
#   figure the 350 KB budget is about;
# - the analysis worker (fromlab-worker*), fetched only when the playground, compare
#   mode or a quiz's challenge opens;
# - everything.
# Gzipped sizes are what a visit downloads from a host that compresses.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -d dist ]] || [[ -z $(ls -A dist) ]]; then
  echo "size: dist/ is empty; run 'trunk build --release --offline' (or 'make test') first" >&2
  exit 1
fi

total=0
total_gz=0
worker=0
worker_gz=0
printf '%-48s %10s %10s\n' file bytes gzipped
while IFS= read -r -d '' file; do
  bytes=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total=$((total + bytes))
  total_gz=$((total_gz + gz))
  if [[ $(basename "$file") == fromlab-worker* ]]; then
    worker=$((worker + bytes))
    worker_gz=$((worker_gz + gz))
  fi
  printf '%-48s %10d %10d\n' "${file#dist/}" "$bytes" "$gz"
done < <(find dist -type f -print0 | sort -z)
printf '%-48s %10d %10d\n' 'first load (all but the worker)' "$((total - worker))" "$((total_gz - worker_gz))"
printf '%-48s %10d %10d\n' 'analysis worker (fromlab-worker*)' "$worker" "$worker_gz"
printf '%-48s %10d %10d\n' total "$total" "$total_gz"
awk -v gz="$((total_gz - worker_gz))" -v w="$worker_gz" 'BEGIN {
  printf "first load, gzipped: %.1f KB (budget 350 KB); the worker adds %.1f KB where analysis is needed\n", gz / 1000, w / 1000
}'
