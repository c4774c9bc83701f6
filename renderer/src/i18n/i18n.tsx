import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ErrorCode } from '../../../preload/contract';
import { en, type Catalogue, type MessageKey } from './messages/en';
import { ja } from './messages/ja';

/** The languages with a catalogue. */
export type Locale = 'en' | 'ja';

const catalogues: Record<Locale, Catalogue> = { en, ja };

/** Chooses the UI language: an explicit choice, else the first OS language we ship. */
export function resolveLocale(
  choice: 'system' | Locale,
  systemLanguages: readonly string[],
): Locale {
  if (choice !== 'system') return choice;
  for (const language of systemLanguages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'ja' || base === 'en') return base;
  }
  return 'en';
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** Translates a key, with placeholder values. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  t: Translate;
  /** Friendly text for a stable error code. */
  errorText: (code: ErrorCode) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** Provides the current language's catalogue to every screen. */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo<I18n>(() => {
    const catalogue = catalogues[locale];
    const t: Translate = (key, values) => format(catalogue[key], values);
    return { locale, t, errorText: (code) => t(`errors.${code}`) };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language's translate function and locale. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
