import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function SiteFooter({ devOutbox }: { devOutbox: boolean }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t("layout.footer.about")}</p>
      <p>{t("layout.footer.chathamHouse")}</p>
      <p>
        <Link to="/privacy">{t("layout.footer.privacyLink")}</Link>
      </p>
      {devOutbox ? (
        <p>
          <Link to="/dev/outbox">{t("layout.footer.devOutbox")}</Link>
        </p>
      ) : null}
    </footer>
  );
}
