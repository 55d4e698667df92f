/**
 * The staff console in Chromium: an admin creates a consultation in English and French (the
 * completeness of each language shows), adds a priority, names the demo moderator and opens it
 * after confirming; a visitor then finds it on the home page. And axe on the console pages in
 * English and Arabic (right to left), with a refused form's errors showing.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";
import { demoPassword } from "../support/demo-passwords";
import { signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** A staff string in `language`, or in English as the page shows it until the translation exists. */
function staffText(language: string, key: string): string {
  try {
    return text(language, "staff", key);
  } catch {
    return text("en", "staff", key);
  }
}

async function signInAsAdmin(page: Page, language: string, path: string) {
  await signInAs(page, baseURL, "admin@demo.baraza.africa", { language, redirectTo: path });
}

describe("the staff console", () => {
  it("an admin creates, fills and opens a consultation that visitors then see", async () => {
    const t = (key: string, values?: Record<string, string | number>) => text("en", "staff", key, values);
    const slug = `e2e-staff-${Date.now()}`;
    const title = `Regional oxygen plants ${slug}`;
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await signInAsAdmin(page, "en", "/");

    await page.getByRole("link", { name: t("navLink"), exact: true }).click();
    await page.waitForURL(`${baseURL}/staff`);
    await page.getByRole("link", { name: t("list.newConsultation") }).click();

    const field = (name: string, language: string) =>
      page.getByLabel(t("completeness.fieldIn", { field: t(`form.${name}`), language }), { exact: true });
    await page.getByLabel(t("form.slug")).fill(slug);
    await field("title", "English").fill(title);
    await field("summary", "English").fill("Where should the region produce medical oxygen?");
    await field("context", "English").fill("Oxygen shortages cost lives during the pandemic.");
    await field("title", "Français").fill("Usines régionales d’oxygène");
    await field("summary", "Français").fill("Où la région doit-elle produire de l’oxygène médical ?");
    await page.getByRole("button", { name: t("consultation.create") }).click();
    await page.waitForURL(`${baseURL}/staff/consultations/${slug}`);

    const completeness = page.locator(".completeness-list").first();
    await expect.poll(() => completeness.textContent()).toContain(t("completeness.complete", { language: "English" }));
    await expect
      .poll(() => completeness.textContent())
      .toContain(t("completeness.partial", { language: "Français", filled: 2, total: 3 }));
    expect(await completeness.textContent()).toContain(t("completeness.missing", { language: "العربية" }));

    // A priority.
    await page.getByRole("link", { name: t("list.priorities") }).click();
    await page.waitForURL(`${baseURL}/staff/consultations/${slug}/priorities`);
    const priorityField = (name: string) =>
      page.getByLabel(t("completeness.fieldIn", { field: t(`priorities.fields.${name}`), language: "English" }), {
        exact: true,
      });
    await priorityField("title").fill("Oxygen plants in every regional hub");
    await priorityField("body").fill("Build pressure-swing adsorption plants next to regional hospitals.");
    await page.getByLabel(t("priorities.fields.category")).selectOption("needs-aligned");
    await page.getByRole("button", { name: t("priorities.add") }).click();
    await expect.poll(() => page.locator(".flash").textContent()).toBe(t("flash.priorityAdded"));
    await expect
      .poll(() => page.locator("#priority-list-heading + ol").textContent())
      .toContain("Oxygen plants in every regional hub");

    // The demo moderator.
    await page.goto(`${baseURL}/staff/consultations/${slug}`);
    // The moderators' own form: the facilitators' section below has an e-mail field too.
    const moderators = page.getByRole("region", { name: t("moderators.heading") });
    await moderators.getByLabel(t("people.email")).fill("moderator@demo.baraza.africa");
    await page.getByRole("button", { name: t("moderators.assign") }).click();
    await expect
      .poll(() => moderators.locator(".people__list").textContent())
      .toContain("moderator@demo.baraza.africa");

    // Opening takes a confirmation that says what it does.
    const open = text("en", "common", "phase.open");
    await page.getByRole("link", { name: t("phase.moveTo", { phase: open }) }).click();
    await page.waitForURL(`${baseURL}/staff/consultations/${slug}/phase?to=open`);
    await expect.poll(() => page.textContent("main")).toContain(t("phase.effects.draft-open"));
    await page.getByRole("button", { name: t("phase.confirm", { phase: open }) }).click();
    await page.waitForURL(`${baseURL}/staff/consultations/${slug}`);
    await expect.poll(() => page.locator(".flash").textContent()).toBe(t("flash.phaseChanged.open"));
    await context.close();

    const visitorContext = await newPersonContext(browser);
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${baseURL}/?lng=en`);
    await visitor.getByRole("link", { name: title }).click();
    await visitor.waitForURL(`${baseURL}/c/${slug}`);
    await expect.poll(() => visitor.textContent("main")).toContain("Oxygen plants in every regional hub");
    await visitorContext.close();
  });

  it("works without JavaScript: creating a draft and opening it after the confirmation", async () => {
    const t = (key: string, values?: Record<string, string | number>) => text("en", "staff", key, values);
    const slug = `e2e-staff-nojs-${Date.now()}`;
    const context = await newPersonContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAsAdmin(page, "en", "/staff/consultations/new");
    const field = (name: string) =>
      page.getByLabel(t("completeness.fieldIn", { field: t(`form.${name}`), language: "English" }), { exact: true });
    await page.getByLabel(t("form.slug")).fill(slug);
    await field("title").fill(`Without JavaScript ${slug}`);
    await page.getByRole("button", { name: t("consultation.create") }).click();
    // Refused: the summary is missing; what was typed is still there.
    expect(await page.locator("#summary_en-error").textContent()).toBe(t("errors.requiredInDefaultLocale"));
    expect(await page.getByLabel(t("form.slug")).inputValue()).toBe(slug);
    await field("summary").fill("Nothing here needs a script.");
    await page.getByRole("button", { name: t("consultation.create") }).click();
    await page.waitForURL(`${baseURL}/staff/consultations/${slug}`);

    const open = text("en", "common", "phase.open");
    await page.getByRole("link", { name: t("phase.moveTo", { phase: open }) }).click();
    await page.waitForURL(`${baseURL}/staff/consultations/${slug}/phase?to=open`);
    await page.getByRole("button", { name: t("phase.confirm", { phase: open }) }).click();
    await page.waitForURL(`${baseURL}/staff/consultations/${slug}`);
    expect(await page.locator(".flash").textContent()).toBe(t("flash.phaseChanged.open"));
    expect(await page.textContent("main")).toContain(t("phase.current", { phase: open }));
    await context.close();
  });

  it("is not offered to members", async () => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseURL}/sign-in?lng=en`);
    await page.getByLabel(text("en", "auth", "fields.email")).fill("member@demo.baraza.africa");
    await page.getByLabel(text("en", "auth", "fields.password")).fill(demoPassword("member@demo.baraza.africa"));
    await page.getByRole("button", { name: text("en", "auth", "signIn.submit") }).click();
    await page.waitForURL(`${baseURL}/`);
    expect(await page.getByRole("link", { name: text("en", "staff", "navLink"), exact: true }).count()).toBe(0);
    const refused = await page.goto(`${baseURL}/staff`);
    expect(refused?.status()).toBe(403);
    await context.close();
  });
});

describe.each(["en", "ar"])("staff console pages in %s", (language) => {
  it("have no axe violations: the list, the consultation form (with errors) and a phase confirmation", async () => {
    const context = await newPersonContext(browser);
    const page = await context.newPage();
    await signInAsAdmin(page, language, "/staff");
    const expectClean = async () => {
      expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
      expect(await axeViolations(page)).toEqual([]);
    };
    await expectClean();

    await page.goto(`${baseURL}/staff/consultations/regional-production`);
    await expectClean();

    await page.goto(`${baseURL}/staff/consultations/new`);
    await expectClean();
    await page.getByRole("button", { name: staffText(language, "consultation.create") }).click();
    await expect.poll(() => page.locator(".field__error").count()).toBeGreaterThan(0);
    await expectClean();

    await page.goto(`${baseURL}/staff/consultations/regional-production/phase?to=closed`);
    expect(await page.textContent("main")).toContain(staffText(language, "phase.effects.open-closed"));
    await expectClean();
    await context.close();
  });
});
