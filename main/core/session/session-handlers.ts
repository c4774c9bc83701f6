import type { Handlers } from '../rpc/router';
import type { SessionService } from './session-service';
import { fetchAccount } from '../api/account-api';

type SessionChannels =
  'session:get' | 'session:signIn' | 'session:signUp' | 'session:signOut' | 'account:get';

/** Runs a service call for the signed-in account; a revoked sign-in ends the session. */
export async function forAccount<T>(session: SessionService, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error: unknown) {
    if ((error as { code?: unknown }).code === 'signed_out') await session.revoked();
    throw error;
  }
}

/** The sign-in and account channels. */
export function sessionHandlers(session: SessionService): Pick<Handlers, SessionChannels> {
  return {
    'session:get': () => session.current(),
    'session:signIn': ({ service, email, password }) => session.signIn(service, email, password),
    'session:signUp': ({ service, ...details }) => session.signUp(service, details),
    'session:signOut': () => session.signOut(),
    'account:get': () => forAccount(session, () => fetchAccount(session.requireAccount().http)),
  };
}
