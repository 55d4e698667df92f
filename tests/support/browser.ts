/**
 * Debian's Chromium driven by playwright-core. No test skips when it is missing: it fails, saying
 * how to install it (`apt-get install -y chromium`).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath}: run "apt-get install -y chromium".`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
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
