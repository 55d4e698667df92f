import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { PageHandle } from "~/components/page-title";
import { ConsultationReportView } from "~/components/report/consultation-report";
import { getEnv } from "~/platform/env.server";
import { loadConsultationContextOnce } from "~/web/consultation-context.server";
import { recordReportRead } from "~/reports/report-reads.server";
import { requireReportReader } from "~/web/report-access.server";
import { buildConsultationReport } from "~/reports/report.server";
import reportStyles from "~/styles/report.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const handle: PageHandle = {
  title: (t, data) =>
    t("reports:title", {
      title:
        (data as { report?: { consultation: { title: { text: string } } } })?.report?.consultation.title.text ?? "",
    }),
};

/**
 * The consultation report: for the owning and following institutions and admins at any time, for
 * everyone once the consultation is published. The same aggregates either way; institution views are audited.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { request } = args;
  const context = await loadConsultationContextOnce(args);
  await requireReportReader(request, context);
  await recordReportRead(context, "html");
  const { db, consultation, language } = context;
  const report = await buildConsultationReport(db, consultation, language, getEnv().SMALL_CELL_THRESHOLD);
  return { language, report };
}

export default function ReportPage() {
  const { language, report } = useLoaderData<typeof loader>();
  return <ConsultationReportView report={report} language={language} />;
}
