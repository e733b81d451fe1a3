#!/usr/bin/env bash
# Enrollment benchmark: scepra (internal CA, default configuration, WildFly) against micromdm scepserver,
# side by side on one machine; scepra once per crypto provider (scepra.crypto.provider), so that ACCP's gain over the
# JDK is a ratio measured in the same run. See README, "Benchmark".
#
#   src/bench/run.sh
#
# Environment (all optional):
#   N=2000                 PKCSReqs per server and concurrency (pre-built before each timed window)
#   PROVIDERS="accp jdk"   one scepra server per scepra.crypto.provider value (WildFly port offsets 800, 900, ...),
#                          named scepra-<provider>; they take turns with each other and scepserver at each C, and the
#                          ratios start from the first. "auto" is allowed too. The prefilled phase runs the first only.
#   CHECKPOINTS="2000 5000 20000"   during each scepra's warm-up, after this many requests, a measured window of
#                          CHECKPOINT_N=1000 requests at C = CHECKPOINT_C=8: the cost before the steady state,
#                          compared at the end with the timed run at that C (which follows the whole warm-up)
#   FIRST_STEADY=200       after each scepra says ready, time its first enrollment (a new connection: GetCACert, then
#                          PKIOperation) against the median of this many that follow; 0 skips
#   CS="1 2 4 8 16 64"     concurrencies (keep-alive connections)
#   WARMUP=20000           untimed requests to each scepra first, spread over each C in turn, twice (JIT warm-up: WildFly's
#                          JIT still compiles after tens of thousands of enrollments, and again when C changes; after
#                          10,000 one build's CPU per enrollment ranged over 0.9 ms from run to run)
#   WARMUP_MICROMDM=2000   the same for scepserver: Go is compiled ahead of time, and a longer warm-up only grows
#                          its depot, which slows it down (see README, "Performance")
#   WARMUP_EACH=500        untimed requests per server at each C just before its timed run
#   KEYS=N                 RSA-2048 requester keys, generated once into $BENCH_DIR/keys (on all cores: minutes for
#                          thousands) and reused by later runs; each timed request of a run has its own key while
#                          KEYS >= N (warm-up requests reuse them, each with its own subject and transactionID)
#   PREFILL=1000000        then stop scepra, add this many issued certificates (and their transactions) to its
#                          database, restart it, warm it up the same way and measure it again at each of $FLAT_CS;
#                          0 skips this phase
#   FLAT_CS="$CS"          concurrencies of the prefilled run
#   WRK_SECONDS=10         GetCACert with wrk (2 threads, 32 connections) for this long per server and round; 0 skips
#   WRK_ROUNDS=3           GetCACert rounds, the servers taking turns; the median of each server's rounds is compared
#                          (one server's rate varied by 20 % from one 10 s run to the next)
#   WRK_WARMUP=30          seconds of unmeasured GetCACert per server first (scepra's rate rose over its first 30-40 s)
#   JFR=0                  1: record scepra with Java Flight Recorder into $BENCH_DIR/scepra-{empty,prefilled}.jfr
#   THREADS=false          true: also print each server's CPU time by thread name (request threads, JIT, GC)
#   SCEPRA_JAVA_OPTS=      more JVM options for scepra's WildFly (e.g. -XX:+PrintCompilation), after its defaults
#   CA_KEY_SIZE=2048       RSA size of both servers' CA keys (scepra's own default is 3072; micromdm's 4096)
#   CIPHER=aes128          aes128, aes256 or 3des (for both servers)
#   BENCH_DIR=/tmp/bench-scepra   work directory (servers' data, logs, results.tsv); wiped except the key cache
#   SKIP_BUILD=1           reuse the built WAR and bench classes
#
# Ports: scepra HTTP 8880, 8980, ... (WildFly port offsets 800, 900, ...: management 10790, 10890, ...), scepserver
# 18880. Everything runs in a
# private network namespace that has only the loopback interface (root needed: unshare -n), so no server can be
# reached from outside, whatever it binds to; Maven therefore runs offline (-o).
set -euo pipefail

if [ "${BENCH_IN_NETNS:-}" != 1 ]; then
  exec unshare -n env BENCH_IN_NETNS=1 bash "$0" "$@"
fi
ip link set lo up

repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
N="${N:-2000}"; CS="${CS:-1 2 4 8 16 64}"; WARMUP="${WARMUP:-20000}"; PREFILL="${PREFILL:-1000000}"
WARMUP_MICROMDM="${WARMUP_MICROMDM:-2000}"
FLAT_CS="${FLAT_CS:-$CS}"; WARMUP_EACH="${WARMUP_EACH:-500}"; WRK_SECONDS="${WRK_SECONDS:-10}"; JFR="${JFR:-0}"
WRK_ROUNDS="${WRK_ROUNDS:-3}"; WRK_WARMUP="${WRK_WARMUP:-30}"
CA_KEY_SIZE="${CA_KEY_SIZE:-2048}"; CIPHER="${CIPHER:-aes128}"
PROVIDERS="${PROVIDERS:-accp jdk}"; CHECKPOINTS="${CHECKPOINTS:-2000 5000 20000}"
CHECKPOINT_C="${CHECKPOINT_C:-8}"; CHECKPOINT_N="${CHECKPOINT_N:-1000}"; FIRST_STEADY="${FIRST_STEADY:-200}"
read -ra providers <<< "$PROVIDERS"
for provider in "${providers[@]}"; do
  case "$provider" in (accp|jdk|auto) ;; (*) echo "PROVIDERS: accp, jdk or auto, not $provider" >&2; exit 1;; esac
