/** What a transport knows about the frame that sent a message. */
export interface SenderInfo {
  /** The sending frame's URL, as reported by the host (Electron's `senderFrame.url`). */
  url: string;
  /** True only for the top-level frame of our window, never an iframe. */
  isMainFrame: boolean;
}

/**
 * True when a message comes from the main frame of one of our own pages. Origins are
 * compared after parsing, so `app://kamifax.evil` or `https://evil/?app://kamifax` fail.
 */
export function isTrustedSender(sender: SenderInfo, trustedOrigins: readonly string[]): boolean {
  if (!sender.isMainFrame) return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  const origin =
    url.protocol === 'http:' || url.protocol === 'https:'
      ? url.origin
      : `${url.protocol}//${url.host}`;
  return trustedOrigins.includes(origin);
}
