/**
 * "Killing the sender mid-batch and restarting sends each pending mail once", with a real sender
 * process (tests/support/outbox-sender.ts) killed by SIGKILL, against a file-backed PGlite data
 * directory that the sender and this test open in turn (PGlite allows one process at a time).
 *
 * What "once" can mean with SMTP: the server's acceptance and our "sent" mark are two steps, and a
 * crash between them cannot be told apart from a crash before sending. So the sender re-sends a mail
 * it cannot prove was sent (at-least-once), under the same Message-ID (derived from the dedupe key),
 * so that the receiving side shows it once. This test checks exactly that: every pending mail
 * arrives; a mail recorded as sent is never sent again; at most the one mail in flight at the kill
 * is sent a second time, with the same Message-ID; deduplicated by Message-ID, each arrives once.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/platform/db.server";
import { parseEnv } from "~/platform/env.server";
import { messageIdFor, queueMail } from "~/platform/mail/outbox.server";
import { outboxMail } from "~db/schema";
import { makeDataDir } from "../support/server";

const dataDir = makeDataDir();
const sinkFile = path.join(dataDir, "sink.jsonl");
const mailCount = 30;

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Opens the data directory in this process, runs `work`, and closes it for the sender's next turn. */
async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>) {
  const connection = await openDatabase(parseEnv({ DATA_DIR: dataDir, NODE_ENV: "test" }));
  try {
    return await work(connection.db);
  } finally {
    await connection.close();
  }
}

function startSender(sendDelayMs: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/outbox-sender.ts"], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      BASE_URL: "",
      SMTP_URL: "",
      MAIL_SINK: sinkFile,
      SEND_DELAY_MS: String(sendDelayMs),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, errors: () => errors };
}

const deliveries = () =>
  fs.existsSync(sinkFile)
    ? fs
        .readFileSync(sinkFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { messageId: string; to: string })
    : [];

describe("the outbox sender, killed mid-batch and restarted", () => {
  it("delivers every pending mail, and none a second time once it was recorded as sent", async () => {
    const dedupeKeys = Array.from({ length: mailCount }, (_, i) => `crash-test:${i}`);
    await withDatabase(async (db) => {
      for (const [i, dedupeKey] of dedupeKeys.entries()) {
        await queueMail(db, { dedupeKey, to: `member-${i}@example.org`, subject: "Hello", text: "Body" });
      }
    });

    // First run: slow sends, killed once a few mails of the first batch of 10 are out.
    const first = startSender(40);
    const deadline = Date.now() + 60_000;
    while (deliveries().length < 4) {
      if (Date.now() > deadline) throw new Error(`the sender sent nothing: ${first.errors()}`);
      await sleep(10);
    }
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    const deliveredBeforeKill = deliveries().length;
    expect(deliveredBeforeKill).toBeLessThan(mailCount);

    await withDatabase(async (db) => {
      const rows = await db.select().from(outboxMail);
      // Mid-batch: the dead sender left claimed mail behind, under a lease.
      expect(rows.filter((row) => row.status === "sending").length).toBeGreaterThan(0);
      // As if the lease had run out (it would, after two minutes).
      await db
        .update(outboxMail)
        .set({ lockedUntil: sql`now() - interval '1 second'` })
        .where(eq(outboxMail.status, "sending"));
    });

    const second = startSender(0);
    expect(await second.exited, second.errors()).toEqual({ code: 0, signal: null });

    const rows = await withDatabase((db) => db.select().from(outboxMail).orderBy(asc(outboxMail.id)));
    expect(rows.map((row) => row.status)).toEqual(dedupeKeys.map(() => "sent"));

    const sent = deliveries();
    const timesSent = new Map<string, number>();
    for (const { messageId } of sent) timesSent.set(messageId, (timesSent.get(messageId) ?? 0) + 1);
    // Every mail arrived, under its own deterministic Message-ID …
    expect([...timesSent.keys()].sort()).toEqual(dedupeKeys.map(messageIdFor).sort());
    // … no mail was sent more often than it was attempted (a mail marked sent is never claimed again) …
    for (const row of rows) expect(timesSent.get(messageIdFor(row.dedupeKey))).toBeLessThanOrEqual(row.attempts);
    // … and only the one mail in flight when the sender died can have gone out twice.
    expect(sent.length - timesSent.size).toBeLessThanOrEqual(1);
  });
});
