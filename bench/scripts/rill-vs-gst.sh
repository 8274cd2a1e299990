#!/usr/bin/env bash
# Issue 11's comparison: N sessions of the same looping clip from gst-rtsp-server (shared media)
# and from Rill, one after the other in the same run, with the same load generator, window and
# settle time; server CPU per packet, reception and setup times side by side.
#
#   bench/scripts/rill-vs-gst.sh [SESSIONS [DURATION]] [-- generator options...]
#
# SESSIONS defaults to 1000, DURATION (seconds) to 40. Environment: SIZE (320x240), FPS (20),
# PICTURES (100), QUALITY (JPEG quality, 0.4: about 6 KB, 4.4 packets a frame at 320x240, like
# the course's movie), GST_PORT (18555), RTSP_PORT (18554), SEND_PATHS (Rill's rtp.sendPath, one Rill
# run per word, e.g. "gso portable"; PATH:N also sets rtp.senderThreads, e.g. "gso:1 gso:2";
# default: one run on the config's default), BASE_JAR (another rill-server.jar,
# e.g. an older build, run the same way between the two and shown in a column of its own),
# GST=0 leaves gst-rtsp-server out (to iterate on Rill alone), FLOOR=0 leaves out the kernel's floor
# (SendFloor, run between the servers), SERVER_JAVA_OPTS (JVM options for Rill's server only),
# KEEP=1 keeps the reports, SETTLE (10)
# the seconds after the last PLAY before the window opens (longer: past the JIT's warm-up). Generator options after `--` go to every run, e.g. `-- --tcp`.
# Needs python3 with gi (python3-gi, gir1.2-gst-rtsp-server-1.0). Smoke test: rill-vs-gst.sh 3 5
set -euo pipefail
SESSIONS=${1:-1000}; [ $# -gt 0 ] && shift
DURATION=${1:-40}; [ $# -gt 0 ] && [ "$1" != "--" ] && shift
[ "${1:-}" = "--" ] && shift
SIZE=${SIZE:-320x240}; FPS=${FPS:-20}; PICTURES=${PICTURES:-100}; QUALITY=${QUALITY:-0.4}
GST_PORT=${GST_PORT:-18555}; RTSP_PORT=${RTSP_PORT:-18554}; SEND_PATHS=${SEND_PATHS:-}; SETTLE=${SETTLE:-10}
source "$(dirname "$0")/common.sh"
PYTHON=${PYTHON:-/usr/bin/python3}
GST_PID=
stop_gst() { [ -n "$GST_PID" ] && kill "$GST_PID" 2>/dev/null; GST_PID=; }
trap 'stop_gst; cleanup' EXIT

"$JAVA" -cp "$BENCH_JAR" dev.rill.bench.WritePictures --size "$SIZE" --pictures "$PICTURES" --quality "$QUALITY" \
    "$WORK/pictures"
"$JAVA" -jar "$SERVER_JAR" pack "$WORK/pictures" "$WORK/clip.Mjpeg" > "$WORK/pack.log" 2>&1

if [ "${GST:-1}" != 0 ]; then
    "$PYTHON" "$(dirname "$0")/gst_rtsp_clip.py" "$GST_PORT" "$WORK/pictures" "$FPS" > "$WORK/gst.log" 2>&1 &
    GST_PID=$!
    for _ in $(seq 1 150); do grep -q ready "$WORK/gst.log" && break; kill -0 "$GST_PID" 2>/dev/null || break; sleep 0.2; done
    grep -q ready "$WORK/gst.log" || { echo "gst-rtsp-server did not start:" >&2; cat "$WORK/gst.log" >&2; exit 1; }
    echo "== $SESSIONS sessions from gst-rtsp-server $(gst-launch-1.0 --version | sed -n 's/.*GStreamer \([0-9.]*\).*/\1/p' | head -1)"
    # shellcheck disable=SC2086
    "$JAVA" $GENERATOR_JAVA_OPTS -cp "$BENCH_JAR" dev.rill.bench.LoadGenerator --server-pid "$GST_PID" --url "rtsp://127.0.0.1:$GST_PORT/clip" \
        --expected-fps "$FPS" --sessions "$SESSIONS" --duration "$DURATION" --settle "$SETTLE" "$@" | tee "$WORK/gst.txt"
    stop_gst
fi

# config PATH[:THREADS]: the server's config, with rtp.sendPath PATH unless PATH is empty, and
# rtp.senderThreads THREADS when given.
config() {
    local path=${1%%:*} threads= rtp=
    [ "$path" != "$1" ] && threads=${1#*:}
    [ -n "$path" ] && rtp="\"sendPath\": \"$path\""
    [ -n "$threads" ] && rtp="${rtp:+$rtp, }\"senderThreads\": $threads"
    [ -n "$rtp" ] && rtp="\"rtp\": { $rtp },"
    cat > "$WORK/server.json" <<JSON
{ "rtsp": { "host": "127.0.0.1", "port": $RTSP_PORT }, $rtp
  "limits": { "maxConnections": 16384, "maxConnectionsPerAddress": 16384 },
  "http": null,
  "mediaDirectory": "$WORK/no-media",
  "mounts": [ { "path": "/clip", "source": { "type": "mjpeg-file", "file": "$WORK/clip.Mjpeg", "fps": $FPS, "loop": true } } ] }
JSON
}
# rill JAR NAME: one load run of the Rill in JAR, its report in $WORK/NAME.txt.
rill() {
    local jar=$1 name=$2; shift 2
    SERVER_JAR=$jar start_server "$WORK/server.json" "$RTSP_PORT"
    echo "== $SESSIONS sessions from Rill $name ($jar; $(grep -o 'RTP send path.*' "$WORK/server.log" | head -1))"
    generator "$WORK/$name.txt" --url "rtsp://127.0.0.1:$RTSP_PORT/clip" --expected-fps "$FPS" --sessions "$SESSIONS" \
        --duration "$DURATION" --settle "$SETTLE" "$@"
    stop_server
}
reports=(); names=()
[ "${GST:-1}" != 0 ] && { reports+=("$WORK/gst.txt"); names+=(gst-rtsp-server); }
# The kernel's floor in the same run, between the servers: one thread sending 4-segment GSO
# messages of 1,400-byte packets to as many loopback sockets as there are sessions.
FLOOR_US=
if [ "${FLOOR:-1}" != 0 ]; then
    echo "== the floor: SendFloor to $SESSIONS loopback sockets"
    "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$BENCH_JAR" dev.rill.bench.SendFloor --sockets "$SESSIONS" \
        --seconds 5 --size 1400 --segments 4 | tee "$WORK/floor.txt"
    FLOOR_US=$(awk '/UDP_SEGMENT/ { for (i = 1; i < NF; i++) if ($(i + 1) == "µs") print $i }' "$WORK/floor.txt")
fi
if [ -n "${BASE_JAR:-}" ]; then
    config ""; rill "$BASE_JAR" base "$@"; reports+=("$WORK/base.txt"); names+=("Rill, BASE_JAR")
fi
run=0
for path in ${SEND_PATHS:-default}; do
    if [ "$path" = default ]; then config ""; else config "$path"; fi
    # A word given twice (to alternate, "gso:2 gso:1 gso:2 gso:1") gets a report of its own each time.
    run=$((run + 1)); name="rill-$path"; [ -e "$WORK/$name.txt" ] && name="$name-$run"
    rill "$SERVER_JAR" "$name" "$@"; reports+=("$WORK/$name.txt"); names+=("Rill, $path")
done

# row LABEL SECTION KEY: one line of the summary, a column per run.
row() {
    printf '%-52s' "$1"
    for r in "${reports[@]}"; do printf ' %-34s' "$(figure "$r" "$2" "$3")"; done
    printf '\n'
}
printf '\n%-52s' "$SESSIONS sessions, $SIZE q$QUALITY at $FPS fps"; printf ' %-34s' "${names[@]}"; printf '\n'
printf '%-52s' "packets per frame received"
for r in "${reports[@]}"; do
    printf ' %-34s' "$(awk -v p="$(figure "$r" Reception "packets received")" -v f="$(figure "$r" Reception "frames received")" \
        'BEGIN { if (f > 0) printf "%.2f", p / f }')"
done
printf '\n'
for label in "CPU in window" "CPU per packet received" "as a multiple of a bare send"; do
    row "server $label" Server "$label"
done
if [ -n "$FLOOR_US" ]; then
    printf '%-52s' "server CPU per packet / GSO floor ($FLOOR_US µs)"
    for r in "${reports[@]}"; do
        printf ' %-34s' "$(figure "$r" Server "CPU per packet received" | awk -v f="$FLOOR_US" '{ printf "%.2f x", $1 / f }')"
    done
    printf '\n'
fi
# On loopback the kernel's share (delivery, and GSO's segmenting on receipt) is charged to no
# process: the machine less the generator is the fairer comparison.
row "machine less the generator, per packet" "Machine" "less the generator, per packet received"
row "machine busy (interrupts and softirqs)" "Machine" "busy in window"
for label in "sessions requested / established / failed" "establishment (first to last PLAY reply)"; do
    row "$label" "Rill load run" "$label"
done
for label in SETUP PLAY; do
    row "$label round trip p50 / p99 / max" "RTSP round trips" "$label p50 / p99 / max"
done
for label in "sessions within 1 % of the expected rate" "lost packets (sequence gaps) in window / whole run" "inter-frame interval p50 / p99 / max"; do
    row "$label" Reception "$label"
done
