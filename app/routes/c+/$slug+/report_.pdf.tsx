import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FieldError } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { usePollWhile } from "~/components/use-poll-while";
import { isSupportedLanguage, languageAutonyms, supportedLanguages, type Language } from "~/platform/i18n/config";
import { localize } from "~/platform/i18n/localize";
import { loadConsultationContext, loadConsultationContextOnce } from "~/web/consultation-context.server";
import { requireReportReader } from "~/web/report-access.server";
import { currentReportBuild, isFresh, requestReportBuild } from "~/reports/report-builds.server";
import reportStyles from "~/styles/report.css?url";
import { formatDateTime, formatNumber } from "~/platform/format";
import { type FormFailure } from "~/web/form-failures.server";
import { FormToken } from "~/security/form-guards";
import { useHydrated } from "~/components/use-hydrated";
import { parseSubmission } from "~/web/forms.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const handle: PageHandle = { title: (t) => t("reports:pdf.title") };

/** The PDF language: as asked in `?locale=`, else the page's own. */
function pdfLocale(request: Request, pageLanguage: Language): Language {
  const asked = new URL(request.url).searchParams.get("locale");
  return isSupportedLanguage(asked) ? asked : pageLanguage;
}

export async function loader(args: LoaderFunctionArgs) {
  const { request } = args;
  const context = await loadConsultationContextOnce(args);
  const { institutional } = await requireReportReader(request, context);
  const { db, consultation, language } = context;
  const locale = pdfLocale(request, language);
  const build = await currentReportBuild(db, consultation.id, locale);
  return {
    consultation: {
      slug: consultation.slug,
      title: localize(consultation.title, language, consultation.defaultLocale),
    },
    locale,
    mayRebuild: institutional,
    build: build && {
      id: build.id,
      status: build.status,
      stage: build.stage,
      progress: build.progress,
      error: build.error,
      byteSize: build.byteSize,
      finishedAt: build.finishedAt?.toISOString() ?? null,
      fresh: isFresh(build),
    },
  };
}

const buildRequest = z.object({
  locale: z.enum(supportedLanguages, { error: "reports:pdf.errors.locale" }),
  intent: z.enum(["build", "rebuild"]).default("build"),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  const { institutional } = await requireReportReader(request, context);
  const formData = await request.formData();
  const parsed = parseSubmission(buildRequest, formData);
  if (!parsed.ok) return parsed.answer;
  const { locale, intent } = parsed.data;
  await requestReportBuild(context.db, {
    consultationId: context.consultation.id,
    locale,
    requestedById: context.actor.kind === "member" ? context.actor.userId : null,
    // Only institution readers may have a fresh PDF built again: it costs a browser's worth of work.
    force: intent === "rebuild" && institutional,
  });
  return redirect(`/c/${context.consultation.slug}/report/pdf?locale=${locale}`);
}

export default function ReportPdfPage() {
  const { t, i18n } = useTranslation("reports");
  const { consultation: c, locale, build, mayRebuild } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const language = i18n.language;
  const pending = build?.status === "queued" || build?.status === "running";
  usePollWhile(pending);
  const hydrated = useHydrated();
  const buildButton = (intent: "build" | "rebuild", label: string) => (
    <Form method="post" className="report-pdf__build">
      <FormToken />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="intent" value={intent} />
      <button type="submit">{label}</button>
    </Form>
  );
  return (
    <article className="page report-pdf">
      <p>
        <Link to={`/c/${c.slug}/report`} lang={c.title.language}>
          {t("pdf.back", { title: c.title.text })}
        </Link>
      </p>
      <h1>{t("pdf.title")}</h1>
      <p className="lead">{t("pdf.intro")}</p>

      <Form method="get" className="report-pdf__language">
        <label htmlFor="pdf-locale">{t("pdf.language")}</label>
        <select
          id="pdf-locale"
          name="locale"
          defaultValue={locale}
          aria-describedby={failure ? "pdf-locale-error" : undefined}
        >
          {supportedLanguages.map((code) => (
            <option key={code} value={code} lang={code}>
              {languageAutonyms[code]}
            </option>
          ))}
        </select>
        <button type="submit">{t("pdf.chooseLanguage")}</button>
        <FieldError id="pdf-locale" error={failure?.fieldErrors.locale} />
      </Form>

      <section aria-labelledby="pdf-status" className="report-pdf__status">
        <h2 id="pdf-status">{t("pdf.statusHeading", { language: languageAutonyms[locale] })}</h2>
        {!build ? (
          <>
            <p>{t("pdf.none")}</p>
            {buildButton("build", t("pdf.build"))}
          </>
        ) : null}

        {build && pending ? (
          <div className="report-pdf__progress">
            {/* The bar is for the eye; its figure is said once, in the live region below. */}
            <label htmlFor="pdf-progress">{t(`pdf.stages.${build.stage}`)}</label>
            <progress id="pdf-progress" max={100} value={build.progress} />
          </div>
        ) : null}
        {/*
          One polite live region, always on the page so that changes to it are announced: the stage
          and percentage while the build runs, then that the PDF is ready.
        */}
        <p role="status" aria-live="polite" aria-atomic="true" className="report-pdf__live">
          {build && pending
            ? `${t(`pdf.stages.${build.stage}`)} ${t("pdf.progress", { percent: formatNumber(build.progress, language) })}`
            : build?.status === "done"
              ? t("pdf.ready", { language: languageAutonyms[locale] })
              : ""}
        </p>
        {build && pending && !hydrated ? (
          // Without JavaScript nothing updates by itself: a link to look again (no meta refresh).
          <p>
            <a href={`/c/${c.slug}/report/pdf?locale=${locale}`}>{t("pdf.refresh")}</a>
          </p>
        ) : null}

        {build?.status === "done" && build.finishedAt ? (
          <>
            <p>
              <a className="button" href={`/c/${c.slug}/report/pdf/${build.id}`} download>
                {t("pdf.download", { language: languageAutonyms[locale] })}
              </a>
            </p>
            <p>
              {t("pdf.builtAt", {
                when: formatDateTime(build.finishedAt, language),
                size: formatNumber(Math.ceil((build.byteSize ?? 0) / 1024), language),
              })}
            </p>
            {mayRebuild
              ? buildButton("rebuild", t("pdf.rebuild"))
              : !build.fresh
                ? buildButton("build", t("pdf.build"))
                : null}
          </>
        ) : null}

        {build?.status === "failed" ? (
          <>
            <p className="form-error" role="alert">
              {t(`pdf.errors.${build.error ?? "failed"}`)}
            </p>
            {buildButton("build", t("pdf.retry"))}
          </>
        ) : null}
      </section>
    </article>
  );
}
