/**
 * The demo moderator writes a priority's summary in English, quotes a comment, saves and publishes
 * it; a visitor reads it on the public summary page, and a French reader sees it with the
 * "not yet translated" notice. axe finds nothing wrong on the editor and the public page, in
 * English and in Arabic (right to left).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";
import { signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
const consultationPath = "/c/regional-production";
const en = (namespace: string, key: string, values?: Record<string, string | number>) =>
  text("en", namespace, key, values);
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 15_000 });

let browser: Browser;
/** The moderator without JavaScript (forms post as plain HTML), then with it. */
let moderator: Page;
let hydratedModerator: Page;
/**
 * The editor of the first priority's English summary: the demo gave it comments to quote, and no
 * other e2e file writes summaries there (the last priority may be one another file just approved).
 */
let editorPath: string;
const marker = `Summary marker ${Date.now().toString(36)}`;

async function signInModerator(javaScriptEnabled: boolean): Promise<Page> {
  const context = await newPersonContext(browser, { javaScriptEnabled });
  const page = await context.newPage();
  await signInAs(page, baseURL, "moderator@demo.baraza.africa");
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
  moderator = await signInModerator(false);
  hydratedModerator = await signInModerator(true);
  await moderator.goto(`${baseURL}${consultationPath}/summaries`);
  // Scope 0 is the whole consultation; scope 1 the first priority.
  const firstPriorityScope = moderator.locator("section.summary-scope").nth(1);
  const href = await firstPriorityScope.getByRole("link", { name: "English", exact: true }).getAttribute("href");
  editorPath = href!;
});

afterAll(async () => {
  await browser?.close();
});

describe("writing and publishing a summary", () => {
  it("the moderator quotes a comment, saves, publishes; a visitor reads it; a French reader sees the fallback notice", async () => {
    await moderator.goto(`${baseURL}${editorPath}`);
    const body = moderator.getByLabel(en("summaries", "editor.bodyLabel", { language: "English" }));
    await body.fill(`## ${marker}\n\nWhat people said about this priority.`);

    // Quoting appends a quote line to the text being written, without losing it.
    const quoteButton = moderator.getByRole("button", { name: /^Quote comment \d+$/ }).first();
    const quoteLabel = (await quoteButton.textContent())!;
    const commentId = /\d+/.exec(quoteLabel)![0];
    await quoteButton.click();
    await eventually(() => body.inputValue()).toContain(`[[quote:${commentId}]]`);
    expect(await body.inputValue()).toContain(marker);

    await moderator.getByRole("button", { name: en("summaries", "editor.save") }).click();
    await eventually(() => moderator.locator(".flash").textContent()).toBe(
      en("summaries", "flash.saved", { version: 1 }),
    );
    await moderator.getByRole("button", { name: en("summaries", "publication.publish", { version: 1 }) }).click();
    await eventually(() => moderator.locator(".flash").textContent()).toBe(
      en("summaries", "flash.published", { version: 1 }),
    );

    // A visitor finds it from the consultation page.
    const visitorContext = await newPersonContext(browser);
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${baseURL}${consultationPath}?lng=en`);
    await visitor.getByRole("link", { name: en("consultation", "sections.summary") }).click();
    await visitor.waitForURL(`${baseURL}${consultationPath}/summary`);
    const section = visitor.locator("section", { has: visitor.getByRole("heading", { name: marker }) }).last();
    await eventually(() => section.count()).toBe(1);
    expect(await section.locator("figure.summary-quote").count()).toBe(1);
    expect(await section.locator(".fallback-note").count()).toBe(0);
    await visitorContext.close();

    // French: the English text stands in, said so.
    const frenchContext = await newPersonContext(browser, { locale: "fr-FR" });
    const french = await frenchContext.newPage();
    await french.goto(`${baseURL}${consultationPath}/summary?lng=fr`);
    const frenchSection = french.locator("section", { has: french.getByRole("heading", { name: marker }) }).last();
    expect(await frenchSection.locator(".fallback-note").textContent()).toBe(
      text("fr", "common", "fallbackNote", { language: "English" }),
    );
    await frenchContext.close();
  });
});

describe.each(["en", "ar"])("accessibility in %s", (language) => {
  it("the overview, the editor (with a diff) and the public summary have no axe violations", async () => {
    // A second version (with JavaScript this time), so that the editor shows its versions and a diff.
    const moderator = hydratedModerator;
    await moderator.goto(`${baseURL}${editorPath}?lng=${language}`);
    const versions = await moderator.locator(".summary-versions li").count();
    const body = moderator.locator("#summary-body");
    // Hydration resets a textarea to its server text: type only once React has claimed it.
    await moderator.waitForFunction(() =>
      Object.keys(document.querySelector("#summary-body") ?? {}).some((key) => key.startsWith("__reactFiber")),
    );
    await body.fill(`${await body.inputValue()}\n\nMore in ${language}.`);
    const quoteButton = moderator.locator('button[name="quoteCommentId"]').last();
    const quoted = await quoteButton.getAttribute("value");
    await quoteButton.click();
    await eventually(() => body.inputValue()).toMatch(
      new RegExp(`More in ${language}\\.\\n\\n\\[\\[quote:${quoted}\\]\\]\\n$`),
    );
    await moderator.locator('button[name="intent"][value="save"]').click();
    await eventually(() => moderator.locator(".summary-versions li").count()).toBe(versions + 1);

    for (const path of [`${consultationPath}/summaries`, `${editorPath}?from=1&to=2`]) {
      await moderator.goto(`${baseURL}${path}${path.includes("?") ? "&" : "?"}lng=${language}`);
      expect(await moderator.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
      expect(await axeViolations(moderator)).toEqual([]);
    }
    expect(await moderator.locator(".summary-diff ins").count()).toBeGreaterThan(0);

    const context = await newPersonContext(browser);
    const reader = await context.newPage();
    await reader.goto(`${baseURL}${consultationPath}/summary?lng=${language}`);
    expect(await reader.getAttribute("html", "lang")).toBe(language);
    expect(await axeViolations(reader)).toEqual([]);
    await context.close();
  });
});
