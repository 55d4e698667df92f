/**
 * Issue 14 item 8: an admin sets how long sign-in history, rate-limit IP addresses and sent mail are
 * kept (30 days each by default); the `retention` job of the one job runner deletes what is older and
 * keeps what is newer; a bad setting is refused with a translated message and changes nothing; the
 * privacy notice shows the periods in force.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { job, outboxMail, rateLimit, retentionPolicy, session, userRole } from "~db/schema";
import { getEnv } from "~/platform/env.server";
import { backgroundJobs } from "~/platform/jobs/jobs.server";
import { jobNames } from "~/platform/jobs/names";
import { startJobRunner } from "~/platform/jobs/runner.server";
import { defaultRetention, loadRetention } from "~/privacy/retention.server";
import { loader as privacyLoader } from "~/routes/_public+/privacy";
import { action as retentionAction, loader as retentionLoader } from "~/routes/_staff+/staff.retention";
import { call, signUpMember } from "../support/actions";
import { createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { text } from "../support/locales";
import { markSecondFactorEnrolled } from "../support/second-factor";

const db = setupTestDatabase();
let admin: { cookie: string; userId: string };
let userId: string;

const daysAgo = (days: number) => sql`now() - make_interval(days => ${days})`;
const daysAhead = (days: number) => sql`now() + make_interval(days => ${days})`;

/** One row of each kind at each age: `days` old (negative: still to come). */
async function insertTraces(tag: string, days: number) {
  await db()
    .insert(session)
    .values([
      // A session that ended: counted from when it was last used.
      {
        id: `${tag}-ended`,
        token: randomUUID(),
        userId,
        ipAddress: "192.0.2.1",
        userAgent: "Test browser",
        createdAt: daysAgo(days + 7),
        updatedAt: daysAgo(days),
        expiresAt: daysAgo(days - 1),
      },
      // A session opened `days` ago and still in use: kept, without its IP address and browser once old.
      {
        id: `${tag}-live`,
        token: randomUUID(),
        userId,
        ipAddress: "192.0.2.2",
        userAgent: "Test browser",
        createdAt: daysAgo(days),
        updatedAt: daysAgo(0),
        expiresAt: daysAhead(7),
      },
    ]);
  await db()
    .insert(rateLimit)
    .values({ key: `signInPerAddress:198.51.100.${days}`, points: 3, expire: daysAgo(days) });
  await db()
    .insert(outboxMail)
    .values([
      {
        dedupeKey: `${tag}-sent`,
        toAddress: `${tag}@example.org`,
        subject: "Sent",
        textBody: "Sent",
        status: "sent" as const,
        sentAt: daysAgo(days),
        createdAt: daysAgo(days),
      },
      {
        dedupeKey: `${tag}-failed`,
        toAddress: `${tag}@example.org`,
        subject: "Failed",
        textBody: "Failed",
        status: "failed" as const,
        createdAt: daysAgo(days),
      },
    ]);
}

/** One round of the real `retention` job through the real runner, waited for in the `job` table. */
async function runRetentionRound(): Promise<number> {
  const definition = backgroundJobs(db(), getEnv()).find((j) => j.name === jobNames.retention);
  expect(definition, "the retention job is one of the background jobs").toBeDefined();
  const [before] = await db().select().from(job).where(eq(job.name, jobNames.retention));
  const runner = startJobRunner(db(), [definition!], { firstDelayMs: 0, pollMs: 20 });
  try {
    runner.wake(jobNames.retention);
    for (;;) {
      const [row] = await db().select().from(job).where(eq(job.name, jobNames.retention));
      if (row && row.runs > (before?.runs ?? 0) && row.status === "idle" && row.lastFinishedAt) {
        expect(row.lastError).toBeNull();
        return row.lastResult ?? 0;
      }
      if (row?.status === "failed") throw new Error(`retention round failed: ${row.lastError}`);
      await sleep(20);
    }
  } finally {
    await runner.stop();
  }
}

const sessionIds = async () => (await db().select({ id: session.id }).from(session)).map((s) => s.id).sort();
const sessionIp = async (id: string) =>
  (await db().select({ ip: session.ipAddress, ua: session.userAgent }).from(session).where(eq(session.id, id)))[0];
const rateLimitKeys = async () =>
  (await db().select({ key: rateLimit.key }).from(rateLimit))
    .map((r) => r.key)
    .filter((k) => k.startsWith("signInPerAddress:198.51.100."));
const mailKeys = async () =>
  (await db().select({ key: outboxMail.dedupeKey }).from(outboxMail))
    .map((m) => m.key)
    .filter((k) => /^(old|mid|new)-/.test(k))
    .sort();

beforeAll(async () => {
  admin = await signUpMember("Retention admin");
  await db().insert(userRole).values({ userId: admin.userId, role: "admin" });
  await markSecondFactorEnrolled(db(), admin.userId);
  [userId] = (await createUsers(db(), 1)) as [string];
  await insertTraces("old", 40);
  await insertTraces("mid", 10);
  await insertTraces("new", 1);
});

