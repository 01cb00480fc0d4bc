#!/usr/bin/env bash
# Makes the class-data sharing archive: a training start of the jar on a throw-away data dir, a few
# requests of each kind (so that the classes a first request loads are archived too, not only those of
# the start), then a stop; the JVM writes the archive as it exits.
#   JAVA_OPTS="..." deploy/cds-training.sh JAR ARCHIVE
# The jar is named by its absolute path: the JVM checks the class path recorded in the archive, and a
# relative one matches only a start from the same directory (make bench starts from its data dir).
# Requests go through bash's /dev/tcp: the container image has no curl.
set -u
jar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
archive=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$archive"

GATEHOUSE_DATA_DIR="$work/data" GATEHOUSE_SERVER_HOST=127.0.0.1 GATEHOUSE_SERVER_PORT=0 \
  java ${JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$archive" -jar "$jar" > "$work/log" 2>&1 &
pid=$!
port=
for _ in $(seq 1 600); do
  port=$(sed -n 's|.*Gatehouse serves on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/log" 2>/dev/null)
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done

# One HTTP/1.0 exchange; the answer is read to the end and dropped.
request() {
  local method=$1 path=$2 body=${3:-}
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return
  if [ -n "$body" ]; then
    printf '%s %s HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
      "$method" "$path" "${#body}" "$body" >&3
  else
    printf '%s %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$method" "$path" >&3
  fi
  cat <&3 > /dev/null
  exec 3<&-
}

if [ -n "$port" ]; then
  for _ in 1 2 3; do
    request GET /health
    request GET /login
    request GET /signup
    request GET /static/app.css
    request GET /.well-known/jwks.json
    request GET /api/v1/me
    request POST /api/v1/auth/refresh '{"refreshToken":"not-a-token"}'
  done
  request POST /api/v1/auth/login '{"username":"nobody","password":"not the password"}'
fi
kill "$pid" 2>/dev/null
wait "$pid"
if [ ! -s "$archive" ]; then
  echo "cds-training: no class-data archive made; Gatehouse starts without it. The log:" >&2
  cat "$work/log" >&2
  exit 1
fi
