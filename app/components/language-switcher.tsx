import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageAutonyms, supportedLanguages } from "~/platform/i18n/config";

/** Plain links with `?lng=`: they work without JavaScript and can be shared. */
export function LanguageSwitcher({ current }: { current: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <nav aria-label={t("layout.languageNav")} className="language-switcher">
      <ul>
        {supportedLanguages.map((language) => {
          const params = new URLSearchParams(location.search);
          params.set("lng", language);
          return (
            <li key={language}>
              <Link
                to={`${location.pathname}?${params.toString()}`}
                lang={language}
                hrefLang={language}
                aria-current={language === current ? "true" : undefined}
                reloadDocument
              >
                {languageAutonyms[language]}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
