import type { Account } from '../../../preload/contract';
import type { HttpClient } from './http-client';
import { checkWire, wireAccountSchema } from './wire-schemas';

/** The service's `GET /v1/account`, in the shape the Account screen shows. */
export async function fetchAccount(http: HttpClient): Promise<Account> {
  const response = await http.request<unknown>({ method: 'GET', path: '/v1/account' });
  const data = checkWire(wireAccountSchema, response.data, 'an account');
  const { name, email, plan, trialEndsAt, faxNumbers, usage } = data;
  return { name, email, plan, trialEndsAt, faxNumbers, usage };
}
