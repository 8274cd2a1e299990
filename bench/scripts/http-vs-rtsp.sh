#!/usr/bin/env bash
# Issue 14's figure: N HTTP MJPEG viewers (GET /stream/<mount>) next to N RTSP viewers of the
# same mount, server CPU per frame delivered side by side. One Rill server with the HTTP listener
# on; the mount is a file (FILE=/path/movie.Mjpeg) or, without FILE, the sample clip.
#
#   bench/scripts/http-vs-rtsp.sh [SESSIONS [DURATION]] [-- generator options for the RTSP run...]
#
# SESSIONS defaults to 200, DURATION (seconds) to 30. Environment: RTSP_PORT (18554), HTTP_PORT
# (18080), FPS (20), FILE, KEEP=1 keeps the reports. Options after `--` go to the RTSP run only,
# e.g. `-- --tcp` (TCP interleaved, closer to HTTP's one connection per viewer).
# Smoke test: bench/scripts/http-vs-rtsp.sh 3 5
set -euo pipefail
SESSIONS=${1:-200}; [ $# -gt 0 ] && shift
DURATION=${1:-30}; [ $# -gt 0 ] && [ "$1" != "--" ] && shift
[ "${1:-}" = "--" ] && shift
RTSP_PORT=${RTSP_PORT:-18554}; HTTP_PORT=${HTTP_PORT:-18080}; FPS=${FPS:-20}
source "$(dirname "$0")/common.sh"

if [ -n "${FILE:-}" ]; then
    SOURCE="{ \"type\": \"mjpeg-file\", \"file\": \"$(cd "$(dirname "$FILE")" && pwd)/$(basename "$FILE")\", \"fps\": $FPS, \"loop\": true }"
else
    SOURCE="{ \"type\": \"mjpeg-sample\", \"fps\": $FPS, \"loop\": true }"
fi
cat > "$WORK/server.json" <<JSON
{ "rtsp": { "host": "127.0.0.1", "port": $RTSP_PORT },
  "limits": { "maxConnections": 16384, "maxConnectionsPerAddress": 16384 },
  "http": { "host": "127.0.0.1", "port": $HTTP_PORT },
  "mediaDirectory": "$WORK/no-media",
  "mounts": [ { "path": "/bench.Mjpeg", "source": $SOURCE } ] }
JSON
start_server "$WORK/server.json" "$HTTP_PORT"

echo "== $SESSIONS HTTP viewers of http://127.0.0.1:$HTTP_PORT/stream/bench.Mjpeg"
generator "$WORK/http.txt" --url "http://127.0.0.1:$HTTP_PORT/stream/bench.Mjpeg" --expected-fps "$FPS" \
    --sessions "$SESSIONS" --duration "$DURATION"
echo "== $SESSIONS RTSP viewers of rtsp://127.0.0.1:$RTSP_PORT/bench.Mjpeg"
generator "$WORK/rtsp.txt" --url "rtsp://127.0.0.1:$RTSP_PORT/bench.Mjpeg" --expected-fps "$FPS" \
    --sessions "$SESSIONS" --duration "$DURATION" "$@"

printf '\n%-40s %-30s %-30s\n' "$SESSIONS viewers at $FPS fps" "HTTP multipart" "RTSP"
for label in "CPU in window" "CPU per frame delivered" "CPU per packet received"; do
    printf '%-40s %-30s %-30s\n' "server $label" "$(figure "$WORK/http.txt" Server "$label")" \
        "$(figure "$WORK/rtsp.txt" Server "$label")"
done
printf '%-40s %-30s %-30s\n' "generator CPU in window" "$(figure "$WORK/http.txt" Generator "CPU in window")" \
    "$(figure "$WORK/rtsp.txt" Generator "CPU in window")"
printf '%-40s %-30s %-30s\n' "sessions within 1 % of the rate" \
    "$(figure "$WORK/http.txt" Reception "sessions within 1 % of the expected rate")" \
    "$(figure "$WORK/rtsp.txt" Reception "sessions within 1 % of the expected rate")"
echo "(HTTP: a part is a frame and counts as one packet)"
