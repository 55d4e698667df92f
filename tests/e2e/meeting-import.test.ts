/**
 * Issue 16's acceptance for the spreadsheet import, in Chromium: the demo facilitator records a
 * meeting, downloads its template, uploads it filled in with a typo, sees the error at its row and
 * column in their language, uploads the corrected file, confirms it and undoes it — in English
 * without JavaScript and in Arabic with it.
 */
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";
import { signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
const consultationPath = "/c/regional-production";
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 15_000 });

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function recordMeeting(page: Page, language: string): Promise<void> {
  const t = (key: string) => text(language, "meetings", key);
  await page.goto(`${baseURL}${consultationPath}/meetings/new?lng=${language}`);
  await page.getByLabel(t("record.country")).selectOption("TZ");
  await page.getByLabel(t("record.place"), { exact: true }).fill(`Import hall ${language}`);
  await page.getByLabel(t("record.language")).selectOption(language);
  await page.getByLabel(t("record.peoplePresent"), { exact: true }).fill("4");
  await page.getByLabel(t("record.method")).selectOption("paper-ballots");
  await page.getByRole("button", { name: t("record.submit") }).click();
  await page.waitForURL(/\/meetings\/\d+$/);
}

/** The CSV the facilitator would save: the template's notes and header, then `rows`. */
function filledCsv(template: string, rows: string[][], marker: string): string {
  return `${template.trimEnd()}\r\n# ${marker}\r\n${rows.map((cells) => cells.join(",")).join("\r\n")}\r\n`;
}

describe.each([
  { language: "en", javaScriptEnabled: false },
  { language: "ar", javaScriptEnabled: true },
])(
  "importing a meeting's spreadsheet ($language, JavaScript $javaScriptEnabled)",
  ({ language, javaScriptEnabled }) => {
    it("downloads the template, sees a typo at its row and column, fixes it, confirms and undoes", async () => {
      const t = (key: string, values?: Record<string, string | number>) => text(language, "imports", key, values);
      const context = await newPersonContext(browser, { javaScriptEnabled, acceptDownloads: true });
      const page = await context.newPage();
      await signInAs(page, baseURL, "facilitator@demo.baraza.africa", { language });
      await recordMeeting(page, language);
      await page.getByRole("link", { name: text(language, "meetings", "details.import") }).click();
      await page.waitForURL(/\/import$/);

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: t("template.csv") }).click(),
      ]);
      const template = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
      const header = template
        .split("\r\n")
        .find((line) => line !== "" && !/^"?#/.test(line))!
        .split(",");
      expect(header[0]).toBe("ballot");
      const [firstVote, secondVote] = header.filter((column) => column.startsWith("vote_"));
      const cells = (vote1: string, vote2: string) =>
        header.map((c) => (c === "ballot" ? "1" : c === firstVote ? vote1 : c === secondVote ? vote2 : ""));
      const agree = t("words.agree").split("|")[0]!;
      const marker = `run ${language} ${Date.now()}`;

      const upload = async (csv: string) => {
        await page
          .getByLabel(t("upload.label"))
          .setInputFiles({ name: "ballots.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
        await page.getByRole("button", { name: t("upload.submit") }).click();
      };

      // A typo in the first vote, reported at the spreadsheet's own row number (the notes count).
      const typoRows = [cells("agre", "disagree")];
      await upload(filledCsv(template, typoRows, marker));
      const typoRow = template.trimEnd().split("\r\n").length + 2;
      const allowed = [t("words.agree"), t("words.disagree"), t("words.pass")].map((w) => w.split("|")[0]).join(", ");
      const error = t("rowError.notOneOf", { row: typoRow, column: firstVote!, value: "agre", allowed });
      await eventually(() => page.locator("#preview").textContent()).toContain(error);
      expect(await page.getByRole("button", { name: t("preview.confirm") }).count()).toBe(0);
      // axe runs in the page: only where scripts may run.
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);

      // Fixed: the facilitator's word for the first, the English word for the second.
      await upload(filledCsv(template, [cells(agree, "disagree")], marker));
      await eventually(() => page.locator("#preview").textContent()).toContain(t("preview.status.preview"));
      await page.getByRole("button", { name: t("preview.confirm") }).click();
      await eventually(() => page.locator(".flash").textContent()).toBe(
        t("preview.confirmed", { votes: 2, ballots: 0, comments: 0 }),
      );
      await page.getByRole("button", { name: t("preview.undo") }).click();
      await eventually(() => page.locator(".flash").textContent()).toBe(t("preview.undone"));
      await eventually(() => page.locator("#preview").textContent()).toContain(t("preview.status.undone"));
      await context.close();
    });
  },
);
