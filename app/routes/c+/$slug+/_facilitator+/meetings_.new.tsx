/**
 * Recording a community meeting: when and where it was held, in which language, how many people
 * were there and how their input was gathered. Its input is typed in on the meeting's page next.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountForm } from "~/components/account-form";
import { choicesOf, languageChoices, SelectField } from "~/components/choice-fields";
import { FormField, formFields, NumberField } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { meetingForm } from "~/meetings/meeting-input";
import { maxMeetingPeoplePresent, meetingMethods } from "~db/vocabulary";
import { recordMeeting } from "~/meetings/meetings.server";
import { countryOptions } from "~/participation/profile.server";
import { loadConsultationContext, loadConsultationContextOnce } from "~/web/consultation-context.server";
import type { FormFailure } from "~/web/form-failures.server";
import { redirectWithFlash } from "~/web/flash.server";
import { parseSubmission } from "~/web/forms.server";
import { requireConsultationAbility } from "~/web/guard.server";

export const handle: PageHandle = { title: (t) => t("meetings:record.title") };

export async function loader(args: LoaderFunctionArgs) {
  const context = await loadConsultationContextOnce(args);
  requireConsultationAbility(args.request, context, "offline.enter");
  return {
    slug: context.consultation.slug,
    language: context.language,
    countries: countryOptions(context.language).map(({ code, name }) => ({ value: code, label: name })),
    today: new Date().toISOString().slice(0, 10),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  const facilitator = requireConsultationAbility(request, context, "offline.enter");
  const parsed = parseSubmission(meetingForm, await request.formData());
  if (!parsed.ok) return parsed.answer;
  const recorded = await recordMeeting(context.db, {
    ...parsed.data,
    consultationId: context.consultation.id,
    facilitatorId: facilitator.userId,
  });
  return redirectWithFlash(`/c/${context.consultation.slug}/meetings/${recorded.id}`, {
    message: "meetings:flash.recorded",
  });
}

export default function RecordMeetingPage() {
  const { t } = useTranslation("meetings");
  const { countries, language, today } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const { field } = formFields(failure, { heldOn: today, language });
  return (
    <article className="page">
      <h1>{t("record.title")}</h1>
      <p className="lead">{t("record.intro")}</p>
      <AccountForm submit={t("record.submit")} failure={failure}>
        <FormField {...field("heldOn")} type="date" max={today} label={t("record.heldOn")} required />
        <SelectField
          {...field("country")}
          label={t("record.country")}
          choices={countries}
          emptyLabel={t("record.chooseCountry")}
          required
        />
        <FormField
          {...field("place")}
          label={t("record.place")}
          hint={t("record.placeHint")}
          maxLength={200}
          required
        />
        <SelectField {...field("language")} label={t("record.language")} choices={languageChoices} required />
        <NumberField
          {...field("peoplePresent")}
          min={1}
          max={maxMeetingPeoplePresent}
          label={t("record.peoplePresent")}
          hint={t("record.peoplePresentHint")}
          required
        />
        <SelectField
          {...field("method")}
          label={t("record.method")}
          choices={choicesOf(meetingMethods, (method) => t(`methods.${method}`))}
          emptyLabel={t("record.chooseMethod")}
          required
        />
      </AccountForm>
    </article>
  );
}
