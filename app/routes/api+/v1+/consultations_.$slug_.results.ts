import type { LoaderFunctionArgs } from "@remix-run/node";
import { consultationResults } from "~/api/consultations.server";
import { apiJson, requireApiConsultation } from "~/web/api-http.server";

/** Per priority: agree/disagree/pass counts, the 95 % Wilson interval of agreement, ballot points. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await requireApiConsultation(request, params.slug);
  return apiJson({ data: await consultationResults(db, consultation.id) });
}
