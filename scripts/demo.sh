#!/usr/bin/env bash
# The main job, locally, on examples/: lint, then (when a Docker engine answers) build every stage and measure it.
# The examples build FROM localhost:5000/busybox:1 and localhost:5000/fullbase:1 so that they work offline; when the
# engine lacks them, they are made first (scripts/test-engine.sh images: from busybox-static's /bin/busybox, or from
# `docker pull busybox`). Without an engine the demo lints and says what it skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
[ -f dist/cli.js ] || npm run bundle
extra=()
if docker info >/dev/null 2>&1; then
  if ! docker image inspect localhost:5000/busybox:1 >/dev/null 2>&1 || ! docker image inspect localhost:5000/fullbase:1 >/dev/null 2>&1; then
    echo "demo: the examples' base images localhost:5000/busybox:1 and localhost:5000/fullbase:1 are not in this engine; making them (bash scripts/test-engine.sh images)" >&2
    if ! bash scripts/test-engine.sh images; then
      echo "demo: could not make the base images (see above), so the demo lints only. Make them with 'bash scripts/test-engine.sh images' after 'apt-get install busybox-static' (or with an engine that can pull busybox), or run 'npm run engine' as root on Debian." >&2
      extra=(--no-build)
    fi
  fi
fi
node dist/cli.js run examples --network none --fail-on none "${extra[@]}" "$@"
