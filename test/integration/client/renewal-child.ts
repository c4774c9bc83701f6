// One process that renews the account's tokens (the app, or `kamifax send`) for the
// token-renewal test. RENEW_DATA: the shared data folder; RENEW_STORE: `keychain` or the path of a
// JSON file standing in for it; RENEW_MODE: `core` (the real composition root, with its lock) or
// `unlocked` (a TokenKeeper without the lock: the control). Prints `ready`, waits for a line on
// stdin, renews RENEW_ROUNDS times, prints a JSON line with the outcome.
import { createInterface } from 'node:readline';
import { AuthApi } from '../../../main/core/api/auth-api';
import { HttpClient } from '../../../main/core/api/http-client';
import { KeytarCredentialStore } from '../../../main/core/credentials/keytar-store';
import { createLogger } from '../../../main/core/log/logger';
import { scopeName } from '../../../main/core/session/session-prefs';
import { TokenKeeper } from '../../../main/core/session/token-keeper';
import { fileCredentialStore } from './file-credentials';
import { startTestClient } from './harness';

const env = process.env;
const credentials =
  env.RENEW_STORE === 'keychain'
    ? new KeytarCredentialStore(5000)
    : fileCredentialStore(env.RENEW_STORE!);
const rounds = Number(env.RENEW_ROUNDS ?? 5);
let renew: () => Promise<unknown>;
let state: () => string;
let close = async () => {};
if (env.RENEW_MODE === 'core') {
  const client = await startTestClient({ credentials, dataDir: env.RENEW_DATA! });
  renew = () => client.core.session.requireAccount().tokens.renew();
  state = () => client.core.session.current().status;
  close = () => client.close();
} else {
  const scope = {
    service: scopeName({ kind: 'remote', url: env.RENEW_URL! }),
    account: 'alice@example.com',
  };
  const log = createLogger(() => {}, 'child');
  const auth = new AuthApi(new HttpClient({ baseUrl: env.RENEW_URL!, log }));
  const keeper = new TokenKeeper({
    renew: (token) => auth.refresh(token),
    loadRefreshToken: () => credentials.get(scope, 'refresh-token'),
    saveRefreshToken: (token) => credentials.set(scope, 'refresh-token', token),
  });
  renew = () => keeper.renew();
  state = () => 'unknown';
}
process.stdout.write(`ready ${state()}\n`);
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
const errors: string[] = [];
for (let round = 0; round < rounds; round += 1) {
  try {
    await renew();
  } catch (error: unknown) {
    errors.push((error as { code?: string }).code ?? String(error));
  }
}
process.stdout.write(`${JSON.stringify({ errors, state: state() })}\n`);
lines.close();
await close();
process.exit(0);
