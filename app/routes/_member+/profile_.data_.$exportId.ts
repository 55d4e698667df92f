import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readDataExport } from "~/accounts/data-export.server";
import { getDb } from "~/platform/db.server";
import { requireAbility } from "~/web/guard.server";
import { storedFileResponse } from "~/web/stream-response.server";
import { rowId } from "~/platform/zod-fields";

/**
 * A member's data export, as linked from their page and their e-mail: only to the member it is about
 * (404 for anyone else, staff included, as for an id that does not exist); once expired, the page
 * that says so; while it is still being prepared, the page with its progress.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireAbility(request, "profile.manage", null);
  if (actor.kind !== "member") throw new Response("Not Found", { status: 404 });
  const exportId = rowId("common:errors.notFound.title").safeParse(params.exportId);
  if (!exportId.success) throw new Response("Not Found", { status: 404 });
  const found = await readDataExport(await getDb(), { exportId: exportId.data, userId: actor.userId });
  switch (found.kind) {
    case "notFound":
      throw new Response("Not Found", { status: 404 });
    case "expired":
      throw redirect("/profile/data?expired=1", 303);
    case "pending":
      throw redirect("/profile/data", 303);
    case "ready": {
      const day = found.createdAt.toISOString().slice(0, 10);
      return storedFileResponse(found.zip, { contentType: "application/zip", filename: `baraza-my-data-${day}.zip` });
    }
  }
}
