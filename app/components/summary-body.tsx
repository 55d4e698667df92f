import { useTranslation } from "react-i18next";
import { isSupportedLanguage, languageAutonyms, textDirection } from "~/platform/i18n/config";
import type { PresentedSegment, QuoteView } from "~/summaries/summaries.server";
import { countryName } from "~/platform/format";

/** A quoted comment: its words in their language and, if the author agreed, their group and country; never a name. */
export function SummaryQuote({ quote, language }: { quote: QuoteView; language: string }) {
  const { t } = useTranslation("summaries");
  const written = isSupportedLanguage(quote.language) ? languageAutonyms[quote.language] : quote.language;
  const about = [
    quote.stakeholderGroup ? t(`common:stakeholderGroups.${quote.stakeholderGroup}`) : null,
    quote.country ? countryName(quote.country, language) : null,
  ].filter(Boolean);
  return (
    <figure className="summary-quote">
      <blockquote lang={quote.language} dir="auto">
        {quote.body.split(/\n{2,}/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </blockquote>
      <figcaption>
        {about.length > 0
          ? t("quote.captionWithAuthor", { language: written, about: about.join(", ") })
          : t("quote.caption", { language: written })}
      </figcaption>
    </figure>
  );
}

/** A summary as rendered on the server (sanitised Markdown), with its quotes. */
export function SummaryBody({
  segments,
  textLanguage,
  language,
}: {
  segments: readonly PresentedSegment[];
  /** The language the summary is written in. */
  textLanguage: string;
  /** The page's language, for country names. */
  language: string;
}) {
  return (
    <div className="summary-body" lang={textLanguage} dir={textDirection(textLanguage)}>
      {segments.map((segment, index) =>
        segment.kind === "html" ? (
          // Rendered by the one Markdown renderer: raw HTML off, no images, only safe links (utils/markdown.ts).
          <div key={index} dangerouslySetInnerHTML={{ __html: segment.html }} />
        ) : (
          <SummaryQuote key={index} quote={segment.quote} language={language} />
        ),
      )}
    </div>
  );
}
