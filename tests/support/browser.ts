/**
 * Debian's Chromium driven by playwright-core. No test skips when it is missing: it fails, saying
 * how to install it (`apt-get install -y chromium`).
 *
 * Every page of every context of a browser launched here is watched for Content-Security-Policy
 * violations (Chromium reports each one as a console error): a test during which one happens fails,
 * so the strict CSP (issue 13, item 6) cannot silently break hydration, the opinion map or a form.
 */
import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterEach, expect } from "vitest";
import { launchChromium } from "~/platform/chromium.server";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let cspViolations: string[] = [];

afterEach(() => {
  expect(takeCspViolations(), "Content-Security-Policy violations in the browser").toEqual([]);
});

/** The violations seen so far, forgotten: for a test that provokes one on purpose. */
export function takeCspViolations(): string[] {
  const seen = cspViolations;
  cspViolations = [];
  return seen;
}

function watchForCspViolations(context: BrowserContext): void {
  context.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      cspViolations.push(`${message.location().url}: ${message.text()}`);
    }
  });
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await launchChromium(chromiumPath);
  // Tests open contexts directly too: every one is watched, whoever opens it.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options?: BrowserContextOptions) => {
    const context = await newContext(options);
    watchForCspViolations(context);
    return context;
  };
  return browser;
}

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: "en-GB", ...options });
  return context.newPage();
}

/** axe-core's violations on the page as it is now, in a readable form for assertion messages. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
}

/**
 * A browser context of one person of their own. The server trusts X-Forwarded-For from loopback,
 * as behind a reverse proxy, so each person gets a documentation address (2001:db8::/32) and
 * the per-address rate limits (ten sign-ups an hour) count them apart as they would in real use.
 */
export async function newPersonContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const group = () => crypto.randomInt(0x10000).toString(16);
  return browser.newContext({
    locale: "en-GB",
    ...options,
    extraHTTPHeaders: { "x-forwarded-for": `2001:db8:${group()}:${group()}::${group()}`, ...options.extraHTTPHeaders },
  });
}
