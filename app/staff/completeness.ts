/**
 * How far each language of a staff-written text is: the console shows it beside every language of
 * the form, so a missing translation is seen before the consultation opens.
 */
import type { LocalizedText } from "~db/schema";
import { supportedLanguages, type Language } from "~/platform/i18n/config";

export type CompletenessStatus = "complete" | "partial" | "missing";

export interface LocaleCompleteness {
  language: Language;
  filled: number;
  total: number;
  status: CompletenessStatus;
}

/** For each language, how many of the texts (title, summary…) have something written in it. */
export function localeCompleteness(
  texts: readonly LocalizedText[],
  languages: readonly Language[] = supportedLanguages,
): LocaleCompleteness[] {
  const total = texts.length;
  return languages.map((language) => {
    const filled = texts.filter((text) => (text[language] ?? "").trim() !== "").length;
    const status: CompletenessStatus = filled === 0 ? "missing" : filled === total ? "complete" : "partial";
    return { language, filled, total, status };
  });
}
