import { createContext, useContext, useEffect } from 'react';

/**
 * A few words a screen adds to the window title (Compose: "Draft saved" or "Saving…"), so
 * the title bar tells whether the open draft is safe. The shell owns `document.title`; a
 * screen only hands it its detail, which goes when the screen does.
 */
export const TitleDetailContext = createContext<(detail: string | null) => void>(() => undefined);

/** Shows `detail` in the window title while the calling screen is mounted. */
export function useTitleDetail(detail: string | null): void {
  const setDetail = useContext(TitleDetailContext);
  useEffect(() => setDetail(detail), [setDetail, detail]);
  useEffect(() => () => setDetail(null), [setDetail]);
}

/** The window title: unread count, screen, the screen's detail, then the app's name. */
export function windowTitle(parts: {
  unread: number;
  screen: string;
  detail: string | null;
  app: string;
}): string {
  const unread = parts.unread > 0 ? `(${parts.unread}) ` : '';
  const detail = parts.detail ? ` · ${parts.detail}` : '';
  return `${unread}${parts.screen}${detail} — ${parts.app}`;
}
