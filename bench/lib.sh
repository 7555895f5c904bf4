# Shared by the benchmarks: the lab's hosts over SSH, shaped links, the generated data, timing, the app copy.
# Source it from a benchmark after setting here (the checkout), link (a tc rate or none) and work (a temp folder).
# shellcheck shell=bash disable=SC2034  # variables here are used by the scripts that source it
command -v /usr/bin/time >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
"$here/lab/up" >/dev/null
# shellcheck disable=SC1091
source "$here/lab/.state/lab.env"

bytes_of() {  # 1G, 512M, 1500000 -> bytes
  case "$1" in
    *G) echo $(( ${1%G} * 1024 * 1024 * 1024 )) ;;
    *M) echo $(( ${1%M} * 1024 * 1024 )) ;;
    *[0-9]) echo "$1" ;;
    *) echo "bench: a size looks like 1G, 512M or a number of bytes, not '$1'" >&2; exit 2 ;;
  esac
}


port() { sed 's/.*:\([0-9]*\)$/\1/' <<<"$1"; }

# A link of $link between this machine and each host, each way: one htb class per host port and direction.
# Everything else on lo stays unclassified, which htb sends unshaped.
shape_links() {
  [ "$link" = none ] && return 0
  command -v tc >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 >/dev/null; }
  tc qdisc replace dev lo root handle 1: htb default 0
  local n=10 p dir
  for p in "$(port "$LAB_SOURCE")" "$(port "$LAB_TARGET")"; do
    for dir in sport dport; do
      tc class add dev lo parent 1: classid "1:$n" htb rate "$link" ceil "$link" burst 1m cburst 1m quantum 65536
      tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip "$dir" "$p" 0xffff flowid "1:$n"
      n=$((n + 1))
    done
  done
}
unshape_links() {
  [ "$link" = none ] || tc qdisc del dev lo root 2>/dev/null || true
}
login() { sed 's#ssh://\([^:]*\):.*#\1#' <<<"$1"; }
SSH_OPTS=(-o BatchMode=yes -o IdentitiesOnly=yes -i "$LAB_IDENTITY" -o UserKnownHostsFile="$LAB_KNOWN_HOSTS" -o StrictHostKeyChecking=yes)
old() { ssh "${SSH_OPTS[@]}" -p "$(port "$LAB_SOURCE")" "$(login "$LAB_SOURCE")" "$@"; }
new() { ssh "${SSH_OPTS[@]}" -p "$(port "$LAB_TARGET")" "$(login "$LAB_TARGET")" "$@"; }
scp_from_old() { scp -q "${SSH_OPTS[@]}" -P "$(port "$LAB_SOURCE")" "$(login "$LAB_SOURCE"):$1" "$2"; }
scp_to_new() { scp -q "${SSH_OPTS[@]}" -P "$(port "$LAB_TARGET")" "$1" "$(login "$LAB_TARGET"):$2"; }
# SQL goes on stdin: ssh joins its arguments into one shell line, so they stay plain words.
old_sql() { old docker exec -i sourcegraph psql -q -U postgres -d sourcegraph -At -v ON_ERROR_STOP=1 <<<"$1"; }
new_sql() { new docker exec -i "$1" psql -q -U "$(target_user "$1")" -d "$2" -At -v ON_ERROR_STOP=1 <<<"$3"; }
IFS=, read -r -a dbs <<<"$LAB_SOURCE_DATABASES"
target_user() { [ "$1" = codeinsights-db ] && echo postgres || echo sg; }   # the Compose databases' roles
target_container() { case "$1" in sourcegraph) echo pgsql ;; *codeinsights) echo codeinsights-db ;; *) echo codeintel-db ;; esac; }
say() { printf 'bench: %s\n' "$*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# The source grows with event_logs rows shaped like the real ones (a JSON argument of a few hundred bytes).
grow_source() {  # bytes
  while [ "$(old_sql "select pg_database_size('sourcegraph')")" -lt "$1" ]; do
    old_sql "insert into event_logs (name, url, user_id, anonymous_user_id, source, argument, version, timestamp)
      select (array['ViewRepository','SearchResultsQueried','ViewBlob','SignIn'])[1 + i % 4], 'https://sourcegraph.example.invalid/r/' || md5(i::text),
             1 + i % 24, 'anon-' || md5((i % 9973)::text), 'BENCH',
             jsonb_build_object('query', 'repo:^github\\.com/org/' || md5(i::text) || ' ' || md5((i * 7)::text), 'results', i % 500, 'latency', i % 1000),
             '$LAB_VERSION', now() - (i || ' seconds')::interval
      from generate_series(1, 500000) as i"
  done
  old_sql "set max_parallel_maintenance_workers = 0; set max_parallel_workers_per_gather = 0; vacuum analyze event_logs"
}
source_bytes() { old_sql "select sum(pg_database_size(datname)) from pg_database where datname like 'sourcegraph%'"; }

# The new host as lab/up leaves it: a fresh deployment with empty databases, nothing staged.
reset_target() {
  new "cd '$LAB_COMPOSE_DIR' && docker-compose -f docker-compose.yaml down --volumes >/dev/null 2>&1 && docker-compose -f docker-compose.yaml up -d >/dev/null 2>&1 && rm -rf ~/sgmigrate-staging /tmp/db.out"
  for _ in $(seq 1 120); do new_sql pgsql sg "select 1" >/dev/null 2>&1 && return 0; sleep 0.5; done
  say "the new host's pgsql did not come back"; exit 1
}

timed() {  # command... -> prints seconds
  local t0 t1; t0=$(now); "$@"; t1=$(now); secs "$t0" "$t1"
}

# Build first, outside the timings, and run a copy: editing the checkout meanwhile changes nothing here.
bench_build() {
  "$here/sgmigrate" --version >/dev/null
  mkdir -p "$work/app" && cp -r "$here/target/sgmigrate.jar" "$here/target/lib" "$work/app/"
  jvm_opts="$(sed -e '/^#/d' -e '/^[[:space:]]*$/d' "$here/installer/jvm.options" | tr '\n' ' ')"   # as the app image runs
}

# sgmigrate as the app image runs it, under /usr/bin/time: sets sg_secs, sg_rss_kib and sg_cpu; output in $work/$1.log.
run_timed_sgmigrate() {  # log-name args...
  local name="$1" t0; shift
  t0=$(now)
  # shellcheck disable=SC2086  # BENCH_JAVA_OPTS is a list of JVM options (e.g. a flight recording for a profile)
  /usr/bin/time -f '%M %U %S' -o "$work/rss" java $jvm_opts ${BENCH_JAVA_OPTS:-} -cp "$work/app/sgmigrate.jar:$work/app/lib/*" io.sgmigrate.Main "$@" \
    > "$work/$name.log" 2>&1 || { say "sgmigrate failed:"; tail -20 "$work/$name.log" >&2; exit 1; }
  sg_secs=$(secs "$t0" "$(now)")
  read -r sg_rss_kib sg_user sg_sys < <(tail -1 "$work/rss")
  sg_cpu=$(awk -v u="$sg_user" -v s="$sg_sys" 'BEGIN{printf "%.0f", u + s}')
}
