#!/usr/bin/env bash
# Prints the size of every file in dist/, raw and gzipped (gzip -9), and the totals.
# The gzipped total is what a first visit downloads from a host that compresses.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -d dist ]] || [[ -z $(ls -A dist) ]]; then
  echo "size: dist/ is empty; run 'trunk build --release --offline' (or 'make test') first" >&2
  exit 1
fi

total=0
total_gz=0
printf '%-48s %10s %10s\n' file bytes gzipped
while IFS= read -r -d '' file; do
  bytes=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total=$((total + bytes))
  total_gz=$((total_gz + gz))
  printf '%-48s %10d %10d\n' "${file#dist/}" "$bytes" "$gz"
done < <(find dist -type f -print0 | sort -z)
printf '%-48s %10d %10d\n' total "$total" "$total_gz"
awk -v gz="$total_gz" 'BEGIN { printf "first load, gzipped: %.1f KB (budget 350 KB)\n", gz / 1000 }'
