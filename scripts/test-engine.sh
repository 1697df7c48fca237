#!/usr/bin/env bash
# Installs and starts the real Docker engine and a local registry that stageguard's engine tests use.
#   scripts/test-engine.sh start   install (once), start dockerd + registry on 127.0.0.1:5000, push base images, and a
#                                  second engine with the classic image store on /var/run/stageguard-classic.sock
#   scripts/test-engine.sh images  only the examples' base images, in the engine DOCKER_HOST names (the demo uses it)
#   scripts/test-engine.sh stop    stop both
#   scripts/test-engine.sh status  exit 0 when both answer
# Idempotent: running `start` twice leaves one engine and one registry.
# Only loopback is used: the engine runs with bridge networking off, builds pass --network=none or host.
set -euo pipefail

STATE_DIR="${STAGEGUARD_ENGINE_DIR:-/var/tmp/stageguard-engine}"
# A second engine with the classic image store (what GitHub's runners have by default), for the tests of that path.
CLASSIC_SOCK="/var/run/stageguard-classic.sock"
REGISTRY_ADDR="127.0.0.1:5000"
REGISTRY_HOST="localhost:5000"
SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo"

log() { echo "[test-engine] $*" >&2; }

have_packages() {
  command -v dockerd >/dev/null 2>&1 && docker buildx version >/dev/null 2>&1 \
    && command -v docker-registry >/dev/null 2>&1 && [ -x /bin/busybox ] \
    && /bin/busybox --list >/dev/null 2>&1 && dpkg -s busybox-static >/dev/null 2>&1
}

install_packages() {
  if have_packages; then return; fi
  log "installing docker.io, docker-cli, docker-buildx (Debian trixie, pinned at 100), docker-registry, busybox-static"
  if [ ! -f /etc/apt/sources.list.d/stageguard-trixie.sources ]; then
    $SUDO tee /etc/apt/sources.list.d/stageguard-trixie.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    $SUDO tee /etc/apt/preferences.d/stageguard-trixie >/dev/null <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    docker.io/trixie docker-cli/trixie docker-buildx/trixie docker-registry busybox-static >/dev/null
}

engine_up() { docker info >/dev/null 2>&1; }

# A daemon killed with its session leaves its pid file behind, and dockerd refuses to start while the pid in it is
# still alive or not yet reaped. The engine is known not to answer here: wait briefly for that process to go, then
# remove the file.
clear_stale_pidfile() {
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file" 2>/dev/null || true)
  for _ in $(seq 1 20); do
    if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null || grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null; then break; fi
    sleep 0.5
  done
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null; then
    log "a process ($pid) from $file is still running but the engine does not answer: stopping it"
    $SUDO kill -9 "$pid" 2>/dev/null || true
    sleep 1
  fi
  $SUDO rm -f "$file"
}
registry_up() { curl -fsS "http://$REGISTRY_ADDR/v2/" >/dev/null 2>&1; }

start_engine() {
  if engine_up; then log "engine already running"; return; fi
  $SUDO mkdir -p /etc/docker "$STATE_DIR"
  $SUDO tee /etc/docker/daemon.json >/dev/null <<'JSON'
{"features":{"containerd-snapshotter":true},"bridge":"none","iptables":false,"ip-masq":false}
JSON
  clear_stale_pidfile /var/run/docker.pid
  clear_stale_pidfile /var/run/docker/containerd/containerd.pid
  log "starting dockerd"
  launch_dockerd dockerd "$STATE_DIR/dockerd.log" engine_up
}

# launch_dockerd NAME LOG UP_CHECK [DOCKERD ARGS...]: starts a dockerd in the background (its pid in
# $STATE_DIR/NAME.pid) and waits until UP_CHECK answers; fails with the log's tail when it does not come up.
launch_dockerd() {
  local name=$1 logfile=$2 up=$3 pid
  shift 3
  $SUDO sh -c 'nohup dockerd "$@" >"$0" 2>&1 & echo $!' "$logfile" "$@" >"$STATE_DIR/$name.pid"
  pid=$(cat "$STATE_DIR/$name.pid")
  for _ in $(seq 1 120); do
    "$up" && return 0
    # a daemon that exited at start (e.g. a port or pid file in use) will not come up: say why at once
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  "$up" || { tail -n 40 "$logfile" >&2; log "$name did not start"; exit 1; }
}

start_registry() {
  if registry_up; then log "registry already running"; return; fi
  mkdir -p "$STATE_DIR/registry"
  cat >"$STATE_DIR/registry.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE_DIR/registry
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
YML
  log "starting registry on $REGISTRY_ADDR"
  nohup docker-registry serve "$STATE_DIR/registry.yml" >"$STATE_DIR/registry.log" 2>&1 &
  echo $! >"$STATE_DIR/registry.pid"
  for _ in $(seq 1 60); do registry_up && break; sleep 0.25; done
  registry_up || { tail -n 20 "$STATE_DIR/registry.log" >&2; log "registry did not start"; exit 1; }
}

# Base images, made locally since nothing can be pulled:
#   localhost:5000/busybox:1  a busybox rootfs (~1-2 MB), the "slim" base
#   localhost:5000/fullbase:1 the same plus a few MB of filler and a fake toolchain, the "full" base
base_images_local() {
  docker image inspect "$REGISTRY_HOST/busybox:1" >/dev/null 2>&1 && docker image inspect "$REGISTRY_HOST/fullbase:1" >/dev/null 2>&1
}
base_images_pushed() {
  local accept='Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json'
  curl -fsS "http://$REGISTRY_ADDR/v2/busybox/manifests/1" -H "$accept" >/dev/null 2>&1 \
    && curl -fsS "http://$REGISTRY_ADDR/v2/fullbase/manifests/1" -H "$accept" >/dev/null 2>&1
}

