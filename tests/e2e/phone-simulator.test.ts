/**
 * Issue 16: the phone simulator in Chromium, with and without JavaScript, in English and Arabic, at
 * 320 px: the demo moderator dials the USSD menu and votes on the demo consultation through the real
 * callback, then sends an SMS and reads the reply; after every post the screen has focus and says
 * the answer; a number outside the reserved range is refused next to its field; axe finds nothing
 * (axe runs as a script in the page, so with JavaScript on; the sweep checks the page without it).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { supportedLanguages } from "~/platform/i18n/config";
import { axeViolations, launchBrowser, newPersonContext } from "../support/browser";
import { text } from "../support/locales";
import { signInAs } from "../support/sign-in";
import { demoConsultationText } from "~db/seed/demo-content";

const baseURL = inject("baseURL");
const serviceCode = "*384*16#";
let browser: Browser;

const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 15_000 });

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
const screenText = (page: Page) => page.locator("#phone-screen").innerText();
const noAxeViolations = async (page: Page, javaScriptEnabled: boolean) => {
  if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
};

describe.each([
  ["en", true],
  ["en", false],
  ["ar", true],
  ["ar", false],
] as const)("in %s, with JavaScript %s", (language, javaScriptEnabled) => {
  const t = (key: string, values?: Record<string, string | number>) => text(language, "phones", key, values);

  it("a moderator votes through the USSD menu and is answered by SMS, the screen focused each time", async () => {
    const context = await newPersonContext(browser, { javaScriptEnabled, viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await signInAs(page, baseURL, "moderator@demo.baraza.africa", { language });
    await page.goto(`${baseURL}/staff/phone-simulator?lng=${language}`);
    expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
    expect(await page.locator("h1").innerText()).toBe(t("simulator.title"));
    await noAxeViolations(page, javaScriptEnabled);

    /** Presses a button, then waits for the screen to say `expected` and to hold the focus. */
    const press = async (button: string, expected: string) => {
      await page.getByRole("button", { name: button, exact: true }).click();
      await eventually(() => screenText(page)).toContain(expected);
      await eventually(() => focusedId(page)).toBe("phone-screen");
    };
    const answer = async (typed: string, expected: string) => {
      await page.getByLabel(t("simulator.answer"), { exact: true }).fill(typed);
      await press(t("simulator.reply"), expected);
    };

    await press(t("simulator.dial", { code: serviceCode }), "Baraza");
    await answer(String(supportedLanguages.indexOf(language) + 1), t("ussd.chooseConsultation"));
    // Other e2e files open consultations of their own, newer than the demo's: find the demo's number
    // on the list (titles are cut to fit the screen, so by their first words), paging on with 9.
    const demoTitleStart = [...demoConsultationText.title[language]].slice(0, 12).join("");
    let demoNumber: string | undefined;
    for (let listPage = 0; demoNumber === undefined && listPage < 10; listPage++) {
      const lines = (await screenText(page)).split("\n");
      demoNumber = lines.find((line) => line.replace(/^\d+ /, "").startsWith(demoTitleStart))?.split(" ")[0];
      if (demoNumber === undefined) await answer("9", t("simulator.sent", { text: "9" }));
    }
    if (demoNumber === undefined) throw new Error("The demo consultation is not on the USSD list");
    await answer(demoNumber, t("ussd.consultationMenu"));
    await answer("1", t("ussd.priorities"));
    await answer("1", t("ussd.agree"));
    await answer("1", t("ussd.voted"));
    expect(await screenText(page)).toContain(t("simulator.ended"));
    // The session is over: the phone offers to dial again, and the page still passes axe and reflows.
    await page.getByRole("button", { name: t("simulator.dial", { code: serviceCode }), exact: true }).waitFor();
    await noAxeViolations(page, javaScriptEnabled);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    await page.getByRole("link", { name: t("simulator.channels.sms"), exact: true }).click();
    await page.waitForURL(/channel=sms/);
    const help = language === "ar" ? "مساعدة" : "HELP";
    await page.getByLabel(t("simulator.message"), { exact: true }).fill(help);
    await press(t("simulator.sendSms"), t("sms.help"));
    expect(await screenText(page)).toContain(t("simulator.sent", { text: help }));

    // A real number is refused beside its field; the error summary takes the focus.
    await page.getByLabel(t("simulator.number"), { exact: true }).fill("+254711000001");
    await page.getByLabel(t("simulator.message"), { exact: true }).fill(help);
    await page.getByRole("button", { name: t("simulator.sendSms"), exact: true }).click();
    await eventually(() => page.locator(".field__error").innerText()).toBe(t("simulator.errors.number"));
    await eventually(() => page.evaluate(() => document.activeElement?.className ?? "")).toContain("error-summary");
    await noAxeViolations(page, javaScriptEnabled);
    await context.close();
  });
});
