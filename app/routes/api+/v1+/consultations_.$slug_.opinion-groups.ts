import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, requireApiConsultation } from "~/web/api-http.server";
import { loadOpinionGroups } from "~/opinion/opinion-groups.server";

/** The last computed opinion groups (null before the first computation). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await requireApiConsultation(request, params.slug);
  return apiJson({ data: await loadOpinionGroups(db, consultation.id) });
}
