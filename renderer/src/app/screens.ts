import {
  CircleUser,
  FileText,
  Inbox,
  SendHorizontal,
  Settings,
  ShieldCheck,
  SquarePen,
  Trash2,
  Users,
  CheckCheck,
  type LucideIcon,
} from 'lucide-react';
import type { MessageKey } from '../i18n/messages/en';

/**
 * The screens of the navigation in DESIGN.md's order; Ctrl+1…9 follow it. Adding a screen is
 * one entry here (id and icon) plus its words (`nav.<id>`, `screen.<id>.title`).
 */
const table = {
  compose: SquarePen,
  inbox: Inbox,
  outbox: SendHorizontal,
  sent: CheckCheck,
  drafts: FileText,
  trash: Trash2,
  contacts: Users,
  privacy: ShieldCheck,
  account: CircleUser,
  settings: Settings,
} satisfies Record<string, LucideIcon>;

/** A screen id. */
export type ScreenId = keyof typeof table;

/** The screens in navigation order. */
export const screens = Object.keys(table) as ScreenId[];

/** The icon beside a screen's label. */
export function screenIcon(screen: ScreenId): LucideIcon {
  return table[screen];
}

/** The navigation label of a screen. */
export function navLabel(screen: ScreenId): MessageKey {
  return `nav.${screen}`;
}

/** The heading of a screen. */
export function screenTitle(screen: ScreenId): MessageKey {
  return `screen.${screen}.title`;
}

/** The screens of the sending half (Compose, Drafts, Outbox, Sent), drawn by `SendingScreens`. */
export const sendingScreens = ['compose', 'drafts', 'outbox', 'sent'] as const;

/** One of the sending half's screens. */
export type SendingScreen = (typeof sendingScreens)[number];

/** True for a screen `SendingScreens` draws (so the shell needs one branch for all four). */
export function isSendingScreen(screen: string): screen is SendingScreen {
  return (sendingScreens as readonly string[]).includes(screen);
}
