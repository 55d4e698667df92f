/**
 * "Delete my account" (issue 14 item 6) in Chromium without JavaScript, in Arabic: a new member
 * asks for their account to be deleted from the profile, confirms with their password, sees the
 * grace notice (on the page and on the profile), and cancels.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { text } from "../support/locales";
import { signInAfterSignUp } from "../support/sign-in";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("deleting one's account without JavaScript, in Arabic", () => {
  it("requests the deletion with the password, sees when it will happen, and cancels it", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "ar" });
    const page = await context.newPage();
    const email = `leaving-${Date.now()}@example.org`;
    const password = "a good long password";
    const t = (namespace: string, key: string, values?: Record<string, string>) => text("ar", namespace, key, values);

    await page.goto(`${baseURL}/sign-up?lng=ar`);
    await page.getByLabel(t("auth", "fields.name")).fill("سلمى");
    await page.getByLabel(t("auth", "fields.email")).fill(email);
    await page.getByLabel(t("auth", "fields.password")).fill(password);
    await page.getByRole("button", { name: t("auth", "signUp.submit") }).click();
    await signInAfterSignUp(page, "ar", email, password);
    await page
      .locator("header")
      .getByRole("link", { name: t("common", "layout.signIn"), exact: true })
      .waitFor({
        state: "detached",
      });

    await page.goto(`${baseURL}/profile`);
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await page.getByRole("link", { name: t("security", "erasure.profileLink.start") }).click();
    await page.waitForURL(`${baseURL}/profile/delete`);
    expect((await page.textContent("h1"))?.trim()).toBe(t("security", "erasure.title"));

    // A wrong password is refused beside its field; nothing is scheduled.
    await page.getByLabel(t("security", "erasure.modes.keep-comments")).check();
    await page.getByLabel(t("security", "erasure.fields.password")).fill("not my password");
    await page.getByRole("button", { name: t("security", "erasure.submit", { days: "14" }) }).click();
    await expect.poll(() => page.textContent("main")).toContain(t("security", "errors.wrongPassword"));

    await page.getByLabel(t("security", "erasure.modes.keep-comments")).check();
    await page.getByLabel(t("security", "erasure.fields.password")).fill(password);
    await page.getByRole("button", { name: t("security", "erasure.submit", { days: "14" }) }).click();
    await page.getByRole("heading", { name: t("security", "erasure.pending.heading") }).waitFor();
    const body = (await page.textContent("body")) ?? "";
    expect(body).toContain(t("security", "erasure.pending.keepComments"));
    expect(body).toContain(t("security", "erasure.flash.requested"));

    // The profile says it too, and leads back to the way to cancel.
    await page.goto(`${baseURL}/profile`);
    const link = page.locator('a[href="/profile/delete"]');
    const [beforeDate] = t("security", "erasure.profileLink.pending", { date: "\u0000" }).split("\u0000");
    expect((await link.textContent())?.trim().startsWith(beforeDate!.trim())).toBe(true);
    await page.locator('a[href="/profile/delete"]').click();
    await page.waitForURL(`${baseURL}/profile/delete`);

    await page.getByRole("button", { name: t("security", "erasure.pending.cancel") }).click();
    await expect.poll(() => page.textContent("body")).toContain(t("security", "erasure.flash.cancelled"));
    expect(await page.getByRole("heading", { name: t("security", "erasure.pending.heading") }).count()).toBe(0);
    await page.getByLabel(t("security", "erasure.fields.password")).waitFor();
    await context.close();
  });
});
