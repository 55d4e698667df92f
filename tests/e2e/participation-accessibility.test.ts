/**
 * axe-core on the participation pages, in English, Arabic (right to left) and Chinese: as a visitor
 * and as a signed-in member, with the disclosures of the priority page open, and with the errors of
 * a refused post showing beside their fields.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";
import { signInAfterSignUp } from "../support/sign-in";

const baseURL = inject("baseURL");
const consultationPath = "/c/regional-production";
// Priorities the participation journey (participation.test.ts) leaves alone.
const priorityPath = `${consultationPath}/p/1`;
let browser: Browser;

const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 15_000 });

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe.each(["en", "ar", "zh"])("participation pages in %s", (language) => {
  const t = (namespace: string, key: string, values?: Record<string, string | number>) =>
    text(language, namespace, key, values);

  async function expectLanguage(page: Page) {
    expect(await page.getAttribute("html", "lang")).toBe(language);
    expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
  }

  /** A member's page, once React runs its forms (fetchers), as the member uses it. */
  async function openHydrated(page: Page, path: string) {
    await page.goto(`${baseURL}${path}`);
    await expectLanguage(page);
    await eventually(() => page.locator('input[name="_fetcher"]').count()).toBeGreaterThan(0);
  }

  async function expectNoViolations(page: Page) {
    expect(await axeViolations(page)).toEqual([]);
  }

  it("visitors: the consultation, a priority and the propose page have no axe violations", async () => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    for (const path of [consultationPath, priorityPath, `${consultationPath}/propose`]) {
      await page.goto(`${baseURL}${path}?lng=${language}`);
      await expectLanguage(page);
      await expectNoViolations(page);
    }
    await context.close();
  });

  it("members: every participation page, its open forms and its errors have no axe violations", async () => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseURL}/sign-up?lng=${language}`);
    await page.getByLabel(t("auth", "fields.name")).fill("Axe");
    const email = `axe-participation-${language}-${Date.now()}@example.org`;
    await page.getByLabel(t("auth", "fields.email")).fill(email);
    await page.getByLabel(t("auth", "fields.password")).fill("a good long password");
    await page.getByRole("button", { name: t("auth", "signUp.submit") }).click();
    await signInAfterSignUp(page, language, email, "a good long password");
    await page.waitForURL(`${baseURL}/`);

    // The consultation: vote forms and the ballot, then the ballot refusing too many points.
    await openHydrated(page, consultationPath);
    await expectNoViolations(page);
    const ballot = page.getByRole("region", { name: t("ballot", "heading") });
    await ballot.getByRole("spinbutton").first().fill("11");
    await ballot.getByRole("button", { name: t("ballot", "submit") }).click();
    await eventually(() => ballot.getByRole("alert").count()).toBeGreaterThan(0);
    await expectNoViolations(page);

    // A priority: a reply form and a report form open at once.
    await openHydrated(page, priorityPath);
    const threads = page.locator("#comments > ol.comments > li > article");
    await eventually(() => threads.count()).toBeGreaterThanOrEqual(2);
    await threads
      .nth(0)
      .locator("summary", { hasText: t("comments", "actions.reply") })
      .click();
    const report = threads.nth(1);
    await report.locator("summary", { hasText: t("participation", "flag.open") }).click();
    await expectNoViolations(page);

    // The report sent without a reason, and a comment of nothing but spaces: errors beside the fields.
    await report.getByRole("button", { name: t("participation", "flag.submit") }).click();
    await eventually(() => report.getByText(t("participation", "flag.errors.reasonRequired")).count()).toBe(1);
    const newComment = page.locator(".comments-section__new");
    await newComment.getByLabel(t("comments", "form.body")).fill("     ");
    await newComment.getByRole("button", { name: t("comments", "form.submit") }).click();
    await eventually(() => newComment.getByText(t("comments", "errors.bodyRequired")).count()).toBe(1);
    await expectNoViolations(page);

    // Proposing: the form, then the form refusing an empty proposal.
    await openHydrated(page, `${consultationPath}/propose`);
    await expectNoViolations(page);
    await page.getByRole("button", { name: t("proposals", "form.submit") }).click();
    // Next to its field (the error summary at the top of the form repeats it as a link).
    await eventually(() =>
      page.locator(".field__error").getByText(t("proposals", "errors.titleTooShort")).count(),
    ).toBe(1);
    await expectNoViolations(page);

    // The profile: the form, then a declared interest without its kind.
    await openHydrated(page, "/profile");
    await expectNoViolations(page);
    await page.getByRole("radio", { name: t("profile", "interest.answers.yes"), exact: true }).check();
    await page.getByRole("button", { name: t("profile", "submit") }).click();
    await eventually(() =>
      page.locator(".field__error").getByText(t("profile", "errors.interestKindRequired")).count(),
    ).toBe(1);
    await expectNoViolations(page);

    await context.close();
  });
});
