import { useTranslation } from "react-i18next";
import { languageAutonyms, isSupportedLanguage } from "~/platform/i18n/config";

/** The visible "shown in English" note for staff-written text missing in the reader's language. */
export function FallbackNote({ language, show }: { language: string; show: boolean }) {
  const { t } = useTranslation();
  if (!show) return null;
  const name = isSupportedLanguage(language) ? languageAutonyms[language] : language;
  return <p className="fallback-note">{t("fallbackNote", { language: name })}</p>;
}