# Makes both base images in the engine DOCKER_HOST points at, from busybox-static's /bin/busybox when it is there,
# else from a busybox image the engine can pull (docker pull busybox). Nothing is pushed here.
make_local_images() {
  local root; root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin" "$root/tmp" "$root/etc" "$root/root" "$root/var" "$root/home"
  if [ -x /bin/busybox ] && /bin/busybox --list-full >/dev/null 2>&1; then
    cp /bin/busybox "$root/bin/busybox"
    for applet in $(/bin/busybox --list-full); do
      [ "$applet" = "bin/busybox" ] && continue
      mkdir -p "$root/$(dirname "$applet")"
      ln -sf /bin/busybox "$root/$applet"
    done
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\napp:x:1000:1000:app:/home:/bin/sh\n' >"$root/etc/passwd"
    printf 'root:x:0:\nnobody:x:65534:\napp:x:1000:\n' >"$root/etc/group"
    chmod 1777 "$root/tmp"
    tar -C "$root" -c . | docker import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$REGISTRY_HOST/busybox:1" >/dev/null
  elif docker pull -q busybox:1.36 >/dev/null 2>&1; then
    printf 'FROM busybox:1.36\nRUN printf "app:x:1000:1000:app:/home:/bin/sh\\n" >>/etc/passwd && printf "app:x:1000:\\n" >>/etc/group\n' \
      | docker build -q -t "$REGISTRY_HOST/busybox:1" - >/dev/null
  else
    rm -rf "$root"
    log "cannot make $REGISTRY_HOST/busybox:1: no /bin/busybox (Debian: apt-get install busybox-static) and 'docker pull busybox:1.36' failed"
    return 1
  fi
  # the "full" base: the same plus a few MB of filler and a fake toolchain
  local filler; filler=$(mktemp -d)
  mkdir -p "$filler/usr/share/filler" "$filler/usr/bin" "$filler/usr/include"
  head -c 4000000 /dev/urandom >"$filler/usr/share/filler/blob.bin"
  printf '#!/bin/sh\necho fake compiler\n' >"$filler/usr/bin/gcc"; chmod +x "$filler/usr/bin/gcc"
  printf '#!/bin/sh\necho fake make\n' >"$filler/usr/bin/make"; chmod +x "$filler/usr/bin/make"
  printf '/* header */\n' >"$filler/usr/include/stdio.h"
  local rc=0
  if [ -x "$root/bin/busybox" ]; then
    # one flat layer, as the engine tests expect
    cp -a "$filler/usr/." "$root/usr/"
    tar -C "$root" -c . | docker import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$REGISTRY_HOST/fullbase:1" >/dev/null || rc=$?
  else
    printf 'FROM %s/busybox:1\nCOPY usr/ /usr/\n' "$REGISTRY_HOST" >"$filler/Dockerfile"
    docker build -q --network none -t "$REGISTRY_HOST/fullbase:1" "$filler" >/dev/null || rc=$?
  fi
  rm -rf "$root" "$filler"
  return $rc
}

make_base_images() {
  if base_images_local && base_images_pushed; then
    log "base images present"; return
  fi
  make_local_images || exit 1
  docker push -q "$REGISTRY_HOST/busybox:1" >/dev/null
  docker push -q "$REGISTRY_HOST/fullbase:1" >/dev/null
  log "pushed $REGISTRY_HOST/busybox:1 and $REGISTRY_HOST/fullbase:1"
}

classic_up() { DOCKER_HOST="unix://$CLASSIC_SOCK" docker info >/dev/null 2>&1; }

# The classic engine: its own data root, exec root, pid file and socket, the same loopback-only settings.
start_classic() {
  if classic_up; then log "classic-store engine already running"; return; fi
  mkdir -p "$STATE_DIR/classic"
  cat >"$STATE_DIR/classic/daemon.json" <<'JSON'
{"features":{"containerd-snapshotter":false},"bridge":"none","iptables":false,"ip-masq":false}
JSON
  clear_stale_pidfile /var/run/stageguard-classic.pid
  log "starting the classic-store engine on $CLASSIC_SOCK"
  launch_dockerd classic "$STATE_DIR/classic/dockerd.log" classic_up \
    --config-file "$STATE_DIR/classic/daemon.json" --data-root "$STATE_DIR/classic/data" \
    --exec-root /var/run/stageguard-classic --pidfile /var/run/stageguard-classic.pid -H "unix://$CLASSIC_SOCK"
  DOCKER_HOST="unix://$CLASSIC_SOCK" docker pull -q "$REGISTRY_HOST/busybox:1" >/dev/null
}

stop_all() {
  for name in registry classic dockerd; do
    if [ -f "$STATE_DIR/$name.pid" ]; then
      $SUDO kill "$(cat "$STATE_DIR/$name.pid")" 2>/dev/null || true
      rm -f "$STATE_DIR/$name.pid"
    fi
  done
  log "stopped"
}

case "${1:-start}" in
  start)
    install_packages
    start_engine
    start_registry
    make_base_images
    start_classic
    log "engine and registry ready (registry $REGISTRY_HOST; classic-store engine on $CLASSIC_SOCK)"
    ;;
  # only the examples' base images, in whatever engine DOCKER_HOST names (the demo calls this): no install, no registry
  images)
    if base_images_local; then log "base images present"; else make_local_images && log "made $REGISTRY_HOST/busybox:1 and $REGISTRY_HOST/fullbase:1"; fi
    ;;
  stop) stop_all ;;
  status) engine_up && registry_up && classic_up ;;
  *) echo "usage: $0 start|images|stop|status" >&2; exit 2 ;;
esac
