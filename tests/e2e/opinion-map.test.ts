/**
 * The opinion map of the demo consultation, as the server renders it: drawn without JavaScript,
 * described in words for those who do not see it, and clean under axe in English and Arabic.
 * (The "too few participants" message is covered by tests/integration/opinion-groups-storage.test.ts,
 * since the e2e server's only consultation has plenty.)
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";

const baseURL = inject("baseURL");
const consultationPath = "/c/regional-production";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The demo's map is computed in the background shortly after the server starts: reload until it is there. */
async function openWithMap(page: Page, language: string) {
  await expect
    .poll(
      async () => {
        await page.goto(`${baseURL}${consultationPath}?lng=${language}`);
        return page.locator("#opinion-map svg[role='img']").count();
      },
      { timeout: 30_000, interval: 1000 },
    )
    .toBe(1);
}

describe("the opinion map", () => {
  it("is drawn without JavaScript, and its groups are listed in words", async () => {
    const context = await newPersonContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await openWithMap(page, "en");
    const section = page.getByRole("region", { name: text("en", "opinion", "heading") });
    const map = section.getByRole("img", { name: text("en", "opinion", "svg.title") });
    expect(await map.count()).toBe(1);
    // Dots: one path per group, with at least one dot each.
    const groupPaths = map.locator("path");
    const groups = await section.locator(".opinion-group").count();
    expect(groups).toBeGreaterThanOrEqual(2);
    expect(await groupPaths.count()).toBe(groups);
    for (let g = 0; g < groups; g++) expect(await groupPaths.nth(g).getAttribute("d")).toMatch(/^M/);

    // The text alternative: every group in words, in the legend's order, with its share of participants.
    const labels = ["A", "B", "C", "D", "E"].slice(0, groups);
    for (const [g, label] of labels.entries()) {
      const description = await section.locator(".opinion-group").nth(g).innerText();
      expect(description).toContain(`Group ${label}:`);
      expect(description).toMatch(/\d+%/);
      expect((await section.locator(".opinion-map__legend li").nth(g).innerText()).trim()).toBe(
        text("en", "opinion", "legend", { label }),
      );
    }
    expect(await section.getByRole("heading", { name: text("en", "opinion", "consensus.heading") }).count()).toBe(1);
    expect(await section.innerText()).toMatch(/Updated .+ \(UTC\), from [\d,]+ votes\./);
    // Composition only as counts of consenting members: small cells shown as "<5", and cells
    // withheld only so that a small one cannot be worked out as "withheld" (docs/small-cells.md).
    await section.getByText(text("en", "opinion", "composition.summary")).click();
    const table = section.getByRole("table", { name: text("en", "opinion", "composition.stakeholdersCaption") });
    expect(await table.count()).toBe(1);
    const cells = await table.locator("td").allInnerTexts();
    expect(cells.length).toBeGreaterThan(0);
    const withheld = text("en", "common", "smallCells.withheld");
    for (const cell of cells) expect([withheld, "<5"].includes(cell) || /^\d+$/.test(cell), cell).toBe(true);
    for (const cell of cells.filter((c) => /^\d+$/.test(c))) expect(Number(cell)).toBeGreaterThanOrEqual(5);
    await context.close();
  });

  it.each(["en", "ar"])("has no axe violations in %s, with the composition open", async (language) => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await openWithMap(page, language);
    expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
    await page.locator("#opinion-map details summary").click();
    expect(await page.locator("#opinion-map details").getAttribute("open")).not.toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
