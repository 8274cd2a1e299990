#!/usr/bin/env bash
# Installs the package built by build-deb.sh with dpkg -i, checks what it put where, runs the
# installed server as the rill user on free loopback ports and plays from it with ffprobe and the
# installed player, then purges the package (and the rill user, when this script created it).
# Needs root, ffmpeg/ffprobe and python3 (for free ports). Every wait is bounded.
#
# Usage: packaging/check-deb.sh [target/deb/rill_<version>_amd64.deb]
set -euo pipefail
cd "$(dirname "$0")/.."

deb=${1:-$(ls target/deb/rill_*_amd64.deb 2>/dev/null | head -1)}
fail() { echo "check-deb: FAIL: $*" >&2; exit 1; }
step() { echo "check-deb: $*"; }
[ -n "$deb" ] && [ -f "$deb" ] || fail "no package; build it with packaging/build-deb.sh"
[ "$(id -u)" -eq 0 ] || fail "dpkg -i needs root (CI runs as root; locally: sudo $0)"
for tool in ffmpeg ffprobe python3 setpriv timeout; do
    command -v "$tool" >/dev/null || fail "$tool not found"
done
if dpkg-query -W -f='${Status}' rill 2>/dev/null | grep -q ' installed$'; then
    fail "a rill package is installed already; this check installs and purges its own"
fi

user_existed=false
getent passwd rill >/dev/null && user_existed=true
scratch=$(mktemp -d)
chmod 755 "$scratch"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -KILL "$server_pid" 2>/dev/null || true
    fi
    if dpkg-query -W rill >/dev/null 2>&1; then
        dpkg --purge rill >/dev/null || echo "check-deb: dpkg --purge rill failed" >&2
    fi
    if ! $user_existed && getent passwd rill >/dev/null; then
        userdel rill || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT

# The libraries jpackage found the runtime to need (X11, ALSA): installed from the archive when
# missing, as apt would for the package's Depends.
missing=()
for dep in $(dpkg-deb -f "$deb" Depends | tr -d ' ' | tr ',' ' '); do
    dpkg -s "$dep" >/dev/null 2>&1 || missing+=("$dep")
