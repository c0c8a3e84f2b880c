#!/usr/bin/env bash
# run-with-broken-notifications.sh CMD [ARGS...]
# Runs CMD on a private D-Bus session bus on which org.freedesktop.Notifications is activatable, as on a desktop
# that installs a notification daemon, but whose activation fails (the service's Exec exits at once): the
# notification service is listed, and every call to it fails. Exits with CMD's status.
set -euo pipefail

if ! command -v dbus-run-session >/dev/null; then
    echo "run-with-broken-notifications.sh: dbus-run-session is missing (scripts/install-deps.sh test installs it)" >&2
    exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/todo-broken-notify.XXXXXX")
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/services"
cat >"$dir/services/org.freedesktop.Notifications.service" <<SERVICE
[D-BUS Service]
Name=org.freedesktop.Notifications
Exec=/bin/false
SERVICE
cat >"$dir/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$dir</listen>
  <servicedir>$dir/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
# Not exec: the trap removes the directory afterwards.
dbus-run-session --config-file="$dir/session.conf" -- "$@"
