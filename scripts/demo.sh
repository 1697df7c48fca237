#!/usr/bin/env bash
# The main job, locally, on examples/: lint, then (when a Docker engine answers) build every stage and measure it.
# Start the engine and the local registry with the base images first: npm run engine (needs root and Debian's
# packages; see the README). Without an engine the demo lints and says what it skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
[ -f dist/cli.js ] || npm run bundle
node dist/cli.js run examples --network none --fail-on none "$@"
