import type { LoaderFunctionArgs } from "@remix-run/node";
import { consultationSummaries } from "~/api/consultations.server";
import { apiJson, requireApiConsultation } from "~/web/api-http.server";

/** Published summaries, one per scope and language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await requireApiConsultation(request, params.slug);
  return apiJson({ data: await consultationSummaries(db, consultation) });
}
