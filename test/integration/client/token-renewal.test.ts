import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CredentialStore } from '../../../main/core/credentials/credential-store';
import { KeytarCredentialStore } from '../../../main/core/credentials/keytar-store';
import { hasKeychain } from '../../helpers/keychain';
import { fileCredentialStore } from './file-credentials';
import { startTestClient, startTestService, type TestService } from './harness';

const childScript = join(process.cwd(), 'test/integration/client/renewal-child.ts');
const alice = { email: 'alice@example.com', password: 'kamifax-demo' };

interface Child {
  process: ChildProcess;
  ready: Promise<string>;
  result: Promise<{ errors: string[]; state: string }>;
}

function startChild(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', childScript], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  let onReady: (line: string) => void = () => {};
  let onResult: (value: { errors: string[]; state: string }) => void = () => {};
  const ready = new Promise<string>((resolve) => (onReady = resolve));
  const result = new Promise<{ errors: string[]; state: string }>((resolve, reject) => {
    onResult = resolve;
    proc.on('exit', (code) => reject(new Error(`renewal process exited ${code}: ${output}`)));
  });
  proc.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const ready = /^ready (\w+)$/m.exec(output);
    if (ready) onReady(ready[1]!);
    const json = /^(\{.*\})$/m.exec(output);
    if (json) onResult(JSON.parse(json[1]!) as { errors: string[]; state: string });
  });
  return { process: proc, ready, result };
}

/**
 * The app and `kamifax send` share one rotating refresh token in the keychain. Two real
 * processes renew it at the same moment, five times each, against the real service: with the
 * renewal lock every renewal succeeds and the sign-in survives (a third start restores it).
 * The control runs the same two processes without the lock: the service sees a rotated token
 * used again and revokes the sign-in — what users met before.
 */
describe('two processes renewing one sign-in at the same moment', { timeout: 180_000 }, () => {
  let service: TestService;
  const folders: string[] = [];

  afterEach(async () => {
    await service?.stop();
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  async function race(store: string, credentials: CredentialStore, mode: 'core' | 'unlocked') {
    service = await startTestService();
    const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-renew-'));
    folders.push(dataDir);
    const first = await startTestClient({ credentials, dataDir });
    await first.core.session.signIn(
      { kind: 'remote', url: service.url },
      alice.email,
      alice.password,
    );
    await first.close();
    const env = {
      RENEW_DATA: dataDir,
      RENEW_STORE: store,
      RENEW_MODE: mode,
      RENEW_URL: service.url,
      RENEW_ROUNDS: '5',
    };
    const children = [startChild(env), startChild(env)];
    const states = await Promise.all(children.map((c) => c.ready));
    for (const child of children) child.process.stdin!.write('go\n');
    const results = await Promise.all(children.map((c) => c.result));
    const after = await startTestClient({ credentials, dataDir });
    const survived = after.core.session.current().status;
    await after.core.session.signOut();
    await after.close();
    return { states, results, survived };
  }

  async function fileStore() {
    const folder = await mkdtemp(join(tmpdir(), 'kamifax-renew-store-'));
    folders.push(folder);
    const path = join(folder, 'keychain.json');
    // The parent reads and writes the same file as the children.
    return { path, credentials: fileCredentialStore(path) };
  }

  it.skipIf(!hasKeychain)(
    'with the real keychain: every renewal works and the sign-in survives',
    async () => {
      const { states, results, survived } = await race(
        'keychain',
        new KeytarCredentialStore(5000),
        'core',
      );
      console.log(
        'keychain, two processes x 5 renewals:',
        JSON.stringify(results),
        'after:',
        survived,
      );
      expect(states).toEqual(['signedIn', 'signedIn']);
      expect(results).toEqual([
        { errors: [], state: 'signedIn' },
        { errors: [], state: 'signedIn' },
      ]);
      expect(survived).toBe('signedIn');
    },
  );

  it('with a shared credential file: every renewal works and the sign-in survives', async () => {
    const { path, credentials } = await fileStore();
    const { results, survived } = await race(path, credentials, 'core');
    console.log(
      'file store, two processes x 5 renewals:',
      JSON.stringify(results),
      'after:',
      survived,
    );
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    expect(survived).toBe('signedIn');
  });

  it('control, without the lock: the same race revokes the sign-in', async () => {
    // A race: on a loaded machine the two renewals can miss each other (one then reads the
    // shared file mid-write and fails alone), so it is run up to three times for the revocation.
    let outcome: Awaited<ReturnType<typeof race>> | undefined;
    for (let attempt = 0; attempt < 3 && outcome?.survived !== 'signedOut'; attempt += 1) {
      if (outcome) await service.stop();
      const { path, credentials } = await fileStore();
      outcome = await race(path, credentials, 'unlocked');
      console.log(
        'control without the lock:',
        JSON.stringify(outcome.results),
        'after:',
        outcome.survived,
      );
    }
    expect(outcome!.results.flatMap((r) => r.errors).length).toBeGreaterThan(0);
    expect(outcome!.survived).toBe('signedOut');
  });
});
