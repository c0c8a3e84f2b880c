#!/usr/bin/env bash
# Builds the Debian package from a build directory and checks it the way CI does: lintian, desktop-file-validate,
# appstreamcli, the package's contents and dependencies; then installs it with apt-get, runs the installed
# executables (--version of both, todo-notifier-cli check --demo), and removes it again (also on failure), so the
# machine is left as it was. Needs root or sudo for apt-get.
#
#   scripts/package.sh [BUILD_DIR]    (default: build; configured as needed and built)
#
# The package is laid out for /usr whatever install prefix BUILD_DIR was configured with, so `cpack -G DEB` in any
# build directory makes this same package.
#
# The .deb is left in BUILD_DIR (todo-notifier_<version>_<arch>.deb).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-build}
jobs=${TODO_JOBS:-2}
started=$SECONDS

step() { printf -- '--- %s (%ss)\n' "$*" "$((SECONDS - started))"; }
fail() {
    echo "package.sh: FAILED: $*" >&2
    exit 1
}
sudo=()
if [[ $(id -u) != 0 ]]; then
    sudo=(sudo)
fi

step "configure and build ($build)"
generator=()
[[ -f $build/CMakeCache.txt ]] || generator=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)
cmake -S . -B "$build" "${generator[@]}" >/dev/null
cmake --build "$build" -j"$jobs" --target todo-notifier todo-notifier-cli todo_linux_package_files
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[[ -n $version ]] || fail "no project version in $build/CMakeCache.txt"

step "cpack -G DEB"
rm -f "$build"/todo-notifier_*.deb
(cd "$build" && cpack -G DEB >cpack.log 2>&1) || {
    cat "$build/cpack.log"
    fail "cpack"
}
debs=("$build"/todo-notifier_"$version"_*.deb)
deb=$(realpath "${debs[0]}")
[[ -f $deb ]] || fail "no package todo-notifier_${version}_*.deb in $build"
echo "$deb ($(du -k "$deb" | cut -f1) KiB)"

step "contents and control fields"
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/todo-notifier ./usr/bin/todo-notifier-cli \
    ./usr/share/applications/todo-notifier.desktop \
    ./usr/share/metainfo/invalid.example.todo_notifier.metainfo.xml \
    ./usr/share/icons/hicolor/scalable/apps/todo-notifier.svg \
    ./usr/share/icons/hicolor/{16x16,22x22,24x24,32x32,48x48,64x64,128x128,256x256}/apps/todo-notifier.png \
    ./etc/xdg/autostart/todo-notifier.desktop \
    ./usr/share/man/man1/todo-notifier.1.gz ./usr/share/man/man1/todo-notifier-cli.1.gz \
    ./usr/share/doc/todo-notifier/copyright ./usr/share/doc/todo-notifier/changelog.gz \
    ./usr/share/doc/todo-notifier/examples/todo-notifier.conf; do
    grep -qxF "$path" <<<"$contents" || fail "$path is not in the package"
done
if grep -q 'demo-server' <<<"$contents"; then
    fail "the demo server is not meant to be packaged"
fi
[[ $(dpkg-deb -f "$deb" Version) == "$version" ]] || fail "package version $(dpkg-deb -f "$deb" Version) != $version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
echo "Recommends: $(dpkg-deb -f "$deb" Recommends)"
for dependency in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6websockets6 libqt6sql6 \
    libqt6sql6-sqlite libqt6svg6 libqt6dbus6 libqt6keychain1 libsecret-1-0; do
    grep -qE "(^|, )$dependency( |,|$)" <<<"$depends" || fail "Depends lacks $dependency"
done
# The executables are stripped (the debug information stays in the build directory).
unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
dpkg-deb -x "$deb" "$unpacked"
for exe in todo-notifier todo-notifier-cli; do
    file -b "$unpacked/usr/bin/$exe" | grep -q ', stripped' || fail "$exe is not stripped"
done

step "desktop-file-validate, appstreamcli validate"
desktop-file-validate "$unpacked/usr/share/applications/todo-notifier.desktop"
desktop-file-validate "$unpacked/etc/xdg/autostart/todo-notifier.desktop"
grep -qxF 'Hidden=true' "$unpacked/etc/xdg/autostart/todo-notifier.desktop" || fail "the autostart entry is not inert"
appstreamcli validate --no-net "$unpacked/usr/share/metainfo/invalid.example.todo_notifier.metainfo.xml"
grep -qF "<release version=\"$version\"" "$unpacked/usr/share/metainfo/invalid.example.todo_notifier.metainfo.xml" \
    || fail "the metainfo's release is not $version"

step "lintian"
# No errors and no warnings: an accepted tag is overridden in packaging/linux/lintian-overrides, with its reason.
lintian --fail-on error,warning --display-info "$deb"

step "apt-get install ./$(basename "$deb")"
installed_before=$(dpkg-query -W -f='${Status}' todo-notifier 2>/dev/null || true)
if [[ $installed_before == *"install ok installed"* ]]; then
    echo "note: todo-notifier was installed before; it is replaced by this build and purged at the end"
fi
remove() {
    echo "--- apt-get purge todo-notifier"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q todo-notifier >/dev/null || true
    rm -rf "$unpacked"
}
trap remove EXIT
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb" >/dev/null

step "the installed executables"
[[ $(dpkg-query -S /usr/bin/todo-notifier) == "todo-notifier: /usr/bin/todo-notifier" ]] \
    || fail "/usr/bin/todo-notifier does not belong to the package"
for exe in /usr/bin/todo-notifier /usr/bin/todo-notifier-cli; do
    if ldd "$exe" | grep -q 'not found'; then
        ldd "$exe"
        fail "$exe misses libraries"
    fi
done
home=$(mktemp -d)
run() { env -u DISPLAY -u WAYLAND_DISPLAY HOME="$home" XDG_CONFIG_HOME="$home/.config" \
    XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache" "$@"; }
gui_version=$(run /usr/bin/todo-notifier --version)
cli_version=$(run /usr/bin/todo-notifier-cli --version)
echo "$gui_version / $cli_version"
[[ $gui_version == "todo-notifier $version" ]] || fail "todo-notifier --version says '$gui_version', not $version"
[[ $cli_version == "todo-notifier-cli $version" ]] || fail "todo-notifier-cli --version says '$cli_version'"
run /usr/bin/todo-notifier-cli check --demo || fail "todo-notifier-cli check --demo exited with $?"
rm -rf "$home"

remove
trap - EXIT
[[ ! -e /usr/bin/todo-notifier && ! -e /etc/xdg/autostart/todo-notifier.desktop ]] || fail "purge left files behind"
step "done: $(basename "$deb") built, checked, installed, run and removed"
