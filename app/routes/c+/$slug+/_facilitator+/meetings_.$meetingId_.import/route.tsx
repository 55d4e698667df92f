import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, FormField, failureFor, isFormFailure } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { FormToken } from "~/security/form-guards";
import { loadConsultationContext, loadConsultationContextOnce } from "~/web/consultation-context.server";
import { ImportPreview } from "./__preview";
import { answerImportPost, loadImportPage, resolveImportTarget } from "./import-page.server";

export const handle: PageHandle = { title: (t) => t("imports:title") };

export async function loader(args: LoaderFunctionArgs) {
  const context = await loadConsultationContextOnce(args);
  return loadImportPage(context, await resolveImportTarget(args.request, context, args.params.meetingId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  return answerImportPost(request, context, params.meetingId);
}

export default function MeetingImport() {
  const { t } = useTranslation("imports");
  const { slug, meeting, priorities, upload } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const failure = isFormFailure(answer) ? answer : undefined;
  const uploadFailure = failureFor(failure, "upload");
  const meetingPage = `/c/${slug}/meetings/${meeting.id}`;
  return (
    <article className="page meeting-import">
      <h1>{t("title")}</h1>
      <p>
        <Link to={meetingPage}>{t("backToMeeting")}</Link>
      </p>
      <p className="lead">{t("intro")}</p>
      <section aria-labelledby="template-heading">
        <h2 id="template-heading">{t("template.heading")}</h2>
        <p>{t("template.hint")}</p>
        <ul>
          <li>
            <a href={`${meetingPage}/import/template.csv`} download>
              {t("template.csv")}
            </a>
          </li>
          <li>
            <a href={`${meetingPage}/import/template.xlsx`} download>
              {t("template.xlsx")}
            </a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading">{t("upload.heading")}</h2>
        <Form method="post" encType="multipart/form-data" className="stack">
          <FormToken />
          <FormError failure={uploadFailure} />
          <input type="hidden" name="intent" value="upload" />
          <FormField
            type="file"
            name="file"
            label={t("upload.label")}
            hint={t("upload.hint")}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            error={uploadFailure?.fieldErrors.file}
          />
          <button type="submit">{t("upload.submit")}</button>
        </Form>
      </section>
      {upload ? <ImportPreview upload={upload} priorities={priorities} failure={failure} /> : null}
    </article>
  );
}
