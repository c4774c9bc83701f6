#!/usr/bin/env bash
# Runs inside its own `dbus-run-session`: a fresh gnome-keyring, unlocked, then locked, then
# a write through KeytarCredentialStore. Prints the outcome for keytar-store.test.ts to check.
set -u
store="$1"
echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
  --method org.freedesktop.Secret.Service.Lock "[objectpath '/org/freedesktop/secrets/collection/login']" >/dev/null
node --import tsx --input-type=module -e "
import { KeytarCredentialStore } from '${store}';
try {
  await new KeytarCredentialStore(5000).set({ service: 'locked', account: 'a@example.com' }, 'data-key', 'v');
  console.log('stored');
} catch (error) {
  console.log(error.code + ': ' + error.message);
}
process.exit(0);
"
