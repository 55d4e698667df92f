/**
 * Fields every state-changing form carries. A new `<Form method="post">` (or `fetcher.Form`) gets
 * `<FormToken />` as its first child; tests/unit/form-token.test.ts fails on one without it, and the
 * server refuses its posts (403).
 */
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { csrfFieldName, honeypotFieldName } from "~/security/fields";

/** This visitor's form token, from the root loader (tied to their cookies by the server's edge). */
export function FormToken() {
  // Read by id rather than through root.tsx's helper: root renders forms that render this.
  const token = useRouteLoaderData<{ csrfToken?: string }>("root")?.csrfToken ?? "";
  return <input type="hidden" name={csrfFieldName} value={token} />;
}

/**
 * A trap for bots on forms anyone can post (sign-up, comments): hidden from people and from
 * assistive technology, so only a program filling in every field puts something in it.
 */
export function HoneypotField() {
  const { t } = useTranslation();
  return (
    <div className="honeypot" aria-hidden="true">
      <label>
        {t("security.honeypotLabel")}
        <input type="text" name={honeypotFieldName} defaultValue="" tabIndex={-1} autoComplete="off" />
      </label>
    </div>
  );
}
