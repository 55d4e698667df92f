/** axe-core on every page of the foundation, in English and in Arabic (right to left). */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, newPage } from "../support/browser";
import { text } from "../support/locales";
import { signInAfterSignUp } from "../support/sign-in";

const baseURL = inject("baseURL");
let browser: Browser;

const publicPages = [
  "/",
  "/c/regional-production",
  "/sign-in",
  "/sign-up",
  "/sign-in?signedUp=1",
  "/verify-email",
  "/verify-email?token=from-a-mail",
  "/forgot-password",
  "/reset-password?token=example",
  "/reset-password",
  "/dev/outbox",
  "/privacy",
  "/no-such-page",
];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function signUpIn(page: Page, language: string) {
  await page.goto(`${baseURL}/sign-up?lng=${language}`);
  await page.getByLabel(text(language, "auth", "fields.name")).fill("Axe");
  const email = `axe-${language}-${Date.now()}@example.org`;
  await page.getByLabel(text(language, "auth", "fields.email")).fill(email);
  await page.getByLabel(text(language, "auth", "fields.password")).fill("a good long password");
  await page.getByRole("button", { name: text(language, "auth", "signUp.submit") }).click();
  await signInAfterSignUp(page, language, email, "a good long password");
  await page.waitForURL(`${baseURL}/`);
}

describe.each(["en", "ar"])("accessibility in %s", (language) => {
  it.each(publicPages)("%s has no axe violations", async (path) => {
    const page = await newPage(browser);
    const separator = path.includes("?") ? "&" : "?";
    await page.goto(`${baseURL}${path}${separator}lng=${language}`);
    expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  // A missing page, and a consultation that does not exist (its layout and its page both refuse it).
  it.each(["/no-such-page", "/c/no-such-consultation"])("names the error in the title of %s", async (path) => {
    const page = await newPage(browser);
    const response = await page.goto(`${baseURL}${path}?lng=${language}`);
    expect(response?.status()).toBe(404);
    expect(await page.title()).toBe(
      `${text(language, "common", "errors.notFound.title")} · ${text(language, "common", "layout.siteName")}`,
    );
    await page.close();
  });

  it("the pages of a signed-in member, and a form showing its errors, have no axe violations", async () => {
    const page = await newPage(browser);
    await signUpIn(page, language);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${baseURL}/sign-out`);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();

    const visitor = await newPage(browser);
    await visitor.goto(`${baseURL}/sign-in?lng=${language}`);
    await visitor.getByRole("button", { name: text(language, "auth", "signIn.submit") }).click();
    await expect.poll(() => visitor.locator(".field__error").count()).toBeGreaterThan(0);
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.close();
  });
});
