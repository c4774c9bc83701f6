import type { Handlers } from '../rpc/router';
import type { SessionService } from './session-service';
import { fetchAccount } from '../api/account-api';

type SessionChannels =
  | 'session:get'
  | 'session:signIn'
  | 'session:signUp'
  | 'session:signOut'
  | 'session:retryRestore'
  | 'account:get';

/** The sign-in and account channels. */
export function sessionHandlers(session: SessionService): Pick<Handlers, SessionChannels> {
  return {
    'session:get': () => session.current(),
    'session:signIn': ({ service, email, password, remember }) =>
      session.signIn(service, email, password, remember ?? false),
    'session:signUp': ({ service, ...details }) => session.signUp(service, details),
    'session:signOut': () => session.signOut(),
    'session:retryRestore': () => session.retryRestore(),
    'account:get': () => fetchAccount(session.requireAccount().http),
  };
}
