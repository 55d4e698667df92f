import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import {
  cancelErasure,
  checkPassword,
  ERASURE_GRACE_DAYS,
  erasureModes,
  pendingErasure,
  requestErasure,
} from "~/accounts/erasure.server";
import { RadioGroup } from "~/components/choice-fields";
import { AccountForm, PasswordField } from "~/components/account-form";
import { FormError } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { getDb } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { requireAccountOwner } from "~/web/guard.server";
import { FormToken } from "~/security/form-guards";
import { redirectWithFlash } from "~/web/flash.server";
import { formatDate } from "~/platform/format";
import { type FormFailure, formFailure } from "~/web/form-failures.server";
import { parseAccountChange } from "~/web/account-change.server";

/**
 * "Delete my account" (app/accounts/erasure.server.ts, docs/decisions/0020-account-erasure.md): the
 * member chooses what happens to their comments and confirms with their password; for 14 days the
 * page says when the account goes and offers to cancel.
 */

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export const handle: PageHandle = { title: (t) => t("security:erasure.title") };

const here = "/profile/delete";

const requestForm = z.object({
  intent: z.literal("request"),
  mode: z.enum(erasureModes, { error: "security:erasure.errors.modeRequired" }),
  password: z.string({ error: "security:errors.passwordRequired" }).min(1, "security:errors.passwordRequired"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAccountOwner(request);
  const [language, pending] = await Promise.all([getLanguage(request), pendingErasure(await getDb(), actor.userId)]);
  return {
    graceDays: ERASURE_GRACE_DAYS,
    pending: pending ? { mode: pending.mode, dueOn: formatDate(pending.dueAt, language) } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAccountOwner(request);
  const formData = await request.formData();
  const db = await getDb();
  switch (formData.get("intent")) {
    case "request": {
      const parsed = await parseAccountChange(db, actor, formData, requestForm);
      if (!parsed.ok) return parsed.answer;
      if (!(await checkPassword(db, actor.userId, parsed.data.password))) {
        return formFailure(formData, { fieldErrors: { password: "security:errors.wrongPassword" } }, 401);
      }
      await requestErasure(db, { userId: actor.userId, mode: parsed.data.mode, baseUrl: getEnv().BASE_URL });
      return redirectWithFlash(here, { message: "security:erasure.flash.requested" });
    }
    case "cancel": {
      await cancelErasure(db, actor.userId);
      return redirectWithFlash(here, { message: "security:erasure.flash.cancelled" });
    }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export default function DeleteAccountPage() {
  const { t } = useTranslation("security");
  const { graceDays, pending } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const busy = useNavigation().state === "submitting";

  if (pending) {
    return (
      <div className="page narrow">
        <h1>{t("erasure.title")}</h1>
        <section aria-labelledby="erasure-pending-heading" className="notice">
          <h2 id="erasure-pending-heading">{t("erasure.pending.heading")}</h2>
          <p>{t("erasure.pending.body", { date: pending.dueOn })}</p>
          <p>{pending.mode === "keep-comments" ? t("erasure.pending.keepComments") : t("erasure.pending.eraseAll")}</p>
          <Form method="post">
            <FormToken />
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="button" disabled={busy}>
              {t("erasure.pending.cancel")}
            </button>
          </Form>
        </section>
        <p>
          <Link to="/profile">{t("erasure.back")}</Link>
        </p>
      </div>
    );
  }

  const values = failure?.values ?? {};
  return (
    <div className="page narrow">
      <h1>{t("erasure.title")}</h1>
      <p className="lead">{t("erasure.intro", { days: graceDays })}</p>
      <ul>
        <li>{t("erasure.what.account")}</li>
        <li>{t("erasure.what.votes")}</li>
        <li>{t("erasure.what.moderation")}</li>
        <li>{t("erasure.what.final")}</li>
      </ul>
      <AccountForm
        submit={t("erasure.submit", { days: graceDays })}
        hidden={{ intent: "request" }}
        buttonClassName="button button--danger"
      >
        <FormError message={failure?.formError} values={failure?.formErrorValues} />
        <RadioGroup
          name="mode"
          label={t("erasure.fields.mode")}
          choices={[
            { value: "erase-all", label: t("erasure.modes.erase-all") },
            { value: "keep-comments", label: t("erasure.modes.keep-comments") },
          ]}
          defaultValue={values.mode}
          error={failure?.fieldErrors.mode}
        />
        <PasswordField
          label={t("erasure.fields.password")}
          hint={t("erasure.fields.passwordHint")}
          error={failure?.fieldErrors.password}
        />
      </AccountForm>
      <p>
        <Link to="/profile">{t("erasure.back")}</Link>
      </p>
    </div>
  );
}
