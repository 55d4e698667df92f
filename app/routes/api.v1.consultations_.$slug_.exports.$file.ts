import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, requireApiConsultation } from "~/web/api-http.server";
import { getEnv } from "~/env.server";
import { buildExport, parseExportFile, recordDownload } from "~/exports/exports.server";
import { downloadResponse } from "~/utils/stream-response.server";

/** The data export files of /c/:slug/export, for a token; each download is logged for the institution. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, caller, consultation } = await requireApiConsultation(request, params.slug);
  const bom = new URL(request.url).searchParams.get("bom") === "1";
  const file = parseExportFile(params.file ?? "", bom);
  if (!file) return apiError(404, "No such export file.");
  await recordDownload(db, {
    userId: null,
    institutionId: caller.institutionId,
    consultationId: consultation.id,
    file,
  });
  const env = getEnv();
  const download = buildExport(db, consultation, file, {
    secret: env.AUTH_SECRET,
    smallCellThreshold: env.SMALL_CELL_THRESHOLD,
  });
  return downloadResponse(download.body, download);
}
