#!/usr/bin/env bash
# Prepares a stock WildFly 39 for scepra in production: PostgreSQL driver module and data source, scepra's system
# properties, the operators' realm and roles, HTTPS, the audit log. Run once, with the server stopped.
#
#   JBOSS_HOME=/opt/wildfly POSTGRESQL_JAR=/path/to/postgresql-42.7.13.jar server-configs/wildfly/configure.sh
#
# Optional: JBOSS_BASE_DIR   the server base dir to configure (default $JBOSS_HOME/standalone); one per node when
#                            several nodes share an installation
# Then add operators with add-operator.sh and start the server with the environment listed in README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

: "${JBOSS_HOME:?set JBOSS_HOME to the WildFly installation}"
: "${POSTGRESQL_JAR:?set POSTGRESQL_JAR to the PostgreSQL JDBC driver jar (org.postgresql:postgresql)}"
base_dir="${JBOSS_BASE_DIR:-$JBOSS_HOME/standalone}"
[ -f "$base_dir/configuration/standalone.xml" ] || { echo "no standalone.xml under $base_dir/configuration" >&2; exit 1; }
[ -f "$POSTGRESQL_JAR" ] || { echo "POSTGRESQL_JAR: no such file: $POSTGRESQL_JAR" >&2; exit 1; }

# 1. the driver as a module of the installation (shared by every base dir); kept if already there
if [ ! -f "$JBOSS_HOME/modules/org/postgresql/main/module.xml" ]; then
  "$JBOSS_HOME/bin/jboss-cli.sh" --command="module add --name=org.postgresql --resources=$POSTGRESQL_JAR --dependencies=java.sql,java.naming,jakarta.transaction.api"
fi

# 2. empty user and role files of scepra-realm (add-operator.sh fills them); never overwritten
umask 077
for f in scepra-users.properties scepra-roles.properties; do
  [ -f "$base_dir/configuration/$f" ] || printf '# scepra-realm: written by server-configs/wildfly/add-operator.sh\n' > "$base_dir/configuration/$f"
done

# 3. the configuration itself, offline; fails as a whole if anything is already configured
JAVA_OPTS="-Djboss.server.base.dir=$base_dir" "$JBOSS_HOME/bin/jboss-cli.sh" --file="$here/configure.cli"
echo "configured $base_dir for scepra"
