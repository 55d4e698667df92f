/**
 * Data exports of the demo consultation through the real routes: every figure of every table, in
 * every format, equals what the test counts straight from the database; nothing private leaves
 * (hidden texts, unconsented profiles, e-mails, account ids); the opinion-group tables are the stored
 * analysis as `loadOpinionGroups` reads it; only admins and members of the owning or a following
 * institution may download; every download is audited.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { and, eq, inArray, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import {
  comment,
  commentTag,
  downloadLog,
  institution,
  institutionFollow,
  institutionMember,
  priority,
  user,
  userRole,
  vote,
} from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { queryRows } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { auRegionOf } from "~/reports/african-regions";
import { participantKey } from "~/exports/participant-key.server";
import { exportTableNames, type ExportTableName } from "~/exports/tables.server";
import { loadOpinionGroups, recomputeOpinionGroups, type OpinionGroupsView } from "~/opinion/opinion-groups.server";
import { DEFAULT_SMALL_CELL_THRESHOLD } from "~/reports/small-cells";
import { loader as auditLoader } from "~/routes/_staff+/admin.downloads";
import { loader as pageLoader } from "~/routes/c+/$slug+/_institution+/export";
import { loader as fileLoader } from "~/routes/c+/$slug+/_institution+/export_.$file";
import { call, signUpMember } from "../support/actions";
import { createConsultation, createPriority, createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { markSecondFactorEnrolled } from "../support/second-factor";

const db = setupTestDatabase();

interface Person {
  cookie: string;
  userId: string;
  email: string;
}

async function person(name: string): Promise<Person> {
  const { cookie, email, userId } = await signUpMember(name);
  return { cookie, email, userId: userId };
}

let consultationId: number;
let slug: string;
let secret: string;
const roles = ["admin", "owner", "follower", "member", "outsider"] as const;
const people = {} as Record<(typeof roles)[number], Person>;

const hiddenTexts = [
  "EXPORT-TEST pending comment that must never leave the platform",
  "EXPORT-TEST removed comment that must never leave the platform",
];

let opinionGroups: OpinionGroupsView;

beforeAll(async () => {
  ({ consultationId, slug } = await seedDemo(db()));
  // The background worker's job, done here once: exports only read the stored analysis.
  expect(await recomputeOpinionGroups(db(), consultationId, { force: true })).toBe("computed");
  opinionGroups = (await loadOpinionGroups(db(), consultationId))!;
  secret = getEnv().AUTH_SECRET;
  for (const role of roles) people[role] = await person(`Exports ${role}`);
  const [owning] = await queryRows<{ id: number }>(
    db(),
    sql`select owning_institution_id as id from consultation where id = ${consultationId}`,
  );
  const [follower, other] = await db()
    .insert(institution)
    .values([
      { slug: "exports-follower", name: { en: "Follower agency" } },
      { slug: "exports-other", name: { en: "Unrelated agency" } },
    ])
    .returning({ id: institution.id });
  await db().insert(institutionFollow).values({ institutionId: follower!.id, consultationId });
  await db()
    .insert(institutionMember)
    .values([
      { institutionId: owning!.id, userId: people.owner.userId },
      { institutionId: follower!.id, userId: people.follower.userId },
      { institutionId: other!.id, userId: people.outsider.userId },
    ]);
  await db().insert(userRole).values({ userId: people.admin.userId, role: "admin" });
  await markSecondFactorEnrolled(db(), ...Object.values(people).map((p) => p.userId));

  // Content that must not leave: a pending and a removed comment, a vote on a hidden priority.
  const [published] = await db()
    .select({ id: comment.id, priorityId: comment.priorityId })
    .from(comment)
    .where(and(eq(comment.consultationId, consultationId), eq(comment.status, "published")))
    .limit(1);
  await db()
    .insert(comment)
    .values([
      {
        consultationId,
        priorityId: published!.priorityId,
        authorId: people.member.userId,
        body: hiddenTexts[0]!,
        language: "en",
        status: "pending",
      },
      {
        consultationId,
        priorityId: published!.priorityId,
        authorId: people.member.userId,
        body: hiddenTexts[1]!,
        language: "en",
        status: "removed",
      },
    ]);
  await db()
    .insert(commentTag)
    .values([
      { commentId: published!.id, tag: "local-manufacturing" },
      { commentId: published!.id, tag: "access" },
    ]);
  const hiddenPriority = await createPriority(db(), consultationId, "hidden", 99);
  await db()
    .insert(vote)
    .values({ consultationId, priorityId: hiddenPriority, userId: people.member.userId, value: "agree" });
});

const allFiles = [
  ...exportTableNames.map((name) => `${name}.csv`),
  "votes.xlsx",
  "comments.json",
  "all.xlsx",
  "all.json",
  "package.zip",
];

/** Calls the file route as Remix would; the Response itself, so its body can be read as bytes. */
async function download(file: string, who?: Person, query = "", from = slug): Promise<Response> {
  const request = new Request(`http://localhost/c/${from}/export/${file}${query}`, {
    headers: who ? { cookie: who.cookie } : {},
  });
  try {
    return (await fileLoader({ request, params: { slug: from, file }, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function bytesOf(file: string, query = ""): Promise<Buffer> {
  const response = await download(file, people.owner, query);
  expect(response.status, file).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** A table as records of strings, whatever the format: the checks below run on every format alike. */
type Records = Record<string, string>[];
type Export = Record<ExportTableName, Records>;

function normalize(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return roundedIso(value);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return roundedIso(new Date(value));
  return String(value);
}

/** To the second: Excel keeps times as fractions of a day. */
function roundedIso(date: Date): string {
  return new Date(Math.round(date.getTime() / 1000) * 1000).toISOString();
}

/** A record of a CSV meant for spreadsheets, with the formula escape taken off (decision 0008). */
const unescapeFormulas = (row: Record<string, string>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v]));

const normalizeRecords = (rows: Record<string, unknown>[]): Records =>
  rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, normalize(v)])));

