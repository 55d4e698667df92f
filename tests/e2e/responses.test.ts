/**
 * The institution's side of a consultation, as the issue describes it, in Chromium without
 * JavaScript: institution@ reads the published summary, publishes a response with two commitments
 * and marks one done; a member who voted beforehand, and prefers French, finds the notification in
 * French on /notifications and the e-mail in the dev outbox, whose unsubscribe link works signed out.
 * Then axe on every page of the feature, in English and in Arabic.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoConsultationText } from "~db/seed/demo-content";
import { languageAutonyms } from "~/platform/i18n/config";
import { axeViolations, launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";
import { signInAfterSignUp, signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
const slug = "regional-production";
const stamp = Date.now().toString(36);
const en = (namespace: string, key: string, values?: Record<string, string | number>) =>
  text("en", namespace, key, values);

let browser: Browser;
let institution: BrowserContext;
let member: BrowserContext;

const eventually = <T>(check: () => T | Promise<T>, message?: string) =>
  expect.poll(check, { timeout: 15_000, message });

beforeAll(async () => {
  browser = await launchBrowser();
  institution = await newPersonContext(browser, { javaScriptEnabled: false });
  member = await newPersonContext(browser, { javaScriptEnabled: false });
});

afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, email: string) {
  await signInAs(page, baseURL, email);
}

const memberName = `Chidi ${stamp}`;
const memberEmail = `responses-${stamp}@example.org`;
const responseTitle = `You said, we will (${stamp})`;

describe("an institution responds, and a participant hears of it", () => {
  it("a new member who prefers French votes before the response exists", async () => {
    const page = await member.newPage();
    await page.goto(`${baseURL}/sign-up`);
    await page.getByLabel(en("auth", "fields.name")).fill(memberName);
    await page.getByLabel(en("auth", "fields.email")).fill(memberEmail);
    await page.getByLabel(en("auth", "fields.password")).fill("a good long password");
    await page.getByRole("button", { name: en("auth", "signUp.submit") }).click();
    await signInAfterSignUp(page, "en", memberEmail, "a good long password");
    await eventually(() => page.textContent("header")).toContain(
      en("common", "layout.signedInAs", { name: memberName }),
    );

    await page.goto(`${baseURL}/profile`);
    await page.getByLabel(en("profile", "fields.preferredLanguage.label")).selectOption("fr");
    await page.getByRole("button", { name: en("profile", "submit") }).click();
    await eventually(() =>
      page
        .getByRole("status")
        .filter({ hasText: en("profile", "saved") })
        .count(),
    ).toBe(1);

    await page.goto(`${baseURL}/c/${slug}`);
    const priority = page.locator("ol.priorities > li").first();
    await priority.getByRole("button", { name: new RegExp(`^${en("participation", "vote.values.agree")}\\s`) }).click();
    await eventually(() =>
      page
        .locator("ol.priorities > li")
        .first()
        .getByRole("button", { name: new RegExp(`^${en("participation", "vote.values.agree")}\\s`) })
        .getAttribute("aria-pressed"),
    ).toBe("true");
    await page.close();
  });

  it("institution@ reads the summary, publishes a response with two commitments and marks one done", async () => {
    const page = await institution.newPage();
    await signIn(page, "institution@demo.baraza.africa");
    await page.goto(`${baseURL}/c/${slug}`);
    await page.getByRole("link", { name: en("consultation", "sections.responses") }).click();
    await page.getByRole("link", { name: en("responses", "public.editLink") }).click();
    await page.waitForURL(/\/responses\/edit$/);
    const summary = page.locator("section", {
      has: page.getByRole("heading", { name: en("responses", "editor.summaryHeading") }),
    });
    expect((await summary.textContent())?.length).toBeGreaterThan(200);

    const create = page.locator("section", {
      has: page.getByRole("heading", { name: en("responses", "editor.newHeading") }),
    });
    await create.getByLabel(en("responses", "editor.fields.title", { language: "English" })).fill(responseTitle);
    await create
      .getByLabel(en("responses", "editor.fields.body", { language: "English" }))
      .fill("You said that orders are too small. **We will** pool tenders across the region.");
    await create.getByRole("button", { name: en("responses", "editor.create") }).click();
    await eventually(() => page.url()).toMatch(/#edit-response-\d+$/);

    const mine = () => page.locator("section", { has: page.getByRole("heading", { name: responseTitle, level: 2 }) });
    const addButtonName = { name: en("responses", "editor.addCommitmentButton") };
    const addForm = () => mine().locator("form", { has: page.getByRole("button", addButtonName) });
    for (const what of [`Pooled tender for insulin (${stamp})`, `Publish the demand forecast (${stamp})`]) {
      await addForm()
        .getByLabel(en("responses", "editor.fields.what", { language: "English" }))
        .fill(what);
      await addForm()
        .getByLabel(en("responses", "editor.fields.who", { language: "English" }))
        .fill("Procurement office");
      await addForm().getByLabel(en("responses", "editor.fields.dueOn")).fill("2027-06-30");
      await addForm().getByRole("button", addButtonName).click();
      await eventually(() => mine().getByRole("heading", { name: what }).count()).toBe(1);
    }
    await mine()
      .getByRole("button", { name: en("responses", "editor.publish") })
      .click();
    await eventually(() =>
      page
        .getByRole("status")
        .filter({ hasText: en("responses", "flash.published") })
        .count(),
    ).toBe(1);

    const first = mine().locator("li.commitment").first();
    await first.getByLabel(en("responses", "editor.fields.status")).selectOption("done");
    await first.getByRole("button", { name: en("responses", "editor.changeStatus") }).click();
    await eventually(() =>
      page
        .getByRole("status")
        .filter({ hasText: en("responses", "flash.statusChanged") })
        .count(),
    ).toBe(1);

    // The public page: the response, its commitments, the history, and no staff name.
    await page.goto(`${baseURL}/c/${slug}/responses`);
    const published = page.locator("section", { has: page.getByRole("heading", { name: responseTitle }) });
    const shown = (await published.textContent()) ?? "";
    expect(shown).toContain(`Pooled tender for insulin (${stamp})`);
    expect(shown).toContain(
      en("responses", "commitment.changed", {
        from: en("responses", "status.planned"),
        to: en("responses", "status.done"),
      }),
    );
    expect(shown).not.toContain("institution@demo.baraza.africa");

    await page.goto(`${baseURL}/commitments?status=done`);
    expect(await page.getByRole("heading", { name: `Pooled tender for insulin (${stamp})` }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: `Publish the demand forecast (${stamp})` }).count()).toBe(0);
    await page.close();
  });

  it("the member sees the notifications in French and unsubscribes from the e-mail without signing in", async () => {
    const page = await member.newPage();
    await page.goto(`${baseURL}/notifications?lng=fr`);
    const items = page.locator("ol.notifications > li");
    await eventually(() => items.count()).toBe(2); // the response, then the commitment done
    const newest = (await items.first().textContent()) ?? "";
    expect(newest).toContain(demoConsultationText.title.fr);
    expect(newest).toContain(`Pooled tender for insulin (${stamp})`);
    expect(await items.nth(1).textContent()).toContain(responseTitle);
    expect(await page.locator('header a[href="/notifications"]').textContent()).toContain("2");

    // The mail, in French too, in the development outbox (which only an admin may read).
    const admin = await newPersonContext(browser, { javaScriptEnabled: false });
    const outbox = await admin.newPage();
    await signIn(outbox, "admin@demo.baraza.africa");
    await outbox.goto(`${baseURL}/dev/outbox?to=${encodeURIComponent(memberEmail)}`);
    const mail = outbox.locator("ol.mails > li").filter({ hasText: responseTitle });
    expect(await mail.locator("h2").textContent()).toContain(demoConsultationText.title.fr);
    const link = await mail.getByRole("link", { name: /\/unsubscribe\?token=/ }).getAttribute("href");
    expect(link).toBeTruthy();
    await admin.close();

    const stranger = await browser.newContext({ javaScriptEnabled: false });
    const unsubscribe = await stranger.newPage();
    await unsubscribe.goto(link!);
    expect(await unsubscribe.textContent("main")).toContain(en("notifications", "unsubscribe.confirm"));
    await unsubscribe.getByRole("button", { name: en("notifications", "unsubscribe.button") }).click();
    await eventually(() => unsubscribe.textContent("main")).toContain(en("notifications", "unsubscribe.done"));
    await stranger.close();

    await page.goto(`${baseURL}/profile?lng=en`);
    expect(await page.getByRole("checkbox", { name: en("profile", "notifications.byEmail") }).isChecked()).toBe(false);

    // A tampered link says so, and changes nothing.
    await page.goto(`${link!.slice(0, -3)}abc`);
    expect(await page.textContent("main")).toContain(en("notifications", "unsubscribe.invalid"));
    await page.close();
  });
});

describe.each(["en", "ar"] as const)("a draft without JavaScript in %s (issue 18, item 14)", (language) => {
  const say = (namespace: string, key: string, values?: Record<string, string | number>) =>
    text(language, namespace, key, values);
  const named = { language: languageAutonyms[language] };

  it("gets a commitment whose who and due date change after creation, then is deleted after a confirmation", async () => {
    const context = await newPersonContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "institution@demo.baraza.africa");
    await page.goto(`${baseURL}/c/${slug}/responses/edit?lng=${language}&edit=${language}`);
    const draftTitle = `Draft ${language} ${stamp}`;
    const create = page.locator("section", {
      has: page.getByRole("heading", { name: say("responses", "editor.newHeading") }),
    });
    await create.getByLabel(say("responses", "editor.fields.title", named)).fill(draftTitle);
    await create.getByLabel(say("responses", "editor.fields.body", named)).fill(`${draftTitle}: a body long enough.`);
    await create.getByRole("button", { name: say("responses", "editor.create") }).click();
    const mine = page.locator("section", { has: page.getByRole("heading", { name: draftTitle, level: 2 }) });
    await eventually(() => mine.count()).toBe(1);

    const addButton = { name: say("responses", "editor.addCommitmentButton") };
    const addForm = mine.locator("form", { has: page.getByRole("button", addButton) });
    await addForm.getByLabel(say("responses", "editor.fields.what", named)).fill(`What ${stamp}`);
    await addForm.getByLabel(say("responses", "editor.fields.who", named)).fill("First office");
    await addForm.getByRole("button", addButton).click();
    const item = mine.locator("li.commitment");
    await eventually(() => item.count()).toBe(1);

    await item.getByLabel(say("responses", "editor.fields.who", named)).fill("Second office");
    await item.getByLabel(say("responses", "editor.fields.dueOn")).fill("2029-01-31");
    await item.getByRole("button", { name: say("responses", "editor.saveCommitment") }).click();
    await eventually(() =>
      page
        .getByRole("status")
        .filter({ hasText: say("responses", "flash.commitmentSaved") })
        .count(),
    ).toBe(1);
    expect(await item.getByLabel(say("responses", "editor.fields.who", named)).inputValue()).toBe("Second office");
    expect(await item.getByLabel(say("responses", "editor.fields.dueOn")).inputValue()).toBe("2029-01-31");
    expect(await item.textContent()).toContain(say("responses", "commitment.who", { who: "Second office" }));

    // Deleting takes two presses: open the disclosure, then confirm.
    const confirm = mine.getByRole("button", { name: say("responses", "editor.deleteDraftConfirm") });
    expect(await confirm.isVisible()).toBe(false);
    await mine.getByText(say("responses", "editor.deleteDraft"), { exact: true }).click();
    await confirm.click();
    await eventually(() =>
      page
        .getByRole("status")
        .filter({ hasText: say("responses", "flash.deleted") })
        .count(),
    ).toBe(1);
    expect(await mine.count()).toBe(0);
    // The response published earlier in this file offers no deletion.
    const published = page.locator("section", { has: page.getByRole("heading", { name: responseTitle, level: 2 }) });
    expect(await published.getByText(say("responses", "editor.deleteDraft"), { exact: true }).count()).toBe(0);
    await context.close();
  });
});

describe.each(["en", "ar"])("accessibility in %s", (language) => {
  const pages = [
    { who: () => institution, path: `/c/${slug}/responses/edit` },
    { who: () => member, path: `/c/${slug}/responses` },
    { who: () => member, path: "/commitments" },
    { who: () => member, path: "/notifications" },
  ];
  it.each(pages)("$path has no axe violations", async ({ who, path }) => {
    // axe runs as a script in the page: the same person, signed in, with JavaScript on.
    const context = await newPersonContext(browser, { storageState: await who().storageState() });
    const page = await context.newPage();
    await page.goto(`${baseURL}${path}?lng=${language}`);
    expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
