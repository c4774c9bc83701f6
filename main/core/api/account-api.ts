import type { Account } from '../../../preload/contract';
import type { HttpClient } from './http-client';

/** The account as the service sends it (service/openapi.json, `Account`). */
interface WireAccount extends Account {
  id: string;
  demographics: Record<string, string | null>;
  policy: { currentVersion: number; acceptedVersion: number | null };
}

/** The service's `GET /v1/account`, in the shape the Account screen shows. */
export async function fetchAccount(http: HttpClient): Promise<Account> {
  const { data } = await http.request<WireAccount>({ method: 'GET', path: '/v1/account' });
  const { name, email, plan, trialEndsAt, faxNumbers, usage } = data;
  return { name, email, plan, trialEndsAt, faxNumbers, usage };
}
