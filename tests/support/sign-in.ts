/**
 * Signing a demo account in through the real sign-in form, as e2e tests of staff pages need: staff
 * demo accounts then pass the second step with the test server's TOTP code (decision 0026).
 */
import type { Page } from "playwright-core";
import { demoPassword, demoStaffCode, isStaffDemoEmail } from "./demo-passwords";
import { text } from "./locales";

export interface SignInOptions {
  password?: string;
  /** The language of the sign-in pages (default en). */
  language?: string;
  /** Where to land; the helper waits until the page is there. */
  redirectTo?: string;
}

export async function signInAs(page: Page, baseURL: string, email: string, options: SignInOptions = {}): Promise<void> {
  const { password = demoPassword(email), language = "en", redirectTo } = options;
  const query = new URLSearchParams({ lng: language, ...(redirectTo ? { redirectTo } : {}) });
  await page.goto(`${baseURL}/sign-in?${query}`);
  await page.getByLabel(text(language, "auth", "fields.email")).fill(email);
  await page.getByLabel(text(language, "auth", "fields.password")).fill(password);
  await page.getByRole("button", { name: text(language, "auth", "signIn.submit") }).click();
  if (isStaffDemoEmail(email)) {
    await page.waitForURL((url) => url.pathname === "/sign-in/two-factor");
    await passSecondStep(page, language);
  }
  if (redirectTo) await page.waitForURL(`${baseURL}${redirectTo}`);
  // The header's "sign in" link is gone (its words may recur in "signed in as …", as in Arabic).
  // A locator wait, not expect.poll: suites sign in from beforeAll too.
  await page
    .locator("header")
    .getByRole("link", { name: text(language, "common", "layout.signIn"), exact: true })
    .waitFor({ state: "detached" });
}

/** The second step of signing in, with the staff demo accounts' current code. */
export async function passSecondStep(page: Page, language = "en"): Promise<void> {
  await page.getByLabel(text(language, "security", "fields.appCode")).fill(demoStaffCode());
  await page.getByRole("button", { name: text(language, "security", "signInStep.submit") }).click();
  await page.waitForURL((url) => url.pathname !== "/sign-in/two-factor");
}

/**
 * After the sign-up form: sign-up signs nobody in (docs/decisions/0027-verified-addresses-and-account-limits.md),
 * it sends everyone to the sign-in page, where a new member can sign in at once, before confirming.
 */
export async function signInAfterSignUp(page: Page, language: string, email: string, password: string): Promise<void> {
  await page.waitForURL(/\/sign-in\?signedUp=1/);
  // With JavaScript on, the address changes a moment before the sign-in page replaces the sign-up
  // form, whose fields carry the same labels: wait for the sign-in button before filling anything.
  const submit = page.getByRole("button", { name: text(language, "auth", "signIn.submit") });
  await submit.waitFor({ state: "visible" });
  await page.getByLabel(text(language, "auth", "fields.email")).fill(email);
  await page.getByLabel(text(language, "auth", "fields.password")).fill(password);
  await submit.click();
}
