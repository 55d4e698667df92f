/**
 * "Download my data" (issue 14 item 5) in a real browser, without JavaScript and in Arabic: the demo
 * member goes from the profile to the data page, asks for their data, reloads until the server's own
 * job runner has built it, and downloads a zip whose page is in Arabic, right to left. The link is
 * theirs only: a staff member following it gets a 404. No axe violations on the page.
 */
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";
import { signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
const memberEmail = "member@demo.baraza.africa";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** "Prepare my data" when there is none yet, "Prepare a new copy" once there is one. */
function prepareButton(page: Page, language: string) {
  return page
    .getByRole("button", { name: text(language, "mydata", "prepare") })
    .or(page.getByRole("button", { name: text(language, "mydata", "prepareAgain") }));
}

describe("download my data", () => {
  let downloadPath = "";

  it("a member asks for their data and downloads it, without JavaScript, in Arabic", async () => {
    const context = await newPersonContext(browser, { javaScriptEnabled: false, acceptDownloads: true });
    const page = await context.newPage();
    await signInAs(page, baseURL, memberEmail, { language: "ar" });
    await page.goto(`${baseURL}/profile?lng=ar`);
    await page.getByRole("link", { name: text("ar", "mydata", "profileLink"), exact: true }).click();
    await expect.poll(() => page.url()).toBe(`${baseURL}/profile/data`);
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await expect.poll(() => page.textContent("h1")).toBe(text("ar", "mydata", "title"));

    await prepareButton(page, "ar").first().click();
    // Reloading (the page's own link) shows the status until the server's job has built the file.
    const download = page.locator('a[href^="/profile/data/"][download]');
    await expect
      .poll(
        async () => {
          if ((await download.count()) === 0) {
            await page.getByRole("link", { name: text("ar", "mydata", "refresh") }).click();
          }
          return download.count();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(1);
    downloadPath = (await download.getAttribute("href")) ?? "";

    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^baraza-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = await JSZip.loadAsync(readFileSync(await file.path()));
    expect(Object.keys(zip.files).sort()).toEqual(["my-data.html", "my-data.json"]);
    const html = await zip.file("my-data.html")!.async("string");
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain(text("ar", "mydata", "file.title"));
    expect(html).toContain(text("ar", "mydata", "file.sections.sessions"));
    const json = JSON.parse(await zip.file("my-data.json")!.async("string")) as {
      account: { email: string };
      language: string;
    };
    expect(json).toMatchObject({ account: { email: memberEmail }, language: "ar" });
    await context.close();
  });

  it("is nobody else's: a staff member following the link gets a 404", async () => {
    expect(downloadPath).toMatch(/^\/profile\/data\/\d+$/);
    const context = await newPersonContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, baseURL, "moderator@demo.baraza.africa", { language: "ar" });
    const answer = await context.request.get(`${baseURL}${downloadPath}`, { maxRedirects: 0 });
    expect(answer.status()).toBe(404);
    await context.close();
  });

  it("the data page has no axe violations, in English and in Arabic", async () => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await signInAs(page, baseURL, memberEmail);
    for (const language of ["en", "ar"]) {
      await page.goto(`${baseURL}/profile/data?lng=${language}`);
      expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
      expect(await axeViolations(page)).toEqual([]);
    }
    await context.close();
  });
});
