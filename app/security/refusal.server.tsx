/**
 * The page the server's edge answers with when it refuses a post before the app sees it: from
 * another site or without a valid form token (403), a bot's honeypot (400), a body over the limit
 * (413). Exported through entry.server so the edge renders it with the app's texts and styles, in
 * the visitor's language; it has no script, so it needs no nonce.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { textDirection } from "~/platform/i18n/config";
import { createI18nInstance, getLanguage } from "~/platform/i18n/i18n.server";
import styles from "~/styles/app.css?url";

export type RefusalReason = "crossSite" | "honeypot" | "tooLarge";

const refusals: Record<RefusalReason, { status: number; key: string }> = {
  crossSite: { status: 403, key: "security.refused" },
  honeypot: { status: 400, key: "security.refused" },
  tooLarge: { status: 413, key: "security.tooLarge" },
};

/** `request` only needs the URL and headers of the refused request (never its body). */
export async function renderRefusal(request: Request, reason: RefusalReason): Promise<Response> {
  const language = await getLanguage(request);
  const t = (await createI18nInstance(language)).getFixedT(language, "common");
  const { status, key } = refusals[reason];
  const title = t(`${key}.title`);
  const page = renderToStaticMarkup(
    <html lang={language} dir={textDirection(language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href={styles} />
      </head>
      <body>
        <main id="main" className="page narrow">
          <h1>{title}</h1>
          <p>{t(`${key}.body`)}</p>
          <p>
            <a href="/">{t("errors.backHome")}</a>
          </p>
        </main>
      </body>
    </html>,
  );
  return new Response(`<!DOCTYPE html>${page}`, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
