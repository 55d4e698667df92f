/**
 * Issue 14 item 7: consents to statistics and to e-mail notifications are recorded with their date
 * and wording version, shown on the profile, given and withdrawn there; a member who withdraws the
 * statistics consent is absent from every breakdown and export built afterwards.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { consentRecord, consultation, profile, userRole, vote } from "~db/schema";
import { getEnv } from "~/platform/env.server";
import { participantKey } from "~/exports/participant-key.server";
import { consentWordingVersions, setConsent } from "~/privacy/consent.server";
import { buildConsultationReport } from "~/reports/report.server";
import { isSuppressed } from "~/reports/small-cells";
import { loader as fileLoader } from "~/routes/c+/$slug+/_institution+/export_.$file";
import { loader as profileLoader, action as profileAction } from "~/routes/_member+/profile";
import { action as consentAction, loader as consentLoader } from "~/routes/_member+/profile_.consent";
import { call, signUpMember } from "../support/actions";
import { createConsultation, createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { markSecondFactorEnrolled } from "../support/second-factor";

const db = setupTestDatabase();

type Member = { cookie: string; userId: string };
let member: Member;
let admin: Member;
let fixture: { id: number; slug: string; priorityIds: number[] };

const answers = { country: "KE", stakeholderGroup: "health-worker", ageBand: "25-34", gender: "woman" } as const;
/** Members other than `member` who consent, all with the same answers, so no cell is small. */
const OTHERS = 10;

const post = (who: Member | undefined, fields: Record<string, string>) =>
  call(consentAction, { path: "/profile/consent", params: {}, fields, cookie: who?.cookie });

const records = (who: Member) =>
  db().select().from(consentRecord).where(eq(consentRecord.userId, who.userId)).orderBy(consentRecord.id);

const stored = async (who: Member) => (await db().select().from(profile).where(eq(profile.userId, who.userId)))[0];

interface ConsentView {
  purpose: string;
  given: boolean;
  date: string | null;
  wordingVersion: string | null;
}
const shown = async (who: Member) => {
  const answer = await call(profileLoader, { path: "/profile", params: {}, cookie: who.cookie });
  expect(answer.status).toBe(200);
  return (answer.body as { consents: ConsentView[] }).consents;
};

beforeAll(async () => {
  member = await signUpMember("Consenting member");
  admin = await signUpMember("Consent admin");
  await db().insert(userRole).values({ userId: admin.userId, role: "admin" });
  await markSecondFactorEnrolled(db(), admin.userId);

  fixture = await createConsultation(db(), {}, 2);
  const others = await createUsers(db(), OTHERS);
  await db()
    .insert(profile)
    .values(others.map((userId) => ({ userId, ...answers })));
  for (const userId of others) await setConsent(db(), userId, "statistics", true);
  await db()
    .insert(vote)
    .values(
      [...others, member.userId].map((userId) => ({
        consultationId: fixture.id,
        priorityId: fixture.priorityIds[0]!,
        userId,
        value: "agree" as const,
      })),
    );
});

