/**
 * The report as a PDF: the report model, rendered by the same React component as the report page, and
 * printed by headless Chromium, which shapes Arabic and Chinese and keeps their text extractable in
 * logical order (docs/decisions/0012-report-pdf-through-chromium.md).
 */
import type { ConsultationRow } from "~/consultations/consultations.server";
import { launchChromium } from "~/platform/chromium.server";
import type { Queryable } from "~/platform/db.server";
import type { Language } from "~/platform/i18n/config";
import { FONT_ORIGIN, fontFileFor, renderReportDocument } from "~/reports/report-document.server";
import { buildConsultationReport } from "~/reports/report.server";

/** What a build is doing, in order; the waiting page names it next to the progress bar. */
export const reportBuildStages = ["queued", "collecting", "layingOut", "printing", "done"] as const;
export type ReportBuildStage = (typeof reportBuildStages)[number];

/** Rough share of a build's time spent before each stage starts, measured on the demo consultation. */
export const stageProgress: Record<ReportBuildStage, number> = {
  queued: 0,
  collecting: 5,
  layingOut: 40,
  printing: 55,
  done: 100,
};

export interface ReportPdfOptions {
  chromiumPath: string;
  smallCellThreshold: number;
  onStage?: (stage: ReportBuildStage) => Promise<void>;
}

export async function buildReportPdf(
  db: Queryable,
  consultation: ConsultationRow,
  language: Language,
  options: ReportPdfOptions,
): Promise<Buffer> {
  const onStage = options.onStage ?? (async () => {});
  await onStage("collecting");
  const report = await buildConsultationReport(db, consultation, language, options.smallCellThreshold);
  await onStage("layingOut");
  const html = await renderReportDocument(report, language);
  await onStage("printing");
  return printHtmlToPdf(html, options.chromiumPath);
}

const footerTemplate = `<div style="font-size: 8px; width: 100%; text-align: center; color: #555;">
<span class="pageNumber"></span> / <span class="totalPages"></span></div>`;

/** Prints a self-contained HTML document; the only requests it may make are for the shipped fonts. */
export async function printHtmlToPdf(html: string, chromiumPath: string): Promise<Buffer> {
  const browser = await launchChromium(chromiumPath);
  try {
    const page = await browser.newPage();
    await page.route("**/*", async (route) => {
      const url = route.request().url();
      const file = url.startsWith(FONT_ORIGIN) ? fontFileFor(url) : null;
      await (file ? route.fulfill({ path: file }) : route.abort("blockedbyclient"));
    });
    await page.setContent(html, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    return await page.pdf({
      format: "A4",
      printBackground: true,
      margin: { top: "18mm", bottom: "18mm", left: "16mm", right: "16mm" },
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate,
    });
  } finally {
    await browser.close();
  }
}
