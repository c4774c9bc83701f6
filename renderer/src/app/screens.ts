import type { MessageKey } from '../i18n/messages/en';

/** The screens of the navigation, in order; Ctrl+1…7 jump to them. */
export const screens = [
  'inbox',
  'compose',
  'outbox',
  'contacts',
  'privacy',
  'account',
  'settings',
] as const;

/** A screen id. */
export type ScreenId = (typeof screens)[number];

/** The navigation label of a screen. */
export function navLabel(screen: ScreenId): MessageKey {
  return `nav.${screen}`;
}

/** The heading of a screen. */
export function screenTitle(screen: ScreenId): MessageKey {
  return `screen.${screen}.title`;
}
