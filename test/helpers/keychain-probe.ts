// Exits 0 when keytar can write, read and delete a throwaway secret.
import { KeytarCredentialStore } from '../../main/core/credentials/keytar-store';

const store = new KeytarCredentialStore(5000);
const scope = { service: 'probe', account: `probe-${process.pid}@kamifax.invalid` };
await store.set(scope, 'data-key', 'probe');
const ok = (await store.get(scope, 'data-key')) === 'probe';
await store.deleteScope(scope);
process.exit(ok ? 0 : 1);
