#!/usr/bin/env bash
# Adds (or replaces) a user of scepra's admin API in scepra-realm, which configure.sh created.
#
#   JBOSS_HOME=/opt/wildfly server-configs/wildfly/add-operator.sh alice scepra-operator
#   JBOSS_HOME=/opt/wildfly server-configs/wildfly/add-operator.sh mdm-connector scepra-challenge-issuer
#
# Roles: scepra-operator (pending requests, certificates, revocation, challenges) and scepra-challenge-issuer
# (one-time challenges only); several as a comma-separated list. The password comes from the environment variable
# SCEPRA_OPERATOR_PASSWORD, else from the terminal; it is never an argument of any process (ps shows those).
# What is stored is the realm's digest, HEX(MD5(user:scepra-realm:password)), as add-user.sh stores it.
# Takes effect without a restart. JBOSS_BASE_DIR selects the base dir, as for configure.sh.
set -euo pipefail
: "${JBOSS_HOME:?set JBOSS_HOME to the WildFly installation}"
user="${1:?usage: add-operator.sh USER ROLE[,ROLE]}"
roles="${2:?usage: add-operator.sh USER ROLE[,ROLE]}"
case "$user" in (*[!A-Za-z0-9._@-]*) echo "user names are letters, digits and . _ @ -" >&2; exit 1;; esac
case "$roles" in (*[!a-z,-]*) echo "roles: scepra-operator and/or scepra-challenge-issuer" >&2; exit 1;; esac
config_dir="${JBOSS_BASE_DIR:-$JBOSS_HOME/standalone}/configuration"
users="$config_dir/scepra-users.properties"
groups="$config_dir/scepra-roles.properties"
[ -f "$users" ] && [ -f "$groups" ] || { echo "run configure.sh first (no $users)" >&2; exit 1; }

password="${SCEPRA_OPERATOR_PASSWORD:-}"
if [ -z "$password" ]; then
  read -r -s -p "Password for $user: " password; echo
  read -r -s -p "Again: " again; echo
  [ "$password" = "$again" ] || { echo "passwords differ" >&2; exit 1; }
fi
[ "${#password}" -ge 12 ] || { echo "use at least 12 characters" >&2; exit 1; }
digest="$(printf '%s' "$user:scepra-realm:$password" | md5sum | cut -d' ' -f1)"

umask 077
replace() { # file key value: drop any line for key, append key=value
  local tmp; tmp="$(mktemp "$1.XXXXXX")"
  grep -v -E "^${2//./\\.}=" "$1" > "$tmp" || true
  printf '%s=%s\n' "$2" "$3" >> "$tmp"
  mv "$tmp" "$1"
}
replace "$users" "$user" "$digest"
replace "$groups" "$user" "$roles"
echo "user $user in scepra-realm with roles $roles"
