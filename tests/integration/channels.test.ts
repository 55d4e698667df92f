/**
 * Channels in counts, reports, exports and the API (issue 16, decision 0047): votes, ballots and
 * comments from the web, a community meeting, SMS and USSD are each counted once per person behind
 * them, broken down by channel under the small-cell rule, and a voided meeting's rows count nowhere.
 * Rows are written straight into the database: entering them is other features' work.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { ballotAllocation, comment, consultation, phone, vote, type InputChannel } from "~db/schema";
import { consultationBreakdowns, consultationResults } from "~/api/consultations.server";
import { openApiDocument } from "~/api/openapi";
import { listVisibleConsultations, type ConsultationRow } from "~/consultations/consultations.server";
import { buildExport, type ExportFile } from "~/exports/exports.server";
import { exportTableNames } from "~/exports/tables.server";
import { tallyBallot } from "~/participation/ballot.server";
import { getEnv } from "~/platform/env.server";
import { supportedLanguages } from "~/platform/i18n/config";
import { renderReportDocument } from "~/reports/report-document.server";
import { channelMeasures, reportChannels, type ConsultationReport } from "~/reports/report-model";
import { buildConsultationReport } from "~/reports/report.server";
import { protectBreakdown } from "~/reports/small-cells";
import { createConsultation, createUsers, recordMeeting } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { validateDataPackage } from "../support/frictionless";
import { schemaProblems } from "../support/json-schema";
import { text } from "../support/locales";
import { escapeHtml } from "../support/render";

const db = setupTestDatabase();

const VOIDED_TEXT = "VOIDED-MEETING words that must count nowhere";

/** What the fixture holds, counted by hand (voided meeting left out). */
const expected = {
  votes: { web: 6, meeting: 12, sms: 7, ussd: 2 },
  ballots: { web: 5, meeting: 6, sms: 2, ussd: 0 },
  comments: { web: 5, meeting: 6, sms: 1, ussd: 0 },
  ballotRows: { web: 5, meeting: 12, sms: 2, ussd: 0 },
  // Six members (one also voting by a linked phone), eight phones, and the meeting's seven: its
  // most votes on one priority, more than its six paper ballots.
  participants: 6 + 8 + 7,
} satisfies Record<string, Record<InputChannel, number> | number>;

let row: ConsultationRow;
let priorityA: number;
let priorityB: number;
let threshold: number;

beforeAll(async () => {
  threshold = getEnv().SMALL_CELL_THRESHOLD;
  const c = await createConsultation(db(), { ballotBudget: 10 }, 2);
  [priorityA, priorityB] = c.priorityIds as [number, number];
  const base = { consultationId: c.id };
  const members = await createUsers(db(), 6);
  const phones = await db()
    .insert(phone)
    .values(Array.from({ length: 8 }, (_, i) => ({ numberHash: `channels-test-${c.id}-${i}`, countryCode: "KE" })))
    .returning({ id: phone.id });
  const held = await recordMeeting(db(), c.id, { peoplePresent: 20 });
  const voided = await recordMeeting(db(), c.id, { peoplePresent: 30, status: "voided" });
  const fromMeeting = (m: { meetingId: number; facilitator: string }) => ({
    ...base,
    channel: "meeting" as const,
    meetingId: m.meetingId,
    enteredById: m.facilitator,
  });
  const times = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

  await db()
    .insert(vote)
    .values([
      ...members.map((userId) => ({ ...base, priorityId: priorityA, userId, value: "agree" as const })),
      // A phone linked to member 0 votes as the member: one person.
      { ...base, priorityId: priorityB, userId: members[0]!, value: "agree" as const, channel: "sms" as const },
      ...times(6, (i) => ({
        ...base,
        priorityId: priorityA,
        phoneId: phones[i]!.id,
        value: "disagree" as const,
        channel: "sms" as const,
      })),
      ...times(2, (i) => ({
        ...base,
        priorityId: priorityA,
        phoneId: phones[6 + i]!.id,
        value: "pass" as const,
        channel: "ussd" as const,
      })),
      ...times(7, () => ({ ...fromMeeting(held), priorityId: priorityA, value: "agree" as const })),
      ...times(5, () => ({ ...fromMeeting(held), priorityId: priorityB, value: "disagree" as const })),
      ...times(9, () => ({ ...fromMeeting(voided), priorityId: priorityA, value: "disagree" as const })),
    ]);
  await db()
    .insert(ballotAllocation)
    .values([
      ...members.slice(0, 5).map((userId) => ({ ...base, priorityId: priorityA, userId, points: 4 })),
      ...times(6, (i) => [
        { ...fromMeeting(held), priorityId: priorityA, points: 3, meetingBallot: i + 1 },
        { ...fromMeeting(held), priorityId: priorityB, points: 2, meetingBallot: i + 1 },
      ]).flat(),
      ...times(2, (i) => ({
        ...base,
        priorityId: priorityB,
        phoneId: phones[i]!.id,
        points: 5,
        channel: "sms" as const,
      })),
      ...times(3, (i) => ({ ...fromMeeting(voided), priorityId: priorityA, points: 5, meetingBallot: i + 1 })),
    ]);
  const said = { ...base, priorityId: priorityA, language: "sw", status: "published" as const };
  await db()
    .insert(comment)
    .values([
      ...members.slice(0, 5).map((authorId, i) => ({ ...said, authorId, body: `Web comment ${i}` })),
      ...times(6, (i) => ({ ...said, ...fromMeeting(held), body: `Said at the meeting ${i}` })),
      { ...said, phoneId: phones[2]!.id, channel: "sms" as const, body: "Sent by SMS" },
      { ...said, ...fromMeeting(voided), body: VOIDED_TEXT },
    ]);
  row = (await db().select().from(consultation).where(eq(consultation.id, c.id)))[0]!;
});

