#!/usr/bin/env bash
# `npm test`: the whole suite — static checks, builds, unit + integration, keychain, team (PostgreSQL),
# renderer component tests and browser E2E (both in real Chromium).
# Every step runs even when an earlier one failed, so one report shows everything; the last line
# is "N passed, N failed, N skipped" summed from the real test reports.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
out=ci-out
rm -rf "$out" && mkdir -p "$out"
t0=$SECONDS
failed_steps=()
step() {
  local name=$1; shift
  echo; echo "=== [$((SECONDS - t0))s] $name"
  if ! "$@"; then failed_steps+=("$name"); echo "--- step failed: $name"; fi
}
have_keyring() { command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; }

step "typecheck" tsc -b
step "lint (folder boundaries included)" eslint --max-warnings 0 .
step "electron-builder config (offline schema validation)" node scripts/check-builder-config.cjs electron-builder.yml
step "build: electron-vite (main, preload, renderer)" electron-vite build --logLevel warn
step "build: node bundles (fota CLI, web mode, benches)" node scripts/build-node.mjs
step "unit + integration tests" vitest run --config vitest.config.ts --reporter=default --reporter=json --outputFile.json="$out/unit.json"
reports=("$out/unit.json")
if have_keyring; then
  step "keychain tests (real Secret Service, private D-Bus session)" bash scripts/with-keyring.sh vitest run --config vitest.keychain.config.ts --reporter=default --reporter=json --outputFile.json="$out/keychain.json"
  reports+=("$out/keychain.json")
elif [[ "${CI:-}" == "true" ]]; then
  failed_steps+=("keychain tests: dbus-run-session or gnome-keyring-daemon missing (apt-get install dbus gnome-keyring)")
else
  echo "=== keychain tests SKIPPED: dbus-run-session/gnome-keyring-daemon not installed (apt-get install dbus gnome-keyring libsecret-1-dev)"
fi
# Team mode against a real PostgreSQL (a throwaway cluster the suite starts and stops itself).
if [[ -n "${PG_BIN:-}" ]] || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  step "team tests (real PostgreSQL, throwaway cluster)" vitest run --config vitest.team.config.ts --reporter=default --reporter=json --outputFile.json="$out/team.json"
  reports+=("$out/team.json")
elif [[ "${CI:-}" == "true" ]]; then
  failed_steps+=("team tests: PostgreSQL missing (apt-get install postgresql)")
else
  echo "=== team tests SKIPPED: PostgreSQL not installed (apt-get install postgresql), or set PG_BIN to its bin folder"
fi
if [[ -x /usr/bin/chromium || -n "${CHROMIUM_PATH:-}" ]]; then
  step "renderer component tests (Vitest browser mode, Debian Chromium)" vitest run --config vitest.renderer.config.ts --reporter=default --reporter=json --outputFile.json="$out/renderer.json"
  reports+=("$out/renderer.json")
elif [[ "${CI:-}" == "true" ]]; then
  failed_steps+=("renderer component tests: /usr/bin/chromium missing (apt-get install chromium)")
else
  echo "=== renderer component tests SKIPPED: /usr/bin/chromium not installed (apt-get install chromium), or set CHROMIUM_PATH"
fi
if [[ -x /usr/bin/chromium || -n "${CHROMIUM_PATH:-}" ]]; then
  step "browser E2E (Playwright + Debian Chromium)" env PLAYWRIGHT_JSON_OUTPUT_NAME="$out/e2e.json" playwright test --reporter=list,json
  reports+=("$out/e2e.json")
elif [[ "${CI:-}" == "true" ]]; then
  failed_steps+=("browser E2E: /usr/bin/chromium missing (apt-get install chromium)")
else
  echo "=== browser E2E SKIPPED: /usr/bin/chromium not installed (apt-get install chromium), or set CHROMIUM_PATH"
fi

echo; echo "=== [$((SECONDS - t0))s] summary"
for s in "${failed_steps[@]}"; do echo "failed step: $s"; done
node scripts/ci-summary.mjs "${reports[@]}" | tee "$out/summary.txt"
summary_status=${PIPESTATUS[0]}
if ((${#failed_steps[@]})) || ((summary_status != 0)); then
  # A failed static step counts as a failure in the closing line too.
  exit 1
fi
