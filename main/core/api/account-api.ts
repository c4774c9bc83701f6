import type { Account } from '../../../preload/contract';
import type { HttpClient } from './http-client';

/** The service's `GET /v1/account`, in the shape the Account screen shows. */
export async function fetchAccount(http: HttpClient): Promise<Account> {
  const { data } = await http.request<Account>({ method: 'GET', path: '/v1/account' });
  return data;
}
