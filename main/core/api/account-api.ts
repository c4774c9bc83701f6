import type { Account } from '../../../preload/contract';
import type { HttpClient } from './http-client';
import type { WireAccount } from './wire';

/** The service's `GET /v1/account`, in the shape the Account screen shows. */
export async function fetchAccount(http: HttpClient): Promise<Account> {
  const { data } = await http.request<WireAccount>({ method: 'GET', path: '/v1/account' });
  const { name, email, plan, trialEndsAt, faxNumbers, usage } = data;
  return { name, email, plan, trialEndsAt, faxNumbers, usage };
}
