/**
 * `npm run bench:spam`: what the spam check for repeated text (app/moderation/records.server.ts,
 * `spamSignalsOf`) costs on each new comment in a consultation of 100,000 comments, with and without
 * the index on the normalised text's hash (`comment_same_text_idx`, issue 18 item 17).
 *
 * 1. A fresh PGlite database in a temporary directory gets one consultation, 1,000 members and
 *    100,000 published comments of different texts (INSERT … SELECT generate_series), then ANALYZE.
 * 2. "after": `spamSignalsOf` is called as for `--checks` new comments (half of them repeating an
 *    existing text, half new), timed one by one; each repeat must show `repeated-text` and no new
 *    text may.
 * 3. "before": the index is dropped, as the code was before it, and the same checks are timed again.
 * The query plan of the lookup is printed for both.
 *
 * Options: --comments 100000, --checks 200.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { closeDb, getDb, queryRows, type Database } from "~/platform/db.server";
import { spamSignalsOf } from "~/moderation/records.server";

const { values: options } = parseArgs({
  options: { comments: { type: "string", default: "100000" }, checks: { type: "string", default: "200" } },
});
const commentCount = Number(options.comments);
const checkCount = Number(options.checks);
const memberCount = 1_000;

const textOf = (n: number) => `Comment ${n}: local production of medicines, not only imports, and fair prices.`;

async function generate(db: Database): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into consultation (slug, title, summary, context, phase)
        values ('bench-spam', '{"en": "Spam benchmark"}', '{"en": "-"}', '{"en": "-"}', 'open') returning id`,
  );
  const consultationId = row!.id;
  await db.execute(sql`insert into priority (consultation_id, position, title, body, category)
    values (${consultationId}, 1, '{"en": "Priority"}', '{"en": "Body"}', 'financing')`);
  await db.execute(sql`insert into "user" (id, name, email)
    select 'spam-user-' || g, 'Bench member ' || g, 'spam-' || g || '@example.org'
    from generate_series(1, ${memberCount}) g`);
  await db.execute(sql`insert into comment (consultation_id, priority_id, author_id, body, language, status, created_at)
    select ${consultationId}, p.id, 'spam-user-' || (1 + g % ${memberCount}),
           'Comment ' || g || ': local production of medicines, not only imports, and fair prices.',
           'en', 'published', now() - make_interval(secs => g)
    from generate_series(1, ${commentCount}) g
    cross join (select id from priority where consultation_id = ${consultationId}) p`);
  await db.execute(sql`analyze`);
  return consultationId;
}

interface Timing {
  label: string;
  median: number;
  p95: number;
  total: number;
  plan: string;
}

async function timeChecks(db: Database, consultationId: number, label: string): Promise<Timing> {
  const durations: number[] = [];
  for (let i = 0; i < checkCount; i++) {
    const repeat = i % 2 === 0;
    // Repeats copy an existing comment with other spacing and case, as a spammer's paste would.
    const body = repeat
      ? `  ${textOf(1 + ((i * 7919) % commentCount)).toUpperCase()}  `
      : `A new thought number ${i} about regional manufacturing and prices.`;
    const started = performance.now();
    const signals = await spamSignalsOf(db, {
      consultationId,
      commentId: 0,
      authorId: `spam-user-${1 + (i % memberCount)}`,
      body,
    });
    durations.push(performance.now() - started);
    if (signals.includes("repeated-text") !== repeat) {
      throw new Error(`${label}: check ${i} ${repeat ? "missed a repeat" : "saw a repeat in a new text"}`);
    }
  }
  durations.sort((a, b) => a - b);
  const plan = await queryRows<{ "QUERY PLAN": string }>(
    db,
    sql`explain select count(*) from comment
        where consultation_id = ${consultationId} and id <> 0 and status <> 'removed'
          and md5(lower(regexp_replace(btrim(body), '\\s+', ' ', 'g'))) = md5(${textOf(5).toLowerCase()}::text)
          and lower(regexp_replace(btrim(body), '\\s+', ' ', 'g')) = ${textOf(5).toLowerCase()}`,
  );
  return {
    label,
    median: durations[Math.floor(durations.length / 2)]!,
    p95: durations[Math.floor(durations.length * 0.95)]!,
    total: durations.reduce((sum, d) => sum + d, 0),
    plan: plan.map((line) => line["QUERY PLAN"]).join("\n    "),
  };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "baraza-bench-spam-"));
  Object.assign(process.env, { DATA_DIR: dataDir, DATABASE_URL: "" });
  try {
    const db = await getDb();
    const started = performance.now();
    const consultationId = await generate(db);
    console.log(
      `${commentCount.toLocaleString("en")} comments written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    // A few untimed checks first, so both runs start warm.
    await timeChecks(db, consultationId, "warm-up").catch((error: unknown) => {
      throw error;
    });
    const after = await timeChecks(db, consultationId, "with comment_same_text_idx (after)");
    await db.execute(sql`drop index comment_same_text_idx`);
    const before = await timeChecks(db, consultationId, "without the index (before)");
    console.log(
      `\n${checkCount} checks (half repeats, all detected), ${commentCount.toLocaleString("en")} comments, PGlite:\n`,
    );
    console.log("| spam check                          | median ms | p95 ms | total s |");
    console.log("| ----------------------------------- | --------: | -----: | ------: |");
    for (const t of [before, after]) {
      console.log(
        `| ${t.label.padEnd(35)} | ${t.median.toFixed(2).padStart(9)} | ${t.p95.toFixed(2).padStart(6)} | ${(t.total / 1000).toFixed(2).padStart(7)} |`,
      );
    }
    console.log(`\nPlan without the index:\n    ${before.plan}\nPlan with it:\n    ${after.plan}`);
  } finally {
    await closeDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
