#!/usr/bin/env bash
# Interop suite: clients generated from the WSDL the running server serves, in five independent
# stacks (JAX-WS RI wsimport, python zeep, python suds, PHP SoapClient, node soap), each running the
# same flow without and with a wsu:Timestamp in the WS-Security header. suds writes the Timestamp's
# Created/Expires with six fractional digits and its client fails unless the requests really carry
# them. Prints a PASS/FAIL matrix and exits 1 if any cell is FAIL.
#
# Then the ical check: a second, independent iCalendar parser (Mozilla's ical.js, interop/ical_expand.mjs,
# which knows zones only from the file's own VTIMEZONE) expands series confirmations (RRULE, EXDATE,
# RECURRENCE-ID overrides, TZID times) and must see exactly the instants the service has, and those
# ical4j sees. The confirmations are the service's own (SeriesSamples, run through Maven), or the
# files in INTEROP_ICAL_DIR: NAME.ics with NAME.expected beside it (one UTC instant a line, e.g.
# 2027-03-15T08:00:00Z), such as confirmations a running server sent. Besides these, the confirmations
# this run's server sends itself (interop/server_series.py: a weekly Europe/Oslo series created with raw
# SOAP through curl, then one occurrence cancelled and another moved) are checked the same way, with the
# occurrence starts the CreateInvitation answer listed as the expected instants.
#
#   interop/run.sh
#
# Needs java 17, mvn, curl, Debian's python3-zeep and python3-suds, php-cli + php-soap, node +
# `npm ci` in interop/ (.ci/interop installs them). Environment:
#   INTEROP_SERVER_DIR  folder holding target/invitations-service.jar and target/lib/ (default: the
#                       repo root; built with `mvn -B -q -DskipTests package` there when missing)
#   INTEROP_PORT        first port to try (default 18089; the next free one up to +50 is used)
#   INTEROP_PYTHON      the python that has zeep and suds (default /usr/bin/python3, Debian's)
#   INTEROP_STACKS      which stacks to run (default "jaxws zeep suds php node")
#   INTEROP_ICAL        "no" skips the ical check (default: run it)
#   INTEROP_ICAL_DIR    check the .ics files there instead of the generated series samples
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SERVER_DIR="$(cd "${INTEROP_SERVER_DIR:-$ROOT}" && pwd)"
STACKS=(${INTEROP_STACKS:-jaxws zeep suds php node})
CHECKS=(create list accept fault datetime)
if [ -n "${INTEROP_PYTHON:-}" ]; then PYTHON="$INTEROP_PYTHON"
elif [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3
else PYTHON=python3; fi

JAR="$SERVER_DIR/target/invitations-service.jar"
if [ ! -f "$JAR" ] || [ ! -d "$SERVER_DIR/target/lib" ]; then
  echo "interop: $JAR (with target/lib/) missing: building it"
  (cd "$SERVER_DIR" && mvn -B -q -DskipTests package)
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${INTEROP_PORT:-18089}"
for _ in $(seq 1 50); do
  port_in_use "$PORT" || break
  PORT=$((PORT + 1))
done
if port_in_use "$PORT"; then echo "interop: no free port found" >&2; exit 1; fi

WORK="$(mktemp -d)"
DATA="$WORK/data"
mkdir -p "$DATA"
SERVER_LOG="$WORK/server.log"
SERVER_PID=""

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    # the server finishes requests in flight (up to 20 s) before it stops
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() {
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "interop: starting $JAR on port $PORT (data in $DATA)"
(cd "$WORK" && exec java -jar "$JAR" --demo --port="$PORT" --host=127.0.0.1 --data="$DATA") >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

WSDL="http://127.0.0.1:$PORT/ws/invitations?wsdl"
up=""
for _ in $(seq 1 120); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$WSDL" || true)"
  if [ "$code" = 200 ]; then up=1; break; fi
  sleep 1
done
if [ -z "$up" ]; then
  echo "interop: the server did not serve $WSDL within 120 s; its log ends with:" >&2
  tail -n 40 "$SERVER_LOG" >&2 || true
  exit 1
fi
echo "interop: server up, WSDL at $WSDL"

run_stack() {
  local stack="$1"
  case "$stack" in
    jaxws)
      # wsimport reads the served WSDL on every run: nothing generated is kept between runs
      rm -rf "$HERE/jaxws/target"
      (cd "$HERE/jaxws" && mvn -B -q -Dwsdl.url="$WSDL" compile exec:exec) ;;
    zeep)
      "$PYTHON" "$HERE/zeep_client.py" "$WSDL" ;;
    suds)
      "$PYTHON" "$HERE/suds_client.py" "$WSDL" ;;
    php)
      php "$HERE/php_client.php" "$WSDL" ;;
    node)
      if [ ! -d "$HERE/node_modules/soap" ]; then (cd "$HERE" && npm ci --no-audit --no-fund >&2); fi
      node "$HERE/node_client.js" "$WSDL" ;;
    *)
      echo "unknown stack $stack" >&2; return 2 ;;
  esac
}

declare -A RC
for stack in "${STACKS[@]}"; do
  echo "---- $stack"
  set +e
  run_stack "$stack" 2>&1 | tee "$WORK/$stack.out"
  rc="${PIPESTATUS[0]}"
  set -e
  RC[$stack]=$rc
done

