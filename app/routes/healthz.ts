import { sql } from "drizzle-orm";
import { getDb } from "~/db.server";

/** For load balancers and the tests: answers once the database is reachable. */
export async function loader() {
  const db = await getDb();
  await db.execute(sql`select 1`);
  return new Response("ok", { headers: { "Cache-Control": "no-store" } });
}
