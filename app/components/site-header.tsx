import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageSwitcher } from "~/components/language-switcher";
import { FormToken } from "~/security/form-guards";

export function SiteHeader({
  user,
  language,
}: {
  user: { name: string; staff?: boolean; institution?: boolean; unreadNotifications: number } | null;
  language: string;
}) {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand" aria-label={t("layout.homeLink")}>
          <span aria-hidden="true" className="brand__mark">
            ◎
          </span>{" "}
          Baraza
        </Link>
        <nav aria-label={t("layout.accountNav")} className="account-nav">
          {user ? (
            <>
              <span className="account-nav__name">{t("layout.signedInAs", { name: user.name })}</span>
              {user.staff ? <Link to="/staff">{t("staff:navLink")}</Link> : null}
              {user.institution ? <Link to="/institution">{t("api:navLink")}</Link> : null}
              <Link to="/notifications">
                {user.unreadNotifications > 0
                  ? t("layout.notificationsUnread", { count: user.unreadNotifications })
                  : t("layout.notificationsLink")}
              </Link>
              <Link to="/profile">{t("layout.profileLink")}</Link>
              <Form method="post" action="/sign-out">
                <FormToken />
                <button type="submit" className="link-button">
                  {t("layout.signOut")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/sign-in">{t("layout.signIn")}</Link>
              <Link to="/sign-up" className="button button--small">
                {t("layout.signUp")}
              </Link>
            </>
          )}
        </nav>
      </div>
      <LanguageSwitcher current={language} />
    </header>
  );
}