function readCsv(bytes: Buffer, options: { bom: boolean }): Records {
  return normalizeRecords(parseCsv(bytes, { columns: true, bom: options.bom, record_delimiter: "\r\n" }));
}

function readXlsxRecords(workbook: ExcelJS.Workbook, name: string): Records {
  const sheet = workbook.getWorksheet(name)!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return normalizeRecords(rows);
}

// ───────────────── what the database says, computed here without the export code ─────────────────

const key = (userId: string) => participantKey(secret, consultationId, userId);

async function expectedVotes(): Promise<string[]> {
  const rows = await queryRows<{ priority_id: number; user_id: string; value: string }>(
    db(),
    sql`select v.priority_id, v.user_id, v.value::text as value from vote v join priority p on p.id = v.priority_id
        where v.consultation_id = ${consultationId} and p.status = 'approved'`,
  );
  return rows.map((r) => `${r.priority_id}|${key(r.user_id)}|${r.value}`).sort();
}

async function expectedBallots(): Promise<string[]> {
  const rows = await queryRows<{ priority_id: number; user_id: string; points: number }>(
    db(),
    sql`select b.priority_id, b.user_id, b.points from ballot_allocation b join priority p on p.id = b.priority_id
        where b.consultation_id = ${consultationId} and p.status = 'approved'`,
  );
  return rows.map((r) => `${r.priority_id}|${key(r.user_id)}|${r.points}`).sort();
}

async function expectedPriorityRows(): Promise<string[]> {
  const rows = await queryRows<{
    id: number;
    locale: string;
    agree: number;
    disagree: number;
    pass: number;
    points: number;
  }>(
    db(),
    sql`select p.id, l.locale,
               (select count(*)::int from vote v where v.priority_id = p.id and v.value = 'agree') as agree,
               (select count(*)::int from vote v where v.priority_id = p.id and v.value = 'disagree') as disagree,
               (select count(*)::int from vote v where v.priority_id = p.id and v.value = 'pass') as pass,
               (select coalesce(sum(points), 0)::int from ballot_allocation b where b.priority_id = p.id) as points
        from priority p, jsonb_object_keys(p.title) l(locale)
        where p.consultation_id = ${consultationId} and p.status = 'approved'`,
  );
  return rows.map((r) => `${r.id}|${r.locale}|${r.agree}|${r.disagree}|${r.pass}|${r.points}`).sort();
}

async function expectedComments(): Promise<string[]> {
  const rows = await queryRows<{
    id: number;
    author_id: string;
    language: string;
    stance: string | null;
    tags: string | null;
    endorsements: number;
  }>(
    db(),
    sql`select c.id, c.author_id, c.language, c.stance::text as stance, c.endorsement_count as endorsements,
               (select string_agg(tag, '|' order by tag) from comment_tag t where t.comment_id = c.id) as tags
        from comment c where c.consultation_id = ${consultationId} and c.status = 'published'`,
  );
  return rows.map((r) => `${r.id}|${r.language}|${r.stance ?? ""}|${r.tags ?? ""}|${r.endorsements}`).sort();
}

