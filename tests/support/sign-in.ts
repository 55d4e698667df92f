/** Signing a demo account in through the real sign-in form, as e2e tests of staff pages need. */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { demoPassword } from "./demo-passwords";
import { text } from "./locales";

export async function signInAs(
  page: Page,
  baseURL: string,
  email: string,
  password = demoPassword(email),
): Promise<void> {
  await page.goto(`${baseURL}/sign-in?lng=en`);
  await page.getByLabel(text("en", "auth", "fields.email")).fill(email);
  await page.getByLabel(text("en", "auth", "fields.password")).fill(password);
  await page.getByRole("button", { name: text("en", "auth", "signIn.submit") }).click();
  // Hashing the password takes most of a second on a busy two-core machine: more than poll's default.
  await expect
    .poll(() => page.textContent("header"), { timeout: 15_000 })
    .not.toContain(text("en", "common", "layout.signIn"));
}

/**
 * After the sign-up form: sign-up signs nobody in (docs/decisions/0027-verified-addresses-and-account-limits.md),
 * it sends everyone to the sign-in page, where a new member can sign in at once, before confirming.
 */
export async function signInAfterSignUp(page: Page, language: string, email: string, password: string): Promise<void> {
  await page.waitForURL(/\/sign-in\?signedUp=1/);
  await page.getByLabel(text(language, "auth", "fields.email")).fill(email);
  await page.getByLabel(text(language, "auth", "fields.password")).fill(password);
  await page.getByRole("button", { name: text(language, "auth", "signIn.submit") }).click();
}
