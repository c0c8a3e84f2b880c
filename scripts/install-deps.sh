#!/usr/bin/env bash
# Installs what building, running or testing Todo Notifier needs on Debian 12, and nothing that is already
# there. Usage: scripts/install-deps.sh [run|test]   (default: test, which is a superset of run)
set -euo pipefail

profile=${1:-test}
build=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools
       qt6-l10n-tools qtkeychain-qt6-dev libqt6sql6-sqlite libgl-dev
       qt6-svg-dev libsecret-1-0 # SVG tray icons; QtKeychain loads libsecret at run time for the Secret Service
       fonts-wqy-microhei) # a CJK font: the demo's todos are partly Chinese, and so is the zh_CN interface
test=(clang libclang-rt-14-dev clang-format openssl rabbitmq-server python3-stomp
      dbus gnome-keyring xvfb xauth dunst # a private session bus, a real keychain, a display, a notification server
      trayer x11-utils imagemagick xdotool # the tray e2e test and docs/screenshots: a system tray, xwininfo,
                                           # screenshots, clicks
      notification-daemon # docs/screenshots: a notification server that draws a notification's actions as buttons
      activemq nodejs # ActiveMQ Classic (runs on the JRE it pulls in); Node for the SockJS server and the bridge
      nginx # a reverse proxy that does not forward Upgrade, in front of the SockJS server (SockJS's HTTP fallbacks)
      dpkg-dev file lintian desktop-file-utils appstream) # the .deb: dpkg-shlibdeps, CPack's ELF detection, its checks
# npm comes with nodejs from other sources (NodeSource's bundles it, and conflicts with Debian's npm): ask for
# Debian's npm only when there is none. The npm packages themselves (tests/integration/node/package-lock.json)
# are installed by the node_modules_install CTest fixture (scripts/node-server-fixture.sh install).
if ! command -v npm >/dev/null 2>&1; then
    test+=(npm)
fi

wanted=("${build[@]}")
if [[ $profile == test ]]; then
    wanted+=("${test[@]}")
elif [[ $profile != run ]]; then
    echo "usage: $0 [run|test]" >&2
    exit 2
fi

missing=()
for package in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

echo "Installing: ${missing[*]}"
sudo=()
if [[ $(id -u) != 0 ]]; then
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
# There is no init system to start services here: keep package scripts from trying (the tests start
# RabbitMQ themselves, as a plain process).
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo[@]}" chmod +x /usr/sbin/policy-rc.d
    trap '"${sudo[@]}" rm -f /usr/sbin/policy-rc.d' EXIT
fi
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
