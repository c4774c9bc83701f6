import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  consentSchema,
  lockReasonSchema,
  privacySettingNames,
  privacySettingSchema,
  profileSchema,
  type PrivacySettingName,
  type PrivacyView,
} from '../../../preload/privacy-contract';
import type { WirePrivacy } from './privacy-api';
import { writeFileAtomic } from '../fs/atomic-write';

const settings = z.record(privacySettingSchema, z.boolean());
const partial = z.partialRecord(privacySettingSchema, z.boolean());

/** What `privacy.json` in the account's folder holds: the service's last answer and our edits. */
export const storedPrivacySchema = z.object({
  server: z
    .object({
      version: z.number().int(),
      settings,
      rules: z.record(
        privacySettingSchema,
        z.object({ editable: z.boolean(), reason: lockReasonSchema.nullable() }),
      ),
      plan: z.enum(['trial', 'free', 'paid']).nullable(),
    })
    .nullable(),
  /** Edits made here that the service has not confirmed. */
  pending: partial,
  /** The version and values the pending edits were made on (for If-Match and for conflicts). */
  base: z.object({ version: z.number().int(), settings }).nullable(),
  conflict: z
    .object({ changed: z.array(privacySettingSchema), theirs: settings, mine: partial })
    .nullable(),
  refused: z
    .object({ setting: privacySettingSchema, reason: lockReasonSchema.nullable() })
    .nullable(),
  profile: profileSchema.nullable(),
  policy: z
    .object({
      version: z.number().int(),
      effectiveDate: z.string(),
      text: z.string(),
      accepted: z.boolean(),
      acceptedVersion: z.number().int().nullable(),
    })
    .nullable(),
  /** When this computer accepted which version (the service keeps no date of its own). */
  acceptance: z.object({ version: z.number().int(), at: z.string() }).nullable(),
  /** The newest policy version already announced, so a restart does not announce it again. */
  announcedPolicy: z.number().int().nullable(),
  consents: z.array(consentSchema),
  lastSyncAt: z.number().nullable(),
});

/** The stored privacy state of one account. */
export type StoredPrivacy = z.output<typeof storedPrivacySchema>;

/** A fresh account's state: nothing known until the service answers. */
export function emptyPrivacy(): StoredPrivacy {
  return {
    server: null,
    pending: {},
    base: null,
    conflict: null,
    refused: null,
    profile: null,
    policy: null,
    acceptance: null,
    announcedPolicy: null,
    consents: [],
    lastSyncAt: null,
  };
}

/** Reads `privacy.json`; a missing or damaged file starts empty (the service has the truth). */
export async function loadPrivacy(path: string): Promise<StoredPrivacy> {
  try {
    const parsed = storedPrivacySchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : emptyPrivacy();
  } catch {
    return emptyPrivacy();
  }
}

/** Persists the state atomically, one write after another. */
export class PrivacyFile {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

  /** Writes a snapshot; resolves when it is on disk. */
  save(state: StoredPrivacy): Promise<void> {
    const text = JSON.stringify(state);
    const next = this.chain.then(() => writeFileAtomic(this.path, text));
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Waits for writes in flight. */
  async settled(): Promise<void> {
    await this.chain;
  }
}

/** The settings names whose values differ between two snapshots. */
export function differing(
  a: Record<PrivacySettingName, boolean>,
  b: Record<PrivacySettingName, boolean>,
): PrivacySettingName[] {
  return privacySettingNames.filter((name) => a[name] !== b[name]);
}

/** What the screen shows: the service's values with our edits on top. */
export function viewOf(state: StoredPrivacy, offline: boolean): PrivacyView {
  const server = state.server;
  const pendingNames = Object.keys(state.pending) as PrivacySettingName[];
  const off = Object.fromEntries(privacySettingNames.map((n) => [n, false])) as Record<
    PrivacySettingName,
    boolean
  >;
  const locked = Object.fromEntries(
    privacySettingNames.map((n) => [n, { editable: false, reason: null }]),
  ) as PrivacyView['rules'];
  const sync: PrivacyView['sync'] = state.conflict
    ? 'conflict'
    : offline
      ? 'offline'
      : pendingNames.length > 0
        ? 'pending'
        : 'synced';
  const profile =
    state.profile && server?.plan ? { ...state.profile, plan: server.plan } : state.profile;
  return {
    loaded: server !== null,
    settings: server ? { ...server.settings, ...state.pending } : off,
    rules: server ? server.rules : locked,
    version: server?.version ?? null,
    sync,
    pending: pendingNames,
    conflict: state.conflict,
    refused: state.refused,
    profile,
    policy: state.policy && {
      ...state.policy,
      acceptedAt:
        state.acceptance && state.acceptance.version === state.policy.acceptedVersion
          ? state.acceptance.at
          : null,
    },
    consents: state.consents,
    lastSyncAt: state.lastSyncAt,
  };
}

/** The service's privacy answer as it is kept here. */
export function serverOf(wire: WirePrivacy, plan: 'trial' | 'free' | 'paid' | null) {
  const rules = Object.fromEntries(
    privacySettingNames.map((name) => {
      const rule = wire.rules[name];
      const reason = lockReasonSchema.safeParse(rule?.reason);
      return [
        name,
        { editable: rule?.editable ?? false, reason: reason.success ? reason.data : null },
      ];
    }),
  ) as PrivacyView['rules'];
  return {
    version: wire.version,
    settings: { ...wire.settings } as Record<PrivacySettingName, boolean>,
    rules,
    plan,
  };
}

/** A network failure (keep the edit and retry) rather than a refusal. */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return (
    code === 'offline' ||
    code === 'service_unreachable' ||
    code === 'server_error' ||
    code === 'rate_limited'
  );
}
