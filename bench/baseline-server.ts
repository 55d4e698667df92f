/**
 * The benchmark's baseline: a bare node:http server that records a vote with one
 * INSERT … ON CONFLICT and nothing else (no session, no validation, no permission, no rate
 * limit). Same database kind and client as the app: PGlite under DATA_DIR, or a pool of ten on
 * DATABASE_URL. The member comes in the form (`userId`), since there is no session to name them.
 */
import http from "node:http";
import { eq, sql } from "drizzle-orm";
import { openDatabase } from "~/platform/db.server";
import { parseEnv } from "~/platform/env.server";
import { consultation, vote } from "~db/schema";
import { DEMO_CONSULTATION_SLUG } from "~db/seed/demo";

const env = parseEnv();
const { db, close } = await openDatabase(env);
const [demo] = await db
  .select({ id: consultation.id })
  .from(consultation)
  .where(eq(consultation.slug, DEMO_CONSULTATION_SLUG));
if (!demo) throw new Error("the baseline needs the demo consultation in its database");

async function readBody(request: http.IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of request) body += chunk;
  return new URLSearchParams(body);
}

const server = http.createServer(async (request, response) => {
  if (request.method !== "POST") {
    response.writeHead(request.url === "/healthz" ? 200 : 405).end();
    return;
  }
  try {
    const form = await readBody(request);
    await db.execute(sql`
      insert into ${vote} (consultation_id, priority_id, user_id, value)
      values (${demo.id}, ${Number(form.get("priorityId"))}, ${form.get("userId")}, ${form.get("value")})
      on conflict (priority_id, user_id) do update set value = excluded.value, updated_at = now()
    `);
    response.writeHead(204).end();
  } catch (error) {
    console.error(error);
    response.writeHead(500).end();
  }
});

server.listen(env.PORT, "127.0.0.1", () => console.log(`Baseline is serving on http://127.0.0.1:${env.PORT}`));

const stop = () => {
  server.close(() => void close().finally(() => process.exit(0)));
  server.closeAllConnections();
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