interface ProfileRow {
  user_id: string;
  stats_consent: boolean | null;
  country: string | null;
  stakeholder_group: string | null;
  age_band: string | null;
  gender: string | null;
}

async function expectedParticipants(): Promise<ProfileRow[]> {
  return queryRows<ProfileRow>(
    db(),
    sql`select u.user_id, p.stats_consent, p.country, p.stakeholder_group, p.age_band, p.gender
        from (select v.user_id from vote v join priority pr on pr.id = v.priority_id
                where v.consultation_id = ${consultationId} and pr.status = 'approved'
              union select b.user_id from ballot_allocation b where b.consultation_id = ${consultationId}
              union select c.author_id from comment c where c.consultation_id = ${consultationId} and c.status = 'published') u
        left join profile p on p.user_id = u.user_id`,
  );
}

/** The stored analysis as `loadOpinionGroups` gives it, one string per row of the groups table. */
function expectedOpinionGroups(view: OpinionGroupsView, format: string, exported: Records): string[] {
  if (view.summary.status !== "ok") return [];
  const { groups, participantsPlaced } = view.summary;
  // Exports write whole seconds (the Table Schema's default datetime format).
  const computedAt = new Date(Math.floor(new Date(view.computedAt).getTime() / 1000) * 1000).toISOString();
  const suppressed = `<${DEFAULT_SMALL_CELL_THRESHOLD}`;
  const rows = [...groups.map((g) => [g.label, g.size] as const), ["all", participantsPlaced] as const];
  return rows.map(([label, size]) => {
    const shown = exported.find((r) => r.opinion_group === label)?.participants;
    // Under the threshold always "<5"; above it, "withheld" only to protect another cell.
    if (size < DEFAULT_SMALL_CELL_THRESHOLD) return `${label}|${suppressed}||${computedAt}`;
    if (shown === "withheld") {
      expect(label, `${format}: the total is never withheld`).not.toBe("all");
      return `${label}|withheld||${computedAt}`;
    }
    return `${label}|${size}|${size / participantsPlaced}|${computedAt}`;
  });
}

/** One string per row of the statements table: representative statements, then consensus once per group. */
function expectedOpinionStatements(view: OpinionGroupsView): string[] {
  if (view.summary.status !== "ok") return [];
  const { groups, consensus } = view.summary;
  return groups.flatMap((g, index) => [
    ...g.representative.map(
      (r, rank) =>
        `${g.label}|representative|${rank + 1}|${r.priorityId}|${r.direction}|${r.agreeInGroup}|` +
        `${r.disagreeInGroup}|${r.agreeElsewhere}|${r.disagreeElsewhere}|${r.z}|`,
    ),
    ...consensus.map(
      (c, rank) => `${g.label}|consensus|${rank + 1}|${c.priorityId}||${c.agreeInGroups[index]}|||||${c.score}`,
    ),
  ]);
}

const opinionGroupRow = (r: Record<string, string>) =>
  `${r.opinion_group}|${r.participants}|${r.share}|${r.computed_at}`;
const opinionStatementRow = (r: Record<string, string>) =>
  [
    r.opinion_group,
    r.kind,
    r.rank,
    r.priority_id,
    r.direction,
    r.agree_in_group,
    r.disagree_in_group,
    r.agree_elsewhere,
    r.disagree_elsewhere,
    r.z,
    r.consensus_score,
  ].join("|");

// ───────────────── the checks, the same for every format ─────────────────

