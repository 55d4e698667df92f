import type { LoaderFunctionArgs } from "@remix-run/node";
import { consultationResponses } from "~/api/consultations.server";
import { apiJson, requireApiConsultation } from "~/web/api-http.server";

/** Published institutional responses with their commitments and status histories. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await requireApiConsultation(request, params.slug);
  return apiJson({ data: await consultationResponses(db, consultation.id) });
}
