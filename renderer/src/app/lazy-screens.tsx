import { useEffect } from 'react';
import { detach } from './detach';
import { afterFirstRow, whenIdle } from './first-row';
import { preloadable } from './lazy';

/*
 * The page's first script holds the shell and the inbox list only. Everything else (the other
 * screens, the viewer and pdf.js, the full phone-number metadata, the contract's schemas for
 * sending and privacy) loads on first use, and is fetched ahead in idle moments after the
 * inbox's first rows, so that switching screens or opening a fax stays instant.
 */

export const SettingsScreen = preloadable(() =>
  import('../screens/SettingsScreen').then((m) => m.SettingsScreen),
);
export const AccountScreen = preloadable(() =>
  import('../account/AccountScreen').then((m) => m.AccountScreen),
);
export const PrivacyScreen = preloadable(() =>
  import('../privacy/PrivacyScreen').then((m) => m.PrivacyScreen),
);
export const PolicyUpdateBanner = preloadable(() =>
  import('../privacy/PolicyUpdateBanner').then((m) => m.PolicyUpdateBanner),
);
export const ContactsScreen = preloadable(() =>
  import('../contacts/ContactsScreen').then((m) => m.ContactsScreen),
);
export const SendingScreens = preloadable(() =>
  import('../compose/SendingScreens').then((m) => m.SendingScreens),
);
/** The viewer (and pdf.js with it), for the inbox's reading pane. */
export const FaxViewer = preloadable(() => import('../viewer/FaxViewer').then((m) => m.FaxViewer));
/** "Open a PDF…" in the inbox: the viewer on a file of the user's. */
export const LocalPdfOpener = preloadable(() =>
  import('../viewer/LocalPdfOpener').then((m) => m.LocalPdfOpener),
);

/** In the order they are fetched ahead: what the shell shows at once first. */
const ahead = [
  PolicyUpdateBanner,
  FaxViewer,
  SendingScreens,
  ContactsScreen,
  SettingsScreen,
  AccountScreen,
  PrivacyScreen,
  LocalPdfOpener,
];

/** Fetches the lazy parts one by one, each in an idle moment after the first rows. */
export function useFetchAhead(): void {
  useEffect(() => {
    let live = true;
    let cancel = () => {};
    let index = 0;
    const next = () => {
      const part = ahead[index++];
      if (!part || !live) return;
      // A part that could not be fetched now is fetched again when used (and says so then).
      const fetched = part.preload().catch(() => undefined);
      detach(
        'fetching part of the app ahead',
        fetched.then(() => {
          if (live) cancel = whenIdle(next);
        }),
      );
    };
    cancel = afterFirstRow(next);
    return () => {
      live = false;
      cancel();
    };
  }, []);
}

/**
 * Keeps a pdf.js worker started ahead while the calling screen (the inbox) is shown, as the
 * viewer's `useWarmPdfWorker` does, but only from an idle moment after the first rows: pdf.js
 * and its worker's ~1 MB script are not loaded before the inbox has painted.
 */
export function useWarmPdfWorkerLater(): void {
  useEffect(() => {
    let live = true;
    let release = () => {};
    const cancel = afterFirstRow(() =>
      detach(
        'starting a pdf.js worker ahead',
        import('../viewer/pdf-loader').then((loader) => {
          if (live) release = loader.keepPdfWorkerWarm();
        }),
      ),
    );
    return () => {
      live = false;
      cancel();
      release();
    };
  }, []);
}
