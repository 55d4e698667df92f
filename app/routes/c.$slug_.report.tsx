import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { PageHandle } from "~/components/page-title";
import { ConsultationReportView } from "~/components/report/consultation-report";
import { getEnv } from "~/env.server";
import { downloadingInstitution } from "~/exports/exports.server";
import { loadConsultationContext } from "~/participation/context.server";
import { can, requireAbility } from "~/permissions.server";
import { recordReportView } from "~/reports/report-log.server";
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
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation, scope, actor, language } = await loadConsultationContext(request, params.slug);
  const institutional = can(actor, "report.download", scope);
  if (!institutional) await requireAbility(request, "report.readPublic", scope);
  if (institutional && actor.kind === "member") {
    await recordReportView(db, {
      userId: actor.userId,
      institutionId: downloadingInstitution(actor, scope),
      consultationId: consultation.id,
    });
  }
  const report = await buildConsultationReport(db, consultation, language, getEnv().SMALL_CELL_THRESHOLD);
  return { language, report };
}

export default function ReportPage() {
  const { language, report } = useLoaderData<typeof loader>();
  return <ConsultationReportView report={report} language={language} />;
}
