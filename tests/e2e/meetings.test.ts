/**
 * Community meetings in Chromium (issue 16, decision 0045), without JavaScript in English and with
 * it in Arabic: the demo facilitator records a meeting, enters vote counts and a comment, is refused
 * (with the error summary focused) when the votes outnumber the people present; a visitor reads the
 * comment under the meeting's mark and no name; the moderator sees every meeting with the totals per
 * facilitator. axe: no violations on the new pages. Then, with the consultation put under
 * pre-moderation by the admin (and put back after), a meeting's comment waits for the moderator, who
 * approves it; the report shows the meeting's votes in its breakdown by channel.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";
import { signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
const meetingsPath = "/c/regional-production/meetings";
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 15_000 });

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function personPage(javaScriptEnabled = true): Promise<Page> {
  const context = await newPersonContext(browser, { javaScriptEnabled });
  contexts.push(context);
  return context.newPage();
}

/** axe runs as a script in the page: checked where JavaScript is on, the direction everywhere. */
async function expectAccessible(page: Page, language: string, javaScript: boolean) {
  expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
  if (javaScript) expect(await axeViolations(page)).toEqual([]);
}

/** The error summary has the focus: set by a script with JavaScript, by `autofocus` in the HTML without. */
async function expectSummaryFocused(page: Page, javaScript: boolean) {
  if (javaScript) {
    expect(await page.evaluate(() => document.activeElement?.className)).toContain("error-summary");
  } else {
    expect(await page.locator(".error-summary[autofocus]").count()).toBe(1);
  }
}