# ---- the server's own series confirmations for the ical check (interop/server_series.py): a series
# created, an occurrence cancelled and another moved through this running server, each confirmation
# read back with GetConfirmationMessages and its text/calendar part decoded from the MIME message
SERVER_ICAL="$WORK/ical-server"
SERVER_ICAL_OK=""
if [ "${INTEROP_ICAL:-yes}" != no ]; then
  echo "---- the server's series confirmations"
  if "$PYTHON" "$HERE/server_series.py" "http://127.0.0.1:$PORT/ws/invitations" "$SERVER_ICAL"; then
    SERVER_ICAL_OK=1
  else
    echo "ical: the server's series confirmations could not be read"
  fi
fi

stop_server

# ---- the ical check: ical.js against the instants the service has (and ical4j's expansion)
ICAL_PASSED=0
ICAL_FAILED=0
run_ical() {
  local dir="$1"
  if [ ! -d "$HERE/node_modules/ical.js" ]; then (cd "$HERE" && npm ci --no-audit --no-fund >&2); fi
  local found=""
  for ics in "$dir"/*.ics; do
    [ -f "$ics" ] || continue
    found=1
    local name expected actual result
    name="$(basename "$ics" .ics)"
    expected="$dir/$name.expected"
    actual="$WORK/ical-$name.icaljs"
    result=PASS
    if ! node "$HERE/ical_expand.mjs" <"$ics" >"$actual" 2>"$actual.err"; then
      result=FAIL; echo "ical $name: ical.js could not expand it: $(cat "$actual.err")"
    elif [ ! -f "$expected" ]; then
      result=FAIL; echo "ical $name: no $name.expected beside it"
    else
      if ! diff -u --label "$name.expected (the service)" --label "$name (ical.js)" "$expected" "$actual"; then result=FAIL; fi
      if [ -f "$dir/$name.ical4j" ] && ! diff -u --label "$name (ical4j)" --label "$name (ical.js)" "$dir/$name.ical4j" "$actual"; then
        result=FAIL
      fi
    fi
    echo "ical $name $result: ical.js saw $(tr '\n' ' ' <"$actual")"
    if [ "$result" = PASS ]; then ICAL_PASSED=$((ICAL_PASSED + 1)); else ICAL_FAILED=$((ICAL_FAILED + 1)); fi
  done
  if [ -z "$found" ]; then echo "ical: no .ics in $dir"; ICAL_FAILED=$((ICAL_FAILED + 1)); fi
}
if [ "${INTEROP_ICAL:-yes}" != no ]; then
  echo "---- ical"
  ICAL_DIR="${INTEROP_ICAL_DIR:-}"
  if [ -z "$ICAL_DIR" ]; then
    ICAL_DIR="$WORK/ical"
    (cd "$ROOT" && mvn -B -q -DskipTests test-compile exec:exec@ical-samples -Dical.dir="$ICAL_DIR") \
      || { echo "ical: the series samples could not be generated"; ICAL_FAILED=$((ICAL_FAILED + 1)); }
  fi
  set +e
  run_ical "$ICAL_DIR"
  if [ -n "$SERVER_ICAL_OK" ]; then run_ical "$SERVER_ICAL"; else ICAL_FAILED=$((ICAL_FAILED + 1)); fi
  set -e
fi

# ---- the matrix: rows = stacks, columns = checks x {no timestamp, timestamp}
declare -A CELL
for stack in "${STACKS[@]}"; do
  while read -r s ts check result _; do
    [ "$s" = "$stack" ] || continue
    case "$ts" in timestamp=no) t=no ;; timestamp=yes) t=ts ;; *) continue ;; esac
    case "$result" in PASS|FAIL) ;; *) continue ;; esac
    CELL["$stack,$check,$t"]="$result"
  done < <(grep -E '^[a-z]+ +timestamp=(no|yes) +[a-z]+ +(PASS|FAIL)' "$WORK/$stack.out" || true)
done

echo
echo "interop matrix (no = without wsu:Timestamp, ts = with; MISS = the client printed no result):"
printf '%-6s' stack
for check in "${CHECKS[@]}"; do printf ' %-13s' "$check"; done
echo
printf '%-6s' ''
for check in "${CHECKS[@]}"; do printf ' %-6s %-6s' no ts; done
echo
passed=0
failed=0
for stack in "${STACKS[@]}"; do
  printf '%-6s' "$stack"
  for check in "${CHECKS[@]}"; do
    for t in no ts; do
      cell="${CELL["$stack,$check,$t"]:-MISS}"
      if [ "$cell" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
      printf ' %-6s' "$cell"
    done
  done
  if [ "${RC[$stack]}" != 0 ]; then printf '  (exit %s)' "${RC[$stack]}"; fi
  echo
done
# a client that failed without saying which check failed also fails the suite
for stack in "${STACKS[@]}"; do
  if [ "${RC[$stack]}" != 0 ] && [ "$failed" = 0 ]; then
    echo "interop: $stack exited ${RC[$stack]} although every check passed" >&2
    failed=1
  fi
done
if [ "${INTEROP_ICAL:-yes}" != no ]; then
  echo "ical check (series confirmations expanded by ical.js): $ICAL_PASSED passed, $ICAL_FAILED failed"
  passed=$((passed + ICAL_PASSED))
  failed=$((failed + ICAL_FAILED))
fi
echo "interop: $passed passed, $failed failed"
[ "$failed" = 0 ]
