import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadConsultationContext } from "~/web/consultation-context.server";
import { recordReportRead } from "~/reports/report-reads.server";
import { requireReportReader } from "~/web/report-access.server";
import { readReportPdf } from "~/reports/report-builds.server";
import { storedFileResponse } from "~/web/stream-response.server";
import { rowId } from "~/platform/zod-fields";

/** A finished PDF report, for whoever may read the report; institution downloads are audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  await requireReportReader(request, context);
  // Ids beyond PostgreSQL's integer would fail the query itself: they are as unknown as any other.
  const buildId = rowId("common:errors.notFound.title").safeParse(params.buildId);
  const found = buildId.success ? await readReportPdf(context.db, context.consultation.id, buildId.data) : null;
  if (!found) throw new Response("Not Found", { status: 404 });
  await recordReportRead(context, "pdf");
  return storedFileResponse(found.pdf, {
    contentType: "application/pdf",
    filename: `baraza-${context.consultation.slug}-report-${found.locale}.pdf`,
  });
}
