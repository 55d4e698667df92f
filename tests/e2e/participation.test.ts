/**
 * Issue 4 as a new member lives it, in Chromium, with JavaScript and without, in English and in
 * Arabic (right to left): sign up, fill the profile with consent, vote and change a vote, spread the
 * ballot's points, comment in French with a stance, reply, endorse, report, and propose a priority,
 * seeing each reflected on the page and again after a reload. Every element is found by its
 * translated label, so the same steps run in both languages.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { priorityCategories } from "~db/schema";
import { languageAutonyms } from "~/platform/i18n/config";
import { formatNumber } from "~/platform/format";
import { launchBrowser, newPersonContext } from "../support/browser";
import { shownNumber, text, valuesIn } from "../support/locales";
import { signInAfterSignUp } from "../support/sign-in";

const baseURL = inject("baseURL");
const consultationPath = "/c/regional-production";
let browser: Browser;

/** Waits for what the page shows, as long as a slow server might take (`expect.poll` alone gives up after a second). */
const eventually = <T>(check: () => T | Promise<T>, message?: string) =>
  expect.poll(check, { timeout: 15_000, message });

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Each run works on priorities of its own, so that one run's comments and votes do not move another's. */
const runs = [
  { javaScriptEnabled: true, language: "en", slot: 0 },
  { javaScriptEnabled: false, language: "en", slot: 1 },
  { javaScriptEnabled: true, language: "ar", slot: 2 },
  { javaScriptEnabled: false, language: "ar", slot: 3 },
].map((run) => ({ ...run, label: run.javaScriptEnabled ? "with JavaScript" : "without JavaScript" }));

