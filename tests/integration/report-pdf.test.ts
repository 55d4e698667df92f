/**
 * The PDF report: queued, built in the background with its progress recorded, printed by Chromium
 * from the same model and component as the report page. Its text, as pdftotext extracts it, holds
 * every priority's title in en, ar (in logical order) and zh, and nothing private; only those who
 * may read the report get the page or the file, and institution downloads are audited.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { comment, consultation, institutionMember, priority, reportBuild, user } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { queryRows } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { loadOpinionGroups, recomputeOpinionGroups } from "~/opinion/opinion-groups.server";
import type { Language } from "~/platform/i18n/config";
import {
  currentReportBuild,
  processReportBuilds,
  readReportPdf,
  requestReportBuild,
  type ReportBuildView,
} from "~/reports/report-builds.server";
import { buildReportPdf, type ReportBuildStage } from "~/reports/report-pdf.server";
import { action, loader } from "~/routes/c+/$slug+/report_.pdf";
import { loader as download } from "~/routes/c+/$slug+/report_.pdf_.$buildId";
import { call, signUpMember } from "../support/actions";
import { chromiumPath } from "../support/browser";
import { setupTestDatabase } from "../support/database";
import { text } from "../support/locales";
import { markSecondFactorEnrolled } from "../support/second-factor";

const db = setupTestDatabase();
const options = () => ({ chromiumPath, smallCellThreshold: getEnv().SMALL_CELL_THRESHOLD });
const hiddenText = "PDF-TEST hidden comment that must never reach a PDF";

let consultationId: number;
let slug: string;
let owner: { cookie: string; userId: string };
let member: { cookie: string; userId: string };

beforeAll(async () => {
  ({ consultationId, slug } = await seedDemo(db()));
  // The opinion groups, as the background worker would have stored them, so the PDF carries them.
  expect(await recomputeOpinionGroups(db(), consultationId, { force: true })).toBe("computed");
  owner = await signUpMember("PDF owner");
  member = await signUpMember("PDF member");
  const [row] = await db().select().from(consultation).where(eq(consultation.id, consultationId));
  await db().insert(institutionMember).values({ institutionId: row!.owningInstitutionId!, userId: owner.userId });
  await markSecondFactorEnrolled(db(), owner.userId);
  const [anyPriority] = await db()
    .select({ id: priority.id })
    .from(priority)
    .where(and(eq(priority.consultationId, consultationId), eq(priority.status, "approved")))
    .limit(1);
  await db().insert(comment).values({
    consultationId,
    priorityId: anyPriority!.id,
    authorId: member.userId,
    body: hiddenText,
    language: "en",
    status: "hidden",
  });
});

/** The PDF's text as poppler's pdftotext reads it (poppler-utils, installed beside Chromium). */
function extractText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "baraza-pdf-")), "report.pdf");
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error('pdftotext is not installed: run "apt-get install -y poppler-utils".');
    }
    throw error;
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/**
 * Text as pdftotext reads it back, made comparable: bidi marks dropped and white space collapsed.
 * Chinese lines break between any two characters, so it loses all white space. For Arabic, poppler
 * puts short vowels and spaces around shadda where their glyphs sit and a space where a letter's
 * glyph leaves a gap; so vowel marks and white space go, and every letter, lam-alef included, must
 * come out in logical order (docs/decisions/0036).
 */
function comparable(value: string, language: Language): string {
  const plain = value.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");
  if (language === "zh") return plain.replace(/\s+/g, "");
  if (language === "ar") return plain.replace(/[\s\p{Mn}\u0640]+/gu, "");
  return plain.replace(/\s+/g, " ").trim();
}

async function approvedTitles(language: Language): Promise<string[]> {
  const rows = await db()
    .select({ title: priority.title })
    .from(priority)
    .where(and(eq(priority.consultationId, consultationId), eq(priority.status, "approved")));
  return rows.map((row) => row.title[language]!);
}

async function consultationRow() {
  const [row] = await db().select().from(consultation).where(eq(consultation.id, consultationId));
  return row!;
}

