#!/usr/bin/env bash
# Enroll one certificate from scepra with Debian's certmonger (a real SCEP client: AES-256-CBC, SHA-256, GET).
#
#   server-configs/clients/certmonger-enroll.sh [-u SCEP_URL] [-l CHALLENGE_FILE] [-d OUT_DIR] CN
#
#   -u  the SCEP URL (default http://127.0.0.1:8080/scep, what server-configs/wildfly/run.sh serves)
#   -l  a file holding the challengePassword (default: the one run.sh generated,
#       ${SCEPRA_DATA_DIR:-$HOME/.scepra}/challenge); read from a file, never from the command line
#   -d  where CN.key and CN.crt are written (default: the current directory)
#
# It runs a private certmonger on its own session D-Bus with its state under OUT_DIR/.certmonger-CN, so it needs
# neither root nor certmonger's system service (Debian: apt-get install certmonger dbus). Exit status 0 only when
# the certificate was issued and written. With certmonger's system service the same enrollment is
#   getcert add-scep-ca -c scepra -u URL
#   getcert request -c scepra -k /path/CN.key -f /path/CN.crt -N CN=CN -l CHALLENGE_FILE -w
set -euo pipefail

url="http://127.0.0.1:8080/scep"
challenge="${SCEPRA_DATA_DIR:-$HOME/.scepra}/challenge"
out="."
while getopts "u:l:d:" opt; do
  case "$opt" in
    u) url="$OPTARG" ;;
    l) challenge="$OPTARG" ;;
    d) out="$OPTARG" ;;
    *) sed -n '2,16p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { sed -n '2,16p' "$0" >&2; exit 2; }
cn="$1"
case "$cn" in (*[!A-Za-z0-9._-]*|'') echo "CN must be letters, digits, '.', '_' or '-'" >&2; exit 2;; esac
for tool in certmonger getcert dbus-run-session; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool not found: apt-get install certmonger dbus" >&2; exit 2; }
done
[ -r "$challenge" ] || { echo "no challenge file $challenge (-l)" >&2; exit 2; }

mkdir -p "$out"
out="$(cd "$out" && pwd)"
state="$out/.certmonger-$cn"
rm -rf "$state"
mkdir -p "$state/requests" "$state/cas" "$state/local" "$state/tmp"
chmod 700 "$state"
cp "$challenge" "$state/challenge"
rm -f "$out/$cn.key" "$out/$cn.crt"

# certmonger -c runs this with a clean environment: everything it needs is written into it
cat > "$state/enroll.sh" <<SCRIPT
set -e
getcert add-scep-ca -s -c scepra -u '$url'
getcert request -s -c scepra -I '$cn' -k '$out/$cn.key' -f '$out/$cn.crt' -N 'CN=$cn' -l '$state/challenge' -w -v || true
getcert list -s -i '$cn'
SCRIPT

export CERTMONGER_CONFIG_DIR="$state" CERTMONGER_REQUESTS_DIR="$state/requests" CERTMONGER_CAS_DIR="$state/cas" \
  CERTMONGER_LOCAL_CA_DIR="$state/local" CERTMONGER_TMPDIR="$state/tmp"
dbus-run-session -- certmonger -s -n -c "sh $state/enroll.sh" > "$state/certmonger.log" 2>&1 || true
# certmonger's own log is long (every state change, the messages in base64): show its verdict
grep -E "^(New signing request|State |	(status|ca-error|subject|issuer|expires):)" "$state/certmonger.log" || true
if [ -s "$out/$cn.crt" ]; then
  echo "issued: $out/$cn.crt (key $out/$cn.key)"
  exit 0
fi
echo "not issued; certmonger's log: $state/certmonger.log" >&2
exit 1
