/**
 * The moderation issue's acceptance, in Chromium. New members (each in a browser context of their
 * own) write what the moderator needs: a comment the spam signals hold, an abusive comment another
 * member reports, a duplicate proposal and a good one. The demo moderator then approves, hides
 * ("abusive"), merges, approves as a priority and suspends, from the queue. A visitor finds the
 * hidden text nowhere and the decision in the public log with a date and no names; a member votes on
 * the new priority. axe: no violations on the queue and the log, in English and Arabic.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";
import { signInAfterSignUp, signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
const consultationPath = "/c/regional-production";
const queuePath = `${consultationPath}/moderation`;
const logPath = `${consultationPath}/moderation-log`;
const t = (namespace: string, key: string, values?: Record<string, string | number>) =>
  text("en", namespace, key, values);
const eventually = <T>(check: () => T | Promise<T>, message?: string) =>
  expect.poll(check, { timeout: 15_000, message });

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

const stamp = Date.now().toString(36);

async function personPage(): Promise<Page> {
  const context = await newPersonContext(browser);
  contexts.push(context);
  return context.newPage();
}

async function signUp(name: string): Promise<Page> {
  const page = await personPage();
  await page.goto(`${baseURL}/sign-up`);
  await page.getByLabel(t("auth", "fields.name")).fill(name);
  const email = `${name.replaceAll(" ", "-").toLowerCase()}@example.org`;
  await page.getByLabel(t("auth", "fields.email")).fill(email);
  await page.getByLabel(t("auth", "fields.password")).fill("a good long password");
  await page.getByRole("button", { name: t("auth", "signUp.submit") }).click();
  await signInAfterSignUp(page, "en", email, "a good long password");
  await eventually(() => page.textContent("header")).toContain(t("common", "layout.signedInAs", { name }));
  return page;
}

/** The second priority's page: the participation journey leaves it alone. */
async function openPriority(page: Page) {
  await page.goto(`${baseURL}${consultationPath}`);
  const href = await page
    .locator("ol.priorities > li")
    .nth(1)
    .getByRole("link", { name: t("participation", "priority.readComments") })
    .getAttribute("href");
  // A full load, so that what the test reads next is this page, not the one before it.
  await page.goto(`${baseURL}${href}`);
}

/** Posts a comment and returns its id, read from the article the page shows it in. */
async function comment(page: Page, body: string): Promise<number> {
  await openPriority(page);
  const form = page.locator(".comments-section__new");
  await form.getByLabel(t("comments", "form.body")).fill(body);
  await form.getByRole("button", { name: t("comments", "form.submit") }).click();
  const article = page.locator("article.comment", { hasText: body });
  await eventually(() => article.count()).toBe(1);
  return Number((await article.getAttribute("id"))!.replace("comment-", ""));
}

async function propose(page: Page, title: string): Promise<number> {
  await page.goto(`${baseURL}${consultationPath}/propose`);
  await page.getByLabel(t("proposals", "form.title"), { exact: true }).fill(title);
  await page
    .getByLabel(t("proposals", "form.body"), { exact: true })
    .fill("Regional buyers would pay less for the same medicines if they bought together.");
  await page.getByLabel(t("proposals", "form.category"), { exact: true }).selectOption("pooled-procurement");
  await page.getByRole("button", { name: t("proposals", "form.submit") }).click();
  const own = page.locator("li[id^='own-proposal-']", { hasText: title });
  await eventually(() => own.count()).toBe(1);
  return Number((await own.getAttribute("id"))!.replace("own-proposal-", ""));
}

/** The disclosure of an item whose summary reads `summary`, opened. */
async function disclosure(item: Locator, summary: string): Promise<Locator> {
  const details = item.locator("details", { has: item.page().locator("summary", { hasText: summary }) });
  await details.locator("summary").click();
  return details;
}

async function openQueue(page: Page, search: string) {
  await page.goto(`${baseURL}${queuePath}?${search}`);
  expect((await page.textContent("h1"))?.trim()).toBe(t("moderation", "queue.heading"));
}

/** Takes the decision, then waits for the queue to come back with its confirmation. */
async function decide(page: Page, button: Locator, flash: string) {
  await button.click();
  await eventually(() => page.getByRole("status").filter({ hasText: flash }).count()).toBeGreaterThan(0);
}