async function checkFigures(data: Export, format: string): Promise<void> {
  const votes = data.votes.map((r) => `${r.priority_id}|${r.participant}|${r.value}`).sort();
  expect(votes, `${format}: votes`).toEqual(await expectedVotes());

  const ballots = data.ballot_allocations.map((r) => `${r.priority_id}|${r.participant}|${r.points}`).sort();
  expect(ballots, `${format}: ballots`).toEqual(await expectedBallots());

  const priorities = data.priorities
    .map((r) => `${r.priority_id}|${r.locale}|${r.agree_votes}|${r.disagree_votes}|${r.pass_votes}|${r.ballot_points}`)
    .sort();
  expect(priorities, `${format}: priorities`).toEqual(await expectedPriorityRows());

  const comments = data.comments
    .map((r) => `${r.comment_id}|${r.language}|${r.stance}|${r.tags}|${r.endorsements}`)
    .sort();
  // Comments are public with their author's name: no code that would tie it to votes and profile.
  expect(data.comments.every((r) => !("participant" in r))).toBe(true);
  expect(comments, `${format}: comments`).toEqual(await expectedComments());
  expect(
    comments.some((c) => c.includes("access|local-manufacturing")),
    `${format}: tags`,
  ).toBe(true);

  const participants = await expectedParticipants();
  expect(data.participants.map((r) => r.participant).sort(), `${format}: participants`).toEqual(
    participants.map((p) => key(p.user_id)).sort(),
  );
  const byKey = new Map(data.participants.map((r) => [r.participant, r]));
  const shownAnswers = { consent: 0, withheld: 0 };
  for (const p of participants) {
    const row = byKey.get(key(p.user_id))!;
    const consent = p.stats_consent === true;
    // Generalised (k-anonymity, decision 0016): the region of the country, a wider age band, or withheld.
    const expected = {
      region: p.country === null ? "" : (auRegionOf(p.country) ?? "outside-au"),
      stakeholder_group: p.stakeholder_group ?? "",
      gender: p.gender ?? "",
    };
    for (const field of ["region", "stakeholder_group", "gender"] as const) {
      if (!consent) expect(row[field], `${format}: ${field} without consent`).toBe("");
      else if (row[field] === "") shownAnswers.withheld += 1;
      else {
        expect(row[field], `${format}: ${field} of a consenting participant`).toBe(expected[field]);
        shownAnswers.consent += 1;
      }
    }
  }
  expect(shownAnswers.consent, `${format}: answers shown`).toBeGreaterThan(0);
  // The demo has participants of both kinds, so both branches above ran.
  expect(new Set(participants.map((p) => p.stats_consent === true)).size).toBe(2);

  const [{ n: consenting }] = (await queryRows<{ n: number }>(
    db(),
    sql`select count(*)::int as n from profile where stats_consent and user_id = any(${sql.raw("array[")}${sql.join(
      participants.map((p) => sql`${p.user_id}`),
      sql`, `,
    )}${sql.raw("]")})`,
  )) as [{ n: number }];
  const breakdown = data.participants_by_country;
  const grand = breakdown.find((r) => r.country === "all" && r.stakeholder_group === "all")!;
  expect(grand.participants, `${format}: consenting participants`).toBe(String(consenting));
  const suppressed = `<${DEFAULT_SMALL_CELL_THRESHOLD}`;
  for (const row of breakdown.filter((r) => r.country !== "all" && r.stakeholder_group !== "all")) {
    const raw = participants.filter(
      (p) =>
        p.stats_consent &&
        (p.country ?? "unknown") === row.country &&
        (p.stakeholder_group ?? "unknown") === row.stakeholder_group,
    ).length;
    // "<5" only when it is true; a count hidden to protect another is "withheld".
    if (raw < DEFAULT_SMALL_CELL_THRESHOLD) expect(row.participants, `${format}: small cell`).toBe(suppressed);
    else if (row.participants !== "withheld") expect(row.participants).toBe(String(raw));
  }
  expect(breakdown.some((r) => r.participants === suppressed)).toBe(true);
  expect(breakdown.some((r) => r.participants === "withheld")).toBe(true);

  const moderation = await queryRows<{ target_type: string; action: string; reason: string | null; n: number }>(
    db(),
    sql`select target_type, action, reason, count(*)::int as n from moderation_action
        where consultation_id = ${consultationId} group by 1, 2, 3`,
  );
  expect(moderation.length).toBeGreaterThan(0);
  expect(
    data.moderation_summary.map((r) => `${r.target_type}|${r.action}|${r.reason}|${r.actions}`).sort(),
    `${format}: moderation summary`,
  ).toEqual(moderation.map((m) => `${m.target_type}|${m.action}|${m.reason ?? ""}|${m.n}`).sort());

  const [commitments] = await queryRows<{ n: number }>(
    db(),
    sql`select count(*)::int as n from commitment c join institutional_response r on r.id = c.response_id,
        jsonb_object_keys(c.what) l where r.consultation_id = ${consultationId} and r.status = 'published'`,
  );
  expect(data.commitments.length, `${format}: commitment rows`).toBe(commitments!.n);
  expect(commitments!.n).toBeGreaterThan(0);

  // The demo has groups, each with something to say, and common ground: every kind of row is checked.
  expect(opinionGroups.summary.status).toBe("ok");
  expect(data.opinion_groups.map(opinionGroupRow), `${format}: opinion groups`).toEqual(
    expectedOpinionGroups(opinionGroups, format, data.opinion_groups),
  );
  expect(data.opinion_groups.length).toBeGreaterThan(2);
  const statements = data.opinion_statements.map(opinionStatementRow);
  expect(statements, `${format}: opinion statements`).toEqual(expectedOpinionStatements(opinionGroups));
  expect(new Set(data.opinion_statements.map((r) => r.kind))).toEqual(new Set(["representative", "consensus"]));
  for (const row of data.opinion_statements.filter((r) => r.kind === "representative")) {
    expect(Number(row.z), `${format}: z of a representative statement`).toBeGreaterThan(1.645);
  }
}

