#!/usr/bin/env bash
# Build scepra and run it on a local WildFly 39 bound to 127.0.0.1.
#
#   server-configs/wildfly/run.sh
#
# Environment (all optional):
#   SCEPRA_DATA_DIR   where CA/RA keys live (default: $HOME/.scepra); created with mode 700
#   SCEPRA_CHALLENGE  challengePassword of the default endpoint (default: a random one, generated once and
#                     kept in $SCEPRA_DATA_DIR/challenge, mode 600)
#   PORT_OFFSET       WildFly port offset (default 0: HTTP 8080, management 9990)
#   SKIP_BUILD=1      do not rebuild the WAR if target/scepra.war exists
#   SCEPRA_SERVER_BASE WildFly's server base dir (configuration, deployments, logs; default target/wildfly-run):
#                     one per server when several run side by side (the benchmark)
#   JBOSS_JAVA_SIZING WildFly's heap (default here: -Xms256m -Xmx1g; WildFly's own default, 512 MB, kept G1 in
#                     concurrent cycles under load: README, Performance). Ignored when JAVA_OPTS is set, which
#                     replaces all of WildFly's JVM options.
#
# The challenge is neither on the command line (visible in ps) nor a system property (WildFly logs its
# JVM arguments and system properties at boot): it reaches scepra as a MicroProfile Config environment
# variable, SCEPRA_ENDPOINT_DEFAULT_CHALLENGE.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"

wildfly_version="$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' pom.xml | head -n1)"
[ -n "$wildfly_version" ] || { echo "cannot read wildfly.version from pom.xml" >&2; exit 1; }
wildfly_home="$repo/target/wildfly-$wildfly_version"
war="$repo/target/scepra.war"

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$war" ]; then
  echo "Running: mvn -B -q install -DskipTests"
  mvn -B -q install -DskipTests
fi
if [ ! -x "$wildfly_home/bin/standalone.sh" ]; then
  # the WAR module's own unpack execution (org.wildfly:wildfly-dist zip from Maven Central into target/)
  rm -rf "$repo/target/dependency-markers"
  echo "Running: mvn -B -q -pl src dependency:unpack@unpack-wildfly"
  mvn -B -q -pl src dependency:unpack@unpack-wildfly
fi
[ -f "$war" ] || { echo "$war was not built" >&2; exit 1; }
[ -x "$wildfly_home/bin/standalone.sh" ] || { echo "WildFly was not unpacked into $wildfly_home" >&2; exit 1; }

data_dir="${SCEPRA_DATA_DIR:-$HOME/.scepra}"
mkdir -p "$data_dir"
chmod 700 "$data_dir"
data_dir="$(cd "$data_dir" && pwd)"

umask 077
if [ -n "${SCEPRA_CHALLENGE:-}" ]; then
  challenge="$SCEPRA_CHALLENGE"
else
  if [ ! -s "$data_dir/challenge" ]; then
    od -An -N18 -tx1 /dev/urandom | tr -d ' \n' > "$data_dir/challenge"
  fi
  chmod 600 "$data_dir/challenge"
  challenge="$(cat "$data_dir/challenge")"
fi

port_offset="${PORT_OFFSET:-0}"
case "$port_offset" in (*[!0-9]*|'') echo "PORT_OFFSET must be a number" >&2; exit 1;; esac

# Java properties file: escape backslashes so values survive Properties.load()
props="$data_dir/wildfly.properties"
escape() { printf '%s' "$1" | sed 's/\\/\\\\/g'; }
{
  echo "# written by server-configs/wildfly/run.sh; passed to standalone.sh --properties"
  echo "scepra.data-dir=$(escape "$data_dir")"
} > "$props"
chmod 600 "$props"

# Own server base dir (configuration, deployments, logs), so this server never shares state with the
# WildFly that the integration tests start from the same unpacked distribution.
server_base="${SCEPRA_SERVER_BASE:-$repo/target/wildfly-run}"
if [ ! -d "$server_base/configuration" ]; then
  mkdir -p "$server_base/deployments"
  cp -a "$wildfly_home/standalone/configuration" "$server_base/"
  rm -rf "$server_base/configuration/standalone_xml_history"
fi
cp "$war" "$server_base/deployments/scepra.war"

# context root: jboss-web.xml if it sets one, else the WAR name
context="$(sed -n 's:.*<context-root>[[:space:]]*\([^<]*\)</context-root>.*:\1:p' \
  "$repo/src/main/webapp/WEB-INF/jboss-web.xml" 2>/dev/null | head -n1 | tr -d '[:space:]')"
context="${context:-scepra}"
context="${context#/}"
context="${context%/}"

echo "SCEP URL:  http://127.0.0.1:$((8080 + port_offset))/${context:+$context/}scep"
echo "Challenge: $challenge"
echo "Data dir:  $data_dir"
echo "Server:    $server_base (log: $server_base/log/server.log)"

export SCEPRA_ENDPOINT_DEFAULT_CHALLENGE="$challenge"
export JBOSS_JAVA_SIZING="${JBOSS_JAVA_SIZING:--Xms256m -Xmx1g}"
exec "$wildfly_home/bin/standalone.sh" \
  -b 127.0.0.1 -bmanagement 127.0.0.1 \
  -Djboss.server.base.dir="$server_base" \
  -Djboss.socket.binding.port-offset="$port_offset" \
  --properties="$props"
