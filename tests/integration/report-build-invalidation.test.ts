/**
 * Issue 14.4: a stored report PDF never outlives the content it copied. A moderator hides a comment
 * that the published summary quotes; every earlier build of the consultation is gone at once (row
 * and file), no URL serves a PDF that still holds the quote, and the next build leaves it out. A
 * build running during the decision is not finished with the old text, and only the newest build
 * of a report is ever served.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { comment, reportBuild, summary, summaryQuote, userRole } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { getEnv } from "~/platform/env.server";
import { hideItem } from "~/moderation/decisions.server";
import { processReportBuilds, readReportPdf, requestReportBuild } from "~/reports/report-builds.server";
import { loader as download } from "~/routes/c+/$slug+/report_.pdf_.$buildId";
import { signUpMember } from "../support/actions";
import { markSecondFactorEnrolled } from "../support/second-factor";
import { chromiumPath } from "../support/browser";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();
const options = () => ({ chromiumPath, smallCellThreshold: getEnv().SMALL_CELL_THRESHOLD });

let consultationId: number;
let slug: string;
let admin: { cookie: string; userId: string };

beforeAll(async () => {
  ({ consultationId, slug } = await seedDemo(db()));
  admin = await signUpMember("Invalidation admin");
  await db().insert(userRole).values({ userId: admin.userId, role: "admin" });
  await markSecondFactorEnrolled(db(), admin.userId);
});

/** The PDF's words, white space collapsed (pdftotext breaks lines where the page does). */
function words(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "baraza-pdf-")), "report.pdf");
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

async function build(): Promise<number> {
  const queued = await requestReportBuild(db(), { consultationId, locale: "en", requestedById: null, force: true });
  await processReportBuilds(db(), options());
  return queued.id;
}

/** Every PDF reachable by URL: each build id ever handed out, through the download route. */
async function reachablePdfs(ids: readonly number[]): Promise<Buffer[]> {
  const pdfs: Buffer[] = [];
  for (const id of ids) {
    const request = new Request(`http://localhost/c/${slug}/report/pdf/${id}`, { headers: { cookie: admin.cookie } });
    let answer: Response;
    try {
      answer = (await download({ request, params: { slug, buildId: String(id) }, context: {} })) as Response;
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      answer = thrown;
    }
    if (answer.status === 200) pdfs.push(Buffer.from(await answer.arrayBuffer()));
    else expect(answer.status, `build ${id}`).toBe(404);
  }
  return pdfs;
}

describe("report PDFs after a moderation decision", () => {
  it("hiding a quoted comment deletes every earlier build at once, and no URL serves the quote again", async () => {
    const [quoted] = await db()
      .select({ id: comment.id, body: comment.body })
      .from(summaryQuote)
      .innerJoin(summary, eq(summary.id, summaryQuote.summaryId))
      .innerJoin(comment, eq(comment.id, summaryQuote.commentId))
      .where(and(eq(summary.consultationId, consultationId), eq(summary.status, "published"), eq(summary.locale, "en")))
      .limit(1);
    const quote = collapse(quoted!.body).slice(0, 60);

    const first = await build();
    const second = await build();
    const stored = await readReportPdf(db(), consultationId, second);
    expect(words(stored!.pdf)).toContain(quote);
    // Only the newest build is ever served.
    expect(await readReportPdf(db(), consultationId, first)).toBeNull();

    // A third is running when the moderator decides.
    const running = await requestReportBuild(db(), { consultationId, locale: "en", requestedById: null, force: true });
    await db().execute(sql`update report_build set status = 'running', started_at = now() where id = ${running.id}`);

    expect(
      await hideItem(db(), { consultationId, actorId: admin.userId }, { type: "comment", id: quoted!.id }, "off-topic"),
    ).toEqual({ ok: true });

    // Files gone with their rows; the running one is back in the queue, so it will print the new text.
    const left = await db()
      .select({ id: reportBuild.id, status: reportBuild.status, pdf: reportBuild.pdf })
      .from(reportBuild)
      .where(eq(reportBuild.consultationId, consultationId));
    expect(left).toEqual([{ id: running.id, status: "queued", pdf: null }]);
    expect(await reachablePdfs([first, second, running.id])).toEqual([]);

    await processReportBuilds(db(), options());
    const rebuilt = await readReportPdf(db(), consultationId, running.id);
    expect(rebuilt).not.toBeNull();
    for (const pdf of await reachablePdfs([first, second, running.id])) expect(words(pdf)).not.toContain(quote);
    expect(words(rebuilt!.pdf)).not.toContain(quote);
  });
});
