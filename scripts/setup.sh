#!/usr/bin/env bash
# Sets up a fresh clone and renders every cluster:
#   1. pnpm at the version pinned in package.json ("packageManager"),
#   2. the dependencies, including the pinned Node.js (the `node` package),
#   3. the pinned external tools, built with Go into .tools/,
#   4. the schema store validation runs against (from the offline mirror
#      ../shared/upstream when it is there, else downloaded from the pinned URLs),
#   5. the library's start-up snapshot, which `gen` starts from,
#   6. `pnpm gen`.
# Every step is skipped when already done, so running it again is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  printf 'setup: %s\n' "$1" >&2
  [ -n "${2:-}" ] && printf '  hint: %s\n' "$2" >&2
  exit 2
}

command -v node >/dev/null 2>&1 || fail "Node.js is not installed; it is needed to run pnpm" \
  "install Node.js 18 or newer with npm (the project itself runs on the Node it pins)"
command -v npm >/dev/null 2>&1 || fail "npm is not installed" "install npm (it comes with Node.js)"

pnpm_version=$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' package.json)
[ -n "$pnpm_version" ] || fail "package.json has no packageManager pnpm@<version>"
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  echo "setup: installing pnpm $pnpm_version"
  npm install --global --no-fund --no-audit "pnpm@$pnpm_version" >/dev/null \
    || fail "could not install pnpm $pnpm_version with npm" "run: npm install --global pnpm@$pnpm_version"
  hash -r
fi

echo "setup: installing dependencies (pnpm $pnpm_version)"
pnpm install --frozen-lockfile --reporter=silent

echo "setup: Node.js $(./node_modules/.bin/node --version) (pinned in package.json)"
pnpm --silent tools install
if [ -d ../shared/upstream ]; then
  pnpm --silent schemas --mirror ../shared/upstream
else
  pnpm --silent schemas
fi
pnpm --silent snapshot
pnpm --silent gen
