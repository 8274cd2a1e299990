#!/usr/bin/env bash
# Issue 13's figures: N viewers of one published stream next to N viewers of a file mount of the
# same pictures, server CPU per packet (and per frame) side by side, and the publish-to-viewer
# latency. One Rill server with two mounts: /live (type "publish") and /file.Mjpeg, a .Mjpeg
# packed from the very pictures the publisher sends (WritePictures + `rill-server.jar pack`).
#
#   bench/scripts/publish-vs-file.sh [SESSIONS [DURATION]] [-- generator options...]
#
# SESSIONS defaults to 500, DURATION (seconds) to 30. Environment: RTSP_PORT (18554), SIZE
# (640x480), FPS (25), PICTURES (250), KEEP=1 keeps the reports. Generator options after `--`
# go to both runs, e.g. `-- --tcp` or `-- --send-cost-us 4.1` (skips measuring the yardstick).
# Smoke test: bench/scripts/publish-vs-file.sh 3 5
set -euo pipefail
SESSIONS=${1:-500}; [ $# -gt 0 ] && shift
DURATION=${1:-30}; [ $# -gt 0 ] && [ "$1" != "--" ] && shift
[ "${1:-}" = "--" ] && shift
RTSP_PORT=${RTSP_PORT:-18554}; SIZE=${SIZE:-640x480}; FPS=${FPS:-25}; PICTURES=${PICTURES:-250}
source "$(dirname "$0")/common.sh"

"$JAVA" -cp "$BENCH_JAR" dev.rill.bench.WritePictures --size "$SIZE" --pictures "$PICTURES" "$WORK/pictures"
"$JAVA" -jar "$SERVER_JAR" pack "$WORK/pictures" "$WORK/file.Mjpeg" > "$WORK/pack.log" 2>&1
cat > "$WORK/server.json" <<JSON
{ "rtsp": { "host": "127.0.0.1", "port": $RTSP_PORT },
  "limits": { "maxConnections": 16384, "maxConnectionsPerAddress": 16384 },
  "http": null,
  "mediaDirectory": "$WORK/no-media",
  "mounts": [
    { "path": "/live", "source": { "type": "publish" } },
    { "path": "/file.Mjpeg", "source": { "type": "mjpeg-file", "file": "$WORK/file.Mjpeg", "fps": $FPS, "loop": true } }
  ] }
JSON
start_server "$WORK/server.json" "$RTSP_PORT"
URL=rtsp://127.0.0.1:$RTSP_PORT

echo "== $SESSIONS viewers of the published stream $URL/live ($SIZE at $FPS fps)"
generator "$WORK/live.txt" --url "$URL/live" --publish "$URL/live" --publish-size "$SIZE" --publish-fps "$FPS" \
    --publish-pictures "$PICTURES" --sessions "$SESSIONS" --duration "$DURATION" "$@"
echo "== $SESSIONS viewers of the file mount $URL/file.Mjpeg (the same pictures at $FPS fps)"
generator "$WORK/file.txt" --url "$URL/file.Mjpeg" --expected-fps "$FPS" --sessions "$SESSIONS" --duration "$DURATION" "$@"

printf '\n%-40s %-30s %-30s\n' "$SESSIONS viewers, $SIZE at $FPS fps" "published (/live)" "file (/file.Mjpeg)"
for label in "CPU in window" "CPU per packet received" "CPU per frame delivered" "as a multiple of a bare send"; do
    printf '%-40s %-30s %-30s\n' "server $label" "$(figure "$WORK/live.txt" Server "$label")" \
        "$(figure "$WORK/file.txt" Server "$label")"
done
printf '%-40s %-30s %-30s\n' "sessions within 1 % of the rate" \
    "$(figure "$WORK/live.txt" Reception "sessions within 1 % of the expected rate")" \
    "$(figure "$WORK/file.txt" Reception "sessions within 1 % of the expected rate")"
printf '%-40s %s\n' "publish-to-viewer latency p50/p99/max" \
    "$(figure "$WORK/live.txt" Publish-to-viewer "first packet sent to last packet read p50 / p99 / max")"
printf '%-40s %s\n' "frames matched/unknown/stale/broken" \
    "$(figure "$WORK/live.txt" Publish-to-viewer "frames matched / unknown / stale / broken")"
echo "(the published run's server CPU includes receiving and depacketising the publisher's stream)"
