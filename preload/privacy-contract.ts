/**
 * The privacy half of the contract (issue 13): the policy's choices as settings, the policy
 * and its consents, the profile, blocked numbers, export, deletion, termination, and what is
 * kept on this computer. `contract.ts` spreads these tables into its own, so there is still
 * one contract. `main/core/privacy/README.md` describes what each channel does.
 */
import { z } from 'zod';
import { namedFileSchema, savedFileSchema, showInFolderChannel } from './file-shapes';

const password = z.string().min(1).max(1024);

/** Every choice the policy gives, as the service names it. */
export const privacySettingNames = [
  'productEmail',
  'partnerPromotions',
  'tailoredPromotions',
  'administrativeNotices',
  'policyChangeEmail',
  'surveys',
  'surveyDataSharing',
  'profilePersonalisation',
] as const;

/** One privacy setting's name. */
export const privacySettingSchema = z.enum(privacySettingNames);

/** Why the plan does not let a setting change (the service's reasons). */
export const lockReasonSchema = z.enum([
  'always_on',
  'free_plan_cancel_to_stop',
  'free_plan_upgrade_to_opt_out',
]);

const settingsRecord = z.record(privacySettingSchema, z.boolean());
const partialSettings = z.partialRecord(privacySettingSchema, z.boolean());

/** The profile the service holds: name, e-mail and the optional demographics. */
export const profileSchema = z.object({
  name: z.string(),
  email: z.string(),
  plan: z.enum(['trial', 'free', 'paid']),
  demographics: z.object({
    gender: z.string().nullable(),
    incomeLevel: z.string().nullable(),
    occupation: z.string().nullable(),
  }),
});

/** A new use of data the service asks about; `answer` null means not answered yet. */
export const consentSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  answer: z.object({ granted: z.boolean(), answeredAt: z.string() }).nullable(),
});

/** The current policy, and what this account accepted. */
export const policySchema = z.object({
  version: z.number().int(),
  effectiveDate: z.string(),
  text: z.string(),
  accepted: z.boolean(),
  acceptedVersion: z.number().int().nullable(),
  /** When this computer sent the acceptance (null when accepted elsewhere or at sign-up). */
  acceptedAt: z.string().nullable(),
});

/** Everything the Privacy screen shows, as main keeps it (local edits already applied). */
export const privacyViewSchema = z.object({
  /** False until the first answer from the service (nothing is assumed before it). */
  loaded: z.boolean(),
  settings: settingsRecord,
  rules: z.record(
    privacySettingSchema,
    z.object({ editable: z.boolean(), reason: lockReasonSchema.nullable() }),
  ),
  version: z.number().int().nullable(),
  sync: z.enum(['synced', 'pending', 'offline', 'conflict']),
  /** Settings changed here and not yet on the service. */
  pending: z.array(privacySettingSchema),
  /** A 412: what the other device changed, and our edits waiting for the user's choice. */
  conflict: z
    .object({
      changed: z.array(privacySettingSchema),
      theirs: settingsRecord,
      mine: partialSettings,
    })
    .nullable(),
  /** A 422: the setting put back, and the plan's reason. */
  refused: z
    .object({ setting: privacySettingSchema, reason: lockReasonSchema.nullable() })
    .nullable(),
  profile: profileSchema.nullable(),
  policy: policySchema.nullable(),
  consents: z.array(consentSchema),
  lastSyncAt: z.number().nullable(),
});

/** What Kamifax keeps on this computer, measured now. */
export const localDataSchema = z.object({
  dataDir: z.string(),
  items: z.array(
    z.object({
      kind: z.enum([
        'settings',
        'session',
        'inbox',
        'documents',
        'privacy',
        'drafts',
        'contacts',
        'saved',
        'demoService',
        'logs',
        'browserEngine',
      ]),
      path: z.string(),
      bytes: z.number(),
      files: z.number().int(),
    }),
  ),
});

const view = privacyViewSchema;
const blocked = z.object({ numbers: z.array(z.string()) });
const number = z.object({ number: z.string().trim().min(1).max(40) }).strict();
const empty = z.object({}).strict();
const demographic = z.string().trim().max(100).nullable().optional();

/** The privacy channels. */
export const privacyChannels = {
  'privacy:get': { request: empty, response: view },
  'privacy:set': { request: z.object({ settings: partialSettings }).strict(), response: view },
  'privacy:syncNow': { request: empty, response: view },
  'privacy:resolveConflict': {
    request: z.object({ keep: z.enum(['mine', 'theirs']) }).strict(),
    response: view,
  },
  'privacy:dismissRefusal': { request: empty, response: view },
  'privacy:acceptPolicy': {
    request: z.object({ version: z.number().int() }).strict(),
    response: view,
  },
  'privacy:answerConsent': {
    request: z.object({ id: z.string().min(1).max(100), granted: z.boolean() }).strict(),
    response: view,
  },
  'privacy:updateProfile': {
    request: z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        email: z.string().trim().email().max(254).optional(),
        demographics: z
          .object({ gender: demographic, incomeLevel: demographic, occupation: demographic })
          .strict()
          .optional(),
      })
      .strict(),
    response: view,
  },
  'privacy:requestExport': {
    request: z.object({ password }).strict(),
    response: z.object({ id: z.string(), status: z.string(), createdAt: z.string() }),
  },
  /** The export's bytes, for the browser host to download. */
  'privacy:exportFile': {
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: namedFileSchema,
  },
  /** Saves the export where the user chooses (desktop host); null when they cancel. */
  'privacy:saveExport': {
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: savedFileSchema,
  },
  'privacy:showExport': showInFolderChannel,
  /** Asks the service to delete the personal information, then signs out and clears this computer. */
  'privacy:requestDeletion': {
    request: z.object({ password }).strict(),
    response: z.object({ dueAt: z.string() }),
  },
  /** Terminates the account now, then signs out and clears this computer. */
  'privacy:terminate': {
    request: z.object({ password }).strict(),
    response: z.object({ terminated: z.boolean() }),
  },
  'blocked:list': { request: empty, response: blocked },
  'blocked:add': { request: number, response: blocked },
  'blocked:remove': { request: number, response: blocked },
  'localData:describe': { request: empty, response: localDataSchema },
} as const;

/** Events of the privacy feature. */
export const privacyEvents = {
  'privacy:changed': privacyViewSchema,
  'privacy:exportProgress': z.object({ loaded: z.number(), total: z.number().nullable() }),
  /** The user clicked the new-policy notification. */
  'privacy:open': z.object({}),
} as const;

/** Error codes of the privacy feature; each has en/ja text under `errors.<code>`. */
export const privacyErrorCodes = [
  'password_incorrect',
  'needs_connection',
  'policy_version_mismatch',
  'invalid_number',
  'request_not_ready',
  'email_invalid',
] as const;

/** What the Privacy screen shows. */
export type PrivacyView = z.output<typeof privacyViewSchema>;
/** One setting's name. */
export type PrivacySettingName = z.output<typeof privacySettingSchema>;
/** Why a setting is locked. */
export type LockReason = z.output<typeof lockReasonSchema>;
/** The profile. */
export type Profile = z.output<typeof profileSchema>;
/** What is on this computer. */
export type LocalData = z.output<typeof localDataSchema>;