describe.each<Language>(["en", "ar", "zh"])("the PDF report in %s", (language) => {
  let extracted: string;

  beforeAll(async () => {
    const pdf = await buildReportPdf(db(), await consultationRow(), language, options());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    extracted = comparable(extractText(pdf), language);
  });

  it("holds every approved priority's title in that language", async () => {
    const titles = await approvedTitles(language);
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(extracted, title).toContain(comparable(title, language));
  });

  it("has the report's sections, the opinion groups and their common ground among them", async () => {
    for (const key of ["results.heading", "breakdowns.heading", "groups.heading", "method.heading"]) {
      expect(extracted, key).toContain(comparable(text(language, "reports", key), language));
    }
    expect(extracted).toContain(comparable(text(language, "opinion", "consensus.heading"), language));
    const stored = await loadOpinionGroups(db(), consultationId);
    if (stored?.summary.status !== "ok") throw new Error("the demo's opinion groups are not stored");
    expect(stored.summary.groups.length).toBeGreaterThan(1);
    // The count is formatted for the language (e.g. 1,234): compare the longest run of words beside it.
    const [words] = text(language, "reports", "groups.intro", { count: stored.summary.participantsPlaced })
      .split(String(stored.summary.participantsPlaced))
      .sort((a, b) => b.length - a.length);
    expect(words!.trim().length).toBeGreaterThan(10);
    expect(extracted).toContain(comparable(words!, language));
  });

  it("holds no hidden comment and no e-mail address", async () => {
    expect(extracted).not.toContain(comparable(hiddenText, language));
    for (const { email } of await db().select({ email: user.email }).from(user)) {
      expect(extracted).not.toContain(email);
    }
  });
});

