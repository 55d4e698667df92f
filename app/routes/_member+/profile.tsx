import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { pendingErasure } from "~/accounts/erasure.server";
import { maskedPhones } from "~/phones/phone-link.server";
import { ageBands, genders, interestKinds, stakeholderGroups } from "~db/vocabulary";
import { CheckboxField, choicesOf, languageChoices, RadioGroup, SelectField } from "~/components/choice-fields";
import { ConsentPanel } from "~/components/consent-panel";
import { FetcherField } from "~/components/fetcher-field";
import { FormError, FormField } from "~/components/form-field";
import { LabelledSection } from "~/components/labelled-section";
import { usePhoneName } from "~/components/masked-phone";
import type { PageHandle } from "~/components/page-title";
import { getDb } from "~/platform/db.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { declaredInterestAnswers } from "~/participation/profile-fields";
import {
  countryOptions,
  loadProfile,
  profileForm,
  profileFormValues,
  saveProfile,
} from "~/participation/profile.server";
import { requireAccountOwner } from "~/web/guard.server";
import { currentConsents } from "~/privacy/consent.server";
import { type FormFailure } from "~/web/form-failures.server";
import { parseAccountChange } from "~/web/account-change.server";
import { formatDate } from "~/platform/format";
import { respondSuccess } from "~/web/respond.server";
import { useHydrated } from "~/components/use-hydrated";
import { FormToken } from "~/security/form-guards";

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export const handle: PageHandle = { title: (t) => t("profile:title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAccountOwner(request);
  const db = await getDb();
  const [language, row, erasure, consents] = await Promise.all([
    getLanguage(request),
    loadProfile(db, actor.userId),
    pendingErasure(db, actor.userId),
    currentConsents(db, actor.userId),
  ]);
  const phones = await maskedPhones(db, actor.userId, language);
  return {
    values: profileFormValues(row),
    countries: countryOptions(language),
    erasureDueOn: erasure ? formatDate(erasure.dueAt, language) : null,
    consents: consents.map((c) => ({ ...c, date: c.at ? formatDate(c.at, language) : null })),
    phones,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAccountOwner(request);
  const formData = await request.formData();
  const db = await getDb();
  const parsed = await parseAccountChange(db, actor, formData, profileForm, "profile:errors.summary");
  if (!parsed.ok) return parsed.answer;

  await saveProfile(db, actor.userId, parsed.data);
  return respondSuccess(formData, { redirectTo: "/profile", flash: { message: "profile:saved" }, result: null });
}

export default function ProfilePage() {
  const { t } = useTranslation("profile");
  const { values: stored, countries, erasureDueOn, consents, phones } = useLoaderData<typeof loader>();
  const phoneName = usePhoneName();
  const fetcher = useFetcher<FormFailure | { ok: true }>();
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const actionFailure = useActionData<FormFailure>();
  const failure = fetcher.data && "fieldErrors" in fetcher.data ? fetcher.data : actionFailure;
  const saved = fetcher.state === "idle" && fetcher.data !== undefined && "ok" in fetcher.data;
  const values = failure?.values ?? stored;
  const errors = failure?.fieldErrors ?? {};
  const [declaredInterest, setDeclaredInterest] = useState(values.declaredInterest);

  // A refusal: the error summary at the top of the form takes focus (FormError).
  const notAnswered = [{ value: "", label: t("notAnswered") }];
  // A question of the profile: its label and why it is asked (fields.<name>), its answer and error.
  const question = (name: string) => ({
    name,
    label: t(`fields.${name}.label`),
    hint: t(`fields.${name}.why`),
    defaultValue: values[name],
    error: errors[name],
  });
  return (
    <div className="page narrow profile-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <p>
        <Link to="/account/security">{t("security:security.link")}</Link>
      </p>
      <p>
        <Link to="/profile/data">{t("mydata:profileLink")}</Link> — {t("mydata:profileHint")}
      </p>
      <p className={erasureDueOn ? "notice" : undefined}>
        <Link to="/profile/delete">
          {erasureDueOn
            ? t("security:erasure.profileLink.pending", { date: erasureDueOn })
            : t("security:erasure.profileLink.start")}
        </Link>
      </p>
      <fetcher.Form method="post" className="stack profile-form" noValidate ref={formRef}>
        <FormToken />
        <FetcherField />
        <FormError failure={failure} />

        <FormField {...question("displayName")} maxLength={80} autoComplete="nickname" />
        <SelectField
          {...question("country")}
          emptyLabel={t("notAnswered")}
          choices={countries.map((country) => ({ value: country.code, label: country.name }))}
          autoComplete="country"
        />
        <SelectField
          {...question("stakeholderGroup")}
          emptyLabel={t("notAnswered")}
          choices={choicesOf(stakeholderGroups, (value) => t(`common:stakeholderGroups.${value}`))}
        />
        <RadioGroup
          {...question("ageBand")}
          choices={[...notAnswered, ...choicesOf(ageBands, (value) => t(`ageBands.${value}`))]}
        />
        <RadioGroup
          {...question("gender")}
          choices={[...notAnswered, ...choicesOf(genders, (value) => t(`genders.${value}`))]}
        />
        <SelectField {...question("preferredLanguage")} emptyLabel={t("notAnswered")} choices={languageChoices} />

        <LabelledSection headingId="interest-heading" heading={t("interest.heading")} className="profile-form__group">
          <p>{t("interest.why")}</p>
          <RadioGroup
            name="declaredInterest"
            label={t("interest.question")}
            choices={choicesOf(declaredInterestAnswers, (value) => t(`interest.answers.${value}`))}
            defaultValue={values.declaredInterest}
            error={errors.declaredInterest}
            onChange={setDeclaredInterest}
          />
          <SelectField
            name="interestKind"
            label={t("interest.kind")}
            hint={t("interest.kindHint")}
            emptyLabel={t("interest.chooseKind")}
            choices={choicesOf(interestKinds, (value) => t(`interest.kinds.${value}`))}
            defaultValue={values.interestKind}
            error={errors.interestKind}
            // Without JavaScript the question stays open; the server checks it goes with "yes".
            disabled={hydrated && declaredInterest !== "yes"}
          />
        </LabelledSection>

        <LabelledSection headingId="consent-heading" heading={t("consent.heading")} className="profile-form__group">
          <CheckboxField
            name="statsConsent"
            label={t("consent.label")}
            hint={t("consent.why")}
            defaultChecked={values.statsConsent === "yes"}
            error={errors.statsConsent}
          />
        </LabelledSection>

        <LabelledSection
          headingId="notifications-heading"
          heading={t("notifications.heading")}
          className="profile-form__group"
        >
          <p>{t("notifications.why")}</p>
          <CheckboxField
            name="notifyByEmail"
            label={t("notifications.byEmail")}
            defaultChecked={values.notifyByEmail === "yes"}
            error={errors.notifyByEmail}
          />
          <CheckboxField
            name="notifyInApp"
            label={t("notifications.inApp")}
            defaultChecked={values.notifyInApp === "yes"}
            error={errors.notifyInApp}
          />
        </LabelledSection>

        <p role="status" className={saved ? "notice" : undefined}>
          {saved ? t("saved") : null}
        </p>
        <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
          {t("submit")}
        </button>
      </fetcher.Form>
      <LabelledSection headingId="phone-heading" heading={t("phone.title")}>
        {phones.length === 0 ? (
          <p>{t("phone.profileNone")}</p>
        ) : (
          <ul>
            {phones.map((phone) => (
              <li key={phone.id}>{phoneName(phone)}</li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/profile/phone">{t("phone.profileLink")}</Link>
        </p>
      </LabelledSection>
      <ConsentPanel consents={consents} />
    </div>
  );
}
