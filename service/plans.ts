import type { AccountRow, Plan } from './storage/storage';

/** Pages per period; null is no limit. */
export interface PlanLimits {
  receivedPages: number | null;
  sentPages: number | null;
}

/**
 * The reference plans: the trial matches the service our users know (100 received, 50 sent
 * pages over 30 days); free is a small allowance; paid has generous limits.
 */
export const planLimits: Record<Plan, PlanLimits> = {
  trial: { receivedPages: 100, sentPages: 50 },
  free: { receivedPages: 20, sentPages: 5 },
  paid: { receivedPages: 1000, sentPages: 500 },
};

/** Trials last 30 days. */
export const trialDays = 30;
const periodMs = 30 * 24 * 3600_000;

/** The usage period containing `now`: 30-day periods counted from the account's creation. */
export function currentPeriod(
  account: Pick<AccountRow, 'createdAt'>,
  now: number,
): { start: number; end: number } {
  const index = Math.max(0, Math.floor((now - account.createdAt) / periodMs));
  const start = account.createdAt + index * periodMs;
  return { start, end: start + periodMs };
}