describe("the background build", () => {
  const request = (force = false, locale: Language = "fr") =>
    requestReportBuild(db(), { consultationId, locale, requestedById: owner.userId, force });

  it("queues one build per report; a second request joins it", async () => {
    const first = await request();
    const second = await request(true);
    expect(first.status).toBe("queued");
    expect(second.id).toBe(first.id);
  });

  it("moves through its stages to 100 %, as a waiting page polling the database sees", async () => {
    const seen: Array<Pick<ReportBuildView, "stage" | "progress" | "status">> = [];
    let building = true;
    const watching = (async () => {
      while (building) {
        const build = await currentReportBuild(db(), consultationId, "fr");
        const last = seen.at(-1);
        if (build && (build.stage !== last?.stage || build.status !== last.status)) {
          seen.push({ stage: build.stage, progress: build.progress, status: build.status });
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    expect(await processReportBuilds(db(), options())).toBe(1);
    building = false;
    await watching;
    const done = await currentReportBuild(db(), consultationId, "fr");
    expect(done).toMatchObject({ status: "done", stage: "done", progress: 100 });
    seen.push({ stage: done!.stage, progress: done!.progress, status: done!.status });

    const order: ReportBuildStage[] = ["queued", "collecting", "layingOut", "printing", "done"];
    const stages = seen.map((s) => order.indexOf(s.stage));
    expect(stages).toEqual([...stages].sort((a, b) => a - b));
    expect(seen.map((s) => s.progress)).toEqual([...seen.map((s) => s.progress)].sort((a, b) => a - b));
    expect(new Set(seen.map((s) => s.stage)).size).toBeGreaterThanOrEqual(3);

    const file = await readReportPdf(db(), consultationId, done!.id);
    expect(file?.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(file?.pdf.byteLength).toBe(done!.byteSize);
    expect(await readReportPdf(db(), consultationId + 1000, done!.id)).toBeNull();
  });

  it("hands out a fresh PDF again; a forced build replaces it and only the newest is kept", async () => {
    const fresh = await currentReportBuild(db(), consultationId, "fr");
    expect((await request()).id).toBe(fresh!.id);
    const forced = await request(true);
    expect(forced.id).not.toBe(fresh!.id);
    expect(forced.status).toBe("queued");
    await processReportBuilds(db(), options());
    const builds = await db()
      .select({ id: reportBuild.id })
      .from(reportBuild)
      .where(and(eq(reportBuild.consultationId, consultationId), eq(reportBuild.locale, "fr")));
    expect(builds).toEqual([{ id: forced.id }]);
  });

  it("fails with a reason the page translates when Chromium is missing", async () => {
    const queued = await request(false, "pt");
    await processReportBuilds(db(), { ...options(), chromiumPath: "/nowhere/chromium" });
    expect(await currentReportBuild(db(), consultationId, "pt")).toMatchObject({
      id: queued.id,
      status: "failed",
      error: "chromiumMissing",
    });
    // Asking again after a failure queues a new attempt.
    expect((await request(false, "pt")).status).toBe("queued");
    await processReportBuilds(db(), options());
    expect((await currentReportBuild(db(), consultationId, "pt"))?.status).toBe("done");
  });

  it("takes over a build left running by a process that died", async () => {
    const queued = await request(false, "ru");
    await db().execute(
      sql`update report_build set status = 'running', started_at = now() - interval '11 minutes' where id = ${queued.id}`,
    );
    expect(await processReportBuilds(db(), options())).toBe(1);
    expect((await currentReportBuild(db(), consultationId, "ru"))?.status).toBe("done");
  });
});

describe("the PDF page and file", () => {
  const page = (cookie?: string, locale = "sw") =>
    call(loader, { path: `/c/${slug}/report/pdf?locale=${locale}`, params: { slug }, cookie });
  const post = (fields: Record<string, string>, cookie?: string) =>
    call(action, { path: `/c/${slug}/report/pdf`, params: { slug }, fields, cookie });
  const file = (buildId: number, cookie?: string) =>
    call(download, { path: `/c/${slug}/report/pdf/${buildId}`, params: { slug, buildId: String(buildId) }, cookie });
  const pdfDownloads = async () =>
    (
      await queryRows<{ n: number }>(
        db(),
        sql`select count(*)::int as n from download_log where consultation_id = ${consultationId} and format = 'pdf'`,
      )
    )[0]!.n;
  const builds = async () => (await db().select({ id: reportBuild.id }).from(reportBuild)).length;

  it("is refused to a member and a visitor while the consultation is not published", async () => {
    await db().update(consultation).set({ phase: "open" }).where(eq(consultation.id, consultationId));
    const before = await builds();
    expect((await page(member.cookie)).status).toBe(403);
    expect((await page()).status).not.toBe(200);
    expect((await post({ locale: "sw" }, member.cookie)).status).toBe(403);
    expect(await builds()).toBe(before);
    const done = await currentReportBuild(db(), consultationId, "fr");
    expect((await file(done!.id, member.cookie)).status).toBe(403);
    expect((await file(done!.id)).status).not.toBe(200);
  });

  it("lets the owning institution build and download it, leaving an audit line", async () => {
    expect((await page(owner.cookie)).body).toMatchObject({ locale: "sw", build: null, mayRebuild: true });
    const posted = await post({ locale: "sw" }, owner.cookie);
    expect(posted.status).toBe(302);
    expect(posted.headers.get("location")).toBe(`/c/${slug}/report/pdf?locale=sw`);
    expect((await page(owner.cookie)).body).toMatchObject({ build: { status: "queued", progress: 0 } });
    await processReportBuilds(db(), options());
    const shown = (await page(owner.cookie)).body as { build: { id: number; status: string; fresh: boolean } };
    expect(shown.build).toMatchObject({ status: "done", fresh: true });

    const before = await pdfDownloads();
    const answer = await file(shown.build.id, owner.cookie);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/pdf");
    expect(answer.headers.get("content-disposition")).toContain(`baraza-${slug}-report-sw.pdf`);
    expect(await pdfDownloads()).toBe(before + 1);
    expect((await file(shown.build.id + 1000, owner.cookie)).status).toBe(404);
  });

  it("refuses a language it does not know next to the field, storing nothing", async () => {
    const before = await builds();
    const answer = await post({ locale: "xx" }, owner.cookie);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      fieldErrors: { locale: "reports:pdf.errors.locale" },
      values: { locale: "xx" },
    });
    expect(await builds()).toBe(before);
  });

  it("is open to everyone once published, without letting visitors rebuild a fresh PDF", async () => {
    await db().update(consultation).set({ phase: "published" }).where(eq(consultation.id, consultationId));
    const shown = (await page()).body as { build: { id: number }; mayRebuild: boolean };
    expect(shown.mayRebuild).toBe(false);
    const before = await builds();
    expect((await post({ locale: "sw", intent: "rebuild" })).status).toBe(302);
    expect(await builds()).toBe(before);
    expect((await currentReportBuild(db(), consultationId, "sw"))?.id).toBe(shown.build.id);

    const downloads = await pdfDownloads();
    const answer = await file(shown.build.id);
    expect(answer.status).toBe(200);
    expect(await pdfDownloads()).toBe(downloads);
  });
});
