/**
 * The export page and the downloads audit in a real browser: the demo institution member downloads
 * a table without JavaScript (a file, not a page), the admin sees it in the audit, and neither page
 * has axe violations.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";
import { signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
const exportPath = "/c/regional-production/export";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const signIn = (page: Page, email: string) => signInAs(page, baseURL, email);

describe("data exports", () => {
  it("the export page has no axe violations, in English and in Arabic", async () => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await signIn(page, "institution@demo.baraza.africa");
    for (const language of ["en", "ar"]) {
      await page.goto(`${baseURL}${exportPath}?lng=${language}`);
      expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
      expect(await axeViolations(page)).toEqual([]);
    }
    await context.close();
  });

  it("an institution member downloads a table from the export page without JavaScript", async () => {
    const context = await newPersonContext(browser, { javaScriptEnabled: false, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, "institution@demo.baraza.africa");
    await page.goto(`${baseURL}${exportPath}?lng=en`);
    await expect.poll(() => page.textContent("h1")).toBe(text("en", "exports", "title"));

    const link = page.getByRole("link", {
      name: text("en", "exports", "tables.csvFor", { table: text("en", "exports", "tables.votes.title") }),
      exact: true,
    });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("baraza-regional-production-votes.csv");
    const file = await download.path();
    expect(readFileSync(file, "utf8").split("\r\n")[0]).toBe(
      "vote_id,priority_id,participant,value,entered_offline,channel,created_at,updated_at",
    );
    await context.close();
  });

  it("the admin sees downloads in the audit, in Arabic too, without axe violations", async () => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await signIn(page, "admin@demo.baraza.africa");
    // Admins may download too: this one is in the audit whatever the other tests did.
    expect((await page.request.get(`${baseURL}${exportPath}/votes.csv`)).status()).toBe(200);
    // The opinion groups are read from the stored analysis: the file is there, computed or not yet.
    const groups = await page.request.get(`${baseURL}${exportPath}/opinion_groups.csv`);
    expect((await groups.text()).split("\r\n")[0]).toBe("opinion_group,participants,share,computed_at");
    for (const language of ["en", "ar"]) {
      await page.goto(`${baseURL}/admin/downloads?lng=${language}`);
      expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
      await expect.poll(() => page.textContent("table")).toContain("export:votes");
      expect(await axeViolations(page)).toEqual([]);
    }
    await context.close();
  });

  it("a member who is not in an institution is refused", async () => {
    const context = await newPersonContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "member@demo.baraza.africa");
    const response = await page.goto(`${baseURL}${exportPath}`);
    expect(response?.status()).toBe(403);
    await context.close();
  });
});