const sumOf = (counts: Record<InputChannel, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const protectedChannels = (counts: Record<InputChannel, number>) =>
  protectBreakdown(
    reportChannels.map((channel) => counts[channel]),
    threshold,
  );

describe("counts take every channel, and no voided meeting", () => {
  it("counts the people behind members, phones and meetings once each, everywhere participants are counted", async () => {
    const report = await buildConsultationReport(db(), row, "en", threshold);
    expect(report.figures.participants).toBe(expected.participants);
    expect(report.figures.votes).toBe(sumOf(expected.votes));
    expect(report.figures.commentsPublished).toBe(sumOf(expected.comments));
    const listed = (await listVisibleConsultations(db())).find((c) => c.slug === row.slug);
    expect(listed?.participantCount).toBe(expected.participants);
    const breakdowns = await consultationBreakdowns(db(), row, threshold);
    expect(breakdowns.participants).toBe(expected.participants);
  });

  it("counts paper and phone ballots as ballots, and votes without the voided meeting's", async () => {
    const tally = await tallyBallot(db(), row.id);
    expect(tally.ballots).toBe(sumOf(expected.ballots));
    expect(tally.priorities.map((p) => [p.points, p.members])).toEqual([
      [5 * 4 + 6 * 3, 5 + 6],
      [6 * 2 + 2 * 5, 6 + 2],
    ]);
    const results = await consultationResults(db(), row.id);
    expect(results.map((r) => [r.votes, r.ballotAllocators])).toEqual([
      [{ agree: 6 + 7, disagree: 6, pass: 2, total: 21 }, 11],
      [{ agree: 1, disagree: 5, pass: 0, total: 6 }, 8],
    ]);
  });
});

describe("the channel breakdown", () => {
  let report: ConsultationReport;
  beforeAll(async () => {
    report = await buildConsultationReport(db(), row, "en", threshold);
  });

  it("counts votes, ballots and comments per channel, small cells withheld", () => {
    for (const measure of channelMeasures) {
      expect(report.channels[measure], measure).toEqual(protectedChannels(expected[measure]));
    }
    // USSD's two votes are under the threshold; another vote count is withheld so they cannot be subtracted out.
    expect(report.channels.votes.cells[reportChannels.indexOf("ussd")]).toBeNull();
    expect(report.channels.votes.cells.filter((cell) => cell === "withheld")).toHaveLength(1);
    expect(report.channels.votes.total).toBe(sumOf(expected.votes));
    for (const measure of channelMeasures) {
      for (const cell of [...report.channels[measure].cells, report.channels[measure].total]) {
        if (typeof cell === "number") expect(cell).toBeGreaterThanOrEqual(threshold);
      }
    }
  });

  it.each(supportedLanguages)("is in the report in %s, without the voided meeting's words", async (language) => {
    const html = await renderReportDocument(report, language);
    const table = html.match(/<table class="report-table report-channels">([\s\S]*?)<\/table>/)?.[1];
    expect(table).toBeDefined();
    expect(html).toContain(escapeHtml(text(language, "reports", "channels.heading")));
    for (const channel of reportChannels) {
      expect(table).toContain(escapeHtml(text(language, "reports", `channels.names.${channel}`)));
    }
    expect(table).toContain(`<td>${sumOf(expected.votes)}</td>`);
    expect(html).not.toContain(VOIDED_TEXT);
  });

  it("is in the API's breakdowns, as the OpenAPI document describes them", async () => {
    const data = JSON.parse(JSON.stringify(await consultationBreakdowns(db(), row, threshold))) as Record<
      string,
      unknown
    >;
    expect(data.channels).toEqual(JSON.parse(JSON.stringify({ categories: reportChannels, ...report.channels })));
    const schemas = openApiDocument.components.schemas as Record<string, object>;
    expect(schemaProblems({ $ref: "#/components/schemas/Breakdowns" }, data, schemas)).toEqual([]);
  });
});

// ───────────────── exports ─────────────────

async function download(file: ExportFile): Promise<Buffer> {
  const { body } = buildExport(db(), row, file, {
    secret: getEnv().AUTH_SECRET,
    smallCellThreshold: threshold,
    batchSize: 7,
  });
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

type Rows = Record<string, unknown>[];

const channelCounts = (rows: Rows) => {
  const counts: Record<InputChannel, number> = { web: 0, meeting: 0, sms: 0, ussd: 0 };
  for (const r of rows) counts[r.channel as InputChannel] += 1;
  return counts;
};

/** Each table read from one format checked alike: the channel column, no voided row, no key without a member. */
function checkTables(tables: Record<"votes" | "ballot_allocations" | "comments", Rows>, format: string) {
  expect(channelCounts(tables.votes), `${format} votes`).toEqual(expected.votes);
  expect(channelCounts(tables.ballot_allocations), `${format} ballots`).toEqual(expected.ballotRows);
  expect(channelCounts(tables.comments), `${format} comments`).toEqual(expected.comments);
  const hasKey = (r: Record<string, unknown>) => typeof r.participant === "string" && r.participant !== "";
  // Members' rows only: the six web votes and the linked phone's; five members' ballots.
  expect(tables.votes.filter(hasKey), `${format} keyed votes`).toHaveLength(7);
  expect(tables.ballot_allocations.filter(hasKey), `${format} keyed ballots`).toHaveLength(5);
  expect(
    tables.votes.filter((r) => r.entered_offline === true || r.entered_offline === "true"),
    `${format} offline votes`,
  ).toHaveLength(expected.votes.meeting);
  expect(JSON.stringify(tables.comments)).not.toContain(VOIDED_TEXT);
}

describe("exports carry the channel", () => {
  it("CSV (written by the database) and CSV for Excel", async () => {
    for (const format of ["csv", "csv-bom"] as const) {
      const read = async (kind: "votes" | "ballot_allocations" | "comments") =>
        parseCsv(await download({ kind, format }), { columns: true, bom: true, record_delimiter: "\r\n" }) as Rows;
      const tables = {
        votes: await read("votes"),
        ballot_allocations: await read("ballot_allocations"),
        comments: await read("comments"),
      };
      checkTables(tables, format);
    }
  });

  it("XLSX and JSON", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download({ kind: "all", format: "xlsx" })) as unknown as ArrayBuffer);
    const sheet = (name: string): Rows => {
      const rows: Rows = [];
      const ws = workbook.getWorksheet(name)!;
      const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      ws.eachRow((r, n) => {
        if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, r.getCell(i + 1).value])));
      });
      return rows;
    };
    checkTables(
      { votes: sheet("votes"), ballot_allocations: sheet("ballot_allocations"), comments: sheet("comments") },
      "xlsx",
    );

    const document = JSON.parse((await download({ kind: "all", format: "json" })).toString("utf8")) as {
      tables: Record<"votes" | "ballot_allocations" | "comments", Rows>;
    };
    checkTables(document.tables, "json");
    const priorities = (document.tables as unknown as Record<string, Rows>).priorities!;
    expect(priorities.find((p) => p.priority_id === priorityA)).toMatchObject({ agree_votes: 13, ballot_points: 38 });
  });

  it("the Data Package describes the channel column and every row is valid for it", async () => {
    const validation = await validateDataPackage(await download({ kind: "package", format: "zip" }));
    expect(validation.errors).toEqual([]);
    expect(Object.keys(validation.tables)).toEqual([...exportTableNames]);
    checkTables(
      {
        votes: validation.tables.votes!,
        ballot_allocations: validation.tables.ballot_allocations!,
        comments: validation.tables.comments!,
      },
      "package",
    );
  });
});
