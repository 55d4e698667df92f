/**
 * Debian's headless Chromium, driven by playwright-core: the app prints report PDFs with it and the
 * end-to-end tests browse with it. Never a browser downloaded by a package; see docs/decisions/0012.
 */
import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

export class ChromiumMissingError extends Error {
  override name = "ChromiumMissingError";
  constructor(readonly executablePath: string) {
    super(`Chromium is not installed at ${executablePath}: run "apt-get install -y chromium" or set CHROMIUM_PATH.`);
  }
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  if (!fs.existsSync(executablePath)) throw new ChromiumMissingError(executablePath);
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      // Root in a container has no user namespaces for the sandbox; pages are our own HTML or localhost.
      "--no-sandbox",
      "--disable-gpu",
      // Without these Chromium keeps calling Google's hosts, which a closed network refuses.
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
