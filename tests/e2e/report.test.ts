/**
 * The consultation report in a real browser: the demo institution member finds it from the
 * consultation page and reads it without JavaScript, in English and in Arabic (right to left), with
 * its charts as labelled images; no axe violations in either language.
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
});
