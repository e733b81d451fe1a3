#!/usr/bin/env bash
# Adds a user of scepra's admin API to Payara's file realm, in the group that glassfish-web.xml maps to the role.
#
#   Payara Server (domain running):  server-configs/payara/add-operator.sh alice scepra-operator
#                                    (as asadmin's AS_ADMIN_USER, with the password in AS_ADMIN_PASSWORDFILE)
#   Payara Micro (no admin port):    server-configs/payara/add-operator.sh --micro alice scepra-operator >> post-boot.asadmin
#
# Roles: scepra-operator, scepra-challenge-issuer (comma-separated for both). The password comes from
# SCEPRA_OPERATOR_PASSWORD, else from the terminal; it is handed to asadmin in a password file (mode 600), never as
# an argument. With --micro the script writes the password file next to nothing else: it prints the post-boot line
# and the path of the file, which must stay readable by the Micro process (Micro's realm lives only as long as
# the JVM, so the line runs at every boot).
set -euo pipefail
micro=0
if [ "${1:-}" = "--micro" ]; then micro=1; shift; fi
user="${1:?usage: add-operator.sh [--micro] USER ROLE[,ROLE]}"
roles="${2:?usage: add-operator.sh [--micro] USER ROLE[,ROLE]}"
case "$user" in (*[!A-Za-z0-9._@-]*) echo "user names are letters, digits and . _ @ -" >&2; exit 1;; esac
case "$roles" in (*[!a-z,-]*) echo "roles: scepra-operator and/or scepra-challenge-issuer" >&2; exit 1;; esac

password="${SCEPRA_OPERATOR_PASSWORD:-}"
if [ -z "$password" ]; then
  read -r -s -p "Password for $user: " password; echo >&2
  read -r -s -p "Again: " again; echo >&2
  [ "$password" = "$again" ] || { echo "passwords differ" >&2; exit 1; }
fi
[ "${#password}" -ge 12 ] || { echo "use at least 12 characters" >&2; exit 1; }

umask 077
if [ "$micro" = 1 ]; then
  dir="${SCEPRA_MICRO_SECRETS_DIR:-$PWD}"
  file="$dir/operator-$user.pass"
  printf 'AS_ADMIN_USERPASSWORD=%s\n' "$password" > "$file"
  echo "create-file-user --groups ${roles//,/:} --passwordfile $file $user"
else
  file="$(mktemp)"
  trap 'rm -f "$file"' EXIT
  # asadmin reads one password file: the admin's own (AS_ADMIN_PASSWORD, which --passwordfile would otherwise hide)
  # and the new user's
  if [ -n "${AS_ADMIN_PASSWORDFILE:-}" ]; then
    [ -r "$AS_ADMIN_PASSWORDFILE" ] || { echo "AS_ADMIN_PASSWORDFILE: cannot read $AS_ADMIN_PASSWORDFILE" >&2; exit 1; }
    grep -v '^AS_ADMIN_USERPASSWORD=' "$AS_ADMIN_PASSWORDFILE" > "$file" || true
  fi
  printf 'AS_ADMIN_USERPASSWORD=%s\n' "$password" >> "$file"
  "${ASADMIN:-asadmin}" --passwordfile "$file" create-file-user --groups "${roles//,/:}" "$user"
fi