describe("consent records", () => {
  it("sends visitors to sign in, and a GET of the form's address back to the profile", async () => {
    const refused = await post(undefined, { purpose: "statistics", choice: "give" });
    expect(refused.status).toBe(302);
    expect(refused.headers.get("Location")).toMatch(/^\/sign-in\?redirectTo=/);
    const read = await call(consentLoader, { path: "/profile/consent", params: {}, cookie: member.cookie });
    expect(read.status).toBe(302);
    expect(read.headers.get("Location")).toBe("/profile#consents");
  });

  it("shows a newcomer's defaults, undated: statistics not given, e-mail notifications on", async () => {
    expect(await records(member)).toEqual([]);
    const consents = await shown(member);
    expect(consents.map(({ purpose, given, date }) => ({ purpose, given, date }))).toEqual([
      { purpose: "statistics", given: false, date: null },
      { purpose: "notifications", given: true, date: null },
    ]);
  });

  it("records the consent ticked on the profile form, with its date and wording version", async () => {
    const before = Date.now();
    const saved = await call(profileAction, {
      path: "/profile",
      params: {},
      cookie: member.cookie,
      fields: { ...answers, statsConsent: "yes", notifyByEmail: "yes", notifyInApp: "yes" },
    });
    expect(saved.status).toBe(302);
    const [record, ...more] = await records(member);
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      purpose: "statistics",
      given: true,
      wordingVersion: consentWordingVersions.statistics,
    });
    expect(record!.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const statistics = (await shown(member)).find((c) => c.purpose === "statistics")!;
    expect(statistics).toMatchObject({ given: true, wordingVersion: consentWordingVersions.statistics });
    expect(statistics.date).toBeTruthy();
    // Saving the form again without changing the consent records nothing.
    await call(profileAction, {
      path: "/profile",
      params: {},
      cookie: member.cookie,
      fields: { ...answers, displayName: "Consenting", statsConsent: "yes", notifyByEmail: "yes", notifyInApp: "yes" },
    });
    expect(await records(member)).toHaveLength(1);
  });

  it("counts the consenting member in the breakdowns and exports built while the consent stands", async () => {
    expect(await countedInReport()).toBe(OTHERS + 1);
    expect(await describedInExport()).toBe(true);
    expect(await countedByCountry()).toBe(OTHERS + 1);
  });

  it("withdraws on the profile: a dated record, the profile's state, and nothing twice", async () => {
    const withdrawn = await post(member, { purpose: "statistics", choice: "withdraw" });
    expect(withdrawn.status).toBe(302);
    expect(withdrawn.headers.get("Location")).toBe("/profile#consents");
    expect((await stored(member))?.statsConsent).toBe(false);
    const history = await records(member);
    expect(history.map((r) => [r.purpose, r.given, r.wordingVersion])).toEqual([
      ["statistics", true, consentWordingVersions.statistics],
      ["statistics", false, consentWordingVersions.statistics],
    ]);
    expect(history[1]!.at.getTime()).toBeGreaterThanOrEqual(history[0]!.at.getTime());
    const statistics = (await shown(member)).find((c) => c.purpose === "statistics")!;
    expect(statistics).toMatchObject({ given: false, wordingVersion: consentWordingVersions.statistics });
    expect(statistics.date).toBeTruthy();

    // Withdrawing again (a second tab, a double click) changes nothing.
    expect((await post(member, { purpose: "statistics", choice: "withdraw" })).status).toBe(302);
    expect(await records(member)).toHaveLength(2);
  });

  it("leaves the withdrawn member out of every breakdown and export built afterwards", async () => {
    expect(await countedInReport()).toBe(OTHERS);
    expect(await describedInExport()).toBe(false);
    expect(await countedByCountry()).toBe(OTHERS);
    // Still counted as a voter: the consent covers the profile answers, not the vote.
    const [votes] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(vote)
      .where(and(eq(vote.consultationId, fixture.id), eq(vote.userId, member.userId)));
    expect(votes!.n).toBe(1);
  });

  it("gives the consent again, and withdraws and gives the notifications consent", async () => {
    expect((await post(member, { purpose: "statistics", choice: "give" })).status).toBe(302);
    expect((await stored(member))?.statsConsent).toBe(true);
    expect(await countedInReport()).toBe(OTHERS + 1);

    expect((await post(member, { purpose: "notifications", choice: "withdraw" })).status).toBe(302);
    expect((await stored(member))?.notifyByEmail).toBe(false);
    const notifications = (await shown(member)).find((c) => c.purpose === "notifications")!;
    expect(notifications).toMatchObject({ given: false, wordingVersion: consentWordingVersions.notifications });
    expect((await post(member, { purpose: "notifications", choice: "give" })).status).toBe(302);
    expect((await stored(member))?.notifyByEmail).toBe(true);

    const history = (await records(member)).map((r) => [r.purpose, r.given]);
    expect(history).toEqual([
      ["statistics", true],
      ["statistics", false],
      ["statistics", true],
      ["notifications", false],
      ["notifications", true],
    ]);
  });

  it("refuses a purpose or choice no form posts, with a translated message, and changes nothing", async () => {
    const before = await records(member);
    const profileBefore = await stored(member);
    for (const fields of <Record<string, string>[]>[
      { purpose: "marketing", choice: "give" },
      { purpose: "statistics", choice: "maybe" },
      { purpose: "statistics" },
      {},
    ]) {
      const answer = await post(member, fields);
      expect(answer.status, JSON.stringify(fields)).toBe(400);
      expect((answer.body as { formError: string }).formError).toBe("privacy:consents.errors.choice");
    }
    expect(await records(member)).toEqual(before);
    expect(await stored(member)).toEqual(profileBefore);
  });
});

async function countedInReport(): Promise<number> {
  const [row] = await db().select().from(consultation).where(eq(consultation.id, fixture.id));
  const report = await buildConsultationReport(db(), row!, "en", getEnv().SMALL_CELL_THRESHOLD);
  const countries = report.breakdowns.find((b) => b.key === "country")!;
  const kenya = countries.cells[countries.categories.indexOf("KE")];
  expect(kenya === undefined || isSuppressed(kenya)).toBe(false);
  return kenya as number;
}

async function allTables(): Promise<Record<string, Record<string, unknown>[]>> {
  const request = new Request(`http://localhost/c/${fixture.slug}/export/all.json`, {
    headers: { cookie: admin.cookie },
  });
  const response = (await fileLoader({
    request,
    params: { slug: fixture.slug, file: "all.json" },
    context: {},
  })) as Response;
  expect(response.status).toBe(200);
  return (JSON.parse(await response.text()) as { tables: Record<string, Record<string, unknown>[]> }).tables;
}

/**
 * Whether the member's row of the participants table carries any profile answer. (Once they withdraw,
 * the other rows may be generalised or withheld too: k-anonymity is computed over the rows exported.)
 */
async function describedInExport(): Promise<boolean> {
  const { participants } = await allTables();
  const key = participantKey(getEnv().AUTH_SECRET, fixture.id, member.userId);
  const row = participants!.find((r) => r.participant === key);
  if (!row) throw new Error("the member has no row in the participants table");
  const { participant: _key, ...rest } = row;
  return Object.values(rest).some((v) => v !== null);
}

/** The Kenya, health-worker cell of the country × stakeholder group table. */
async function countedByCountry(): Promise<number> {
  const rows = (await allTables()).participants_by_country!;
  const row = rows.find((r) => r.country === "KE" && r.stakeholder_group === "health-worker");
  if (!row) throw new Error(`no KE × health-worker row in ${JSON.stringify(rows)}`);
  return Number(row.participants);
}
