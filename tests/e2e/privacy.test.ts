/**
 * Issue 14 items 7 and 8 in a real browser, without JavaScript and in Arabic: the privacy notice is
 * reached from the sign-up form and from the footer and shows the retention periods; a member
 * withdraws the statistics consent on the profile and gives it again, each time with its date.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";
import { signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
const ar = (namespace: string, key: string, values?: Record<string, string | number>) =>
  text("ar", namespace, key, values);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function expectPrivacyNotice(page: Page) {
  await page.waitForURL((url) => url.pathname === "/privacy");
  expect(await page.getAttribute("html", "dir")).toBe("rtl");
  expect(await page.textContent("h1")).toBe(ar("privacy", "notice.title"));
  const body = (await page.textContent("main")) ?? "";
  const thirtyDays = new Intl.NumberFormat("ar", { style: "unit", unit: "day", unitDisplay: "long" }).format(30);
  expect(body).toContain(ar("privacy", "notice.retention.sessions", { period: thirtyDays }));
  expect(body).toContain(ar("privacy", "notice.retention.mail", { period: thirtyDays }));
  expect(await page.getByRole("link", { name: ar("privacy", "notice.rights.access.link") }).getAttribute("href")).toBe(
    "/profile/data",
  );
  expect(await page.getByRole("link", { name: ar("privacy", "notice.rights.erase.link") }).getAttribute("href")).toBe(
    "/profile/delete",
  );
}

describe("privacy, without JavaScript, in Arabic", () => {
  it("reaches the privacy notice from the sign-up form and from the footer", async () => {
    const context = await newPersonContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseURL}/sign-up?lng=ar`);
    await page
      .locator("main form")
      .getByRole("link", { name: ar("common", "layout.footer.privacyLink"), exact: true })
      .click();
    await expectPrivacyNotice(page);

    await page.goto(`${baseURL}/`);
    await page
      .locator("footer")
      .getByRole("link", { name: ar("common", "layout.footer.privacyLink"), exact: true })
      .click();
    await expectPrivacyNotice(page);
    await context.close();
  });

  it("lets a member withdraw the statistics consent on the profile and give it again, with dates", async () => {
    const context = await newPersonContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, baseURL, "member@demo.baraza.africa", { language: "ar" });
    await page.goto(`${baseURL}/profile`);
    expect(await page.getAttribute("html", "dir")).toBe("rtl");

    const statistics = page.locator("#consents li", {
      has: page.getByRole("heading", { name: ar("privacy", "consents.statistics.name"), exact: true }),
    });
    await expect.poll(() => statistics.count()).toBe(1);
    const givenPrefix = ar("privacy", "consents.givenOn").split("{{date}}")[0]!;
    const withdrawnPrefix = ar("privacy", "consents.withdrawnOn").split("{{date}}")[0]!;
    expect(await statistics.locator(".consent-state").textContent()).toContain(givenPrefix);

    await statistics.getByRole("button", { name: ar("privacy", "consents.withdraw") }).click();
    await page.waitForURL((url) => url.pathname === "/profile");
    await expect
      .poll(() => page.locator("main [role=status].flash").textContent())
      .toBe(ar("privacy", "consents.flash.withdrawn"));
    const state = await statistics.locator(".consent-state").textContent();
    expect(state).toContain(withdrawnPrefix);
    expect(state).toContain(new Intl.DateTimeFormat("ar", { dateStyle: "long", timeZone: "UTC" }).format(new Date()));
    // The profile form below says the same.
    expect(await page.locator('input[name="statsConsent"]').isChecked()).toBe(false);

    await statistics.getByRole("button", { name: ar("privacy", "consents.give") }).click();
    await page.waitForURL((url) => url.pathname === "/profile");
    await expect
      .poll(() => page.locator("main [role=status].flash").textContent())
      .toBe(ar("privacy", "consents.flash.given"));
    expect(await statistics.locator(".consent-state").textContent()).toContain(givenPrefix);
    expect(await page.locator('input[name="statsConsent"]').isChecked()).toBe(true);
    await context.close();
  });
});