describe.each([
  { language: "en", javaScript: false },
  { language: "ar", javaScript: true },
])("a facilitator's meeting in $language (JavaScript: $javaScript)", ({ language, javaScript }) => {
  const t = (key: string, values?: Record<string, string | number>) => text(language, "meetings", key, values);
  const body = `${language === "ar" ? "نريد الدواء قرب القرية" : "Medicines must reach the village clinic"} ${Date.now().toString(36)}`;
  let facilitator: Page;
  let priorityId: string;

  it("records a meeting, from the list of meetings", async () => {
    facilitator = await personPage(javaScript);
    await signInAs(facilitator, baseURL, "facilitator@demo.baraza.africa", { language });
    await facilitator.goto(`${baseURL}${meetingsPath}`);
    await expectAccessible(facilitator, language, javaScript);
    await facilitator.getByRole("link", { name: t("list.record") }).click();
    await facilitator.waitForURL(`${baseURL}${meetingsPath}/new`);
    await expectAccessible(facilitator, language, javaScript);

    // Sent empty first: each field says what it needs, the error summary has the focus.
    await facilitator.getByLabel(t("record.heldOn")).fill("");
    await facilitator.getByRole("button", { name: t("record.submit") }).click();
    await eventually(() => facilitator.locator(".error-summary").count()).toBe(1);
    await expectSummaryFocused(facilitator, javaScript);
    expect(await facilitator.locator("#place-error").textContent()).toBe(t("errors.place"));
    await expectAccessible(facilitator, language, javaScript);

    await facilitator.getByLabel(t("record.heldOn")).fill("2026-11-28");
    await facilitator.getByLabel(t("record.country")).selectOption("KE");
    await facilitator.getByLabel(t("record.place"), { exact: true }).fill("Kisumu");
    await facilitator.getByLabel(t("record.peoplePresent")).fill("12");
    await facilitator.getByLabel(t("record.method")).selectOption("show-of-hands");
    await facilitator.getByRole("button", { name: t("record.submit") }).click();
    await facilitator.waitForURL(new RegExp(`${meetingsPath}/\\d+$`));
    await eventually(() => facilitator.textContent("main")).toContain(t("flash.recorded"));
    await expectAccessible(facilitator, language, javaScript);
  });

  it("enters vote counts, and is refused beyond the people present", async () => {
    const priority = facilitator.getByLabel(t("votes.priority"));
    await priority.selectOption({ index: 1 });
    priorityId = await priority.inputValue();
    await facilitator.getByLabel(t("votes.agree"), { exact: true }).fill("7");
    await facilitator.getByLabel(t("votes.disagree"), { exact: true }).fill("3");
    await facilitator.getByRole("button", { name: t("votes.submit") }).click();
    await eventually(() => facilitator.textContent("main")).toContain(t("flash.votes"));

    await facilitator.getByLabel(t("votes.priority")).selectOption(priorityId);
    await facilitator.getByLabel(t("votes.agree"), { exact: true }).fill("5");
    await facilitator.getByRole("button", { name: t("votes.submit") }).click();
    const summary = facilitator.locator(".error-summary");
    await eventually(() => summary.textContent()).toContain(t("refusals.too-many-votes", { left: 2 }));
    await expectSummaryFocused(facilitator, javaScript);
    // What was typed is still there.
    expect(await facilitator.getByLabel(t("votes.agree"), { exact: true }).inputValue()).toBe("5");
    await expectAccessible(facilitator, language, javaScript);
  });

  it("enters a comment, which a visitor reads under the meeting's mark and no name", async () => {
    await facilitator.getByLabel(t("comment.priority")).selectOption(priorityId);
    await facilitator.getByLabel(t("comment.stance")).selectOption("concerns");
    await facilitator.getByLabel(t("comment.body"), { exact: true }).fill(body);
    await facilitator.getByRole("button", { name: t("comment.submit") }).click();
    // The demo consultation is post-moderated: the comment is published at once.
    await eventually(() => facilitator.textContent("main")).toContain(t("flash.comment"));
    expect(await facilitator.locator(".meeting-comments").textContent()).toContain(body);

    const visitor = await personPage(javaScript);
    await visitor.goto(`${baseURL}/c/regional-production/p/${priorityId}?lng=${language}`);
    const shown = visitor.locator("article.comment", { hasText: body });
    await eventually(() => shown.count()).toBe(1);
    const meta = await shown.locator(".comment__meta").textContent();
    expect(meta).toContain(text(language, "common", "fromMeeting"));
    expect(meta).toContain(text(language, "common", "meetingParticipant"));
    expect(await shown.textContent()).not.toContain("Demo Facilitator");
  });

  it("is among every meeting the moderator sees, with the totals per facilitator", async () => {
    const moderator = await personPage(javaScript);
    await signInAs(moderator, baseURL, "moderator@demo.baraza.africa", { language });
    await moderator.goto(`${baseURL}${meetingsPath}`);
    await eventually(() => moderator.textContent("main")).toContain(t("totals.heading"));
    const totals = moderator.locator("table", { has: moderator.locator("caption", { hasText: t("totals.caption") }) });
    expect(await totals.textContent()).toContain("Demo Facilitator");
    await expectAccessible(moderator, language, javaScript);
    await moderator.goto(`${baseURL}/c/regional-production/facilitators`);
    await expectAccessible(moderator, language, javaScript);
  });

  it("under pre-moderation, a meeting's comment waits until the moderator approves it", async () => {
    const held = `${body} (2)`;
    await setModerationMode("pre", language, javaScript);
    try {
      await facilitator.reload();
      await facilitator.getByLabel(t("comment.priority")).selectOption(priorityId);
      await facilitator.getByLabel(t("comment.body"), { exact: true }).fill(held);
      await facilitator.getByRole("button", { name: t("comment.submit") }).click();
      await eventually(() => facilitator.locator(".meeting-comments").textContent()).toContain(held);

      const moderator = await personPage(javaScript);
      await signInAs(moderator, baseURL, "moderator@demo.baraza.africa", {
        language,
        redirectTo: "/c/regional-production/moderation",
      });
      const item = moderator.locator("article.moderation-item", { hasText: held });
      await eventually(() => item.count()).toBe(1);
      expect(await item.locator("h3").textContent()).toContain(text(language, "common", "meetingParticipant"));
      await item.getByRole("button", { name: text(language, "moderation", "actions.approve"), exact: true }).click();
      await eventually(() => moderator.textContent("main")).toContain(text(language, "moderation", "flash.approve"));
      await expectAccessible(moderator, language, javaScript);

      const visitor = await personPage(javaScript);
      await visitor.goto(`${baseURL}/c/regional-production/p/${priorityId}?lng=${language}`);
      await eventually(() => visitor.locator("article.comment", { hasText: held }).count()).toBe(1);
    } finally {
      await setModerationMode("post", language, javaScript);
    }
  });

  it("counts the meeting's votes in the report's breakdown by channel", async () => {
    const reader = await personPage(javaScript);
    await signInAs(reader, baseURL, "institution@demo.baraza.africa", {
      language,
      redirectTo: "/c/regional-production/report",
    });
    const r = (key: string) => text(language, "reports", key);
    const channels = reader.getByRole("region", { name: r("channels.heading") });
    await eventually(() => channels.count()).toBe(1);
    const meetingRow = channels.getByRole("row", { name: new RegExp(r("channels.names.meeting")) });
    const shown = (await meetingRow.getByRole("cell").first().textContent()) ?? "";
    // Arabic pages write Arabic-Indic digits.
    const votes = Number(
      shown.replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660)).replace(/\D/g, ""),
    );
    // Seven agree and three disagree from this meeting, with whatever earlier runs entered.
    expect(votes).toBeGreaterThanOrEqual(10);
    await expectAccessible(reader, language, javaScript);
  });
});

/** The admin switches the demo consultation's moderation mode on its settings page. */
async function setModerationMode(mode: "pre" | "post", language: string, javaScript: boolean) {
  const admin = await personPage(javaScript);
  const s = (key: string) => text(language, "staff", key);
  await signInAs(admin, baseURL, "admin@demo.baraza.africa", {
    language,
    redirectTo: "/staff/consultations/regional-production",
  });
  await admin.locator(`input[name="moderationMode"][value="${mode}"]`).check();
  await admin.getByRole("button", { name: s("consultation.save") }).click();
  await eventually(() => admin.textContent("main")).toContain(s("flash.saved"));
  await admin.context().close();
}
