# Shared by lab/up, lab/down and lab/status. Sourced, not run.
set -euo pipefail
LAB_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
STATE="$LAB_DIR/.state"                               # keys, known_hosts, lab.env (git-ignored)
RUNTIME="${LAB_RUNTIME:-/var/lib/sgmigrate-lab}"     # docker data roots, sshd configs, Sourcegraph data
RUN="/run/sgmigrate-lab"                              # sockets and pid files (short paths: unix sockets)
CACHE="${LAB_CACHE:-/var/cache/sgmigrate-lab}"       # the root filesystem, the slow part
HOSTS=(old new)

log() { printf 'lab: %s\n' "$*" >&2; }
die() { printf 'lab: error: %s\n' "$*" >&2; exit 1; }

host_user() { [ "$1" = old ] && echo sgold || echo sgnew; }
host_port() { [ "$1" = old ] && echo "${SOURCE_PORT:-2221}" || echo "${TARGET_PORT:-2222}"; }
host_bridge() { [ "$1" = old ] && echo br-sgold || echo br-sgnew; }
host_bridge_cidr() { [ "$1" = old ] && echo 172.29.0.1/16 || echo 172.31.0.1/16; }
host_pool() { [ "$1" = old ] && echo base=172.28.0.0/16,size=24 || echo base=172.30.0.0/16,size=24; }
docker_sock() { echo "$RUN/$1/docker.sock"; }
dk() { local h="$1"; shift; DOCKER_HOST="unix://$(docker_sock "$h")" docker "$@"; }

dockerd_running() { [ -S "$(docker_sock "$1")" ] && dk "$1" version --format '{{.Server.Version}}' >/dev/null 2>&1; }
sshd_running() { [ -f "$RUN/$1/sshd.pid" ] && kill -0 "$(cat "$RUN/$1/sshd.pid")" 2>/dev/null; }

require_root_debian() {
  [ "$(id -u)" = 0 ] || die "the lab needs root (it runs Docker engines, sshd and adds users)"
  local id
  id="$(. /etc/os-release 2>/dev/null; echo "${ID:-unknown}")"   # in a subshell: os-release sets VERSION
  [ "$id" = debian ] || die "the lab is made for Debian 12; this is $id"
}

# The Debian mirror this machine already uses, read from its apt sources (never written anywhere).
apt_mirror() {
  local u
  u="$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)"
  [ -n "$u" ] || u="$(grep -hsE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)"
  [ -n "$u" ] || die "no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
  echo "$u"
}
