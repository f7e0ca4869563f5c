#!/usr/bin/env bash
# Prints the size of every file in dist/, raw and gzipped (gzip -9), and these totals:
# - the first load: what the home page or a lesson fetches before it can show anything
#   (index.html, the start script, the CSS, the favicon, the service worker and the
#   lessons module with its JS glue), the figure the 350 KB budget is about;
# - the app module (fromlab-app-*), the whole interface, fetched instead of the lessons
#   module by the playground, compare mode, the quiz pages and the embeds that edit a
#   Dockerfile, and by a lesson's frame when a quiz reaches a Dockerfile challenge;
# - the analysis worker (fromlab-worker*), fetched only where an analysis is needed;
# - everything.
# Gzipped sizes are what a visit downloads from a host that compresses.
# With --check (run by `make test`), it also fails when the first load is over budget.
set -euo pipefail
BUDGET=350000
cd "$(dirname "$0")/.."

if [[ ! -d dist ]] || [[ -z $(ls -A dist) ]]; then
  echo "size: dist/ is empty; run 'trunk build --release --offline' (or 'make test') first" >&2
  exit 1
fi

total=0
total_gz=0
app=0
app_gz=0
worker=0
worker_gz=0
printf '%-48s %10s %10s\n' file bytes gzipped
while IFS= read -r -d '' file; do
  bytes=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total=$((total + bytes))
  total_gz=$((total_gz + gz))
  case $(basename "$file") in
    fromlab-worker*)
      worker=$((worker + bytes))
      worker_gz=$((worker_gz + gz))
      ;;
    fromlab-app-*)
      app=$((app + bytes))
      app_gz=$((app_gz + gz))
      ;;
    embed-host.js)
      # For documentation sites' pages; the app never loads it.
      ;;
  esac
  printf '%-48s %10d %10d\n' "${file#dist/}" "$bytes" "$gz"
done < <(find dist -type f -print0 | sort -z)
host=$(wc -c <dist/embed-host.js)
host_gz=$(gzip -9 -c dist/embed-host.js | wc -c)
first=$((total - app - worker - host))
first_gz=$((total_gz - app_gz - worker_gz - host_gz))
printf '%-48s %10d %10d\n' 'first load (home page or a lesson)' "$first" "$first_gz"
printf '%-48s %10d %10d\n' 'app module (fromlab-app-*)' "$app" "$app_gz"
printf '%-48s %10d %10d\n' 'analysis worker (fromlab-worker*)' "$worker" "$worker_gz"
printf '%-48s %10d %10d\n' total "$total" "$total_gz"
awk -v gz="$first_gz" -v a="$app_gz" -v w="$worker_gz" -v b="$BUDGET" 'BEGIN {
  printf "first load, gzipped: %.1f KB (budget %d KB); the app module is %.1f KB and the worker %.1f KB where they are needed\n", gz / 1000, b / 1000, a / 1000, w / 1000
}'
if [[ ${1:-} == --check ]] && ((first_gz > BUDGET)); then
  echo "size: the first load is $first_gz bytes gzipped, over the budget of $BUDGET" >&2
  exit 1
fi
