import type { Plan } from '../storage/storage';

/**
 * Every choice the policy gives a user, as a setting. Defaults follow the policy: tailored
 * promotions, policy-change e-mail and survey sharing are off until the user says yes.
 */
export const privacyDefaults = {
  /** E-mail about our own products, features and tips. */
  productEmail: true,
  /** Promotions from advertising partners. */
  partnerPromotions: true,
  /** Promotions tailored to the user's interests (opt-in only). */
  tailoredPromotions: false,
  /** Maintenance and account notices: always on. */
  administrativeNotices: true,
  /** E-mail when the privacy policy changes (opt-in). */
  policyChangeEmail: false,
  /** Invitations to satisfaction surveys (voluntary, with an opt-out). */
  surveys: true,
  /** Sharing survey answers with third parties (only with a yes). */
  surveyDataSharing: false,
  /** Using activity to tailor the service (can be turned off). */
  profilePersonalisation: true,
} as const;

/** A privacy setting's name. */
export type PrivacySetting = keyof typeof privacyDefaults;
/** Why a setting cannot be changed. */
export type LockReason = 'always_on' | 'free_plan_cancel_to_stop' | 'free_plan_upgrade_to_opt_out';

/** All setting names. */
export const privacySettings = Object.keys(privacyDefaults) as PrivacySetting[];

/**
 * Whether a plan may change a setting, and the policy's reason when not. The trial is the
 * paid service on trial, so it follows the paid rules.
 */
export function ruleFor(
  plan: Plan,
  setting: PrivacySetting,
): { editable: true } | { editable: false; reason: LockReason; value: boolean } {
  if (setting === 'administrativeNotices')
    return { editable: false, reason: 'always_on', value: true };
  if (plan === 'free' && setting === 'productEmail')
    return { editable: false, reason: 'free_plan_cancel_to_stop', value: true };
  if (plan === 'free' && setting === 'partnerPromotions') {
    return { editable: false, reason: 'free_plan_upgrade_to_opt_out', value: true };
  }
  return { editable: true };
}

/** The settings as a plan forces them (after a plan change, locked ones take their value). */
export function enforcePlan(
  plan: Plan,
  settings: Record<PrivacySetting, boolean>,
): Record<PrivacySetting, boolean> {
  const out = { ...settings };
  for (const setting of privacySettings) {
    const rule = ruleFor(plan, setting);
    if (!rule.editable) out[setting] = rule.value;
  }
  return out;
}

/** The first policy version, summarising the policy our users know. */
export const initialPolicy = {
  version: 1,
  effectiveDate: '2026-01-01',
  text: [
    'Kamifax reference service privacy policy (summary).',
    'We collect your name, e-mail address, fax numbers and, if you choose, demographics (gender, income level, occupation).',
    'We carry your faxes as a passive conduit and do not read, edit or disclose their content except where the law requires.',
    'You may opt out of product e-mail on a paid plan; free users stop it by cancelling. Partner promotions can be turned off',
    'on a paid plan; free users opt out by upgrading or cancelling. Tailored promotions are only ever sent if you opt in.',
    'Administrative notices about maintenance and your account cannot be turned off. Surveys are voluntary.',
    'You can see, correct, export and delete your personal information, and close your account. We do not knowingly',
    'hold information about children under 13.',
  ].join('\n'),
};
