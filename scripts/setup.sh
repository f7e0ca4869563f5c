#!/usr/bin/env bash
# Installs what `make serve` and `make test` need, skipping whatever is already there,
# so a second run takes seconds. Usage: scripts/setup.sh STEP...
#
# Steps: wasm-target trunk wasm-bindgen wasm-opt chromium npm
# Tools go where the project expects them: cargo tools in ~/.cargo/bin, wasm-opt in
# tools/node_modules/.bin (npm package binaryen), test modules in node_modules/.
set -euo pipefail

cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14

say() { printf 'setup: %s\n' "$*"; }

# The version of a package in Cargo.lock, so wasm-bindgen-cli always matches the crate.
lockfile_version() {
  awk -v name="$1" '
    $0 == "[[package]]" { in_pkg = 1; found = 0; next }
    in_pkg && $0 == "name = \"" name "\"" { found = 1; next }
    in_pkg && found && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' Cargo.lock
}

# Runs npm ci in a folder unless its node_modules already matches its lock file.
npm_ci_if_changed() {
  local dir=$1
  local stamp="$dir/node_modules/.fromlab-lock-sha256"
  local want
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
    return 0
  fi
  say "npm ci in ${dir}"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
}

step_wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    return 0
  fi
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

step_trunk() {
  if trunk --version 2>/dev/null | grep -q "trunk ${TRUNK_VERSION}\$"; then
    return 0
  fi
  say "installing trunk ${TRUNK_VERSION} (about 9 minutes on 2 cores)"
  cargo install trunk --version "${TRUNK_VERSION}" --locked
}

step_wasm_bindgen() {
  local version
  version=$(lockfile_version wasm-bindgen)
  if [[ -z $version ]]; then
    echo "setup: wasm-bindgen is not in Cargo.lock" >&2
    exit 1
  fi
  if wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen ${version}\$"; then
    return 0
  fi
  # Without --locked: the CLI's own lock file names a crate version the registry here
  # does not serve (see ../shared/TOOLCHAIN.md).
  say "installing wasm-bindgen-cli ${version} (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "${version}" --force
}

step_wasm_opt() {
  npm_ci_if_changed tools
  tools/node_modules/.bin/wasm-opt --version >/dev/null
}

step_chromium() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    return 0
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi
  say "installing Debian's chromium and chromium-driver"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium chromium-driver
}

step_npm() {
  npm_ci_if_changed .
}

if [[ $# -eq 0 ]]; then
  echo "usage: scripts/setup.sh STEP... (wasm-target trunk wasm-bindgen wasm-opt chromium npm)" >&2
  exit 2
fi
for step in "$@"; do
  case $step in
    wasm-target) step_wasm_target ;;
    trunk) step_trunk ;;
    wasm-bindgen) step_wasm_bindgen ;;
    wasm-opt) step_wasm_opt ;;
    chromium) step_chromium ;;
    npm) step_npm ;;
    *)
      echo "setup: unknown step ${step}" >&2
      exit 2
      ;;
  esac
done