describe("moderating the demo consultation", () => {
  const troll = `Troll ${stamp}`;
  const abusive = `You are all fools and should be silent ${stamp}`;
  const linky = `Read more at https://a.example/1 https://b.example/2 https://c.example/3 ${stamp}`;
  const linkier = `Sources: https://d.example/4 https://e.example/5 https://f.example/6 ${stamp}`;
  const duplicateTitle = `Buy medicines together across the region ${stamp}`;
  const newTitle = `Mobile cold-chain units for rural clinics ${stamp}`;
  let moderator: Page;
  let member: Page;
  let trollPage: Page;
  let authorPage: Page;
  let ids: { held: number; heldToo: number; abusive: number; duplicate: number; proposal: number };

  it("members write what needs moderating", async () => {
    const author = await signUp(`Author ${stamp}`);
    authorPage = author;
    const held = await comment(author, linky);
    // The spam signals held it: the author sees it waiting, nobody else sees it.
    expect(await author.locator(`#comment-${held}`).textContent()).toContain(t("comments", "meta.pending"));
    const heldToo = await comment(author, linkier);
    const duplicate = await propose(author, duplicateTitle);
    const proposal = await propose(author, newTitle);

    trollPage = await signUp(troll);
    const abusiveId = await comment(trollPage, abusive);

    member = await signUp(`Reporter ${stamp}`);
    await openPriority(member);
    const reported = member.locator(`#comment-${abusiveId}`);
    await reported.locator("summary", { hasText: t("participation", "flag.open") }).click();
    await reported.getByLabel(t("participation", "flag.reason")).selectOption("abusive");
    await reported.getByRole("button", { name: t("participation", "flag.submit") }).click();
    await eventually(() => reported.getByRole("status").count()).toBe(1);
    ids = { held, heldToo, abusive: abusiveId, duplicate, proposal };
  });

  it("the demo moderator approves, hides, merges, approves as a priority and suspends from the queue", async () => {
    moderator = await personPage();
    await signInAs(moderator, baseURL, "moderator@demo.baraza.africa", { redirectTo: queuePath });

    await openQueue(moderator, "type=comment&age=day");
    const held = moderator.locator(`article#comment-${ids.held}`);
    expect(await held.textContent()).toContain(linky);
    await decide(
      moderator,
      held.getByRole("button", { name: t("moderation", "actions.approve"), exact: true }),
      t("moderation", "flash.approve"),
    );
    expect(await held.count()).toBe(0);

    const flagged = moderator.locator(`article#comment-${ids.abusive}`);
    expect(await flagged.textContent()).toContain(t("moderation", "item.reports", { count: 1 }));
    expect(await flagged.textContent()).toContain(
      t("moderation", "item.reasonCount", { reason: t("moderation", "reasons.abusive"), formatted: "1" }),
    );
    const hide = await disclosure(flagged, t("moderation", "actions.hide.open"));
    await hide.getByLabel(t("moderation", "actions.reason")).selectOption("abusive");
    await decide(
      moderator,
      hide.getByRole("button", { name: t("moderation", "actions.hide.submit") }),
      t("moderation", "flash.hide"),
    );
    expect(await flagged.count()).toBe(0);

    await openQueue(moderator, "type=proposal&age=day");
    const duplicate = moderator.locator(`article#proposal-${ids.duplicate}`);
    const merge = await disclosure(duplicate, t("moderation", "actions.merge.open"));
    await merge.getByLabel(t("moderation", "actions.merge.into")).selectOption({ index: 1 });
    await decide(
      moderator,
      merge.getByRole("button", { name: t("moderation", "actions.merge.submit"), exact: true }),
      t("moderation", "flash.merge"),
    );
    expect(await duplicate.count()).toBe(0);

    await decide(
      moderator,
      moderator
        .locator(`article#proposal-${ids.proposal}`)
        .getByRole("button", { name: t("moderation", "actions.approveAsPriority") }),
      t("moderation", "flash.approve-as-priority"),
    );

    // The troll's hidden comment is in the "hidden" view, where its author can be suspended.
    await openQueue(moderator, "view=hidden&type=comment&age=day");
    const hidden = moderator.locator(`article#comment-${ids.abusive}`);
    const suspend = await disclosure(hidden, t("moderation", "actions.suspend.open"));
    await suspend.getByLabel(t("moderation", "actions.suspend.days")).selectOption("7");
    await suspend.getByLabel(t("moderation", "actions.reason")).selectOption("abusive");
    await decide(
      moderator,
      suspend.getByRole("button", { name: t("moderation", "actions.suspend.submit"), exact: true }),
      t("moderation", "flash.suspend"),
    );
    const suspensions = moderator.getByRole("region", { name: t("moderation", "suspensions.heading") });
    expect(await suspensions.textContent()).toContain(troll);
  });

  it("a visitor finds the hidden text nowhere, and the decision in the public log without names", async () => {
    const visitor = await personPage();
    await visitor.goto(`${baseURL}${consultationPath}`);
    expect(await visitor.textContent("main")).not.toContain(abusive);
    await openPriority(visitor);
    expect(await visitor.textContent("main")).not.toContain(abusive);
    expect(await visitor.textContent("main")).toContain(linky);

    await visitor.goto(`${baseURL}${consultationPath}`);
    await visitor.getByRole("link", { name: t("consultation", "sections.moderationLog") }).click();
    await visitor.waitForURL(`${baseURL}${logPath}`);
    const hiddenEntry = t("moderation", "log.entry", {
      what: t("moderation", "log.entries.comment.hide"),
      reason: t("moderation", "reasons.abusive"),
    });
    const entry = visitor.locator(".moderation-log__entries > li", { hasText: hiddenEntry }).first();
    await eventually(() => entry.count()).toBe(1);
    expect(await entry.locator("time").getAttribute("datetime")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const log = (await visitor.textContent("main")) ?? "";
    for (const secret of [troll, abusive, "Demo Moderator", `Reporter ${stamp}`, `Author ${stamp}`]) {
      expect(log).not.toContain(secret);
    }
  });

  it("the suspended member is signed out at once, and told why, in their language, on signing in again", async () => {
    await trollPage.goto(`${baseURL}${consultationPath}`);
    // The suspension ended every session of theirs (issue 13 item 12).
    expect(
      await trollPage
        .locator("header")
        .getByRole("link", { name: t("common", "layout.signIn"), exact: true })
        .count(),
    ).toBe(1);
    await signInAs(trollPage, baseURL, `${troll.replaceAll(" ", "-").toLowerCase()}@example.org`, {
      password: "a good long password",
      redirectTo: consultationPath,
    });
    const banner = t("participation", "refusal.suspended", { reason: t("moderation", "reasons.abusive") });
    expect(await trollPage.getByText(banner, { exact: true }).count()).toBe(1);
    // Once on the page, not once per priority and again on the ballot.
    const perPriority = t("participation", "vote.suspended");
    expect(await trollPage.getByText(perPriority).count()).toBe(0);
    const priorityPage = await trollPage.locator("ol.priorities > li h3 a").first().getAttribute("href");
    await trollPage.goto(`${baseURL}${priorityPage}`);
    expect(await trollPage.getByText(perPriority).count()).toBe(1);
  });

  it("a member votes on the new priority", async () => {
    await member.goto(`${baseURL}${consultationPath}`);
    const priority = member.locator("ol.priorities > li", { hasText: newTitle });
    expect(await priority.count()).toBe(1);
    expect(await member.locator("ol.priorities > li", { hasText: duplicateTitle }).count()).toBe(0);
    const agree = priority.getByRole("button", { name: new RegExp(`^${t("participation", "vote.values.agree")}\\s`) });
    await agree.click();
    await eventually(() => agree.getAttribute("aria-pressed")).toBe("true");
  });

  it("an approved comment's edit that trips the spam signals waits in the queue, the approved text staying", async () => {
    const edited = `${linky} https://g.example/7`;
    await openPriority(authorPage);
    const own = authorPage.locator(`#comment-${ids.held}`);
    await own.locator("summary", { hasText: t("comments", "actions.edit") }).click();
    await own.getByLabel(t("comments", "form.editBody")).fill(edited);
    await own.getByRole("button", { name: t("comments", "actions.save") }).click();
    // The author is told the edit waits; the text shown stays the approved one.
    await eventually(() => own.textContent()).toContain(t("comments", "meta.editAwaitingReview"));
    expect(await own.textContent()).not.toContain("https://g.example/7");
    const visitor = await personPage();
    await openPriority(visitor);
    expect(await visitor.textContent("main")).toContain(linky);
    expect(await visitor.textContent("main")).not.toContain("https://g.example/7");

    await openQueue(moderator, "type=comment&age=day");
    const item = moderator.locator(`article#comment-${ids.held}`);
    expect(await item.textContent()).toContain(edited);
    expect(await axeViolations(moderator)).toEqual([]);
    await decide(
      moderator,
      item.getByRole("button", { name: t("moderation", "actions.approveEdit") }),
      t("moderation", "flash.approve-edit"),
    );
    await openPriority(visitor);
    expect(await visitor.textContent("main")).toContain("https://g.example/7");
  });

  it("without JavaScript, a bulk action applies to the ticked items", async () => {
    const context = await newPersonContext(browser, {
      javaScriptEnabled: false,
      storageState: await moderator.context().storageState(),
    });
    contexts.push(context);
    const page = await context.newPage();
    await openQueue(page, "type=comment&age=day");
    await page
      .locator(`article#comment-${ids.heldToo}`)
      .getByRole("checkbox", { name: t("moderation", "item.select") })
      .check();
    const bulk = page.getByRole("form", { name: t("moderation", "bulk.heading") });
    await bulk.getByLabel(t("moderation", "bulk.action")).selectOption("approve");
    await decide(
      page,
      bulk.getByRole("button", { name: t("moderation", "bulk.submit") }),
      t("moderation", "flash.bulk", { count: 1 }),
    );
    expect(await page.locator(`article#comment-${ids.heldToo}`).count()).toBe(0);
    await openPriority(page);
    expect(await page.textContent("main")).toContain(linkier);
  });

  it.each(["en", "ar"])("the queue and the public log have no axe violations in %s", async (language) => {
    await moderator.goto(`${baseURL}${queuePath}?lng=${language}`);
    expect(await moderator.getAttribute("html", "lang")).toBe(language);
    const first = moderator.locator("article.moderation-item").first();
    if ((await first.count()) > 0) await first.locator("summary").first().click();
    expect(await axeViolations(moderator)).toEqual([]);
    await moderator.goto(`${baseURL}${logPath}?lng=${language}`);
    expect(await axeViolations(moderator)).toEqual([]);
  });
});
