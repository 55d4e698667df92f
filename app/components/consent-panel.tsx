import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormToken } from "~/security/form-guards";

export interface ConsentView {
  purpose: "statistics" | "notifications";
  given: boolean;
  /** Formatted in the reader's language; null when the choice was never recorded (the default). */
  date: string | null;
  wordingVersion: string | null;
}

/**
 * "Your consents" on the profile (issue 14 item 7): each consent with its wording, whether it is
 * given, since when and under which version of the wording, and one button to withdraw or give it.
 * Plain forms posting to /profile/consent: no JavaScript needed.
 */
export function ConsentPanel({ consents }: { consents: readonly ConsentView[] }) {
  const { t } = useTranslation("privacy");
  return (
    <section id="consents" aria-labelledby="consents-heading" className="profile-form__group consent-panel">
      <h2 id="consents-heading">{t("consents.heading")}</h2>
      <p>{t("consents.intro")}</p>
      <ul className="consent-list">
        {consents.map((consent) => {
          const headingId = `consent-${consent.purpose}`;
          return (
            <li key={consent.purpose} aria-labelledby={headingId}>
              <h3 id={headingId}>{t(`consents.${consent.purpose}.name`)}</h3>
              <p>{t(`consents.${consent.purpose}.wording`)}</p>
              <p className="consent-state">
                {consent.date
                  ? t(consent.given ? "consents.givenOn" : "consents.withdrawnOn", {
                      date: consent.date,
                      version: consent.wordingVersion,
                    })
                  : t(consent.given ? "consents.givenByDefault" : "consents.neverGiven")}
              </p>
              <Form method="post" action="/profile/consent">
                <FormToken />
                <input type="hidden" name="purpose" value={consent.purpose} />
                <input type="hidden" name="choice" value={consent.given ? "withdraw" : "give"} />
                <button
                  type="submit"
                  className={consent.given ? "button button--quiet" : "button"}
                  aria-describedby={headingId}
                >
                  {t(consent.given ? "consents.withdraw" : "consents.give")}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
