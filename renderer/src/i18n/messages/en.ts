import { shellEn } from '../../app/shell-messages';
import { composeEn } from '../../compose/messages';
import { outboxEn } from '../../outbox/messages';
import { inboxEn } from '../../inbox/messages';
import { privacyEn } from '../../privacy/messages';
import { sendErrorsEn } from './send-errors';
import { contactsEn } from '../../contacts/messages';
import { printerEn } from '../../printer/messages';
import { sessionEn } from '../../session/messages';
import { viewerEn } from '../../viewer/messages';
import { desktopEn } from '../../desktop/messages';

/**
 * English messages: the reference catalogue. Every other language must have the same keys
 * (the type checker enforces it), so no screen can show a missing string.
 */
export const en = {
  ...viewerEn,
  ...desktopEn,
  ...sessionEn,
  ...inboxEn,
  ...privacyEn,
  ...composeEn,
  ...outboxEn,
  ...shellEn,
  ...sendErrorsEn,
  ...contactsEn,
  ...printerEn,
  'app.name': 'Kamifax',
  'app.loading': 'Starting Kamifax…',
  'app.startFailed': 'Kamifax could not start: {reason}',
  'nav.label': 'Main navigation',
  'nav.inbox': 'Inbox',
  'nav.compose': 'New fax',
  'nav.outbox': 'Outbox',
  'nav.contacts': 'Contacts',
  'nav.privacy': 'Privacy',
  'nav.account': 'Account',
  'nav.settings': 'Settings',
  'nav.shortcutHint': 'Ctrl+{n}',
  'screen.placeholder': 'This screen is being built. It will arrive in a coming release.',
  'screen.inbox.title': 'Inbox',
  'screen.compose.title': 'Compose a fax',
  'screen.outbox.title': 'Outbox',
  'screen.contacts.title': 'Contacts',
  'screen.privacy.title': 'Privacy',
  'screen.account.title': 'Account',
  'screen.settings.title': 'Settings',
  'settings.language': 'Language',
  'settings.language.system': 'Same as the system',
  'settings.language.en': 'English',
  'settings.language.ja': '日本語 (Japanese)',
  'settings.theme': 'Theme',
  'settings.theme.system': 'Same as the system',
  'settings.theme.light': 'Light',
  'settings.theme.dark': 'Dark',
  'settings.notifications': 'New-fax notifications',
  'settings.notifications.off': 'Off',
  'settings.notifications.generic': 'Say only “New fax”',
  'settings.notifications.details': 'Show the sender and the page count',
  'settings.notifications.note': 'Notifications never show what a fax says.',
  'settings.saved': 'Settings saved',
  'settings.localData': 'Data on this computer',
  'settings.clearLocalNote':
    'Removes the faxes cached on this computer. They stay on the service and download again when you open them.',
  'settings.clearLocal': 'Clear local data',
  'settings.clearLocalDone': 'Cached faxes removed from this computer',
  'about.title': 'About',
  'about.version': 'Version {version} · {host} host · {platform}',
  'about.host.electron': 'desktop',
  'about.host.headless': 'browser',
  'errors.invalid_request': 'Kamifax did not understand that request.',
  'errors.unknown_channel': 'Kamifax did not understand that request.',
  'errors.forbidden_sender': 'That request came from an untrusted page and was refused.',
  'errors.refused_url': 'Only secure (https) links can be opened.',
  'errors.host_unavailable': 'Kamifax has stopped running. Restart it and try again.',
  'errors.unsupported_on_host': 'That is not available in the browser version of Kamifax.',
  'errors.file_too_large': 'That file is too large to open.',
  'errors.file_unreadable': 'That file could not be read.',
  'errors.not_saved_here': 'Kamifax can only show files it saved itself.',
  'errors.offline': 'You appear to be offline. Kamifax will keep trying; what you do now is saved.',
  'errors.service_unreachable':
    'The fax service is not answering. Check the address, or try again in a moment.',
  'errors.signed_out':
    'Your sign-in has ended. Please sign in again; nothing on this computer was lost.',
  'errors.cancelled': 'Cancelled.',
  'errors.server_error': 'The fax service had a problem. Please try again in a moment.',
  'errors.request_refused': 'The fax service refused that request.',
  'errors.invalid_credentials': 'That e-mail address and password do not match an account.',
  'errors.email_taken': 'An account with that e-mail address already exists. Sign in instead.',
  'errors.underage': 'Accounts are only for people aged 13 or over.',
  'errors.rate_limited': 'Too many attempts. Please wait a minute and try again.',
  'errors.quota_exceeded': 'You have used all the pages your plan allows this period.',
  'errors.plan_rule': 'Your plan does not allow that change.',
  'errors.not_found': 'That fax is no longer there. It may have been deleted elsewhere.',
  'errors.document_damaged': 'The fax document arrived damaged. Please try again.',
  'errors.keychain_unavailable':
    'Kamifax cannot reach your system keychain, where it keeps your sign-in. Unlock the keyring (or install one, such as GNOME Keyring) and try again.',
  'errors.service_incompatible':
    'The service answered in a form this version of Kamifax cannot read. Nothing was changed here; update Kamifax or ask your service provider.',
  'errors.internal': 'Something went wrong inside Kamifax. Please try again.',
} as const;

/** A message key. */
export type MessageKey = keyof typeof en;
/** A complete catalogue in some language. */
export type Catalogue = Record<MessageKey, string>;
