#!/usr/bin/env bash
# Builds the Debian package target/deb/rill_<version>_amd64.deb with jpackage (JDK 21+, with
# dpkg-deb and fakeroot on the PATH):
#   /usr/bin/rill, /usr/bin/rill-player   the launchers (server, player), on a bundled Java runtime
#   /usr/lib/rill/app                     rill-server.jar, rill-player.jar, plugins/ (the test card)
#   /etc/rill/rill.json                   the default config (a conffile)
#   /usr/lib/systemd/system/rill.service  the unit: runs as the rill user, hardened
#   /usr/share/applications/rill-player.desktop
# postinst creates the rill user and /var/lib/rill/media, and enables the unit when systemd runs.
#
# Usage: packaging/build-deb.sh [--no-build]
#   --no-build   package the jars already in server/target and client-swing/target
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
here=$root/packaging

build=true
case "${1:-}" in
    --no-build) build=false ;;
    "") ;;
    *) echo "usage: $0 [--no-build]" >&2; exit 2 ;;
esac

for tool in jpackage jdeps dpkg-deb fakeroot; do
    if ! command -v "$tool" >/dev/null; then
        echo "build-deb: $tool not found; it needs a JDK 21+ on the PATH (jpackage, jdeps) and" \
             "dpkg-deb (Debian package dpkg) and fakeroot (package fakeroot)" >&2
        exit 1
    fi
done

if $build; then
    # The wrapper when Maven is not installed: then a JDK is all a newcomer needs.
    if command -v mvn >/dev/null; then mvn=mvn; else mvn=./mvnw; fi
    "$mvn" -B -q package -DskipTests
fi
server_jar=server/target/rill-server.jar
player_jar=client-swing/target/rill-player.jar
testcard_jar=server/target/plugins/rill-plugin-testcard.jar
for jar in "$server_jar" "$player_jar" "$testcard_jar"; do
    [ -f "$jar" ] || { echo "build-deb: $jar is missing; build first (without --no-build)" >&2; exit 1; }
done

# 0.1.0-SNAPSHOT becomes 0.1.0~SNAPSHOT: Debian sorts a ~ before the release it leads to.
pom_version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
version=${pom_version//-/\~}
work=target/deb-work
out=target/deb
rm -rf "$work" "$out"
mkdir -p "$work/input/plugins" "$out"
cp "$server_jar" "$player_jar" "$work/input/"
cp "$testcard_jar" "$work/input/plugins/"

# The runtime holds the modules the jars use (jdeps) plus jdk.unsupported (Jackson's fast paths):
# 100 MB instead of the 150 of every default module: a smaller package, compressed faster.
modules=$(jdeps --multi-release base --ignore-missing-deps --print-module-deps \
    "$work/input/rill-server.jar" "$work/input/rill-player.jar" "$work/input/plugins/rill-plugin-testcard.jar")
modules="$modules,java.logging,jdk.unsupported"
echo "build-deb: runtime modules $modules"

# The launcher runs the jar from its class path, where the manifest's Enable-Native-Access and
# Add-Exports do not count: the options say them for the native RTP send path (java.lang.foreign,
# or Java warns) and for interleaved media's direct send (it reads a channel's descriptor).
jpackage --type app-image --dest "$work/image" --input "$work/input" \
    --name rill --app-version "${pom_version%%-*}" \
    --main-jar rill-server.jar \
    --java-options --enable-native-access=ALL-UNNAMED \
    --java-options --add-exports=java.base/sun.nio.ch=ALL-UNNAMED \
    --add-launcher rill-player="$here/rill-player.properties" \
    --add-modules "$modules"

# jpackage puts every jar of the input on each launcher's class path. The test card is a drop-in
# plugin (loaded from plugins/, never from the class path), and the server and player are two
# shaded jars that must not shadow each other, so each launcher keeps its own jar only.
app=$work/image/rill/lib/app
sed -i '/^app\.classpath=/d' "$app/rill.cfg"
sed -i '/^app\.classpath=/{/rill-player\.jar$/!d}' "$app/rill-player.cfg"
if ! grep -q '^app.mainjar=.*rill-server.jar$' "$app/rill.cfg" \
        || ! grep -q '^app.classpath=.*rill-player.jar$' "$app/rill-player.cfg"; then
    echo "build-deb: this jpackage writes launcher configs of another form:" >&2
    cat "$app/rill.cfg" "$app/rill-player.cfg" >&2
    exit 1
fi

jpackage --type deb --dest "$work/jpackage" --app-image "$work/image/rill" \
    --name rill --app-version "$version" --install-dir /usr \
    --linux-package-name rill --linux-app-category video --linux-deb-maintainer rill@localhost \
    --description "Rill RTSP/RTP streaming server (MJPEG) and its player" \
    --vendor Rill --resource-dir "$here/resources"

# jpackage places files inside the application only; the config, the unit, the desktop entry and
# the README go in beside them, and the config is marked a conffile so dpkg keeps local edits.
tree=$work/tree
dpkg-deb -R "$work/jpackage/rill_${version}_amd64.deb" "$tree"
install -D -m 644 "$here/rill.json" "$tree/etc/rill/rill.json"
install -D -m 644 "$here/rill.service" "$tree/usr/lib/systemd/system/rill.service"
install -D -m 644 "$here/rill-player.desktop" "$tree/usr/share/applications/rill-player.desktop"
install -D -m 644 README.md "$tree/usr/share/doc/rill/README.md"
echo /etc/rill/rill.json > "$tree/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
sed -i "s/^Installed-Size: .*/Installed-Size: $size/" "$tree/DEBIAN/control"
# xz -1: a third bigger than jpackage's default xz -6, in a quarter of the time.
fakeroot dpkg-deb -Zxz -z1 --build "$tree" "$out/rill_${version}_amd64.deb" >/dev/null
rm -rf "$work"
echo "build-deb: $out/rill_${version}_amd64.deb"
