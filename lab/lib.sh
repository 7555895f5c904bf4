# shellcheck shell=bash
# Shared by lab/up, lab/down and lab/status. Sourced, not run.
# shellcheck disable=SC2034  # the variables below are used by the scripts that source this file
set -euo pipefail
LAB_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
STATE="$LAB_DIR/.state"                           # client keys, known_hosts, each host's sshd files, lab.env (git-ignored)
RUNTIME="${LAB_RUNTIME:-/var/lib/sgmigrate-lab}"  # Docker data roots and logs (keeps the checkout small)
RUN=/run/sgmigrate-lab                            # sockets and pid files (unix socket paths must stay short)
CACHE="${LAB_CACHE:-/var/cache/sgmigrate-lab}"    # the root filesystem tarball: the slow part
HOSTS=(old new)
COMPOSE_DIR=/home/sgnew/deploy-sourcegraph-docker/docker-compose
SUDO_USER_NAME=sgadmin                            # old host: docker only through sudo (not in group docker)
PASSWORD_USER_NAME=sgpass                         # old host: logs in with a password (no key), in group docker
SOURCE_DATA_DIR=/home/sgold/.sourcegraph          # as `docker run -v ~/.sourcegraph/data:/var/opt/sourcegraph`

log() { printf 'lab: %s\n' "$*" >&2; }
die() { printf 'lab: error: %s\n' "$*" >&2; exit 1; }

host_user() { [ "$1" = old ] && echo sgold || echo sgnew; }
host_bridge() { [ "$1" = old ] && echo br-sgold || echo br-sgnew; }
host_bridge_cidr() { [ "$1" = old ] && echo 172.29.0.1/16 || echo 172.31.0.1/16; }
host_pool() { [ "$1" = old ] && echo base=172.28.0.0/16,size=24 || echo base=172.30.0.0/16,size=24; }
# Bridges of the engines' own networks (compose's): /24s from the pools above, named by Docker.
pool_bridges() {
  ip -o -4 addr show type bridge | awk '$2 ~ /^br-[0-9a-f]+$/ && $4 ~ /^172\.(28|30)\.[0-9]+\.1\/24$/ {print $2}' | sort -u
}
docker_sock() { echo "$RUN/$1/docker.sock"; }
ssh_dir() { echo "$STATE/$1/ssh"; }                # a host's sshd_config and host key
sshd_config() { echo "$(ssh_dir "$1")/sshd_config"; }
dk() { local h="$1"; shift; DOCKER_HOST="unix://$(docker_sock "$h")" docker "$@"; }

# Whether this kernel and the file system under $RUNTIME take overlay mounts (Docker's overlay2).
overlay_works() {
  local d ok=1
  mkdir -p "$RUNTIME"
  d="$(mktemp -d "$RUNTIME/.overlay-probe.XXXXXX")"
  mkdir -p "$d/lower" "$d/upper" "$d/work" "$d/merged"
  if mount -t overlay overlay -o "lowerdir=$d/lower,upperdir=$d/upper,workdir=$d/work" "$d/merged" 2>/dev/null; then
    umount "$d/merged"; ok=0
  fi
  rm -rf "$d"
  return $ok
}
dockerd_driver() { dk "$1" info --format '{{.Driver}}' 2>/dev/null || true; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
dockerd_running() { [ -S "$(docker_sock "$1")" ] && dk "$1" version --format '{{.Server.Version}}' >/dev/null 2>&1; }
sshd_running() { pid_alive "$RUN/$1/sshd.pid"; }
# The port an sshd was configured with (empty when there is no config yet).
sshd_port() { if [ -f "$(sshd_config "$1")" ]; then awk '$1 == "Port" {print $2}' "$(sshd_config "$1")"; fi; }

# Stops the process in a pid file: TERM, up to 10 s, then KILL.
stop_pidfile() {  # pidfile what
  local pid
  [ -f "$1" ] || return 0
  pid="$(cat "$1")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped $2"
  fi
  rm -f "$1"
}

# Stops a host's Docker engine: containers and networks first (a stopping engine leaves bridges behind),
# then the engine, then any container shims a killed engine left, by pid.
stop_engine() {  # host
  local ids pids pid
  if dockerd_running "$1"; then
    mapfile -t ids < <(dk "$1" ps -aq)
    [ ${#ids[@]} -eq 0 ] || dk "$1" rm -f "${ids[@]}" >/dev/null 2>&1 || true
    dk "$1" network prune -f >/dev/null 2>&1 || true
  fi
  stop_pidfile "$RUN/$1/docker.pid" "the $1 host's Docker engine"
  mapfile -t pids < <(pgrep -f -- "-address $RUN/$1/exec/containerd/containerd.sock" || true)
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}

require_root_debian() {
  [ "$(id -u)" = 0 ] || die "the lab needs root (it runs Docker engines and sshd, and adds users)"
  local id
  id="$(. /etc/os-release 2>/dev/null; echo "${ID:-unknown}")"   # subshell: os-release sets VERSION
  [ "$id" = debian ] || die "the lab is made for Debian 12; this is $id"
}

# The Debian mirror this machine already uses, read from its apt sources at run time.
apt_mirror() {
  local u
  u="$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | grep -v security | grep -oE '(https?|file)://[^ ]+' | head -1 || true)"
  [ -n "$u" ] || u="$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | grep -v security \
                      | grep -oE '(https?|file)://[^ ]+' | head -1 || true)"
  [ -n "$u" ] || die "no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
  echo "$u"
}

# Docker Compose v2 as a CLI plugin, cached in $CACHE: Debian 12 packages only v1, so the plugin comes from
# the docker-compose package of Debian 13 (trixie, a static Go binary), fetched from the mirror this machine's
# apt already uses. Nothing is installed system-wide.
compose_v2_plugin() {
  [ -x "$CACHE/docker-compose-v2" ] && return 0
  local mirror tmp
  mirror="$(grep -rhoE '^(URIs:|deb) +[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
    | grep -v security | head -1 | awk '{print $2}')"
  [ -n "$mirror" ] || { log "no Debian mirror in apt's sources to fetch Compose v2 from"; return 1; }
  tmp="$(mktemp -d)"
  mkdir -p "$tmp/lists/partial" "$tmp/archives/partial" "$CACHE"
  printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s trixie main\n' "$mirror" > "$tmp/sources.list"
  local apt=(-o Dir::Etc::SourceList="$tmp/sources.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$tmp/lists"
             -o Dir::Cache::Archives="$tmp/archives" -o APT::Sandbox::User=root -qq)
  if apt-get "${apt[@]}" update >/dev/null && (cd "$tmp" && apt-get "${apt[@]}" download docker-compose >/dev/null) \
     && dpkg-deb -x "$tmp"/docker-compose_*.deb "$tmp/x" \
     && "$tmp/x/usr/libexec/docker/cli-plugins/docker-compose" version --short >/dev/null; then
    install -m 755 "$tmp/x/usr/libexec/docker/cli-plugins/docker-compose" "$CACHE/docker-compose-v2"
    rm -rf "$tmp"
    return 0
  fi
  rm -rf "$tmp"
  return 1
}
