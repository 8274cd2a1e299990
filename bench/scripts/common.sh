# Shared by the comparison scripts: jars, a scratch directory, starting and stopping one Rill
# server, and pulling a figure out of a text report. Sourced, not run.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SERVER_JAR=${SERVER_JAR:-$ROOT/server/target/rill-server.jar}
BENCH_JAR=${BENCH_JAR:-$ROOT/bench/target/rill-bench.jar}
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
for jar in "$SERVER_JAR" "$BENCH_JAR"; do
    [ -f "$jar" ] || { echo "missing $jar: build first (mvn -B -q package -DskipTests)" >&2; exit 2; }
done
# The generator reads RTP with recvmmsg (java.lang.foreign), which needs a channel's descriptor
# from sun.nio.ch; without these options it reads one datagram a call and says so in its report.
GENERATOR_JAVA_OPTS="--enable-native-access=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED ${GENERATOR_JAVA_OPTS:-}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rill-bench.XXXXXX")
SERVER_PID=

stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID"
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$SERVER_PID" 2>/dev/null && kill -9 "$SERVER_PID"
    fi
    SERVER_PID=
}
cleanup() {
    stop_server
    if [ -n "${KEEP:-}" ]; then echo "reports and logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# start_server CONFIG PORT: starts Rill with CONFIG and waits (30 s at most) until PORT accepts.
start_server() {
    # SERVER_JAVA_OPTS: JVM options for the server only (e.g. -XX:TieredStopAtLevel=1), not the generator.
    # shellcheck disable=SC2086
    "$JAVA" ${SERVER_JAVA_OPTS:-} -jar "$SERVER_JAR" --config "$1" > "$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 150); do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "the server did not start; its log:" >&2; cat "$WORK/server.log" >&2; exit 1
        fi
        (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null && return 0
        sleep 0.2
    done
    echo "the server did not listen on port $2 within 30 s; its log:" >&2; cat "$WORK/server.log" >&2; exit 1
}

# generator REPORT ARGS...: one load run; its text report goes to REPORT (and the terminal).
generator() {
    local report=$1; shift
    # shellcheck disable=SC2086
    "$JAVA" $GENERATOR_JAVA_OPTS -cp "$BENCH_JAR" dev.rill.bench.LoadGenerator --server-pid "$SERVER_PID" "$@" | tee "$report"
}

# figure REPORT SECTION LABEL: the value of the first row whose label (leading blanks ignored)
# starts with LABEL, after the heading line that starts with SECTION.
figure() {
    awk -v section="$2" -v label="$3" '
        index($0, section) == 1 { inside = 1; next }
        inside && /^[^ ]/ { inside = 0 }
        inside {
            line = $0; sub(/^ +/, "", line)
            if (index(line, label) == 1) { value = substr(line, length(label) + 1); sub(/^ +/, "", value); print value; exit }
        }' "$1"
}
