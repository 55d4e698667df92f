import type { LoaderFunctionArgs } from "@remix-run/node";
import { consultationDetail } from "~/api/consultations.server";
import { apiJson, requireApiConsultation } from "~/web/api-http.server";

/** A consultation's texts (every language), phase and dates. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, scope } = await requireApiConsultation(request, params.slug);
  return apiJson({ data: consultationDetail(consultation, scope) });
}
