/**
 * The institution portal in a real browser: the demo institution member sees the demo consultation
 * with its figures, creates an API token without JavaScript (shown once), uses it from outside the
 * browser, revokes it after confirming and is refused at once; the portal has no axe violations.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";
import { signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const signIn = (page: Page, email: string) => signInAs(page, baseURL, email);

const listConsultations = (token: string) =>
  fetch(`${baseURL}/api/v1/consultations`, { headers: { authorization: `Bearer ${token}` } });

describe("institution portal", () => {
  it("shows the demo consultation with figures; a token is created once, works, is revoked and refused", async () => {
    const context = await newPersonContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "institution@demo.baraza.africa");
    await page.getByRole("link", { name: text("en", "api", "navLink"), exact: true }).click();
    await expect.poll(() => page.textContent("h1")).toBe(text("en", "api", "portal.title"));

    const row = page.locator("tr", { has: page.locator('a[href="/c/regional-production"]') });
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.locator("td").allTextContents();
    expect(cells[0]).toBe(text("en", "common", "phase.open"));
    const [participants, votes] = [cells[1], cells[2]].map((cell) => Number(cell!.replace(/\D/g, "")));
    expect(participants).toBeGreaterThan(0);
    expect(votes).toBeGreaterThanOrEqual(participants!);
    expect(await row.getByRole("link", { name: /./ }).count()).toBeGreaterThanOrEqual(3);

    const name = `E2E warehouse ${Date.now()}`;
    await page.getByLabel(text("en", "api", "tokens.name")).fill(name);
    await page.getByRole("button", { name: text("en", "api", "tokens.create") }).click();
    const secret = page.getByLabel(text("en", "api", "tokens.secretLabel"));
    await expect.poll(() => secret.count()).toBe(1);
    const token = await secret.inputValue();
    expect(token).toMatch(/^bz_/);

    const answer = await listConsultations(token);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { data: Array<{ slug: string }> };
    expect(body.data.map((c) => c.slug)).toContain("regional-production");

    // Post/redirect/get: refreshing the page makes no second token and no longer shows the secret.
    await page.reload();
    await expect.poll(() => page.textContent("h1")).toBe(text("en", "api", "portal.title"));
    expect(await page.content()).not.toContain(token);
    expect(await page.locator("tr", { hasText: name }).count()).toBe(1);

    // Shown once: reloading the portal lists the token by name, never its secret.
    await page.goto(`${baseURL}/institution?lng=en`);
    expect(await page.content()).not.toContain(token);
    const tokenRow = page.locator("tr", { hasText: name });
    await tokenRow.getByRole("link", { name: text("en", "api", "tokens.revokeFor", { name }) }).click();
    await page.getByRole("button", { name: text("en", "api", "tokens.confirmRevokeButton") }).click();
    await expect.poll(() => page.textContent("body")).toContain(text("en", "api", "flash.revoked"));

    expect((await listConsultations(token)).status).toBe(401);
    await context.close();
  });

  it("with JavaScript, shows a new token once; refreshing the page creates no second token", async () => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await signIn(page, "institution@demo.baraza.africa");
    await page.goto(`${baseURL}/institution?lng=en`);
    const name = `E2E scripted ${Date.now()}`;
    await page.getByLabel(text("en", "api", "tokens.name")).fill(name);
    await page.getByRole("button", { name: text("en", "api", "tokens.create") }).click();
    const secret = page.getByLabel(text("en", "api", "tokens.secretLabel"));
    await expect.poll(() => secret.count()).toBe(1);
    const token = await secret.inputValue();
    expect(token).toMatch(/^bz_/);
    expect(await page.locator("tr", { hasText: name }).count()).toBe(1);

    await page.reload();
    await expect.poll(() => page.textContent("h1")).toBe(text("en", "api", "portal.title"));
    expect(await page.content()).not.toContain(token);
    expect(await page.locator("tr", { hasText: name }).count()).toBe(1);
    await context.close();
  });

  it("registers a webhook without JavaScript: http and internal addresses are refused, the secret is shown once, deletion is confirmed", async () => {
    const context = await newPersonContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "institution@demo.baraza.africa");
    await page.goto(`${baseURL}/institution?lng=en`);
    const url = page.getByLabel(text("en", "api", "webhooks.url"));
    await url.fill("http://example.org/hook");
    await page.getByRole("button", { name: text("en", "api", "webhooks.create") }).click();
    await expect.poll(() => page.textContent("body")).toContain(text("en", "api", "errors.webhookUrlInvalid"));
    expect(await url.inputValue()).toBe("http://example.org/hook");
    await url.fill("https://169.254.169.254/latest/meta-data/");
    await page.getByRole("button", { name: text("en", "api", "webhooks.create") }).click();
    await expect.poll(() => page.textContent("body")).toContain(text("en", "api", "errors.webhookUrlInternal"));
    expect(await url.inputValue()).toBe("https://169.254.169.254/latest/meta-data/");

    const address = `https://example.invalid/e2e-${Date.now()}`;
    await url.fill(address);
    await page.getByRole("button", { name: text("en", "api", "webhooks.create") }).click();
    const secret = page.getByLabel(text("en", "api", "webhooks.secretLabel"));
    await expect.poll(() => secret.count()).toBe(1);
    const value = await secret.inputValue();
    expect(value).toMatch(/^whsec_/);

    await page.goto(`${baseURL}/institution?lng=en`);
    expect(await page.content()).not.toContain(value);
    // Deleting asks first, without JavaScript too: cancelling keeps the webhook.
    const item = page.locator(".webhook-item", { hasText: address });
    const deleteLink = item.getByRole("link", { name: text("en", "api", "webhooks.deleteFor", { url: address }) });
    await deleteLink.click();
    await expect
      .poll(() => item.textContent())
      .toContain(text("en", "api", "webhooks.confirmDelete", { url: address }));
    await item.getByRole("link", { name: text("en", "api", "tokens.cancel") }).click();
    await expect.poll(() => deleteLink.count()).toBe(1);
    expect(await item.getByRole("button", { name: text("en", "api", "webhooks.confirmDeleteButton") }).count()).toBe(0);
    await deleteLink.click();
    await item.getByRole("button", { name: text("en", "api", "webhooks.confirmDeleteButton") }).click();
    await expect.poll(() => page.textContent("body")).toContain(text("en", "api", "flash.webhookDeleted"));
    expect(await page.locator(".webhook-item", { hasText: address }).count()).toBe(0);
    await context.close();
  });

  it("the portal has no axe violations, in English and in Arabic", async () => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await signIn(page, "institution@demo.baraza.africa");
    for (const language of ["en", "ar"]) {
      await page.goto(`${baseURL}/institution?lng=${language}`);
      expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
      await expect.poll(() => page.textContent("h1")).toBe(text(language, "api", "portal.title"));
      expect(await axeViolations(page)).toEqual([]);
    }
    await context.close();
  });
});
