import { getDb } from "~/platform/db.server";
import { checkReadiness } from "~/platform/ops/readiness.server";

/** For load balancers and the test harness: 200 once the database answers with every migration applied. */
export async function loader() {
  const readiness = await checkReadiness(await getDb());
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
