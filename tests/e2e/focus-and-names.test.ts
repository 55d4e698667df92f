/**
 * Issue 18, items 2–4 and 6, in English and Arabic: what axe cannot see. Vote buttons named after
 * their priority; a refused form's error summary (focused, linked to its fields, "Error:" in the
 * title) with and without JavaScript; a succeeded form's confirmation focused; focus on the new
 * page's h1 after a client-side navigation; 24 px targets and 3:1 borders; one way of writing a
 * percentage. (Reflow at 320 px and axe on every page: accessibility-sweep.test.ts.)
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";
import { signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
const consultationPath = "/c/regional-production";
let browser: Browser;

const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 15_000 });

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Remix has hydrated the page: links and forms are React's from now on. */
async function hydrated(page: Page) {
  await page.waitForFunction(
    () => (window as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized,
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
}

/** What has focus: the tag, the class and the text, enough to tell the summary, a field or <body>. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    return element
      ? { tag: element.tagName.toLowerCase(), className: element.className, text: element.textContent?.trim() ?? "" }
      : null;
  });
}

describe.each(["en", "ar"])("in %s", (language) => {
  const t = (namespace: string, key: string, values?: Record<string, string | number>) =>
    text(language, namespace, key, values);
  const title = (pageTitle: string) => `${pageTitle} · ${t("common", "layout.siteName")}`;

  it("names every vote group and button after its priority, with the visible word first", async () => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await signInAs(page, baseURL, "member@demo.baraza.africa", { language });
    await page.goto(`${baseURL}${consultationPath}?lng=${language}`);
    const priorities = page.locator("li.priority");
    const count = await priorities.count();
    expect(count).toBeGreaterThan(1);
    const groupNames = new Set<string>();
    for (let index = 0; index < count; index++) {
      const priority = priorities.nth(index);
      const priorityTitle = (await priority.locator("h3").textContent())!.trim();
      const named = t("participation", "vote.forPriority", { title: priorityTitle });
      // The legend's words, then its visually hidden title (laid out apart: a space or none between).
      const legend = t("participation", "vote.legend");
      const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const group = priority.getByRole("group", { name: new RegExp(`^${escape(legend)}\\s*${escape(named)}$`) });
      expect(await group.count(), priorityTitle).toBe(1);
      groupNames.add(priorityTitle);
      for (const value of ["agree", "disagree", "pass"]) {
        const word = t("participation", `vote.values.${value}`);
        const button = priority.getByRole("button", { name: `${word} ${named}`, exact: true });
        expect(await button.count(), `${word} ${priorityTitle}`).toBe(1);
        // Visually unchanged: the button shows its word only.
        expect((await button.textContent())?.trim()).toBe(word);
      }
      // The title is read, not shown: the legend looks as before.
      const hidden = await priority.locator(".vote-form legend .visually-hidden").boundingBox();
      expect(hidden!.width).toBeLessThanOrEqual(1);
    }
    expect(groupNames.size).toBe(count);

    // Vote buttons' borders stand out from the button and the page at 3:1 at least (WCAG 1.4.11).
    const contrasts = await page
      .locator(".vote-button")
      .first()
      .evaluate((button) => {
        const channels = (color: string) =>
          color
            .match(/[\d.]+/g)!
            .slice(0, 3)
            .map(Number);
        const luminance = (color: string) => {
          const [r, g, b] = channels(color).map((value) => {
            const c = value / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
        };
        const ratio = (a: string, b: string) => {
          const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
          return (high! + 0.05) / (low! + 0.05);
        };
        const border = getComputedStyle(button).borderTopColor;
        return [
          ratio(border, getComputedStyle(button).backgroundColor),
          ratio(border, getComputedStyle(document.body).backgroundColor),
        ];
      });
    for (const contrast of contrasts) expect(contrast).toBeGreaterThanOrEqual(3);

    // Language links are targets of 24 px at least (WCAG 2.5.8).
    const links = page.locator(".language-switcher a");
    expect(await links.count()).toBe(8);
    for (const box of await links.evaluateAll((all) => all.map((link) => link.getBoundingClientRect().toJSON()))) {
      expect(box.height).toBeGreaterThanOrEqual(24);
      expect(box.width).toBeGreaterThanOrEqual(24);
    }

    // Percentages are written one way, the language's own (Intl), wherever they appear.
    const shares = await page.locator(".results__share").allTextContents();
    const intlPercent = new Intl.NumberFormat(language, { style: "percent" }).format(0.5).replace(/\d+/, "");
    expect(shares.join(" ")).not.toMatch(/٪/);
    if (shares.length > 0) expect(shares.join(" ")).toContain(intlPercent);
    await context.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    const how = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

    it(`a refused sign-in: the error summary at the top, focused, linked to each field, "Error:" in the title (${how})`, async () => {
      const context = await newPersonContext(browser, { javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${baseURL}/sign-in?lng=${language}`);
      if (javaScriptEnabled) await hydrated(page);
      await page.getByRole("button", { name: t("auth", "signIn.submit") }).click();
      const summary = page.locator("form .error-summary");
      await summary.waitFor();
      await eventually(() => focused(page)).toMatchObject({ className: "error-summary" });
      expect(await summary.getByRole("heading", { level: 2 }).textContent()).toBe(t("common", "errorSummary.title"));
      const targets = await summary
        .getByRole("link")
        .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
      expect(targets).toEqual(["#email", "#password"]);
      for (const target of targets) expect(await page.locator(target!).getAttribute("aria-invalid")).toBe("true");
      expect(await page.title()).toBe(
        t("common", "errorSummary.documentTitle", { title: title(t("auth", "signIn.title")) }),
      );

      // A wrong password: the form's own error in the summary, focused again.
      await page.getByLabel(t("auth", "fields.email")).fill("member@demo.baraza.africa");
      await page.getByLabel(t("auth", "fields.password")).fill("not the password");
      await page.getByRole("button", { name: t("auth", "signIn.submit") }).click();
      await eventually(() => summary.locator(".form-error").textContent()).toBe(t("auth", "errors.invalidCredentials"));
      await eventually(() => focused(page)).toMatchObject({ className: "error-summary" });
      await context.close();
    });

    it(`a form that succeeded: its confirmation takes focus (${how})`, async () => {
      const context = await newPersonContext(browser, { javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${baseURL}/forgot-password?lng=${language}`);
      if (javaScriptEnabled) await hydrated(page);
      await page.getByLabel(t("auth", "fields.email")).fill(`nobody-${Date.now()}@example.org`);
      await page.getByRole("button", { name: t("auth", "forgotPassword.submit") }).click();
      await eventually(() => focused(page)).toEqual({
        tag: "p",
        className: "notice",
        text: t("auth", "forgotPassword.sent"),
      });
      expect(await page.title()).toBe(title(t("auth", "forgotPassword.title")));
      await context.close();
    });
  }

  it("a client-side navigation moves focus to the new page's h1; the first load leaves it alone", async () => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseURL}/?lng=${language}`);
    await hydrated(page);
    expect((await focused(page))?.tag).toBe("body");
    const homeHeading = (await page.locator("main h1").textContent())!.trim();
    await page.evaluate(() => ((window as { marker?: number }).marker = 1));
    const link = page.locator(`main a[href="${consultationPath}"]`).first();
    // The card's link is the consultation's title, which the new page's h1 repeats. (The address
    // changes before the new page replaces the old one: its h1 cannot be read at that moment.)
    const consultationTitle = (await link.textContent())!.trim();
    await link.click();
    await eventually(() => focused(page)).toMatchObject({ tag: "h1", text: consultationTitle });
    expect(page.url()).toBe(`${baseURL}${consultationPath}`);
    // A navigation in place, not a page load.
    expect(await page.evaluate(() => (window as { marker?: number }).marker)).toBe(1);

    // Back: the home page's h1.
    await page.goBack();
    await eventually(() => focused(page)).toMatchObject({ tag: "h1", text: homeHeading });
    await context.close();
  });
});
