/** Picks the reader's language from a per-locale text, falling back visibly. */
import type { LocalizedText } from "~db/schema";

export interface LocalizedValue {
  text: string;
  /** The language the text is actually in. */
  language: string;
  /** True when the reader's language was missing and another was shown. */
  isFallback: boolean;
}

export function localize(text: LocalizedText, language: string, fallbackLanguage = "en"): LocalizedValue {
  const own = text[language];
  if (own) return { text: own, language, isFallback: false };
  const fallback = text[fallbackLanguage];
  if (fallback) return { text: fallback, language: fallbackLanguage, isFallback: true };
  const [anyLanguage, anyText] = Object.entries(text).find(([, value]) => Boolean(value)) ?? [fallbackLanguage, ""];
  return { text: anyText ?? "", language: anyLanguage, isFallback: true };
}
