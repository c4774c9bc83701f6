/**
 * Runs keychain calls in a process of its own, for the cases that must not touch the test's
 * keyring (a missing bus, a bus that never answers, a locked collection).
 * Usage: node --import tsx keychain-child.ts <timeout ms> <set|get|delete|deleteScope>...
 * Prints `<call>: ok: <json>` or `<call>: <code>: <message>` per call, then `done`.
 */
import { KeytarCredentialStore } from '../../../main/core/credentials/keytar-store';

const [timeoutMs, ...calls] = process.argv.slice(2);
const store = new KeytarCredentialStore(Number(timeoutMs));
const scope = { service: 'child', account: 'a@example.com' };
const run: Record<string, () => Promise<unknown>> = {
  set: () => store.set(scope, 'data-key', 'kept'),
  get: () => store.get(scope, 'data-key'),
  delete: () => store.delete(scope, 'data-key'),
  deleteScope: () => store.deleteScope(scope),
};
for (const call of calls) {
  try {
    console.log(`${call}: ok: ${JSON.stringify((await run[call]!()) ?? null)}`);
  } catch (error: unknown) {
    const { code, message } = error as { code?: string; message?: string };
    console.log(`${call}: ${code}: ${message}`);
  }
}
console.log('done');
// A libsecret call stuck on a silent bus keeps the process alive; the parent kills it.
process.exit(0);
