import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AccountForm } from "~/components/account-form";
import { failureFor, FormField } from "~/components/form-field";
import { LabelledSection } from "~/components/labelled-section";
import { usePhoneName } from "~/components/masked-phone";
import type { PageHandle } from "~/components/page-title";
import { getDb } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { rowId } from "~/platform/zod-fields";
import { e164 } from "~/phones/gateways";
import {
  confirmLinkCode,
  linkCodeMinutes,
  maskedPhones,
  pendingLinkCode,
  sendLinkCode,
  unlinkPhone,
} from "~/phones/phone-link.server";
import { parseAccountChange } from "~/web/account-change.server";
import { redirectWithFlash } from "~/web/flash.server";
import { formFailure, type FormFailure, rateLimitRefusal } from "~/web/form-failures.server";
import { phoneTranslate } from "~/web/gateway-callbacks.server";
import { requireAccountOwner } from "~/web/guard.server";
import { isSimulatedNumber } from "~/phones/simulator";

/**
 * "Your phone" (issue 16; docs/decisions/0048): the member links the phone they use for SMS or USSD
 * to their account with a code sent to it, so they count once; and unlinks it.
 */

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export const handle: PageHandle = { title: (t) => t("profile:phone.title") };

const here = "/profile/phone";

const sendForm = z.object({
  intent: z.literal("send-code"),
  // The simulator's fictitious numbers (decision 0049) belong to no one: linking one would keep its votes.
  number: e164("profile:phone.errors.number").refine(
    (number) => !isSimulatedNumber(number),
    "profile:phone.errors.number",
  ),
});

const confirmForm = z.object({
  intent: z.literal("confirm-code"),
  code: z
    .string({ error: "profile:phone.errors.codeFormat" })
    .transform((value) => value.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "profile:phone.errors.codeFormat")),
});

const unlinkForm = z.object({ intent: z.literal("unlink"), phoneId: rowId("profile:phone.errors.unknownPhone") });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAccountOwner(request);
  const db = await getDb();
  const [phones, pending] = await Promise.all([
    maskedPhones(db, actor.userId, await getLanguage(request)),
    pendingLinkCode(db, actor.userId),
  ]);
  return {
    phones,
    pending: pending ? { digits: pending.lastDigits } : null,
    minutes: linkCodeMinutes,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAccountOwner(request);
  const formData = await request.formData();
  const db = await getDb();
  const { AUTH_SECRET: secret } = getEnv();
  switch (formData.get("intent")) {
    case "send-code": {
      const parsed = await parseAccountChange(db, actor, formData, sendForm);
      if (!parsed.ok) return parsed.answer;
      const limit = [["phoneLinkCodePerMember", actor.userId]] satisfies Parameters<typeof rateLimitRefusal>[1];
      const refused = await rateLimitRefusal(db, limit, formData, "profile:phone.errors.tooManyCodes");
      if (refused) return refused;
      const [language, translate] = await Promise.all([getLanguage(request), phoneTranslate()]);
      await sendLinkCode(db, {
        secret,
        userId: actor.userId,
        number: parsed.data.number,
        message: (code) => translate(language, "phones:link.codeSms", { code, minutes: linkCodeMinutes }),
      });
      return redirectWithFlash(here, { message: "profile:phone.flash.codeSent" });
    }
    case "confirm-code": {
      const parsed = await parseAccountChange(db, actor, formData, confirmForm);
      if (!parsed.ok) return parsed.answer;
      const confirmed = await confirmLinkCode(db, { secret, userId: actor.userId, code: parsed.data.code });
      if (!confirmed.ok) {
        return formFailure(formData, { fieldErrors: { code: `profile:phone.errors.${confirmed.error}` } });
      }
      return redirectWithFlash(here, { message: "profile:phone.flash.linked" });
    }
    case "unlink": {
      const parsed = await parseAccountChange(db, actor, formData, unlinkForm);
      if (!parsed.ok) return parsed.answer;
      if (!(await unlinkPhone(db, actor.userId, parsed.data.phoneId))) {
        return formFailure(formData, { fieldErrors: {}, formError: "profile:phone.errors.unknownPhone" }, 404);
      }
      return redirectWithFlash(here, { message: "profile:phone.flash.unlinked" });
    }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export default function PhonePage() {
  const { t } = useTranslation("profile");
  const { phones, pending, minutes } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const sendFailure = failureFor(failure, "send-code");
  const confirmFailure = failureFor(failure, "confirm-code");
  const phoneName = usePhoneName();
  return (
    <div className="page narrow">
      <h1>{t("phone.title")}</h1>
      <p className="lead">{t("phone.intro")}</p>
      <LabelledSection headingId="linked-phones-heading" heading={t("phone.linked.heading")}>
        {phones.length === 0 ? <p>{t("phone.linked.none")}</p> : null}
        <ul className="stack">
          {phones.map((phone) => (
            <li key={phone.id}>
              <p>{phoneName(phone)}</p>
              <AccountForm
                submit={t("phone.linked.unlink", { phone: phoneName(phone) })}
                failure={failureFor(failure, "unlink", { phoneId: phone.id })}
                hidden={{ intent: "unlink", phoneId: String(phone.id) }}
                buttonClassName="button button--secondary"
              />
            </li>
          ))}
        </ul>
        {phones.length > 0 ? <p>{t("phone.linked.unlinkHint")}</p> : null}
      </LabelledSection>
      {pending ? (
        <LabelledSection headingId="phone-code-heading" heading={t("phone.code.heading")}>
          <p>{t("phone.code.sent", { digits: pending.digits, minutes })}</p>
          <AccountForm submit={t("phone.code.submit")} failure={confirmFailure} hidden={{ intent: "confirm-code" }}>
            <FormField
              name="code"
              label={t("phone.code.label")}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={12}
              error={confirmFailure?.fieldErrors.code}
            />
          </AccountForm>
        </LabelledSection>
      ) : null}
      <LabelledSection headingId="phone-number-heading" heading={t("phone.number.heading")}>
        <AccountForm submit={t("phone.number.submit")} failure={sendFailure} hidden={{ intent: "send-code" }}>
          <FormField
            name="number"
            type="tel"
            label={t("phone.number.label")}
            hint={t("phone.number.hint")}
            autoComplete="tel"
            maxLength={24}
            defaultValue={sendFailure?.values.number}
            error={sendFailure?.fieldErrors.number}
          />
        </AccountForm>
      </LabelledSection>
      <p>
        <Link to="/profile">{t("phone.back")}</Link>
      </p>
    </div>
  );
}
