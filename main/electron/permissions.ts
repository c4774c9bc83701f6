import type { Session } from 'electron';
import { isTrustedSender } from '../core/security/sender';

/** The one permission our page is granted: writing plain text to the clipboard (Copy buttons). */
export const grantedPermission = 'clipboard-sanitized-write';

/**
 * Denies every permission (camera, geolocation, notifications through the web API, clipboard
 * reads…) except the sanitized clipboard write, and that only to the main frame of our own
 * origin: the account screen's Copy button needs it. Native notifications come from main.
 */
export function applyPermissionPolicy(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  trustedOrigins: readonly string[],
): void {
  const allowed = (permission: string, url: string | undefined, isMainFrame: boolean) =>
    permission === grantedPermission &&
    isTrustedSender({ url: url ?? '', isMainFrame }, trustedOrigins);
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details.requestingUrl, details.isMainFrame)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowed(permission, requestingOrigin, details.isMainFrame),
  );
}
