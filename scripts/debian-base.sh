#!/usr/bin/env bash
# Makes the Debian base image that the package, cache-miss and base-image tests build on, the way the realistic
# fixture has it: a debootstrap minbase of bookworm whose apt lists are still in the image (as many base images
# ship them), imported into the engine and pushed to the local registry as localhost:5000/debian-minbase:bookworm.
#   scripts/debian-base.sh          make it once (about a minute; needs debootstrap and Debian's mirror)
#   scripts/debian-base.sh status   exit 0 when the image is there
# Idempotent: an image already in the engine is left alone.
set -euo pipefail

IMAGE="${STAGEGUARD_DEBIAN_BASE:-localhost:5000/debian-minbase:bookworm}"
MIRROR="${STAGEGUARD_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
WORK="${STAGEGUARD_DEBIAN_DIR:-/var/tmp/stageguard-debian-base}"
SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo"

log() { echo "[debian-base] $*" >&2; }

have_image() { docker image inspect "$IMAGE" >/dev/null 2>&1; }

if [ "${1:-make}" = "status" ]; then have_image; exit; fi
if have_image; then log "$IMAGE is there"; exit 0; fi

if ! command -v debootstrap >/dev/null 2>&1; then
  log "installing debootstrap"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

$SUDO rm -rf "$WORK"
mkdir -p "$WORK"
log "debootstrap --variant=minbase bookworm from $MIRROR"
$SUDO debootstrap --variant=minbase bookworm "$WORK/rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
  tail -20 "$WORK/debootstrap.log" >&2
  exit 1
}
# The downloaded .debs are debootstrap's, not the image's; the apt lists stay (what the tests tell apart from the
# Dockerfile's own layers).
$SUDO find "$WORK/rootfs/var/cache/apt/archives" -name '*.deb' -delete
$SUDO tar -C "$WORK/rootfs" --numeric-owner -c . | docker import --change 'CMD ["bash"]' - "$IMAGE" >/dev/null
docker push -q "$IMAGE" >/dev/null || log "could not push $IMAGE to the registry (the engine has it)"
$SUDO rm -rf "$WORK"
log "made $IMAGE"
