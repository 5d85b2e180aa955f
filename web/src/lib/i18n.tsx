import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from './http';
import { MESSAGES, type MessageKey } from './messages';

export type Locale = 'zh-CN' | 'en';
const STORAGE_KEY = 'shouhou.locale';

export function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLocale(locale: Locale) {
  setApiLanguage(locale);
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice still applies to this tab
  }
}

export type TFunction = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: TFunction;
  /** Pick the right half of a { zh, en } pair (server-side labels). */
  pick(pair: { zh: string; en: string } | undefined | null): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = storedLocale();
    applyLocale(l);
    return l;
  });
  const setLocale = useCallback((l: Locale) => {
    applyLocale(l);
    setLocaleState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const idx = locale === 'en' ? 1 : 0;
    const t: TFunction = (key, vars) => {
      let s: string = MESSAGES[key]?.[idx] ?? key;
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    };
    return { locale, setLocale, t, pick: (pair) => (pair ? (locale === 'en' ? pair.en : pair.zh) : '') };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/**
 * useI18n plus a feature's own message table (kept out of the first-load bundle): `t` accepts the
 * keys of both.
 */
export function useSubMessages<K extends string>(dict: Record<K, readonly [string, string]>) {
  const base = useI18n();
  return useMemo(() => {
    const idx = base.locale === 'en' ? 1 : 0;
    const t = (key: K | MessageKey, vars?: Record<string, string | number>): string => {
      const own = (dict as Record<string, readonly [string, string]>)[key];
      if (!own) return base.t(key as MessageKey, vars);
      let s: string = own[idx];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    };
    return { ...base, t };
  }, [base, dict]);
}
