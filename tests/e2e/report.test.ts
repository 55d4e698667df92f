/**
 * The consultation report in a real browser: the demo institution member finds it from the
 * consultation page and reads it without JavaScript, in English and in Arabic (right to left), with
 * its charts as labelled images; no axe violations in either language. The PDF is asked for, waited
 * for (the page refreshes itself with its progress) and downloaded, all without JavaScript.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";
import { signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
const consultationPath = "/c/regional-production";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const signIn = (page: Page, email: string) => signInAs(page, baseURL, email);

describe("consultation report", () => {
  it("an institution member opens the report without JavaScript, in English and in Arabic", async () => {
    const context = await newPersonContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "institution@demo.baraza.africa");
    await page.goto(`${baseURL}${consultationPath}?lng=en`);
    await page.getByRole("link", { name: text("en", "reports", "link"), exact: true }).click();
    await expect.poll(() => page.url()).toContain(`${consultationPath}/report`);
    for (const language of ["en", "ar"]) {
      await page.goto(`${baseURL}${consultationPath}/report?lng=${language}`);
      expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
      await expect.poll(() => page.textContent("main")).toContain(text(language, "reports", "figures.heading"));
      const chart = page.getByRole("img", { name: text(language, "reports", "weekly.chartTitle") });
      expect(await chart.count()).toBe(1);
      expect(await page.getByRole("table", { name: text(language, "reports", "weekly.tableCaption") }).count()).toBe(1);
      expect(await page.textContent("main")).toContain(text(language, "reports", "method.heading"));
    }
    await context.close();
  });

  it("has no axe violations, in English and in Arabic", async () => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await signIn(page, "institution@demo.baraza.africa");
    for (const language of ["en", "ar"]) {
      await page.goto(`${baseURL}${consultationPath}/report?lng=${language}`);
      expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
      expect(await axeViolations(page)).toEqual([]);
    }
    // Printed, the report leaves the site's header out and starts each section on a new page.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    const breaks = await page.$$eval(".report-section", (sections) =>
      sections.slice(1).map((section) => getComputedStyle(section).breakBefore),
    );
    expect(breaks.length).toBeGreaterThan(3);
    expect(new Set(breaks)).toEqual(new Set(["page"]));
    await context.close();
  });

  it("an institution member has the PDF built and downloads it, without JavaScript", async () => {
    const context = await newPersonContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "institution@demo.baraza.africa");
    await page.goto(`${baseURL}${consultationPath}/report?lng=ar`);
    await page.getByRole("link", { name: text("ar", "reports", "pdfLink"), exact: true }).click();
    await expect.poll(() => page.url()).toContain(`${consultationPath}/report/pdf?locale=ar`);
    await buildButton(page, "ar").click();
    // Reloading shows how far the build has got, until the file is there.
    const download = page.getByRole("link", { name: text("ar", "reports", "pdf.download", { language: "العربية" }) });
    await expect
      .poll(
        async () => {
          if ((await download.count()) === 0) {
            await page.getByRole("link", { name: text("ar", "reports", "pdf.refresh") }).click();
          }
          return download.count();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(1);
    const answer = await context.request.get(`${baseURL}${await download.getAttribute("href")}`);
    expect(answer.status()).toBe(200);
    expect(answer.headers()["content-type"]).toBe("application/pdf");
    expect((await answer.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await context.close();
  });

  it("shows the build's progress as a labelled bar that updates in place, with no axe violations", async () => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await signIn(page, "institution@demo.baraza.africa");
    for (const language of ["en", "ar"]) {
      await page.goto(`${baseURL}${consultationPath}/report/pdf?lng=${language}&locale=fr`);
      expect(await axeViolations(page)).toEqual([]);
      // One polite live region in the status section, there before the build starts (issue 18 item 5).
      const status = page.locator(".report-pdf__status");
      const live = status.locator('[role="status"], [aria-live]');
      expect(await live.count()).toBe(1);
      expect(await live.getAttribute("aria-live")).toBe("polite");
      await buildButton(page, language).click();
      // The post and the page after it take a while on a loaded machine.
      await expect.poll(() => page.getByRole("progressbar").count(), { timeout: 30_000 }).toBe(1);
      expect(await page.getByRole("progressbar").getAttribute("value")).not.toBeNull();
      expect(await axeViolations(page)).toEqual([]);
      // While it runs: the stage and the percentage, said once; no "Refresh" with JavaScript on.
      const progressText = await live.textContent();
      if (await page.getByRole("progressbar").count()) {
        const stages = ["queued", "collecting", "layingOut", "printing", "done"].map((stage) =>
          text(language, "reports", `pdf.stages.${stage}`),
        );
        expect(
          stages.some((stage) => progressText!.startsWith(stage)),
          progressText!,
        ).toBe(true);
        // One percentage, written the language's way (Arabic's sign is ٪).
        expect(progressText!.match(/[%٪]/g) ?? [], progressText!).toHaveLength(1);
      }
      expect(await status.getByRole("link", { name: text(language, "reports", "pdf.refresh") }).count()).toBe(0);
      const download = page.getByRole("link", {
        name: text(language, "reports", "pdf.download", { language: "Français" }),
      });
      await expect.poll(() => download.count(), { timeout: 60_000 }).toBe(1);
      expect(await page.getByRole("progressbar").count()).toBe(0);
      // "Ready" is said in the same region.
      expect(await live.textContent()).toBe(text(language, "reports", "pdf.ready", { language: "Français" }));
      expect(await status.locator('[role="status"], [aria-live]').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
    }
    await context.close();
  });
});

/** "Build the PDF" when there is none yet, "Build it again" for an institution once there is one. */
function buildButton(page: Page, language: string) {
  return page
    .getByRole("button", { name: text(language, "reports", "pdf.build") })
    .or(page.getByRole("button", { name: text(language, "reports", "pdf.rebuild") }));
}
