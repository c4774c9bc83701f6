import { z } from 'zod';
import { ServiceError } from './service-error';
import type { WireAccount, WireChanges, WireFax, WireTokenPair } from './wire';

/**
 * Runtime checks of what the service answers, at the API boundary: a service of another
 * version must not write `NaN` or `undefined` into the local store. Each schema is tied to
 * the generated wire type, so the two cannot drift apart silently. Only the fields the app
 * reads are checked; extra fields are allowed (a newer service may add some).
 */
const dateTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'a date-time');
const count = z.number().int().nonnegative();

/** A fax as the service sends it. */
export const wireFaxSchema = z.object({
  id: z.string().min(1),
  direction: z.enum(['inbound', 'outbound']),
  from: z.string(),
  to: z.string(),
  subject: z.string().nullable(),
  pages: count,
  createdAt: dateTime,
  read: z.boolean(),
  junk: z.boolean(),
  status: z.enum(['received', 'queued', 'sending', 'delivered', 'failed', 'cancelled']),
  trashedAt: dateTime.nullable().optional(),
}) satisfies z.ZodType<Omit<WireFax, 'updatedAt' | 'failureReason' | 'pagesSent'>>;

/** One page of the change feed. */
export const wireChangesSchema = z.object({
  changes: z.array(
    z.object({
      seq: z.number().int(),
      type: z.enum(['upsert', 'delete']),
      faxId: z.string().min(1),
      fax: wireFaxSchema.nullable(),
    }),
  ),
  nextSince: z.number().int().nonnegative(),
  hasMore: z.boolean(),
}) satisfies z.ZodType<Pick<WireChanges, 'nextSince' | 'hasMore'>>;

/** What sign-in and refresh answer. */
export const wireTokenPairSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
}) satisfies z.ZodType<Omit<WireTokenPair, 'expiresIn'>>;

const meter = z.object({ used: count, limit: count.nullable() });

/** The account, as far as the Account screen reads it. */
export const wireAccountSchema = z.object({
  name: z.string(),
  email: z.string(),
  plan: z.enum(['trial', 'free', 'paid']),
  trialEndsAt: dateTime.nullable(),
  faxNumbers: z.array(z.string()),
  usage: z.object({
    periodStart: dateTime,
    periodEnd: dateTime,
    receivedPages: meter,
    sentPages: meter,
  }),
}) satisfies z.ZodType<
  Pick<WireAccount, 'name' | 'email' | 'plan' | 'trialEndsAt' | 'faxNumbers' | 'usage'>
>;

/**
 * The service's answer, checked: a mismatch becomes a clear `service_incompatible` error
 * (naming the first wrong field) instead of bad data further in.
 */
export function checkWire<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(the whole answer)';
  throw new ServiceError(
    'service_incompatible',
    `The service sent ${what} this version of Kamifax cannot read (${where}: ${issue?.message ?? 'invalid'})`,
  );
}
