#!/usr/bin/env bash
# Issue 15's soak test: MINUTES (default 120) of VIEWERS (default 500) viewers joining and leaving
# at random (UDP, TCP, HTTP; TEARDOWN or vanishing; slow and stalled readers), a publisher coming
# and going on /live (recorded in 60 s segments, 3 kept), and a hijacker trying to take /live.
# The server's heap after a full GC, open files, threads and RSS are sampled every minute; the
# report (samples.csv, soak.png, summary.txt) lands in OUT (default ./soak-report).
#
#   bench/scripts/soak.sh [MINUTES [VIEWERS]]
#
# Environment: RTSP_PORT (18654), HTTP_PORT (18680), OUT, SIZE (320x240), FPS (20).
# Needs `ulimit -n` of at least 4 x VIEWERS. Smoke test: bench/scripts/soak.sh 2 20
set -euo pipefail
MINUTES=${1:-120}; VIEWERS=${2:-500}
RTSP_PORT=${RTSP_PORT:-18654}; HTTP_PORT=${HTTP_PORT:-18680}; SIZE=${SIZE:-320x240}; FPS=${FPS:-20}
OUT=$(mkdir -p "${OUT:-soak-report}" && cd "${OUT:-soak-report}" && pwd)
source "$(dirname "$0")/common.sh"
# Private copies: a rebuild during a two-hour run must not change the jars under it.
cp "$SERVER_JAR" "$WORK/rill-server.jar"; SERVER_JAR=$WORK/rill-server.jar
cp "$BENCH_JAR" "$WORK/rill-bench.jar"; BENCH_JAR=$WORK/rill-bench.jar

"$JAVA" -cp "$BENCH_JAR" dev.rill.bench.WritePictures --size "$SIZE" --pictures 100 "$WORK/pictures"
"$JAVA" -jar "$SERVER_JAR" pack "$WORK/pictures" "$WORK/movie.Mjpeg" > "$WORK/pack.log" 2>&1
cat > "$WORK/server.json" <<JSON
{ "rtsp": { "host": "127.0.0.1", "port": $RTSP_PORT },
  "http": { "host": "127.0.0.1", "port": $HTTP_PORT },
  "limits": { "maxConnections": 16384, "maxConnectionsPerAddress": 16384 },
  "mediaDirectory": "$WORK/no-media",
  "mounts": [
    { "path": "/movie.Mjpeg", "source": { "type": "mjpeg-file", "file": "$WORK/movie.Mjpeg", "fps": $FPS, "loop": true } },
    { "path": "/live", "source": { "type": "publish" },
      "record": { "directory": "$WORK/recordings", "segmentSeconds": 60, "keepSegments": 3 } }
  ] }
JSON
start_server "$WORK/server.json" "$RTSP_PORT"
echo "server pid $SERVER_PID, log $WORK/server.log; report in $OUT"
"$JAVA" -cp "$BENCH_JAR" dev.rill.bench.Soak --rtsp "rtsp://127.0.0.1:$RTSP_PORT" --http "http://127.0.0.1:$HTTP_PORT" \
    --server-pid "$SERVER_PID" --minutes "$MINUTES" --viewers "$VIEWERS" --out "$OUT" ${SAMPLE_SECONDS:+--sample-seconds "$SAMPLE_SECONDS"}
echo "server log lines: $(wc -l < "$WORK/server.log"); WARN/ERROR: $(grep -c -E 'WARN|ERROR' "$WORK/server.log" || true)"
cp "$WORK/server.log" "$OUT/server.log"
