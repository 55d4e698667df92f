import type { LoaderFunctionArgs } from "@remix-run/node";
import { templateCsv, templateXlsx } from "~/meetings/import-file.server";
import { loadConsultationContext } from "~/web/consultation-context.server";
import { downloadResponse, storedFileResponse } from "~/web/stream-response.server";
import { buildTemplate, resolveImportTarget } from "./meetings_.$meetingId_.import/import-page.server";

const templateFiles = new Map<string, "csv" | "xlsx">([
  ["template.csv", "csv"],
  ["template.xlsx", "xlsx"],
]);

/** The import template of one meeting (`template.csv`, `template.xlsx`), in the facilitator's language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  const target = await resolveImportTarget(request, context, params.meetingId);
  const format = templateFiles.get(params.file ?? "");
  if (!format) throw new Response("Not Found", { status: 404 });
  const template = await buildTemplate(context, target);
  const filename = `meeting-${target.meeting.id}-${context.language}.${format}`;
  if (format === "csv") {
    return storedFileResponse(new TextEncoder().encode(templateCsv(template)), {
      contentType: "text/csv; charset=utf-8",
      filename,
    });
  }
  return downloadResponse(templateXlsx(template), {
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    filename,
  });
}
