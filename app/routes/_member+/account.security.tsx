import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { changePasswordForm, revokeSessionForm } from "~/accounts/security-forms";
import {
  changePassword,
  currentSessionId,
  listSessions,
  revokeSession,
  signOutEverywhereElse,
} from "~/accounts/security.server";
import { AccountForm, PasswordField } from "~/components/account-form";
import type { PageHandle } from "~/components/page-title";
import { getDb } from "~/platform/db.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { requireMember } from "~/web/guard.server";
import { redirectWithFlash } from "~/web/flash.server";
import { formatDateTime } from "~/platform/format";
import { formFailure, parseForm, type FormFailure } from "~/web/form-failures.server";
import { FormToken } from "~/security/form-guards";
import { TableScroll } from "~/components/table-scroll";
import { parseSubmission } from "~/web/forms.server";

/**
 * The member's own account security: password, the devices signed in (each can be signed out),
 * "sign out everywhere else", and the way to the second factor (decision 0026).
 */

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export const handle: PageHandle = { title: (t) => t("security:security.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request);
  const [language, currentId] = await Promise.all([getLanguage(request), currentSessionId(request)]);
  const sessions = await listSessions(await getDb(), actor.userId, currentId);
  return {
    secondFactor: actor.secondFactor,
    sessions: sessions.map((item) => ({
      ...item,
      createdAt: formatDateTime(item.createdAt, language),
      lastSeenAt: formatDateTime(item.lastSeenAt, language),
    })),
  };
}

const here = "/account/security";

/** The columns of the sessions table, named by their heading's key (security:sessions.<column>). */
const sessionColumns = ["device", "createdAt", "lastSeenAt", "actions"] as const;

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireMember(request);
  const formData = await request.formData();
  switch (formData.get("intent")) {
    case "change-password": {
      const parsed = parseSubmission(changePasswordForm, formData);
      if (!parsed.ok) return parsed.answer;
      const changed = await changePassword(request, parsed.data);
      if (!changed.ok) {
        return formFailure(formData, { fieldErrors: { currentPassword: "security:errors.wrongPassword" } }, 401);
      }
      return redirectWithFlash(here, { message: "security:flash.passwordChanged" }, { headers: changed.headers });
    }
    case "sign-out-others": {
      await signOutEverywhereElse(request);
      return redirectWithFlash(here, { message: "security:flash.signedOutElsewhere" });
    }
    case "revoke-session": {
      const parsed = parseForm(revokeSessionForm, formData);
      if (!parsed.ok) throw new Response("Bad Request", { status: 400 });
      const revoked = await revokeSession(await getDb(), {
        userId: actor.userId,
        sessionId: parsed.data.sessionId,
        currentId: await currentSessionId(request),
      });
      // Someone else's session, the current one or one already ended: nothing to do, same answer.
      if (!revoked) throw new Response("Not Found", { status: 404 });
      return redirectWithFlash(here, { message: "security:flash.sessionRevoked" });
    }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export default function AccountSecurityPage() {
  const { t } = useTranslation("security");
  const { secondFactor, sessions } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const busy = useNavigation().state === "submitting";
  const others = sessions.filter((item) => !item.current);
  return (
    <div className="page">
      <h1>{t("security.title")}</h1>

      <section aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading">{t("twoFactor.title")}</h2>
        <p>{secondFactor ? t("twoFactor.on") : t("twoFactor.off")}</p>
        <p>
          <Link to="/account/two-factor">
            {secondFactor ? t("security.manageTwoFactor") : t("security.enrolTwoFactor")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t("password.heading")}</h2>
        <p>{t("password.intro")}</p>
        <AccountForm submit={t("password.submit")} hidden={{ intent: "change-password" }} className="stack narrow">
          <PasswordField
            name="currentPassword"
            label={t("fields.currentPassword")}
            error={failure?.fieldErrors.currentPassword}
          />
          <PasswordField
            name="newPassword"
            chosen
            label={t("fields.newPassword")}
            hint={t("fields.newPasswordHint")}
            error={failure?.fieldErrors.newPassword}
          />
        </AccountForm>
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("sessions.heading")}</h2>
        <TableScroll caption={t("sessions.caption")} captionClassName="visually-hidden">
          <thead>
            <tr>
              {sessionColumns.map((column) => (
                <th key={column} scope="col">
                  {t(`sessions.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sessions.map((item, index) => (
              <tr key={item.id}>
                <td>{item.userAgent || t("sessions.unknownDevice")}</td>
                <td>{item.createdAt}</td>
                <td>{item.lastSeenAt}</td>
                <td>
                  {item.current ? (
                    t("sessions.current")
                  ) : (
                    <Form method="post">
                      <FormToken />
                      <input type="hidden" name="intent" value="revoke-session" />
                      <input type="hidden" name="sessionId" value={item.id} />
                      <button type="submit" className="button button--quiet button--small" disabled={busy}>
                        {t("sessions.revoke", { number: index + 1 })}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableScroll>
        {others.length > 0 ? (
          <Form method="post">
            <FormToken />
            <input type="hidden" name="intent" value="sign-out-others" />
            <button type="submit" className="button button--danger" disabled={busy}>
              {t("sessions.signOutOthers")}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