describe("retention", () => {
  it("starts with 30 days for each, shown on the admin page and in the privacy notice", async () => {
    expect(await loadRetention(db())).toMatchObject(defaultRetention);
    expect(defaultRetention).toEqual({ sessionsDays: 30, rateLimitDays: 30, mailDays: 30 });
    const page = await call(retentionLoader, { path: "/staff/retention", params: {}, cookie: admin.cookie });
    expect(page.status).toBe(200);
    expect((page.body as { values: Record<string, string> }).values).toEqual({
      sessionsDays: "30",
      rateLimitDays: "30",
      mailDays: "30",
    });
    const notice = await call(privacyLoader, { path: "/privacy", params: {} });
    expect(notice.status).toBe(200);
    expect((notice.body as { retention: Record<string, string> }).retention).toEqual({
      sessions: "30 days",
      rateLimit: "30 days",
      mail: "30 days",
    });
  });

  it("deletes what is older than the periods in the job's round, and keeps what is newer", async () => {
    const userSessions = (await sessionIds()).filter((id) => /^(old|mid|new)-/.test(id));
    expect(userSessions).toEqual(["mid-ended", "mid-live", "new-ended", "new-live", "old-ended", "old-live"]);

    const handled = await runRetentionRound();
    // The old ended session, the old counter and the old sent mail deleted; the old live session blanked.
    expect(handled).toBeGreaterThanOrEqual(4);
    expect((await sessionIds()).filter((id) => /^(old|mid|new)-/.test(id))).toEqual([
      "mid-ended",
      "mid-live",
      "new-ended",
      "new-live",
      "old-live",
    ]);
    expect(await sessionIp("old-live")).toEqual({ ip: null, ua: null });
    expect(await sessionIp("mid-live")).toEqual({ ip: "192.0.2.2", ua: "Test browser" });
    expect((await rateLimitKeys()).sort()).toEqual(["signInPerAddress:198.51.100.1", "signInPerAddress:198.51.100.10"]);
    // Sent mail goes; failed mail stays for whoever looks into the failure.
    expect(await mailKeys()).toEqual(["mid-failed", "mid-sent", "new-failed", "new-sent", "old-failed"]);
  });

  it("saves an admin's periods, and the next round and the privacy notice follow them", async () => {
    const saved = await call(retentionAction, {
      path: "/staff/retention",
      params: {},
      cookie: admin.cookie,
      fields: { sessionsDays: "5", rateLimitDays: " 7 ", mailDays: "365" },
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/staff/retention");
    const [row] = await db().select().from(retentionPolicy);
    expect(row).toMatchObject({ id: 1, sessionsDays: 5, rateLimitDays: 7, mailDays: 365, updatedBy: admin.userId });

    await runRetentionRound();
    expect((await sessionIds()).filter((id) => /^(old|mid|new)-/.test(id))).toEqual([
      "mid-live",
      "new-ended",
      "new-live",
      "old-live",
    ]);
    expect(await sessionIp("mid-live")).toEqual({ ip: null, ua: null });
    expect(await sessionIp("new-live")).toEqual({ ip: "192.0.2.2", ua: "Test browser" });
    expect(await rateLimitKeys()).toEqual(["signInPerAddress:198.51.100.1"]);
    // A year for mail: the 10-day-old sent mail stays.
    expect(await mailKeys()).toEqual(["mid-failed", "mid-sent", "new-failed", "new-sent", "old-failed"]);

    const notice = await call(privacyLoader, { path: "/privacy", params: {} });
    expect((notice.body as { retention: Record<string, string> }).retention).toEqual({
      sessions: "5 days",
      rateLimit: "7 days",
      mail: "365 days",
    });
  });

  it("refuses a bad period with a translated message next to the field, and changes nothing", async () => {
    const [before] = await db().select().from(retentionPolicy);
    const message = text("en", "privacy", "retention.errors.days");
    expect(message).toMatch(/3650/);
    for (const bad of ["0", "-1", "3651", "1.5", "abc", "", "1e3", "99999"]) {
      const answer = await call(retentionAction, {
        path: "/staff/retention",
        params: {},
        cookie: admin.cookie,
        fields: { sessionsDays: bad, rateLimitDays: "30", mailDays: "30" },
      });
      expect(answer.status, bad).toBe(400);
      const failure = answer.body as { fieldErrors: Record<string, string>; formError: string };
      expect(failure.fieldErrors, bad).toEqual({ sessionsDays: "privacy:retention.errors.days" });
      expect(failure.formError).toBe("privacy:retention.errors.summary");
      for (const language of ["en", "ar", "zh"]) {
        expect(text(language, "privacy", "retention.errors.days")).toBeTruthy();
      }
    }
    const missing = await call(retentionAction, {
      path: "/staff/retention",
      params: {},
      cookie: admin.cookie,
      fields: { sessionsDays: "30" },
    });
    expect(missing.status).toBe(400);
    expect(Object.keys((missing.body as { fieldErrors: object }).fieldErrors).sort()).toEqual([
      "mailDays",
      "rateLimitDays",
    ]);
    expect(await db().select().from(retentionPolicy)).toEqual([before]);
  });

  it("is for admins only", async () => {
    const member = await signUpMember("Not an admin");
    const [before] = await db().select().from(retentionPolicy);
    const answer = await call(retentionAction, {
      path: "/staff/retention",
      params: {},
      cookie: member.cookie,
      fields: { sessionsDays: "1", rateLimitDays: "1", mailDays: "1" },
    });
    expect(answer.status).toBe(403);
    expect(await db().select().from(retentionPolicy)).toEqual([before]);
  });
});