done
BENCH_DIR="${BENCH_DIR:-/tmp/bench-scepra}"
case "$BENCH_DIR" in (/tmp/bench-*) ;; (*) echo "BENCH_DIR must be under /tmp/bench-*" >&2; exit 1;; esac
micromdm_port=18880
scepra_port() { echo $((8880 + 100 * $1)); } # the i-th scepra of PROVIDERS

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f target/bench-classpath.txt ] || [ ! -f target/test-classes/org/scepra/bench/EnrollBench.class ]; then
  mvn -o -B -q -Pbench package -DskipTests
fi
wildfly_home="$(ls -d target/wildfly-*/ | head -n1)"

mkdir -p "$BENCH_DIR"
find "$BENCH_DIR" -mindepth 1 -maxdepth 1 ! -name keys -exec rm -rf {} +
challenge="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export BENCH_CHALLENGE="$challenge"
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
bench_java() { java -cp "$classpath" -Dbench.threads="${THREADS:-false}" -Dbench.key-file="$BENCH_DIR/keys/rsa2048.ser" -Dbench.results="$BENCH_DIR/results.tsv" \
  -Dbench.n="$N" -Dbench.warmup="$WARMUP" -Dbench.warmup.micromdm="$WARMUP_MICROMDM" -Dbench.warmup-each="$WARMUP_EACH" ${KEYS:+-Dbench.keys="$KEYS"} -Dbench.cipher="$CIPHER" \
  -Dbench.checkpoints="$CHECKPOINTS" -Dbench.checkpoint-c="$CHECKPOINT_C" -Dbench.checkpoint-n="$CHECKPOINT_N" -Dbench.first.steady="$FIRST_STEADY" "$@"; }

declare -A scepra_pids launcher_pids
micromdm_pid=""
stop_scepra() { # index
  local pid="${scepra_pids[$1]:-}"
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
    wait "${launcher_pids[$1]}" 2>/dev/null || true
    scepra_pids[$1]=""
  fi
}
cleanup() {
  for i in "${!providers[@]}"; do stop_scepra "$i"; done
  [ -z "$micromdm_pid" ] || kill "$micromdm_pid" 2>/dev/null || true
}
trap cleanup EXIT

start_scepra() { # index, phase
  local i="$1" phase="$2" provider="${providers[$1]}" java_opts=""
  local name="scepra-$provider" port; port="$(scepra_port "$i")"
  if [ "$JFR" = 1 ] || [ -n "${SCEPRA_JAVA_OPTS:-}" ]; then
    # JAVA_OPTS replaces all of WildFly's: the heap run.sh gives it, WildFly's other defaults (bin/standalone.conf),
    # then the extra options and the recording
    java_opts="-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman"
    java_opts="$java_opts -Djava.awt.headless=true ${SCEPRA_JAVA_OPTS:-}"
  fi
  if [ "$JFR" = 1 ]; then
    java_opts="$java_opts -XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording=settings=profile,filename=$BENCH_DIR/$name-$phase.jfr"
  fi
  rm -f "$BENCH_DIR/$name.pid"
  SKIP_BUILD=1 PORT_OFFSET=$((800 + 100 * i)) SCEPRA_DATA_DIR="$BENCH_DIR/$name-data" SCEPRA_CHALLENGE="$challenge" \
    SCEPRA_SERVER_BASE="$BENCH_DIR/$name-wildfly" SCEPRA_CRYPTO_PROVIDER="$provider" \
    SCEPRA_INTERNAL_CA_KEY_SIZE="$CA_KEY_SIZE" \
    LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$BENCH_DIR/$name.pid" JAVA_OPTS="$java_opts" \
    server-configs/wildfly/run.sh > "$BENCH_DIR/$name-$phase.out" 2>&1 &
  launcher_pids[$i]=$!
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/status/ready" 2>/dev/null; then
      scepra_pids[$i]="$(cat "$BENCH_DIR/$name.pid")"
      echo "$name ready (WildFly pid ${scepra_pids[$i]}): $(curl -fsS "http://127.0.0.1:$port/status/metrics" \
        | sed -n 's/^scepra_crypto_provider_info{\(.*\)} 1$/\1/p')"
      if [ "$FIRST_STEADY" != 0 ]; then
        bench_java -Dbench.phase="$phase" org.scepra.bench.FirstEnrollment "$name=http://127.0.0.1:$port/scep=${scepra_pids[$i]}"
      fi
      return
    fi
    sleep 1
  done
  echo "$name did not become ready; see $BENCH_DIR/$name-$phase.out" >&2
  exit 1
}
scepra_target() { echo "scepra-${providers[$1]}=http://127.0.0.1:$(scepra_port "$1")/scep=${scepra_pids[$1]}"; }

