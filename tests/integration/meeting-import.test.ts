/**
 * Importing a meeting's spreadsheet (issue 16, decision 0046) through the page's loader and action:
 * a preview stores nothing, a confirmation stores every row or none, the same file counts once, an
 * import is undone whole within a day and not after, and files that are too large or not
 * spreadsheets are refused with a translated error, never a 500.
 */
import { and, count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ballotAllocation,
  comment,
  consultation,
  consultationFacilitator,
  meeting,
  meetingImport,
  vote,
} from "~db/schema";
import * as importPage from "~/routes/c+/$slug+/_facilitator+/meetings_.$meetingId_.import/route";
import * as templateFile from "~/routes/c+/$slug+/_facilitator+/meetings_.$meetingId_.import_.$file";
import { call, signUpMember } from "../support/actions";
import { createConsultation } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { markSecondFactorEnrolled } from "../support/second-factor";

const db = setupTestDatabase();

interface Fixture {
  slug: string;
  consultationId: number;
  priorityIds: number[];
  meetingId: number;
  cookie: string;
}

let facilitator: { cookie: string; userId: string };

beforeAll(async () => {
  facilitator = await signUpMember("Facilitator");
  await markSecondFactorEnrolled(db(), facilitator.userId);
});

/** A meeting this test's facilitator recorded. */
async function insertMeeting(consultationId: number, peoplePresent = 5): Promise<number> {
  const [row] = await db()
    .insert(meeting)
    .values({
      consultationId,
      facilitatorId: facilitator.userId,
      heldOn: "2026-11-20",
      country: "TZ",
      place: "Village hall",
      language: "sw",
      peoplePresent,
      method: "paper-ballots",
    })
    .returning({ id: meeting.id });
  return row!.id;
}

/** An open consultation with a points ballot, this test's facilitator granted on it, and a meeting. */
async function fixture(peoplePresent = 5): Promise<Fixture> {
  const c = await createConsultation(db(), { ballotBudget: 10 });
  await db().insert(consultationFacilitator).values({ consultationId: c.id, userId: facilitator.userId });
  const meetingId = await insertMeeting(c.id, peoplePresent);
  return {
    slug: c.slug,
    consultationId: c.id,
    priorityIds: c.priorityIds,
    meetingId,
    cookie: facilitator.cookie,
  };
}

const pathOf = (f: Fixture) => `/c/${f.slug}/meetings/${f.meetingId}/import`;
const paramsOf = (f: Fixture) => ({ slug: f.slug, meetingId: String(f.meetingId) });

function upload(
  f: Fixture,
  content: string | Uint8Array<ArrayBuffer>,
  name = "ballots.csv",
  cookie = f.cookie,
  query = "",
) {
  const formData = new FormData();
  formData.set("intent", "upload");
  formData.set("file", new File([content], name));
  return call(importPage.action, { path: `${pathOf(f)}${query}`, params: paramsOf(f), formData, cookie });
}

const post = (f: Fixture, intent: "confirm" | "undo", importId: number) =>
  call(importPage.action, {
    path: pathOf(f),
    params: paramsOf(f),
    fields: { intent, importId: String(importId) },
    cookie: f.cookie,
  });

type Page = Awaited<ReturnType<typeof importPage.loader>>;
async function page(f: Fixture, cookie = f.cookie) {
  const answer = await call(importPage.loader, { path: pathOf(f), params: paramsOf(f), cookie });
  return { status: answer.status, body: answer.body as Page };
}

/** What the meeting has stored: votes, ballot points and comments. */
async function stored(meetingId: number) {
  const [votes] = await db().select({ n: count() }).from(vote).where(eq(vote.meetingId, meetingId));
  const [points] = await db()
    .select({ n: count() })
    .from(ballotAllocation)
    .where(eq(ballotAllocation.meetingId, meetingId));
  const [comments] = await db().select({ n: count() }).from(comment).where(eq(comment.meetingId, meetingId));
  return { votes: votes!.n, points: points!.n, comments: comments!.n };
}

function csv(f: Fixture, ...rows: string[][]): string {
  const [p1, p2] = f.priorityIds;
  const header = [
    "ballot",
    `vote_${p1}`,
    `vote_${p2}`,
    `points_${p1}`,
    "comment",
    "comment_priority",
    "stance",
    "language",
  ];
  return [header, ...rows].map((cells) => cells.join(",")).join("\r\n") + "\r\n";
}