done
if [ ${#missing[@]} -gt 0 ]; then
    step "installing the package's dependencies ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

step "dpkg -i $deb"
dpkg -i "$deb"

step "files, user, conffile"
for f in /usr/bin/rill /usr/bin/rill-player; do [ -x "$f" ] || fail "$f missing"; done
for f in /etc/rill/rill.json /usr/lib/systemd/system/rill.service /usr/share/applications/rill-player.desktop \
         /usr/lib/rill/app/plugins/rill-plugin-testcard.jar; do
    [ -f "$f" ] || fail "$f missing"
done
getent passwd rill >/dev/null || fail "no rill user"
[ "$(stat -c %U /var/lib/rill/media)" = rill ] || fail "/var/lib/rill/media is not the rill user's"
dpkg-query -W -f='${Conffiles}\n' rill | grep -q '/etc/rill/rill.json' || fail "/etc/rill/rill.json is not a conffile"

step "rill --help"
help=$(timeout 60 rill --help) || fail "rill --help exited non-zero"
grep -q -- '--config FILE' <<<"$help" || fail "rill --help does not list --config: $help"

if command -v systemd-analyze >/dev/null; then
    step "systemd-analyze verify rill.service"
    # It exits 0 on an unknown key, only warning: any line about the unit fails the check.
    verify=$(timeout 60 systemd-analyze verify /usr/lib/systemd/system/rill.service 2>&1) \
        || fail "systemd-analyze verify rill.service: $verify"
    if grep -q 'rill.service' <<<"$verify"; then fail "systemd-analyze verify rill.service: $verify"; fi
    [ -z "$verify" ] || step "systemd-analyze said (not about rill.service): $verify"
else
    step "skipped: systemd-analyze not installed (package systemd), rill.service not verified"
fi
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate /usr/share/applications/rill-player.desktop || fail "the desktop entry is invalid"
else
    step "skipped: desktop-file-validate not installed (package desktop-file-utils)"
fi

step "a clip from ffmpeg's test source, packed by the installed rill into /var/lib/rill/media"
mkdir -p "$scratch/jpegs"
ffmpeg -v error -f lavfi -i testsrc=size=320x240:rate=10 -frames:v 20 -pix_fmt yuvj420p -q:v 5 \
    "$scratch/jpegs/frame-%03d.jpg"
clip=/var/lib/rill/media/generated.Mjpeg
timeout 60 rill pack "$scratch/jpegs" "$clip" || fail "rill pack failed"
chown rill:rill "$clip"

# The packaged config as it is (media, plugin directory, mounts), on free loopback ports.
read -r rtsp_port http_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')
sed -e "s/\"port\": 8554/\"port\": $rtsp_port/" -e "s/\"port\": 8080/\"port\": $http_port/" \
    -e 's/"host": "0.0.0.0"/"host": "127.0.0.1"/g' /etc/rill/rill.json > "$scratch/rill.json"
grep -q "\"port\": $rtsp_port" "$scratch/rill.json" && grep -q "\"port\": $http_port" "$scratch/rill.json" \
    || fail "/etc/rill/rill.json has no RTSP port 8554 and HTTP port 8080 to move"

# As the unit runs it: the rill user, in /var/lib/rill; setpriv execs, so the pid is the server's.
step "the installed server as the rill user on 127.0.0.1:$rtsp_port"
(cd /var/lib/rill && exec setpriv --reuid=rill --regid=rill --init-groups \
    /usr/bin/rill --config "$scratch/rill.json") >"$scratch/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 120); do
    kill -0 "$server_pid" 2>/dev/null || { cat "$scratch/server.log" >&2; fail "the server exited"; }
    (exec 3<>"/dev/tcp/127.0.0.1/$rtsp_port") 2>/dev/null && break
    sleep 0.5
done
(exec 3<>"/dev/tcp/127.0.0.1/$rtsp_port") 2>/dev/null || { cat "$scratch/server.log" >&2; fail "no RTSP listener after 60 s"; }

for path in sample.Mjpeg testcard generated.Mjpeg; do
    url=rtsp://127.0.0.1:$rtsp_port/$path
    probed=$(timeout 60 ffprobe -v error -rtsp_transport tcp -select_streams v:0 \
        -show_entries stream=codec_name,width,height -of csv=p=0 "$url") \
        || { cat "$scratch/server.log" >&2; fail "ffprobe $url failed"; }
    step "ffprobe $url: $probed"
    [[ $probed == mjpeg,* ]] || fail "ffprobe $url: expected an mjpeg stream, got '$probed'"
    [[ $path != testcard || $probed == mjpeg,320,240 ]] || fail "the test card is not 320x240: $probed"
done
grep -q 'RTP send path: ' "$scratch/server.log" || { cat "$scratch/server.log" >&2; fail "the server did not say which RTP send path runs"; }
if grep -q 'restricted method' "$scratch/server.log"; then cat "$scratch/server.log" >&2; fail "the packaged server warns about native access"; fi

step "the installed player, headless"
timeout 90 setpriv --reuid=rill --regid=rill --init-groups /usr/bin/rill-player --headless --frames 5 \
    --timeout 60 "rtsp://127.0.0.1:$rtsp_port/generated.Mjpeg" >"$scratch/player.log" 2>&1 \
    || { cat "$scratch/player.log" >&2; fail "rill-player --headless did not play 5 frames"; }

step "SIGTERM stops the server"
kill -TERM "$server_pid"
for _ in $(seq 60); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
done
kill -0 "$server_pid" 2>/dev/null && fail "the server still runs 30 s after SIGTERM"
status=0
wait "$server_pid" || status=$?
server_pid=""
# rill.service counts 143 (the JVM's exit on SIGTERM) as success.
[ "$status" -eq 0 ] || [ "$status" -eq 143 ] || { cat "$scratch/server.log" >&2; fail "the server exited $status on SIGTERM"; }
step "the server exited $status on SIGTERM"
rm -f "$clip"

step "dpkg --purge rill"
dpkg --purge rill >/dev/null
for f in /usr/bin/rill /usr/lib/rill /etc/rill /usr/lib/systemd/system/rill.service; do
    [ ! -e "$f" ] || fail "$f is still there after purge"
done
step "OK: installed, served, played and purged"
