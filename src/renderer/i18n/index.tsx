// Language context for React: `useT()` gives a translate function bound to the current language.
import { createContext, useContext, useMemo } from 'react';
import { translate, translateCount, type Language, type MessageKey, type PluralBase } from './messages';

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const LanguageContext = createContext<Language>('en');

export const LanguageProvider = LanguageContext.Provider;

export function useT(): T {
  const lang = useContext(LanguageContext);
  return useMemo(() => (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars), [lang]);
}

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

/** `tn('privateFrames', 3)` -> "3 private frames", with the language's plural forms. */
export function useTn(): (base: PluralBase, n: number) => string {
  const lang = useContext(LanguageContext);
  return useMemo(() => (base: PluralBase, n: number) => translateCount(lang, base, n), [lang]);
}