/** Nothing private in the bytes: hidden texts, e-mails, account ids. */
async function checkNothingPrivate(bytes: Buffer, file: string): Promise<void> {
  const text = bytes.toString("utf8");
  const hidden = await db()
    .select({ body: comment.body })
    .from(comment)
    .where(and(eq(comment.consultationId, consultationId), sql`${comment.status} <> 'published'`));
  expect(hidden.length).toBeGreaterThanOrEqual(5);
  const accounts = await db().select({ id: user.id, email: user.email }).from(user);
  const secrets = [...hidden.map((h) => h.body), ...accounts.flatMap((a) => [a.id, a.email])];
  for (const secretText of secrets) expect(text.includes(secretText), `${file} contains "${secretText}"`).toBe(false);
}

/** The bytes of a zip's entries, for the raw search (CSV inside the zip is deflated). */
async function unzipText(bytes: Buffer): Promise<Record<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const entries: Record<string, Buffer> = {};
  for (const name of Object.keys(zip.files)) entries[name] = await zip.files[name]!.async("nodebuffer");
  return entries;
}

describe("data exports of the demo consultation", () => {
  it("CSV: every table parses back, with and without the byte-order mark, to the database's figures", async () => {
    const plain = {} as Export;
    const withBom = {} as Export;
    for (const name of exportTableNames) {
      const bytes = await bytesOf(`${name}.csv`);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
      await checkNothingPrivate(bytes, `${name}.csv`);
      plain[name] = readCsv(bytes, { bom: false });
      expect(bytes.toString("utf8").split("\r\n")[0]).toBe(Object.keys(plain[name][0] ?? {}).join(","));

      const bom = await bytesOf(`${name}.csv`, "?bom=1");
      expect(bom.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), `${name}.csv?bom=1`).toBe(true);
      withBom[name] = readCsv(bom, { bom: true });
      // The same data, would-be formulas escaped for the spreadsheet (decision 0008).
      expect(withBom[name].map(unescapeFormulas)).toEqual(plain[name]);
    }
    await checkFigures(plain, "csv");
  });

  it("CSV: quotes commas, quotes and line breaks as RFC 4180 says", async () => {
    const tricky = 'She said "local", then,\r\nleft; and wrote:\n«مرحبا»';
    const [published] = await db()
      .select({ id: comment.id })
      .from(comment)
      .where(and(eq(comment.consultationId, consultationId), eq(comment.status, "published")))
      .limit(1);
    const [original] = await db().select({ body: comment.body }).from(comment).where(eq(comment.id, published!.id));
    await db().update(comment).set({ body: tricky }).where(eq(comment.id, published!.id));
    try {
      const rows = readCsv(await bytesOf("comments.csv"), { bom: false });
      expect(rows.find((r) => r.comment_id === String(published!.id))?.body).toBe(tricky);
    } finally {
      await db().update(comment).set({ body: original!.body }).where(eq(comment.id, published!.id));
    }
  });

  it("CSV: a reply names its parent only while the parent is published", async () => {
    const [published] = await db()
      .select({ id: comment.id, priorityId: comment.priorityId, authorId: comment.authorId })
      .from(comment)
      .where(and(eq(comment.consultationId, consultationId), eq(comment.status, "published")))
      .limit(1);
    const base = { consultationId, priorityId: published!.priorityId, authorId: published!.authorId, language: "en" };
    const [hiddenParent] = await db()
      .insert(comment)
      .values({ ...base, body: "EXPORT-TEST a parent later hidden", status: "hidden" })
      .returning({ id: comment.id });
    const replies = await db()
      .insert(comment)
      .values([
        { ...base, parentId: published!.id, body: "EXPORT-TEST reply to a published comment", status: "published" },
        { ...base, parentId: hiddenParent!.id, body: "EXPORT-TEST reply to a hidden comment", status: "published" },
      ])
      .returning({ id: comment.id });
    try {
      const rows = readCsv(await bytesOf("comments.csv"), { bom: false });
      const parentOf = (id: number) => rows.find((row) => row.comment_id === String(id))?.parent_id;
      expect(parentOf(replies[0]!.id)).toBe(String(published!.id));
      expect(parentOf(replies[1]!.id)).toBe("");
    } finally {
      await db()
        .delete(comment)
        .where(inArray(comment.id, [...replies.map((reply) => reply.id), hiddenParent!.id]));
    }
  });

  it("XLSX: one sheet per table, typed cells, header row frozen, the database's figures", async () => {
    const response = await download("all.xlsx", people.owner);
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    const parts = await unzipText(bytes);
    for (const [name, part] of Object.entries(parts)) await checkNothingPrivate(part, `all.xlsx/${name}`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([...exportTableNames]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: "frozen", ySplit: 1 });
    }
    const votes = workbook.getWorksheet("votes")!;
    const voteRow = votes.getRow(2);
    expect(typeof voteRow.getCell(1).value).toBe("number");
    expect(typeof voteRow.getCell(2).value).toBe("number");
    expect(typeof voteRow.getCell(5).value).toBe("boolean");
    expect(voteRow.getCell(6).value).toBe("web");
    expect(voteRow.getCell(7).value).toBeInstanceOf(Date);
    const commitments = workbook.getWorksheet("commitments")!;
    expect(commitments.getRow(2).getCell(8).value).toBeInstanceOf(Date);

    const data = Object.fromEntries(exportTableNames.map((name) => [name, readXlsxRecords(workbook, name)])) as Export;
    // Excel has no "date only": compare the due dates as days.
    data.commitments = data.commitments.map((r) => ({ ...r, due_on: (r.due_on ?? "").slice(0, 10) }));
    await checkFigures(data, "xlsx");
  });

  it("JSON: every table, the database's figures", async () => {
    const response = await download("all.json", people.owner);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const bytes = Buffer.from(await response.arrayBuffer());
    await checkNothingPrivate(bytes, "all.json");
    const document = JSON.parse(bytes.toString("utf8")) as {
      consultation: string;
      tables: Record<string, Record<string, unknown>[]>;
    };
    expect(document.consultation).toBe(slug);
    expect(Object.keys(document.tables)).toEqual([...exportTableNames]);
    expect(typeof document.tables.votes![0]!.vote_id).toBe("number");
    expect(typeof document.tables.votes![0]!.entered_offline).toBe("boolean");
    expect(document.tables.votes![0]!.channel).toBe("web");
    const data = Object.fromEntries(
      exportTableNames.map((name) => [name, normalizeRecords(document.tables[name]!)]),
    ) as Export;
    await checkFigures(data, "json");
  });

  it("Data Package: datapackage.json describes every field, and every value is valid for its type", async () => {
    const response = await download("package.zip", people.owner);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const entries = await unzipText(Buffer.from(await response.arrayBuffer()));
    for (const [name, bytes] of Object.entries(entries)) await checkNothingPrivate(bytes, `package.zip/${name}`);
    const descriptor = JSON.parse(entries["datapackage.json"]!.toString("utf8")) as {
      profile: string;
      name: string;
      resources: {
        name: string;
        path: string;
        profile: string;
        schema: { fields: { name: string; type: string; description: string }[]; missingValues: string[] };
      }[];
    };
    expect(descriptor.profile).toBe("tabular-data-package");
    expect(descriptor.name).toMatch(/^[a-z0-9._-]+$/);
    expect(descriptor.resources.map((r) => r.name)).toEqual([...exportTableNames]);
    expect(Object.keys(entries).sort()).toEqual(
      ["datapackage.json", ...descriptor.resources.map((r) => r.path)].sort(),
    );

    const valid: Record<string, (value: string) => boolean> = {
      string: () => true,
      integer: (v) => /^-?\d+$/.test(v),
      number: (v) => /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v) && Number.isFinite(Number(v)),
      boolean: (v) => v === "true" || v === "false",
      datetime: (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(v) && !Number.isNaN(Date.parse(v)),
      date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
    };
    const data = {} as Export;
    for (const resource of descriptor.resources) {
      expect(resource.profile).toBe("tabular-data-resource");
      const bytes = entries[resource.path]!;
      const rows = parseCsv(bytes, { columns: true }) as Record<string, string>[];
      const header = bytes.toString("utf8").split("\r\n")[0]!.split(",");
      expect(header, resource.name).toEqual(resource.schema.fields.map((f) => f.name));
      for (const field of resource.schema.fields) {
        expect(field.description, `${resource.name}.${field.name}`).toMatch(/\w{3,}/);
        expect(Object.keys(valid), `${resource.name}.${field.name}`).toContain(field.type);
        for (const row of rows) {
          const value = row[field.name]!;
          if (resource.schema.missingValues.includes(value)) continue;
          expect(valid[field.type]!(value), `${resource.name}.${field.name} = "${value}"`).toBe(true);
        }
      }
      data[resource.name as ExportTableName] = normalizeRecords(rows).map(unescapeFormulas);
    }
    await checkFigures(data, "datapackage");
  });

  it("opinion groups: leaves out statements on priorities no longer approved", async () => {
    const rows = () => bytesOf("opinion_statements.csv").then((bytes) => readCsv(bytes, { bom: false }));
    const before = await rows();
    const hiddenSince = Number(before[0]!.priority_id);
    await db().update(priority).set({ status: "hidden" }).where(eq(priority.id, hiddenSince));
    try {
      const after = await rows();
      expect(after).toEqual(before.filter((r) => r.priority_id !== String(hiddenSince)));
      expect(after.length).toBeLessThan(before.length);
    } finally {
      await db().update(priority).set({ status: "approved" }).where(eq(priority.id, hiddenSince));
    }
  });

  it("opinion groups: headers only before any analysis is stored, and while there are too few participants", async () => {
    const other = await createConsultation(db(), {}, 8);
    const headersOnly = async (file: string) => {
      const response = await download(file, people.admin, "", other.slug);
      expect(response.status, file).toBe(200);
      return (await response.text()).split("\r\n").filter(Boolean);
    };
    const header = async (file: string) => (await bytesOf(file)).toString("utf8").split("\r\n")[0];
    for (const file of ["opinion_groups.csv", "opinion_statements.csv"]) {
      expect(await headersOnly(file), file).toEqual([await header(file)]);
    }

    const voters = await createUsers(db(), 4);
    await db()
      .insert(vote)
      .values(
        voters.flatMap((userId, v) =>
          other.priorityIds.map((priorityId, p) => ({
            consultationId: other.id,
            priorityId,
            userId,
            value: (v + p) % 2 === 0 ? ("agree" as const) : ("disagree" as const),
          })),
        ),
      );
    expect(await recomputeOpinionGroups(db(), other.id)).toBe("computed");
    expect((await loadOpinionGroups(db(), other.id))?.summary.status).toBe("too-few-participants");
    for (const file of ["opinion_groups.csv", "opinion_statements.csv"]) {
      expect(await headersOnly(file), file).toEqual([await header(file)]);
    }
  });

  it("streams: the answer's body is a ReadableStream, with a file name and a type", async () => {
    const response = await download("votes.csv", people.owner);
    expect(response.body).toBeInstanceOf(ReadableStream);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="baraza-${slug}-votes.csv"; filename*=UTF-8''baraza-${slug}-votes.csv`,
    );
    await response.body!.cancel();
  });

  it("gives one table alone as XLSX or JSON, the same rows as its CSV", async () => {
    const csv = readCsv(await bytesOf("comments.csv"), { bom: false });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf("comments.xlsx")) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["comments"]);
    expect(readXlsxRecords(workbook, "comments")).toEqual(csv);
    const json = JSON.parse((await bytesOf("comments.json")).toString("utf8")) as {
      tables: Record<string, Record<string, unknown>[]>;
    };
    expect(Object.keys(json.tables)).toEqual(["comments"]);
    expect(normalizeRecords(json.tables.comments!)).toEqual(csv);
  });

  it("answers 404 to a file that does not exist", async () => {
    for (const file of ["secrets.csv", "votes.exe", "all.csv", "package.tar"]) {
      expect((await download(file, people.admin)).status, file).toBe(404);
    }
  });
});

describe("who may download", () => {
  const logCount = async () =>
    (
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(downloadLog)
    )[0]!.n;

  it.each(["admin", "owner", "follower"] as const)(
    "lets the %s download every file, one audit row each",
    async (role) => {
      for (const file of allFiles) {
        const before = await logCount();
        const response = await download(file, people[role]);
        expect(response.status, `${role} ${file}`).toBe(200);
        await response.arrayBuffer();
        expect(await logCount(), `${role} ${file}`).toBe(before + 1);
      }
      const page = await call(pageLoader, { path: `/c/${slug}/export`, params: { slug }, cookie: people[role].cookie });
      expect(page.status).toBe(200);
    },
  );

  it.each(["member", "outsider"] as const)("refuses a %s every file with 403, and logs nothing", async (role) => {
    const before = await logCount();
    for (const file of allFiles) expect((await download(file, people[role])).status, `${role} ${file}`).toBe(403);
    const page = await call(pageLoader, { path: `/c/${slug}/export`, params: { slug }, cookie: people[role].cookie });
    expect(page.status).toBe(403);
    expect(await logCount()).toBe(before);
  });

  it("sends a visitor to sign in", async () => {
    const before = await logCount();
    for (const file of allFiles) {
      const response = await download(file);
      expect(response.status, file).toBe(302);
      expect(response.headers.get("location")).toBe(
        `/sign-in?redirectTo=${encodeURIComponent(`/c/${slug}/export/${file}`)}`,
      );
    }
    expect(await logCount()).toBe(before);
  });

  it("records who, for which institution, what, in which format and when", async () => {
    const since = new Date(Date.now() - 1000);
    await (await download("comments.csv", people.follower, "?bom=1")).arrayBuffer();
    const [row] = await queryRows<{
      user_id: string;
      institution_slug: string;
      consultation_id: number;
      kind: string;
      format: string;
      created_at: Date;
    }>(
      db(),
      sql`select d.user_id, i.slug as institution_slug, d.consultation_id, d.kind, d.format, d.created_at
          from download_log d left join institution i on i.id = d.institution_id order by d.id desc limit 1`,
    );
    expect(row).toMatchObject({
      user_id: people.follower.userId,
      institution_slug: "exports-follower",
      consultation_id: consultationId,
      kind: "export:comments",
      format: "csv-bom",
    });
    expect(new Date(row!.created_at).getTime()).toBeGreaterThanOrEqual(since.getTime());
  });
});

describe("the downloads audit page", () => {
  it("lists downloads for admins, newest first, a page at a time", async () => {
    // More than a page of older downloads, whatever the tests above left.
    const lastYear = new Date(Date.now() - 365 * 24 * 60 * 60 * 1000);
    await db()
      .insert(downloadLog)
      .values(
        Array.from({ length: 60 }, () => ({
          userId: people.follower.userId,
          consultationId,
          kind: "export:votes",
          format: "csv",
          createdAt: lastYear,
        })),
      );
    await (await download("votes.csv", people.owner)).arrayBuffer();
    const answer = await call(auditLoader, { path: "/admin/downloads", params: {}, cookie: people.admin.cookie });
    expect(answer.status).toBe(200);
    const body = answer.body as {
      total: number;
      pageCount: number;
      entries: {
        who: { email: string } | null;
        institution: string | null;
        kind: string;
        format: string;
        consultation: { slug: string };
      }[];
    };
    const [{ n }] = (await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(downloadLog)) as [{ n: number }];
    expect(body.total).toBe(n);
    expect(body.entries[0]).toMatchObject({
      who: { email: people.owner.email },
      kind: "export:votes",
      format: "csv",
      consultation: { slug },
    });
    expect(body.entries.length).toBe(Math.min(50, n));
    expect(body.pageCount).toBe(Math.ceil(n / 50));
    expect(n).toBeGreaterThan(50);

    const second = await call(auditLoader, {
      path: "/admin/downloads?page=2",
      params: {},
      cookie: people.admin.cookie,
    });
    const secondBody = second.body as { entries: unknown[] };
    expect(secondBody.entries.length).toBe(Math.min(50, n - 50));
    const garbage = await call(auditLoader, {
      path: "/admin/downloads?page=-3x",
      params: {},
      cookie: people.admin.cookie,
    });
    expect(garbage.status).toBe(200);
  });

  it("refuses everyone else", async () => {
    for (const role of ["owner", "follower", "member", "outsider"] as const) {
      const answer = await call(auditLoader, { path: "/admin/downloads", params: {}, cookie: people[role].cookie });
      expect(answer.status, role).toBe(403);
    }
    const visitor = await call(auditLoader, { path: "/admin/downloads", params: {} });
    expect(visitor.status).toBe(302);
  });
});
