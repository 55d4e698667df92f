/**
 * A member on a slow network starts writing before the page's JavaScript has arrived: what they
 * typed is still there once the page hydrates (never lose a comment).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPersonContext } from "../support/browser";
import { signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("on a slow network", () => {
  it("keeps a comment typed before the page hydrated", async () => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await signInAs(page, baseURL, "member@demo.baraza.africa");
    await page.goto(`${baseURL}/c/regional-production?lng=en`);
    const priorityPath = await page.locator('a[href*="/c/regional-production/p/"]').first().getAttribute("href");

    // Hold the scripts back until the member has typed, as a slow connection would.
    let releaseScripts = () => {};
    const scriptsReleased = new Promise<void>((resolve) => (releaseScripts = resolve));
    await page.route("**/assets/**/*.js", async (route) => {
      await scriptsReleased;
      await route.continue();
    });
    await page.goto(`${baseURL}${priorityPath}`, { waitUntil: "domcontentloaded" });
    const text = `Typed on a slow network ${Date.now()}`;
    const body = page.locator("textarea[name=body]").first();
    await body.fill(text);
    expect(await page.locator("input[name=_fetcher]").count()).toBe(0);

    releaseScripts();
    // Only a hydrated form renders the fetcher marker.
    await page.locator("input[name=_fetcher]").first().waitFor({ state: "attached" });
    expect(await body.inputValue()).toBe(text);
    await context.close();
  });
});
