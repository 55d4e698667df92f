import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, requireApiConsultation } from "~/web/api-http.server";
import { parseExportFile, startExportDownload } from "~/exports/exports.server";
import { downloadResponse } from "~/web/stream-response.server";

/** The data export files of /c/:slug/export, for a token; each download is logged for the institution. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, caller, consultation } = await requireApiConsultation(request, params.slug);
  const bom = new URL(request.url).searchParams.get("bom") === "1";
  const file = parseExportFile(params.file ?? "", bom);
  if (!file) return apiError(404, "No such export file.");
  const download = await startExportDownload(db, consultation, file, {
    userId: null,
    institutionId: caller.institutionId,
  });
  return downloadResponse(download.body, download);
}
