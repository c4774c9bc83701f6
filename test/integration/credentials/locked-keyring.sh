#!/usr/bin/env bash
# Runs inside its own `dbus-run-session`: a fresh gnome-keyring holding one secret, then its
# collection locked, then a read, a delete and a write. Prints keychain-child.ts's lines.
set -u
child="$(dirname "$0")/keychain-child.ts"
echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
node --import tsx "$child" 5000 set >/dev/null
gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
  --method org.freedesktop.Secret.Service.Lock "[objectpath '/org/freedesktop/secrets/collection/login']" >/dev/null
node --import tsx "$child" 5000 get delete deleteScope set
