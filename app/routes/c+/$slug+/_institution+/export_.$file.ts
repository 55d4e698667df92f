import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadingInstitution, parseExportFile, startExportDownload } from "~/exports/exports.server";
import { loadConsultationContext } from "~/web/consultation-context.server";
import { requireAbility } from "~/web/guard.server";
import { downloadResponse } from "~/web/stream-response.server";

/** One export file (`votes.csv`, `all.xlsx`, `all.json`, `package.zip`), streamed as it is read. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation, scope } = await loadConsultationContext(request, params.slug);
  const { actor } = await requireAbility(request, "export.download", scope);
  const bom = new URL(request.url).searchParams.get("bom") === "1";
  const file = parseExportFile(params.file ?? "", bom);
  if (!file || actor.kind !== "member") throw new Response("Not Found", { status: 404 });
  const download = await startExportDownload(db, consultation, file, {
    userId: actor.userId,
    institutionId: downloadingInstitution(actor, scope),
  });
  return downloadResponse(download.body, download);
}
