import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Account } from '../../../preload/contract';
import { useI18n } from '../i18n/i18n';
import { countryOfNumber, homeCountry } from '../inbox/format';
import { detach } from './detach';
import { useKamifax } from './KamifaxContext';

interface AccountView {
  /** The last account the service described (kept while offline); null before the first answer. */
  account: Account | null;
  /** The country whose numbers show in national form: that of the account's fax number. */
  country: string | undefined;
}

const AccountContext = createContext<AccountView>({ account: null, country: undefined });

/**
 * Loads the account once per sign-in, again when the inbox changes (usage moves), and keeps
 * the last answer when the service cannot be reached.
 */
export function AccountProvider({
  children,
  refreshKey,
  defaultCountry,
  language,
}: {
  children: ReactNode;
  refreshKey: number;
  defaultCountry: string;
  /** The browser's language, where there is no `navigator` (the host's first screen). */
  language?: string;
}) {
  const kamifax = useKamifax();
  const { locale } = useI18n();
  const [account, setAccount] = useState<Account | null>(null);

  useEffect(() => {
    let live = true;
    detach('load the account', async () => {
      const result = await kamifax.account.get();
      if (live && result.ok) setAccount(result.value);
    });
    return () => {
      live = false;
    };
  }, [kamifax, refreshKey]);

  const own = account?.faxNumbers[0];
  const country =
    (own && countryOfNumber(own)) ||
    (defaultCountry !== 'auto' ? defaultCountry : undefined) ||
    homeCountry(locale, language);
  return <AccountContext.Provider value={{ account, country }}>{children}</AccountContext.Provider>;
}

/** The account as last known, and its country for formatting numbers. */
export function useAccountView(): AccountView {
  return useContext(AccountContext);
}
