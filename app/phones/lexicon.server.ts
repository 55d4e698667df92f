/** The SMS keywords of every language, read once from the locale files (locales/<lang>/phones.json). */
import { supportedLanguages, type Language } from "../i18n/config";
import { getResources } from "../i18n/resources.server";
import { buildLexicon, type Lexicon } from "./sms-grammar";

let lexicon: Lexicon<Language> | undefined;

export function smsLexicon(): Lexicon<Language> {
  const resources = getResources();
  lexicon ??= buildLexicon(
    Object.fromEntries(
      supportedLanguages.map((language) => [language, (resources[language]!.phones as { keywords: never }).keywords]),
    ) as Record<Language, Parameters<typeof buildLexicon>[0][string]>,
  );
  return lexicon;
}
