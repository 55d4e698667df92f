/** The benchmarks' shared setup: a database with the demo consultation and members signed in as better-auth would. */
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import pg from "pg";
import { openDatabase } from "~/platform/db.server";
import { parseEnv } from "~/platform/env.server";
import { consultation, priority, session, user, vote } from "~db/schema";
import { DEMO_CONSULTATION_SLUG, seedDemo } from "~db/seed/demo";
import { csrfCookieName, formToken } from "../server/csrf";
import type { BenchMember, Ledger } from "./load";

export interface Prepared {
  members: BenchMember[];
  priorityIds: number[];
}

/** The demo consultation and `memberCount` members, each with a session as better-auth would sign it. */
export async function prepareDatabase(
  env: Record<string, string>,
  authSecret: string,
  memberCount: number,
): Promise<Prepared> {
  const { db, close } = await openDatabase(parseEnv({ ...env, AUTH_SECRET: authSecret }));
  try {
    await seedDemo(db);
    const priorities = await db
      .select({ id: priority.id })
      .from(priority)
      .innerJoin(consultation, eq(consultation.id, priority.consultationId))
      .where(and(eq(consultation.slug, DEMO_CONSULTATION_SLUG), eq(priority.status, "approved")))
      .orderBy(asc(priority.position));
    const members = Array.from({ length: memberCount }, (_, index): BenchMember & { token: string } => {
      const token = randomBytes(24).toString("base64url");
      // better-auth's cookie: the token, a dot and its HMAC-SHA256 in base64, URI-encoded.
      const signature = createHmac("sha256", authSecret).update(token).digest("base64");
      const session = `${token}.${signature}`;
      // The form token a page would have given this member (server/csrf.ts), with its cookie.
      const seed = randomBytes(24).toString("base64url");
      return {
        id: randomUUID(),
        token,
        cookie: `better-auth.session_token=${encodeURIComponent(session)}; ${csrfCookieName(false)}=${seed}`,
        formToken: formToken(authSecret, seed, session),
        address: `10.77.${Math.floor(index / 250)}.${(index % 250) + 1}`,
      };
    });
    await db
      .insert(user)
      .values(members.map((m, i) => ({ id: m.id, name: `Bench member ${i + 1}`, email: `bench-${m.id}@example.org` })));
    const expiresAt = new Date(Date.now() + 24 * 60 * 60 * 1000);
    await db
      .insert(session)
      .values(members.map((m) => ({ id: randomUUID(), token: m.token, userId: m.id, expiresAt })));
    return { members, priorityIds: priorities.map((p) => p.id) };
  } finally {
    await close();
  }
}

/** Stored votes of the bench members equal the last acknowledged ones, and no other row exists. */
export async function verify(
  env: Record<string, string>,
  authSecret: string,
  ledger: Ledger,
  members: readonly BenchMember[],
): Promise<string> {
  const { db, close } = await openDatabase(parseEnv({ ...env, AUTH_SECRET: authSecret }));
  try {
    const rows = await db
      .select({ userId: vote.userId, priorityId: vote.priorityId, value: vote.value })
      .from(vote)
      .where(
        inArray(
          vote.userId,
          members.map((m) => m.id),
        ),
      );
    const problems = ledger.compare(rows);
    return problems.length === 0
      ? `yes: ${rows.length} stored rows = ${ledger.size} acknowledged member × priority pairs`
      : `NO: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ""}`;
  } finally {
    await close();
  }
}

export async function forgetVotes(
  env: Record<string, string>,
  authSecret: string,
  members: readonly BenchMember[],
): Promise<void> {
  const { db, close } = await openDatabase(parseEnv({ ...env, AUTH_SECRET: authSecret }));
  try {
    await db.delete(vote).where(
      inArray(
        vote.userId,
        members.map((m) => m.id),
      ),
    );
  } finally {
    await close();
  }
}

/** A fresh PostgreSQL database on the server of `adminUrl`, dropped by `drop()`. */
export async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `baraza_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      try {
        await dropWhenIdle(admin, name);
      } finally {
        await admin.end();
      }
    },
  };
}

/**
 * A pool's end() resolves before its sockets have closed: dropping "with (force)" at once would
 * kill those connections under our feet, so wait (briefly) for them to go first.
 */
async function dropWhenIdle(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const { rows } = await admin.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = $1",
      [name],
    );
    if (rows[0]?.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await admin.query(`drop database if exists ${name} with (force)`);
}
