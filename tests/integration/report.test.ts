/**
 * The consultation report of the demo consultation through its route: every figure equals what the
 * test counts straight from the database; no small cell is shown; nothing private leaves (hidden
 * comments, unconsented profile answers, e-mails); only the owning and following institutions and
 * admins read it before publication, everyone after; each institution view is audited.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  comment,
  consultation,
  institution,
  institutionMember,
  opinionGroupsResult,
  profile,
  user,
  vote,
} from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { queryRows } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { loadOpinionGroups, recomputeOpinionGroups } from "~/opinion/opinion-groups.server";
import type { Language } from "~/platform/i18n/config";
import { renderReportDocument } from "~/reports/report-document.server";
import type { ConsultationReport } from "~/reports/report-model";
import { buildConsultationReport } from "~/reports/report.server";
import { isSuppressed, WITHHELD } from "~/reports/small-cells";
import { loader } from "~/routes/c+/$slug+/report";
import { call, signUpMember } from "../support/actions";
import { markSecondFactorEnrolled } from "../support/second-factor";
import { setupTestDatabase } from "../support/database";
import { text } from "../support/locales";
import { escapeHtml } from "../support/render";

const db = setupTestDatabase();

interface Person {
  cookie: string;
  userId: string;
}

async function person(name: string): Promise<Person> {
  const { cookie, userId } = await signUpMember(name);
  return { cookie, userId: userId };
}

let consultationId: number;
let slug: string;
let owner: Person;
let member: Person;
let outsider: Person;
const hiddenText = "REPORT-TEST hidden comment that must never reach a report";
const pendingText = "REPORT-TEST pending comment that must never reach a report";

beforeAll(async () => {
  ({ consultationId, slug } = await seedDemo(db()));
  owner = await person("Report owner");
  member = await person("Report member");
  outsider = await person("Report outsider");
  const [owning] = await queryRows<{ id: number }>(
    db(),
    sql`select owning_institution_id as id from consultation where id = ${consultationId}`,
  );
  const [other] = await db()
    .insert(institution)
    .values({ slug: "report-other", name: { en: "Unrelated agency" } })
    .returning({ id: institution.id });
  await db()
    .insert(institutionMember)
    .values([
      { institutionId: owning!.id, userId: owner.userId },
      { institutionId: other!.id, userId: outsider.userId },
    ]);
  // Institution members are staff: their role counts once they have a second factor (decision 0026).
  await markSecondFactorEnrolled(db(), owner.userId, outsider.userId);
  const [published] = await queryRows<{ priority_id: number }>(
    db(),
    sql`select priority_id from comment where consultation_id = ${consultationId} and status = 'published'
         and priority_id is not null limit 1`,
  );
  await db()
    .insert(comment)
    .values([
      {
        consultationId,
        priorityId: published!.priority_id,
        authorId: member.userId,
        body: hiddenText,
        language: "en",
        status: "hidden",
      },
      {
        consultationId,
        priorityId: published!.priority_id,
        authorId: member.userId,
        body: pendingText,
        language: "en",
        status: "pending",
      },
    ]);
  // A participant from a country nobody else gives, who did not consent: the country must not show.
  await db()
    .insert(profile)
    .values({ userId: member.userId, country: "IS", stakeholderGroup: "researcher", statsConsent: false })
    .onConflictDoUpdate({ target: profile.userId, set: { country: "IS", statsConsent: false } });
  await db()
    .insert(vote)
    .values({ consultationId, priorityId: published!.priority_id, userId: member.userId, value: "agree" });
});

async function read(who?: Person) {
  return call(loader, { path: `/c/${slug}/report`, params: { slug }, cookie: who?.cookie });
}

async function report(): Promise<ConsultationReport> {
  const answer = await read(owner);
  expect(answer.status).toBe(200);
  return (answer.body as { report: ConsultationReport }).report;
}

const participants = () => sql`
  select v.user_id from vote v join priority p on p.id = v.priority_id and p.status = 'approved'
   where v.consultation_id = ${consultationId}
  union select author_id from comment where consultation_id = ${consultationId} and status = 'published'
  union select b.user_id from ballot_allocation b join priority p on p.id = b.priority_id and p.status = 'approved'
   where b.consultation_id = ${consultationId} and b.points > 0`;

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from (${query}) as q`);
  return row!.n;
}

describe("the consultation report's figures", () => {
  it("has the key figures the database gives", async () => {
    const r = await report();
    expect(r.figures.participants).toBe(await count(participants()));
    expect(r.figures.votes).toBe(
      await count(
        sql`select v.id from vote v join priority p on p.id = v.priority_id
             where v.consultation_id = ${consultationId} and p.status = 'approved'`,
      ),
    );
    expect(r.figures.commentsReceived).toBe(
      await count(sql`select id from comment where consultation_id = ${consultationId}`),
    );
    expect(r.figures.commentsPublished).toBe(
      await count(sql`select id from comment where consultation_id = ${consultationId} and status = 'published'`),
    );
    expect(r.figures.proposals).toBe(
      await count(
        sql`select id from priority where consultation_id = ${consultationId} and proposed_by_id is not null`,
      ),
    );
    expect(r.figures.participants).toBeGreaterThan(0);
    expect(r.moderation.hidden).toBe(
      await count(
        sql`select id from comment where consultation_id = ${consultationId} and status in ('hidden', 'removed')`,
      ),
    );
    expect(r.moderation.hiddenByReason.reduce((n, row) => n + row.count, 0)).toBe(r.moderation.hidden);
  });

  it("counts each week's votes and published comments", async () => {
    const r = await report();
    const weeklyVotes = r.weekly.reduce((n, w) => n + w.counts.votes, 0);
    const weeklyComments = r.weekly.reduce((n, w) => n + w.counts.comments, 0);
    expect(weeklyVotes).toBe(r.figures.votes);
    expect(weeklyComments).toBe(r.figures.commentsPublished);
    const byWeek = await queryRows<{ week: string; n: number }>(
      db(),
      sql`select to_char(date_trunc('week', v.created_at at time zone 'UTC'), 'YYYY-MM-DD') as week, count(*)::int as n
            from vote v join priority p on p.id = v.priority_id and p.status = 'approved'
           where v.consultation_id = ${consultationId} group by 1`,
    );
    for (const { week, n } of byWeek) expect(r.weekly.find((w) => w.week === week)?.counts.votes, week).toBe(n);
  });

  it("gives every priority's votes and, without declared interests, never a small complement", async () => {
    const r = await report();
    const threshold = getEnv().SMALL_CELL_THRESHOLD;
    const rows = await queryRows<{ id: number; value: string; n: number; interest: number }>(
      db(),
      sql`select v.priority_id as id, v.value, count(*)::int as n,
                 count(*) filter (where pr.stats_consent and pr.has_declared_interest)::int as interest
            from vote v join priority p on p.id = v.priority_id and p.status = 'approved'
            left join profile pr on pr.user_id = v.user_id
           where v.consultation_id = ${consultationId} group by 1, 2`,
    );
    expect(r.priorities.length).toBe(
      await count(sql`select id from priority where consultation_id = ${consultationId} and status = 'approved'`),
    );
    for (const p of r.priorities) {
      for (const value of ["agree", "disagree", "pass"] as const) {
        const row = rows.find((candidate) => candidate.id === p.id && candidate.value === value);
        expect(p.counts[value]).toBe(row?.n ?? 0);
        const interest = row?.interest ?? 0;
        const shown = p.withoutInterest.counts[value];
        const truth = (row?.n ?? 0) - interest;
        if (interest > 0 && interest < threshold) expect(isSuppressed(shown)).toBe(true);
        // "<5" only when true; a count hidden to protect the declared-interest one is "withheld".
        if (shown === null) expect(truth).toBeLessThan(threshold);
        else if (shown === WITHHELD) expect(truth).toBeGreaterThanOrEqual(threshold);
        else expect(shown).toBe(truth);
      }
      if (p.total > 0) {
        expect(p.agreeInterval!.low).toBeLessThanOrEqual(p.agreeShare!);
        expect(p.agreeInterval!.high).toBeGreaterThanOrEqual(p.agreeShare!);
      }
    }
  });

  it("breaks participants down by consented profile answers only, without small cells", async () => {
    const r = await report();
    const threshold = getEnv().SMALL_CELL_THRESHOLD;
    for (const b of r.breakdowns) {
      for (const cell of b.cells) if (!isSuppressed(cell)) expect(cell, b.key).toBeGreaterThanOrEqual(threshold);
      if (!isSuppressed(b.total)) expect(b.total).toBeGreaterThanOrEqual(threshold);
    }
    const groups = await queryRows<{ group: string | null; n: number }>(
      db(),
      sql`select pr.stakeholder_group as group, count(*)::int as n
            from (${participants()}) as people(user_id)
            join profile pr on pr.user_id = people.user_id and pr.stats_consent group by 1`,
    );
    const stakeholders = r.breakdowns.find((b) => b.key === "stakeholderGroup")!;
    stakeholders.categories.forEach((category, i) => {
      const n = groups.find((g) => (g.group ?? "not-stated") === category)?.n ?? 0;
      const shown = stakeholders.cells[i];
      if (!isSuppressed(shown!)) expect(shown, category).toBe(n);
      if (shown === WITHHELD) expect(n, category).toBeGreaterThanOrEqual(threshold);
      if (n < threshold) expect(shown, category).toBeNull();
    });
    const countries = r.breakdowns.find((b) => b.key === "country")!;
    expect(countries.categories).not.toContain("IS");
    const consenting = await count(
      sql`select people.user_id from (${participants()}) as people(user_id)
            join profile pr on pr.user_id = people.user_id and pr.stats_consent`,
    );
    if (!isSuppressed(countries.total)) expect(countries.total).toBe(consenting);
  });

  it("lets no hidden comment, unconsented answer or e-mail through", async () => {
    const text = JSON.stringify(await report());
    expect(text).not.toContain(hiddenText);
    expect(text).not.toContain(pendingText);
    const emails = await db().select({ email: user.email }).from(user);
    for (const { email } of emails) expect(text).not.toContain(email);
    const hidden = await queryRows<{ body: string }>(
      db(),
      sql`select body from comment where consultation_id = ${consultationId} and status <> 'published'`,
    );
    for (const { body } of hidden) expect(text).not.toContain(body);
  });
});

describe("the rendered report", () => {
  it.each<Language>(["en", "ar"])(
    "shows no hidden comment, e-mail or small cell in %s, and labels its charts",
    async (language) => {
      const model = await report();
      const html = await renderReportDocument(model, language);
      expect(html).not.toContain(hiddenText);
      expect(html).not.toContain(pendingText);
      const emails = await db().select({ email: user.email }).from(user);
      for (const { email } of emails) expect(html).not.toContain(email);
      expect(html).toContain('role="img"');
      expect(html).toContain("<title");
      expect(html).toContain(`&lt;${getEnv().SMALL_CELL_THRESHOLD}`);
      // Every count in a breakdown table is "<threshold" or at least the threshold.
      const threshold = getEnv().SMALL_CELL_THRESHOLD;
      const tables = [...html.matchAll(/<table class="report-table report-breakdown">([\s\S]*?)<\/table>/g)];
      expect(tables).toHaveLength(model.breakdowns.length);
      const counts = tables.flatMap(([, table]) => [...table!.matchAll(/<td>([^<]*)<\/td>/g)].map(([, v]) => v!));
      expect(counts.length).toBeGreaterThan(0);
      // Two marks: "<5" (fewer than 5) and "withheld" (hidden to protect another), in the reader's language.
      const withheld = text(language, "common", "smallCells.withheld");
      expect(counts).toContain(withheld);
      for (const value of counts) {
        if (value === `&lt;${threshold}` || value === withheld) continue;
        expect(Number(value), value).toBeGreaterThanOrEqual(threshold);
      }
      expect(html).toContain(String(model.figures.participants));
    },
  );
});

describe("the report's opinion groups", () => {
  const approvedIds = async () =>
    new Set(
      (
        await queryRows<{ id: number }>(
          db(),
          sql`select id from priority where consultation_id = ${consultationId} and status = 'approved'`,
        )
      ).map((p) => p.id),
    );

  async function reportIn(language: string): Promise<ConsultationReport> {
    const [row] = await db().select().from(consultation).where(eq(consultation.id, consultationId));
    return buildConsultationReport(db(), row!, language, getEnv().SMALL_CELL_THRESHOLD);
  }

  it("says so when no analysis is stored", async () => {
    await db().delete(opinionGroupsResult).where(eq(opinionGroupsResult.consultationId, consultationId));
    const model = await report();
    expect(model.opinionGroups).toEqual({ state: "none" });
    const html = await renderReportDocument(model, "en");
    expect(html).toContain(escapeHtml(text("en", "reports", "groups.none")));
    expect(html).not.toContain(escapeHtml(text("en", "opinion", "consensus.heading")));
  });

  it("carries the stored groups, their representative statements and the common ground", async () => {
    expect(await recomputeOpinionGroups(db(), consultationId, { force: true })).toBe("computed");
    const stored = (await loadOpinionGroups(db(), consultationId))!;
    expect(stored.summary.status).toBe("ok");
    if (stored.summary.status !== "ok") return;
    const approved = await approvedIds();
    const model = await report();
    const groups = model.opinionGroups;
    expect(groups.state).toBe("ok");
    if (groups.state !== "ok") return;
    expect(groups.computedAt).toBe(stored.computedAt);
    expect(groups.voteCount).toBe(stored.voteCount);
    const threshold = getEnv().SMALL_CELL_THRESHOLD;
    expect(groups.groups.map((g) => g.label)).toEqual(stored.summary.groups.map((g) => g.label));
    const placed = stored.summary.participantsPlaced;
    stored.summary.groups.forEach((group, g) => {
      const shown = groups.groups[g]!;
      if (isSuppressed(shown.size)) expect(shown.share).toBeNull();
      else {
        expect(shown.size).toBe(group.size);
        expect(shown.size).toBeGreaterThanOrEqual(threshold);
        expect(shown.share).toBeCloseTo(group.size / placed, 10);
      }
      expect(shown.representative.map((r) => [r.priorityId, r.direction, r.shareInGroup, r.shareElsewhere])).toEqual(
        group.representative
          .filter((r) => approved.has(r.priorityId))
          .map((r) =>
            r.direction === "agree"
              ? [r.priorityId, r.direction, r.agreeInGroup, r.agreeElsewhere]
              : [r.priorityId, r.direction, r.disagreeInGroup, r.disagreeElsewhere],
          ),
      );
    });
    expect(groups.groups.some((g) => g.representative.length > 0)).toBe(true);
    expect(groups.consensus.map((c) => [c.priorityId, c.lowestAgree])).toEqual(
      stored.summary.consensus
        .filter((c) => approved.has(c.priorityId))
        .map((c) => [c.priorityId, Math.min(...c.agreeInGroups)]),
    );
    expect(groups.consensus.length).toBeGreaterThan(0);
  });

  it.each<Language>(["en", "ar"])("names the common ground in %s", async (language) => {
    const model = await reportIn(language);
    if (model.opinionGroups.state !== "ok") throw new Error("the demo's groups are not stored");
    const html = await renderReportDocument(model, language);
    expect(html).toContain(escapeHtml(text(language, "opinion", "consensus.heading")));
    const titles = await queryRows<{ id: number; title: Record<string, string> }>(
      db(),
      sql`select id, title from priority where consultation_id = ${consultationId}`,
    );
    for (const c of model.opinionGroups.consensus) {
      const title = titles.find((p) => p.id === c.priorityId)!.title;
      expect(c.title.text).toBe(title[language] ?? c.title.text);
      expect(html).toContain(escapeHtml(c.title.text));
    }
  });
});

describe("who may read the report", () => {
  it("is refused to a member, a visitor and another institution's member while not published", async () => {
    expect((await read(member)).status).toBe(403);
    expect((await read(outsider)).status).toBe(403);
    expect((await read()).status).not.toBe(200);
  });

  it("leaves one audit line per institution view, none for the public", async () => {
    const views = () =>
      count(
        sql`select id from download_log where consultation_id = ${consultationId} and kind = 'report' and format = 'html'`,
      );
    const before = await views();
    await report();
    await report();
    expect(await views()).toBe(before + 2);
    const [line] = await queryRows<{ user_id: string; institution_id: number | null }>(
      db(),
      sql`select user_id, institution_id from download_log where kind = 'report' order by id desc limit 1`,
    );
    expect(line!.user_id).toBe(owner.userId);
    expect(line!.institution_id).not.toBeNull();

    await db().update(consultation).set({ phase: "published" }).where(eq(consultation.id, consultationId));
    const visitor = await read();
    expect(visitor.status).toBe(200);
    expect((await read(member)).status).toBe(200);
    expect(await views()).toBe(before + 2);
    const publicText = JSON.stringify(visitor.body);
    expect(publicText).not.toContain(hiddenText);
  });
});
