import type { LoaderFunctionArgs } from "@remix-run/node";
import { consultationBreakdowns } from "~/api/consultations.server";
import { apiJson, requireApiConsultation } from "~/web/api-http.server";
import { getEnv } from "~/platform/env.server";

/** Participation over time and by profile answer, and results without declared interests; small cells withheld. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await requireApiConsultation(request, params.slug);
  return apiJson({ data: await consultationBreakdowns(db, consultation, getEnv().SMALL_CELL_THRESHOLD) });
}