start_micromdm() {
  scepserver ca -init -depot "$BENCH_DIR/micromdm-depot" -keySize "$CA_KEY_SIZE" > "$BENCH_DIR/micromdm-ca.out" 2>&1
  scepserver -depot "$BENCH_DIR/micromdm-depot" -port "$micromdm_port" -challenge "$challenge" -allowrenew 0 \
    > "$BENCH_DIR/micromdm.out" 2>&1 &
  micromdm_pid=$!
  for _ in $(seq 1 50); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$micromdm_port/scep?operation=GetCACaps" 2>/dev/null; then
      echo "micromdm scepserver ready (pid $micromdm_pid)"
      return
    fi
    sleep 0.2
  done
  echo "scepserver did not start; see $BENCH_DIR/micromdm.out" >&2
  exit 1
}

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(uptime)"
for i in "${!providers[@]}"; do start_scepra "$i" empty; done
start_micromdm
micromdm_url="http://127.0.0.1:$micromdm_port/scep"
scepra_names=(); for provider in "${providers[@]}"; do scepra_names+=("scepra-$provider"); done
getcacert_url() { # server name
  if [ "$1" = micromdm ]; then echo "$micromdm_url?operation=GetCACert"; return; fi
  for i in "${!providers[@]}"; do
    [ "$1" != "scepra-${providers[$i]}" ] || echo "http://127.0.0.1:$(scepra_port "$i")/scep?operation=GetCACert"
  done
}

ca_bits() { # the RSA sizes of the certificates a GetCACert returns (a degenerate PKCS#7, or one DER certificate)
  curl -fsS -o "$BENCH_DIR/getcacert.der" "$1?operation=GetCACert"
  { openssl pkcs7 -inform DER -in "$BENCH_DIR/getcacert.der" -print_certs -text -noout 2>/dev/null \
      || openssl x509 -inform DER -in "$BENCH_DIR/getcacert.der" -text -noout; } \
    | sed -n 's/.*Public-Key: (\([0-9]*\) bit).*/\1/p' | paste -sd/ -
}
echo "== RSA key sizes in GetCACert: ${scepra_names[0]} $(ca_bits "http://127.0.0.1:$(scepra_port 0)/scep"), micromdm $(ca_bits "$micromdm_url")"
echo "== enrollments: N=$N per run, C in {$CS}, $CIPHER + SHA-256; scepra providers: ${providers[*]}"
targets=(); for i in "${!providers[@]}"; do targets+=("$(scepra_target "$i")"); done
bench_java -Dbench.c="$CS" -Dbench.phase=empty org.scepra.bench.EnrollBench \
  "${targets[@]}" "micromdm=$micromdm_url=$micromdm_pid"

if [ "$WRK_SECONDS" != 0 ]; then
  echo; echo "== GetCACert, wrk -t2 -c32 -d${WRK_SECONDS}s, $WRK_ROUNDS rounds each, taking turns, after ${WRK_WARMUP}s unmeasured"
  declare -A rates
  for name in "${scepra_names[@]}" micromdm; do
    wrk -t2 -c32 -d"${WRK_WARMUP}s" "$(getcacert_url "$name")" > /dev/null
  done
  for round in $(seq 1 "$WRK_ROUNDS"); do
    for name in "${scepra_names[@]}" micromdm; do
      wrk -t2 -c32 -d"${WRK_SECONDS}s" "$(getcacert_url "$name")" > "$BENCH_DIR/wrk-$name-$round.out"
      rate="$(awk '/^Requests\/sec:/ {print $2}' "$BENCH_DIR/wrk-$name-$round.out")"
      bad="$(awk '/Non-2xx/ {print $NF}' "$BENCH_DIR/wrk-$name-$round.out")"
      rates[$name]="${rates[$name]:-} $rate"
      echo "round $round $name: $rate requests/s${bad:+, non-2xx: $bad}"
    done
  done
  median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
  micromdm_rate="$(median <<< "${rates[micromdm]}")"
  for name in "${scepra_names[@]}"; do
    awk -v n="$name" -v a="$(median <<< "${rates[$name]}")" -v b="$micromdm_rate" \
      'BEGIN { printf "median: %s %.0f, micromdm %.0f requests/s; ratio %s / micromdm: %.2fx\n", n, a, b, n, a / b }'
  done
fi

if [ "$PREFILL" != 0 ]; then
  echo; echo "== cost per enrollment with $PREFILL more issued certificates in the database (C in {$FLAT_CS})"
  for i in "${!providers[@]}"; do stop_scepra "$i"; done
  bench_java org.scepra.bench.PrefillDatabase "$BENCH_DIR/${scepra_names[0]}-data/db/scepra" "$PREFILL"
  start_scepra 0 prefilled
  bench_java -Dbench.c="$FLAT_CS" -Dbench.phase=prefilled -Dbench.baseline-phase=empty org.scepra.bench.EnrollBench \
    "$(scepra_target 0)"
fi
echo; echo "== done: $(uptime); results in $BENCH_DIR/results.tsv"
