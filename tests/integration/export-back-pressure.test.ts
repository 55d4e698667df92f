/**
 * A large export sent through the server's Express handler (server/remix-handler.ts, behind
 * compression() as in production) to a client on a real socket that stops reading: the export is
 * read from the database only as far as the socket's buffers take it, not to its end into memory;
 * once the client reads again, the whole file arrives. Progress is counted in the records the export
 * has produced (read batch by batch on PGlite, from one COPY stream on PostgreSQL), never timed.
 */
import net from "node:net";
import { sql } from "drizzle-orm";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildExport } from "~/exports/exports.server";
import { downloadResponse } from "~/web/stream-response.server";
import { sendResponse } from "../../server/remix-handler";
import { createConsultation } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

const MEMBERS = 30_000;
const PRIORITIES = 10;
const VOTES = MEMBERS * PRIORITIES;
const BATCH_SIZE = 2_000;

/** CSV records (header included) the export has produced so far: votes hold no line break. */
let recordsRead = 0;
let server: ReturnType<ReturnType<typeof express>["listen"]>;
let port: number;

beforeAll(async () => {
  const consultation = await createConsultation(db(), { phase: "closed" }, PRIORITIES);
  await db().execute(sql`insert into "user" (id, name, email)
    select 'pressure-' || g, 'Member ' || g, 'pressure-' || g || '@example.org' from generate_series(1, ${MEMBERS}) g`);
  await db().execute(sql`insert into vote (consultation_id, priority_id, user_id, value)
    select ${consultation.id}, p.id, 'pressure-' || g, 'agree'
    from generate_series(1, ${MEMBERS}) g join priority p on p.consultation_id = ${consultation.id}`);
  // As PostgreSQL's autovacuum would: without statistics each batch may scan the whole table.
  await db().execute(sql`analyze vote`);

  const app = express();
  app.use(compression());
  app.get("/votes.csv", (_req, res, next) => {
    const download = buildExport(
      db(),
      { id: consultation.id, slug: consultation.slug, title: { en: "Back-pressure" }, defaultLocale: "en" },
      { kind: "votes", format: "csv" },
      { secret: "a secret for the back-pressure test", smallCellThreshold: 5, batchSize: BATCH_SIZE },
    );
    sendResponse(res, downloadResponse(countRecords(download.body), download)).catch(next);
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

/** The export's chunks, their records counted as they are pulled. */
async function* countRecords(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of body) {
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) recordsRead++;
    yield chunk;
  }
}

/** Resolves once `read()` has given the same value for `times` looks in a row, a tenth of a second apart. */
async function settled(read: () => number, times = 10): Promise<number> {
  let last = -1;
  let same = 0;
  while (same < times) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = read();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}

it("reads a stalled client's export only as far as the socket takes it, and all of it once read", async () => {
  const socket = net.connect(port, "127.0.0.1");
  socket.pause();
  socket.write("GET /votes.csv HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

  // A client that reads nothing: once the socket's buffers are full the server must stop reading.
  const whileStalled = await settled(() => recordsRead);
  expect(whileStalled).toBeGreaterThan(0);
  // The 29 MB file cannot fit in the loopback socket's buffers (a few MB); without back-pressure
  // every row would have been read and held by the server by now.
  expect(whileStalled).toBeLessThan(VOTES / 2);

  let received = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (received += chunk));
  socket.resume();
  await new Promise((resolve) => socket.once("end", resolve));
  const body = received.slice(received.indexOf("\r\n\r\n") + 4);
  // Chunked transfer encoding frames the body; its CSV records are still whole lines.
  const records = body.split("\r\n").filter((line) => /^\d+,\d+,[0-9a-f]{32},agree,false,/.test(line));
  expect(records).toHaveLength(VOTES);
  expect(recordsRead).toBe(VOTES + 1);
});
