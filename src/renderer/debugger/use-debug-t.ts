// React binding of the debugger's words to the UI language.
import { useMemo } from 'react';
import { useLanguage } from '../i18n';
import { translateDebug, type DebugMessageKey } from './messages';

export function useDebugT(): (key: DebugMessageKey, vars?: Record<string, string | number>) => string {
  const lang = useLanguage();
  return useMemo(() => (key: DebugMessageKey, vars?: Record<string, string | number>) => translateDebug(lang, key, vars), [lang]);
}
