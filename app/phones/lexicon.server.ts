/** The SMS keywords of every language, read once from the locale files (locales/<lang>/phones.json). */
import { supportedLanguages, type Language } from "~/platform/i18n/config";
import { getResources } from "~/platform/i18n/resources.server";
import { buildLexicon, type Lexicon, type Meaning } from "~/phones/sms-grammar";

let lexicon: Lexicon<Language> | undefined;

export function smsLexicon(): Lexicon<Language> {
  const resources = getResources();
  // The locale files are the app's own, and tests/unit/locales.test.ts checks every language has every keyword.
  const keywords = supportedLanguages.map((language) => {
    const phones = resources[language]!.phones as { keywords: Record<Meaning, string> };
    return [language, phones.keywords] as const;
  });
  lexicon ??= buildLexicon(Object.fromEntries(keywords) as Record<Language, Record<Meaning, string>>);
  return lexicon;
}
