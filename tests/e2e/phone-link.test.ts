/**
 * Linking a phone from the profile (issue 16; docs/decisions/0048) in a real browser without
 * JavaScript, in English and Arabic. This file starts its own server, configured to send SMS through
 * the generic webhook gateway to a real HTTP server here, so the code travels as it would in use:
 * queued in `outbox_sms`, sent by the server's job runner, read from what "the phone" received.
 * A bad number and a wrong code are refused next to their field; the right code links the phone,
 * which the profile then shows masked; it can be unlinked.
 */
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPersonContext } from "../support/browser";
import { TEST_STAFF_PASSWORD, TEST_STAFF_TOTP_SECRET } from "../support/demo-passwords";
import { text } from "../support/locales";
import { startServer, type RunningServer } from "../support/server";
import { signInAs } from "../support/sign-in";

const secret = "e2e-webhook-gateway-secret";
const memberEmail = "member@demo.baraza.africa";
/** What the stand-in gateway was asked to send, by number; only correctly signed requests count. */
const sent = new Map<string, string[]>();
let gateway: Server;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  gateway = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
      if (request.headers["x-baraza-gateway-signature"] !== signature) {
        response.writeHead(401).end();
        return;
      }
      const { to, text: message } = JSON.parse(body) as { to: string; text: string };
      sent.set(to, [...(sent.get(to) ?? []), message]);
      response.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  const { port } = gateway.address() as AddressInfo;
  [server, browser] = await Promise.all([
    startServer({
      env: {
        DEMO_STAFF_PASSWORD: TEST_STAFF_PASSWORD,
        DEMO_STAFF_TOTP_SECRET: TEST_STAFF_TOTP_SECRET,
        SMS_WEBHOOK_SECRET: secret,
        SMS_WEBHOOK_SEND_URL: `http://127.0.0.1:${port}/send`,
      },
    }),
    launchBrowser(),
  ]);
  // A server of its own: the first start migrates and seeds the demo, slow on a busy machine.
}, 420_000);

afterAll(async () => {
  await browser?.close();
  if (server) {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
  await new Promise<void>((resolve) => gateway?.close(() => resolve()));
});

/** The six-digit code in the last SMS the gateway sent to `number`, once it has arrived. */
async function receivedCode(number: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      () =>
        (code = sent
          .get(number)
          ?.at(-1)
          ?.match(/\b\d{6}\b/)?.[0]),
      { timeout: 30_000, interval: 250 },
    )
    .toBeDefined();
  return code!;
}

async function submitNumber(page: Page, language: string, number: string) {
  await page.getByLabel(text(language, "profile", "phone.number.label")).fill(number);
  await page.getByRole("button", { name: text(language, "profile", "phone.number.submit") }).click();
}

async function submitCode(page: Page, language: string, code: string) {
  await page.getByLabel(text(language, "profile", "phone.code.label")).fill(code);
  await page.getByRole("button", { name: text(language, "profile", "phone.code.submit") }).click();
}

describe("linking a phone from the profile, without JavaScript", () => {
  for (const [language, number, country] of [
    ["en", "+254711555001", "KE"],
    ["ar", "+201005550002", "EG"],
  ] as const) {
    it(`links and unlinks a phone in ${language}`, async () => {
      const context = await newPersonContext(browser, { javaScriptEnabled: false });
      const page = await context.newPage();
      await signInAs(page, server.url, memberEmail, { language });
      await page.goto(`${server.url}/profile?lng=${language}`);
      expect(await page.getAttribute("html", "dir")).toBe(language === "ar" ? "rtl" : "ltr");
      const phoneSection = page.getByRole("region", { name: text(language, "profile", "phone.title") });
      await expect.poll(() => phoneSection.textContent()).toContain(text(language, "profile", "phone.profileNone"));
      await phoneSection.getByRole("link", { name: text(language, "profile", "phone.profileLink") }).click();
      await expect.poll(() => page.url()).toBe(`${server.url}/profile/phone`);

      // A number without its country code: refused next to the field, what was typed kept.
      await submitNumber(page, language, "0711 555 001");
      const numberError = text(language, "profile", "phone.errors.number");
      await expect.poll(() => page.locator(".error-summary").textContent()).toContain(numberError);
      expect(await page.getByLabel(text(language, "profile", "phone.number.label")).inputValue()).toBe("0711 555 001");
      expect(await page.evaluate(() => document.activeElement?.className)).toContain("error-summary");

      await submitNumber(page, language, number);
      await expect
        .poll(() => page.getByRole("region", { name: text(language, "profile", "phone.code.heading") }).textContent())
        .toContain(text(language, "profile", "phone.code.sent", { digits: number.slice(-2), minutes: 10 }));
      const code = await receivedCode(number);
      expect(sent.get(number)!.at(-1)).toBe(text(language, "phones", "link.codeSms", { code, minutes: 10 }));

      const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
      await submitCode(page, language, wrongCode);
      await expect
        .poll(() => page.locator(".error-summary").textContent())
        .toContain(text(language, "profile", "phone.errors.wrongCode"));

      await submitCode(page, language, code);
      const masked = text(language, "profile", "phone.masked", {
        digits: number.slice(-2),
        country: new Intl.DisplayNames([language], { type: "region" }).of(country)!,
      });
      const linked = page.getByRole("region", { name: text(language, "profile", "phone.linked.heading") });
      await expect.poll(() => linked.textContent()).toContain(masked);
      await expect.poll(() => page.textContent("body")).toContain(text(language, "profile", "phone.flash.linked"));
      expect(await page.textContent("body")).not.toContain(number.slice(4));

      await page.goto(`${server.url}/profile`);
      await expect.poll(() => phoneSection.textContent()).toContain(masked);

      await page.goto(`${server.url}/profile/phone`);
      await page
        .getByRole("button", { name: text(language, "profile", "phone.linked.unlink", { phone: masked }) })
        .click();
      await expect.poll(() => linked.textContent()).toContain(text(language, "profile", "phone.linked.none"));
      await context.close();
    });
  }
});