describe.each(runs)("a new member taking part in $language, $label", ({ javaScriptEnabled, language, slot }) => {
  const t = (namespace: string, key: string, values?: Record<string, string | number>) =>
    text(language, namespace, key, values);
  const number = (value: number) => formatNumber(value, language);
  const stamp = `${language}${javaScriptEnabled ? "js" : "nojs"}${Date.now().toString(36)}`;
  const name = `Amani ${stamp}`;
  /** Set in the profile; comments are signed with it. */
  const pseudonym = `Mwenye ${stamp}`;

  /** What went wrong inside the browser (scripts failing, assets missing): none is expected. */
  const browserErrors: string[] = [];

  /** With JavaScript, forms post through fetchers only once React has hydrated the page. */
  async function ready(page: Page) {
    if (!javaScriptEnabled) return;
    await eventually(
      () => page.locator('input[name="_fetcher"]').count(),
      `the page never hydrated; browser errors: ${JSON.stringify(browserErrors)}`,
    ).toBeGreaterThan(0);
  }

  async function open(page: Page, path: string) {
    await page.goto(`${baseURL}${path}`);
    await ready(page);
  }

  async function reload(page: Page) {
    await page.reload();
    await ready(page);
  }

  it("signs up, fills the profile, votes, ranks, comments, replies, endorses, reports and proposes", async () => {
    const context = await newPersonContext(browser, { javaScriptEnabled });
    const page = await context.newPage();
    page.on("pageerror", (error) => browserErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") browserErrors.push(message.text());
    });

    await page.goto(`${baseURL}/?lng=${language}`);
    expect(await page.getAttribute("html", "lang")).toBe(language);
    expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");

    await signUp(page);
    await fillProfile(page);
    await voteAndChange(page);
    await spreadPoints(page);
    await takePartInComments(page);
    await propose(page);

    expect(browserErrors).toEqual([]);
    await context.close();
  });

  async function signUp(page: Page) {
    await page.getByRole("link", { name: t("common", "layout.signUp") }).click();
    await page.getByLabel(t("auth", "fields.name")).fill(name);
    await page.getByLabel(t("auth", "fields.email")).fill(`${stamp}@example.org`);
    await page.getByLabel(t("auth", "fields.password")).fill("a good long password");
    await page.getByRole("button", { name: t("auth", "signUp.submit") }).click();
    await signInAfterSignUp(page, language, `${stamp}@example.org`, "a good long password");
    await eventually(() => page.textContent("header")).toContain(t("common", "layout.signedInAs", { name }));
  }

  async function fillProfile(page: Page) {
    await page.getByRole("link", { name: t("common", "layout.profileLink"), exact: true }).click();
    await page.waitForURL(/\/profile$/);
    await ready(page);
    expect((await page.textContent("h1"))?.trim()).toBe(t("profile", "title"));

    const displayName = page.getByLabel(t("profile", "fields.displayName.label"));
    const country = page.getByLabel(t("profile", "fields.country.label"));
    const group = page.getByLabel(t("profile", "fields.stakeholderGroup.label"));
    const age = page.getByRole("radio", { name: t("profile", "ageBands.25-34"), exact: true });
    const consent = page.getByRole("checkbox", { name: t("profile", "consent.label") });
    expect(await consent.isChecked()).toBe(false);

    await displayName.fill(pseudonym);
    await country.selectOption("KE");
    await group.selectOption("health-worker");
    await age.check();
    await consent.check();
    await page.getByRole("button", { name: t("profile", "submit") }).click();
    await eventually(() =>
      page
        .getByRole("status")
        .filter({ hasText: t("profile", "saved") })
        .count(),
    ).toBeGreaterThan(0);

    await reload(page);
    expect(await displayName.inputValue()).toBe(pseudonym);
    expect(await country.inputValue()).toBe("KE");
    expect(await group.inputValue()).toBe("health-worker");
    expect(await age.isChecked()).toBe(true);
    expect(await consent.isChecked()).toBe(true);
  }

  /** The counts shown under a priority, read back through the translated sentence they are written in. */
  async function shownCounts(priority: Locator) {
    const shown = (await priority.locator(".results__words").textContent()) ?? "";
    const values = valuesIn(language, "participation", "results.counts", shown);
    if (!values) throw new Error(`Not a vote count: "${shown}"`);
    return {
      agree: shownNumber(values.agree!),
      disagree: shownNumber(values.disagree!),
      pass: shownNumber(values.pass!),
    };
  }

  function countsText(counts: { agree: number; disagree: number; pass: number }) {
    const total = counts.agree + counts.disagree + counts.pass;
    return t("participation", "results.counts", {
      agree: number(counts.agree),
      disagree: number(counts.disagree),
      pass: number(counts.pass),
      total: number(total),
      count: total,
    });
  }

  async function expectVote(priority: Locator, value: "agree" | "disagree") {
    for (const choice of ["agree", "disagree", "pass"] as const) {
      const button = priority.getByRole("button", {
        name: new RegExp(`^${t("participation", `vote.values.${choice}`)}\\s`),
      });
      await eventually(() => button.getAttribute("aria-pressed")).toBe(String(choice === value));
    }
    const yourVote = t("participation", "vote.yourVote", { value: t("participation", `vote.values.${value}`) });
    await eventually(() => priority.getByText(yourVote, { exact: true }).count()).toBe(1);
  }

  async function voteAndChange(page: Page) {
    await open(page, consultationPath);
    const priorities = page.locator("ol.priorities > li");
    // Two priorities of this run's own (see `runs`): 2 and 3 for slot 0, 4 and 5 for slot 1…
    const first = priorities.nth(2 + 2 * slot);
    const second = priorities.nth(3 + 2 * slot);
    const firstBefore = await shownCounts(first);
    const secondBefore = await shownCounts(second);
    const vote = (priority: Locator, value: "agree" | "disagree") =>
      priority.getByRole("button", { name: new RegExp(`^${t("participation", `vote.values.${value}`)}\\s`) }).click();

    if (javaScriptEnabled) await page.evaluate(() => ((window as { marker?: number }).marker = 1));
    await vote(first, "agree");
    await expectVote(first, "agree");
    await eventually(() => first.locator(".results__words").textContent()).toBe(
      countsText({ ...firstBefore, agree: firstBefore.agree + 1 }),
    );
    if (javaScriptEnabled) {
      // Answered in place: no page load, and the keyboard is still on the form just used.
      expect(await page.evaluate(() => (window as { marker?: number }).marker)).toBe(1);
      const firstId = await first.getAttribute("id");
      expect(await page.evaluate((id) => Boolean(document.activeElement?.closest(`#${id} form`)), firstId)).toBe(true);
    } else {
      await eventually(() => page.url()).toMatch(/#priority-\d+$/);
    }

    await vote(second, "disagree");
    await expectVote(second, "disagree");
    await eventually(() => second.locator(".results__words").textContent()).toBe(
      countsText({ ...secondBefore, disagree: secondBefore.disagree + 1 }),
    );

    // A change of mind: the vote moves, the number of votes stays.
    await vote(second, "agree");
    await expectVote(second, "agree");
    const secondAfter = { ...secondBefore, agree: secondBefore.agree + 1 };
    await eventually(() => second.locator(".results__words").textContent()).toBe(countsText(secondAfter));
    if (javaScriptEnabled) expect(await page.evaluate(() => (window as { marker?: number }).marker)).toBe(1);

    await reload(page);
    await expectVote(first, "agree");
    await expectVote(second, "agree");
    expect(await second.locator(".results__words").textContent()).toBe(countsText(secondAfter));
  }

  async function shownBallotSummary(ballot: Locator) {
    const shown = (await ballot.locator(".ballot-results > p").first().textContent()) ?? "";
    const none = t("ballot", "results.none");
    if (shown.trim() === none) return { members: 0, points: 0 };
    const values = valuesIn(language, "ballot", "results.summary", shown);
    if (!values) throw new Error(`Not a ballot summary: "${shown}"`);
    return { members: shownNumber(values.members!), points: shownNumber(values.points!) };
  }

  async function spreadPoints(page: Page) {
    const ballot = page.getByRole("region", { name: t("ballot", "heading") });
    const boxes = ballot.getByRole("spinbutton");
    expect(await boxes.count()).toBeGreaterThanOrEqual(3);
    const before = await shownBallotSummary(ballot);
    const given = [5, 3, 2];
    for (const [index, points] of given.entries()) await boxes.nth(index).fill(String(points));
    if (javaScriptEnabled) {
      // Counted as typed, before anything is sent.
      const left = t("ballot", "pointsLeft", { count: 0, formatted: number(0), budget: number(10) });
      await eventually(() => ballot.getByText(left, { exact: true }).count()).toBe(1);
    }
    await ballot.getByRole("button", { name: t("ballot", "submit") }).click();
    const saved = t("ballot", "flash.saved", { count: 10, budget: 10 });
    await eventually(() => page.getByRole("status").filter({ hasText: saved }).count()).toBeGreaterThan(0);
    await eventually(() => shownBallotSummary(ballot)).toEqual({
      members: before.members + 1,
      points: before.points + 10,
    });

    await reload(page);
    for (const [index, points] of given.entries()) expect(await boxes.nth(index).inputValue()).toBe(String(points));
    expect(await shownBallotSummary(ballot)).toEqual({ members: before.members + 1, points: before.points + 10 });
  }

  /** The endorsement line of a comment, as numbers: how many, and whether the reader is one of them. */
  async function shownEndorsements(comment: Locator) {
    const line = comment.locator(".comment__endorsements");
    if ((await line.count()) === 0) return { count: 0, mine: false };
    const shown = (await line.textContent()) ?? "";
    const mine = t("comments", "actions.endorsedByYou");
    const countText = shown.replace(mine, "").trim();
    const values = valuesIn(language, "comments", "meta.endorsements", countText);
    if (!values) throw new Error(`Not an endorsement count: "${shown}"`);
    return { count: shownNumber(values.formatted!), mine: shown.includes(mine) };
  }

  async function takePartInComments(page: Page) {
    // The first of this run's priorities: the one it agreed with.
    await open(page, consultationPath);
    await page
      .locator("ol.priorities > li")
      .nth(2 + 2 * slot)
      .getByRole("link", { name: t("participation", "priority.readComments") })
      .click();
    await page.waitForURL(/\/p\/\d+#comments$/);
    await ready(page);

    // Other members' comments, as they were before this member wrote anything.
    const threads = page.locator("#comments > ol.comments > li > article");
    const others = threads.filter({ hasNotText: pseudonym });
    await eventually(() => others.count()).toBeGreaterThanOrEqual(3);
    const anchorOf = async (index: number) => `#${await others.nth(index).getAttribute("id")}`;
    const replyTo = await anchorOf(0);
    const endorse = await anchorOf(1);
    const report = await anchorOf(2);

    // A comment of their own, in French, supporting.
    const mine = page.getByRole("article", { name: t("comments", "meta.label", { name: pseudonym }) });
    const body = `Les achats groupés aideraient nos cliniques. ${stamp}`;
    const newComment = page.locator(".comments-section__new");
    await newComment.getByLabel(t("comments", "form.body")).fill(body);
    await newComment.getByLabel(t("comments", "form.stance")).selectOption("supports");
    await newComment.getByLabel(t("comments", "form.language")).selectOption("fr");
    await newComment.getByRole("button", { name: t("comments", "form.submit") }).click();
    await eventually(() => mine.filter({ hasText: body }).count()).toBe(1);
    const posted = mine.filter({ hasText: body });
    expect(await posted.textContent()).toContain(t("comments", "stance.supports"));
    expect(await posted.textContent()).toContain(t("comments", "meta.writtenIn", { language: languageAutonyms.fr }));
    expect(await posted.locator(".comment__text").getAttribute("lang")).toBe("fr");
    if (javaScriptEnabled) {
      // The keyboard follows the new comment, and the box is empty for the next one.
      const postedId = await posted.getAttribute("id");
      await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe(postedId);
      expect(await newComment.getByLabel(t("comments", "form.body")).inputValue()).toBe("");
    } else {
      const flash = t("comments", "flash.posted");
      expect(await page.getByRole("status").filter({ hasText: flash }).count()).toBe(1);
    }

    // A reply to another member, with concerns, shown under that comment.
    const replyBody = `Mais qui paiera le transport jusqu'aux villages ? ${stamp}`;
    const parent = page.locator(replyTo);
    await parent.locator("summary", { hasText: t("comments", "actions.reply") }).click();
    await parent.getByLabel(t("comments", "form.replyBody")).fill(replyBody);
    await parent.getByLabel(t("comments", "form.stance")).selectOption("concerns");
    await parent.getByLabel(t("comments", "form.language")).selectOption("fr");
    await parent.getByRole("button", { name: t("comments", "form.submitReply") }).click();
    const reply = page
      .locator(`li:has(> ${replyTo}) > ol.comments--replies > li > article`)
      .filter({ hasText: replyBody });
    await eventually(() => reply.count()).toBe(1);
    expect(await reply.getAttribute("aria-label")).toBe(t("comments", "meta.label", { name: pseudonym }));
    expect(await reply.textContent()).toContain(t("comments", "stance.concerns"));

    // Endorsing another: one more, and "you endorse" beside the count.
    const endorsed = page.locator(endorse);
    const endorsementsBefore = await shownEndorsements(endorsed);
    expect(endorsementsBefore.mine).toBe(false);
    await endorsed.getByRole("button", { name: t("comments", "actions.endorse"), exact: true }).click();
    const endorsementsAfter = { count: endorsementsBefore.count + 1, mine: true };
    await eventually(() => shownEndorsements(endorsed)).toEqual(endorsementsAfter);
    expect(await endorsed.getByRole("button", { name: t("comments", "actions.endorse"), exact: true }).count()).toBe(0);
    if (javaScriptEnabled) {
      await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe(endorse.slice(1));
    }

    // Reporting a third, with a reason.
    const reported = page.locator(report);
    await reported.locator("summary", { hasText: t("participation", "flag.open") }).click();
    await reported.getByLabel(t("participation", "flag.reason")).selectOption("off-topic");
    await reported.getByLabel(t("participation", "flag.note")).fill(`Not about this priority. ${stamp}`);
    await reported.getByRole("button", { name: t("participation", "flag.submit") }).click();
    const thanks = t("participation", "flag.flagged");
    if (javaScriptEnabled) {
      // In place: the thanks replaces the form and takes the keyboard focus the form had.
      const confirmation = reported.getByRole("status").filter({ hasText: thanks });
      await eventually(() => confirmation.count()).toBe(1);
      await eventually(() => confirmation.evaluate((node) => node === document.activeElement)).toBe(true);
    } else {
      await eventually(() => reported.getByText(t("comments", "actions.reported"), { exact: true }).count()).toBe(1);
      expect(await page.getByRole("status").filter({ hasText: thanks }).count()).toBe(1);
    }

    // All of it is still there on a fresh load.
    await reload(page);
    expect(await mine.filter({ hasText: body }).count()).toBe(1);
    expect(await reply.count()).toBe(1);
    expect(await shownEndorsements(endorsed)).toEqual(endorsementsAfter);
    expect(await reported.getByText(t("comments", "actions.reported"), { exact: true }).count()).toBe(1);
    expect(await reported.locator("summary", { hasText: t("participation", "flag.open") }).count()).toBe(0);
  }

  async function propose(page: Page) {
    await open(page, consultationPath);
    await page.getByRole("link", { name: t("consultation", "proposeLink"), exact: true }).click();
    await page.waitForURL(/\/propose$/);
    await ready(page);
    const title = `Train pharmacists in every district ${stamp}`;
    await page.getByLabel(t("proposals", "form.title"), { exact: true }).fill(title);
    await page
      .getByLabel(t("proposals", "form.body"), { exact: true })
      .fill("District pharmacists keep stock records that regional purchasing can rely on.");
    await page.getByLabel(t("proposals", "form.category"), { exact: true }).selectOption(priorityCategories[0]);
    await page.getByRole("button", { name: t("proposals", "form.submit") }).click();

    const own = page.getByRole("region", { name: t("proposals", "own.heading") });
    const proposal = own.getByRole("listitem").filter({ hasText: title });
    await eventually(() => proposal.count()).toBe(1);
    expect(await proposal.textContent()).toContain(t("proposals", "status.pending"));
    await eventually(() =>
      page
        .getByRole("status")
        .filter({ hasText: t("proposals", "submitted") })
        .count(),
    ).toBeGreaterThan(0);

    await reload(page);
    expect(await proposal.textContent()).toContain(t("proposals", "status.pending"));
  }
});
