#!/usr/bin/env bash
# The test command (npm test): type-check, the unit tests in parallel, then the engine tests one file at a time.
# Engine tests (*.itg.test.ts) need the Docker engine and registry from scripts/test-engine.sh; they skip loudly without
# one unless STAGEGUARD_E2E=required. They run in band because some of them empty the engine's build cache
# (`docker buildx prune -af`) to prove registry-cache reuse, which would disturb builds running beside them.
set -uo pipefail
cd "$(dirname "$0")/.."
npx tsc --noEmit -p tsconfig.json || exit 1
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
npx jest --selectProjects unit --maxWorkers=2 --passWithNoTests --json --outputFile="$results/unit.json" "$@"
unit=$?
npx jest --selectProjects engine --runInBand --passWithNoTests --json --outputFile="$results/engine.json" "$@"
engine=$?
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const f of process.argv.slice(1)) {
    if (!fs.existsSync(f)) continue;
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$results/unit.json" "$results/engine.json"
[ "$unit" -eq 0 ] && [ "$engine" -eq 0 ]
