import { useTranslation } from "react-i18next";
import { errorPageKey } from "~/components/page-title";

/**
 * What an error boundary shows: a translated 404, 403 or "something went wrong", and the way home.
 * Its h1 is where focus goes after a client-side navigation, as on any page (root.tsx).
 */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const key = errorPageKey(error);
  return (
    <div className="page narrow">
      <h1>{t(`errors.${key}.title`)}</h1>
      <p>{t(`errors.${key}.body`)}</p>
      <p>
        <a href="/">{t("errors.backHome")}</a>
      </p>
    </div>
  );
}