describe("meeting import", () => {
  it("previews a file with its errors, translated and at their row and column, and stores nothing", async () => {
    const f = await fixture();
    const answer = await upload(
      f,
      csv(f, ["1", "agree", "kataa", "4", "", "", "", ""], ["2", "agre", "", "", "", "", "", ""]),
    );
    expect(answer.status).toBe(302);
    const { body } = await page(f);
    expect(body.upload).toMatchObject({ status: "preview", fileName: "ballots.csv" });
    // A typo, and a Kiswahili word from a facilitator working in English: neither is guessed.
    const allowed = "agree, disagree, pass";
    expect(body.upload!.errors).toEqual([
      { row: 2, column: `vote_${f.priorityIds[1]}`, code: "notOneOf", value: "kataa", allowed },
      { row: 3, column: `vote_${f.priorityIds[0]}`, code: "notOneOf", value: "agre", allowed },
    ]);
    expect(await stored(f.meetingId)).toEqual({ votes: 0, points: 0, comments: 0 });
    // Confirm is refused while the file has errors.
    const refused = await post(f, "confirm", body.upload!.id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ formError: "imports:refused.hasErrors" });
    expect(await stored(f.meetingId)).toEqual({ votes: 0, points: 0, comments: 0 });
  });

  it("stores a confirmed file's rows under its import, once: the same file again does nothing", async () => {
    const f = await fixture();
    const file = csv(
      f,
      ["1", "agree", "disagree", "4", "Maji safi kwanza", String(f.priorityIds[1]), "concerns", ""],
      ["2", "pass", "", "", "", "", "", ""],
    );
    await upload(f, file);
    const preview = (await page(f)).body.upload!;
    expect(preview.errors).toEqual([]);
    expect(preview.rows).toHaveLength(2);
    const confirmed = await post(f, "confirm", preview.id);
    expect(confirmed.status).toBe(302);
    expect(await stored(f.meetingId)).toEqual({ votes: 3, points: 1, comments: 1 });
    const [mine] = await db()
      .select({ n: count() })
      .from(vote)
      .where(and(eq(vote.meetingImportId, preview.id), eq(vote.channel, "meeting")));
    expect(mine!.n).toBe(3);
    const [note] = await db().select().from(comment).where(eq(comment.meetingImportId, preview.id));
    expect(note).toMatchObject({ body: "Maji safi kwanza", language: "sw", stance: "concerns", authorId: null });
    expect((await page(f)).body.upload).toMatchObject({ status: "confirmed" });

    const again = await upload(f, file);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ fieldErrors: { file: "imports:upload.errors.alreadyImported" } });
    // A second meeting of the consultation cannot count it again either.
    const other = await insertMeeting(f.consultationId);
    expect((await upload({ ...f, meetingId: other }, file)).status).toBe(409);
    expect(await stored(f.meetingId)).toEqual({ votes: 3, points: 1, comments: 1 });
    expect(await stored(other)).toEqual({ votes: 0, points: 0, comments: 0 });
  });

  it("undoes a confirmed import whole, deleting exactly its rows; after 24 hours it is refused", async () => {
    const f = await fixture();
    // A vote typed in by hand for the same meeting: the undo must leave it.
    await db().insert(vote).values({
      consultationId: f.consultationId,
      priorityId: f.priorityIds[1]!,
      value: "agree",
      channel: "meeting",
      meetingId: f.meetingId,
    });
    await upload(f, csv(f, ["1", "agree", "", "3", "Shule", String(f.priorityIds[0]), "", "en"]));
    const { id } = (await page(f)).body.upload!;
    await post(f, "confirm", id);
    expect(await stored(f.meetingId)).toEqual({ votes: 2, points: 1, comments: 1 });
    expect((await page(f)).body.upload!.undoUntil).not.toBeNull();

    expect((await post(f, "undo", id)).status).toBe(302);
    expect(await stored(f.meetingId)).toEqual({ votes: 1, points: 0, comments: 0 });
    expect((await page(f)).body.upload).toMatchObject({ status: "undone", undoUntil: null });
    // Undone, the same file may be imported again; this time it stays past the undo window.
    await upload(f, csv(f, ["1", "agree", "", "3", "Shule", String(f.priorityIds[0]), "", "en"]));
    const second = (await page(f)).body.upload!.id;
    expect((await post(f, "confirm", second)).status).toBe(302);
    await db()
      .update(meetingImport)
      .set({ confirmedAt: new Date(Date.now() - 25 * 60 * 60 * 1000) })
      .where(eq(meetingImport.id, second));
    expect((await page(f)).body.upload).toMatchObject({ status: "confirmed", undoUntil: null });
    const late = await post(f, "undo", second);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ formError: "imports:refused.tooLate" });
    expect(await stored(f.meetingId)).toEqual({ votes: 2, points: 1, comments: 1 });
  });

  it("refuses a confirmation that would give a priority more votes than people present, storing nothing", async () => {
    const f = await fixture(2);
    await db()
      .insert(vote)
      .values(
        [1, 2].map(() => ({
          consultationId: f.consultationId,
          priorityId: f.priorityIds[0]!,
          value: "pass" as const,
          channel: "meeting" as const,
          meetingId: f.meetingId,
        })),
      );
    await upload(f, csv(f, ["1", "", "agree", "", "", "", "", ""], ["2", "agree", "", "", "", "", "", ""]));
    const { id } = (await page(f)).body.upload!;
    const refused = await post(f, "confirm", id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      formError: "imports:refused.too-many-votes",
      formErrorValues: { row: 3, left: 0 },
    });
    expect(await stored(f.meetingId)).toEqual({ votes: 2, points: 0, comments: 0 });
    expect((await page(f)).body.upload).toMatchObject({ status: "preview" });
  });

  it.each([
    ["a file over 2 MB", new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61), "tooLarge", 413],
    ["an image", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "wrongType", 400],
    ["a zip that is no workbook", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), "unreadable", 400],
    [
      "text that is not UTF-8",
      new Uint8Array([0x62, 0x61, 0x6c, 0x6c, 0x6f, 0x74, 0xff, 0xfe, 0x0a]),
      "wrongType",
      400,
    ],
    ["an empty file", new Uint8Array(), "empty", 400],
  ])("refuses %s with a translated error next to the field", async (_name, bytes, reason, status) => {
    const f = await fixture();
    const answer = await upload(f, bytes, "ballots.xlsx");
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ fieldErrors: { file: `imports:upload.errors.${reason}` } });
    expect((await page(f)).body.upload).toBeNull();
  });

  it("offers the template in the facilitator's language, as CSV and XLSX, which read back as an empty import", async () => {
    const f = await fixture();
    await db().update(consultation).set({ ballotBudget: 10 }).where(eq(consultation.id, f.consultationId));
    const csvAnswer = await call(templateFile.loader, {
      path: `${pathOf(f)}/template.csv?lng=sw`,
      params: { ...paramsOf(f), file: "template.csv" },
      cookie: f.cookie,
    });
    expect(csvAnswer.status).toBe(200);
    const records = parseCsv(String(csvAnswer.body).replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][];
    const header = records.find((cells) => !cells[0]!.startsWith("#"))!;
    const [p1, p2, p3] = f.priorityIds;
    expect(header).toEqual([
      "ballot",
      `vote_${p1}`,
      `vote_${p2}`,
      `vote_${p3}`,
      `points_${p1}`,
      `points_${p2}`,
      `points_${p3}`,
      "comment",
      "comment_priority",
      "stance",
      "language",
    ]);
    expect(records.flat().join(" ")).toContain("kubali, kataa, ruka");

    const xlsxAnswer = await templateFile.loader({
      request: new Request(`http://localhost${pathOf(f)}/template.xlsx?lng=sw`, { headers: { cookie: f.cookie } }),
      params: { ...paramsOf(f), file: "template.xlsx" },
      context: {},
    });
    const bytes = new Uint8Array(await xlsxAnswer.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Karatasi za kura", "Maelekezo"]);

    // Filled in (a vote in Kiswahili on ballot 1) and uploaded back as it is.
    workbook.worksheets[0]!.addRow(["1", "Kubali"]);
    const filled = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect((await upload(f, filled, "mkutano.xlsx", f.cookie, "?lng=sw")).status).toBe(302);
    const preview = (await page(f)).body.upload!;
    expect(preview.errors).toEqual([]);
    expect(preview.rows).toEqual([
      { row: 2, ballot: 1, votes: [{ priorityId: p1, value: "agree" }], points: [], comment: null },
    ]);
  });

  it("lets only the facilitator who recorded the meeting in", async () => {
    const f = await fixture();
    const member = await signUpMember("Member");
    // To a member the meeting does not exist; another facilitator of the consultation may not type its input in.
    expect((await page(f, member.cookie)).status).toBe(404);
    expect((await upload(f, csv(f, ["1", "agree"]), "a.csv", member.cookie)).status).toBe(404);
    const colleague = await signUpMember("Colleague");
    await markSecondFactorEnrolled(db(), colleague.userId);
    await db().insert(consultationFacilitator).values({ consultationId: f.consultationId, userId: colleague.userId });
    expect((await page(f, colleague.cookie)).status).toBe(404);
    const visitor = await call(importPage.loader, { path: pathOf(f), params: paramsOf(f) });
    expect(visitor.status).toBe(302);
    // A meeting of another consultation is not found through this one.
    const g = await fixture();
    expect((await page({ ...f, meetingId: g.meetingId })).status).toBe(404);
    expect(await db().select().from(meetingImport).where(eq(meetingImport.meetingId, f.meetingId))).toHaveLength(0);
  });
});
