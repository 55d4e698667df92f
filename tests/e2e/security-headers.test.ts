/**
 * Issue 13, item 6, against the real production server: a strict Content-Security-Policy whose
 * nonce is on every inline script of the page (and changes with every request), no framing, the
 * referrer policy, nosniff, no HSTS over plain http (tests/unit/security-headers.test.ts shows it
 * behind https), and pages showing a signed-in person's data never cached.
 * (The browser tests fail on any CSP violation: tests/support/browser.ts.)
 */
import { describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, takeCspViolations } from "../support/browser";
import { FormClient } from "../support/form-client";

const baseURL = inject("baseURL");

async function signedIn(email: string): Promise<FormClient> {
  const client = new FormClient(baseURL);
  const response = await client.signInDemo(email);
  expect(response.status, `signing in ${email}`).toBe(302);
  return client;
}

function nonceOf(policy: string): string {
  const nonce = /script-src [^;]*'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, policy).toBeTruthy();
  return nonce!;
}

describe("security headers (issue 13, item 6)", () => {
  it("gives every page a strict CSP whose fresh nonce is on every inline script", async () => {
    const nonces = new Set<string>();
    for (const path of ["/", "/c/regional-production", "/c/regional-production/report", "/sign-in", "/no-such-page"]) {
      const response = await fetch(`${baseURL}${path}`);
      const policy = response.headers.get("content-security-policy") ?? "";
      const nonce = nonceOf(policy);
      nonces.add(nonce);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("base-uri 'none'");
      expect(policy).toContain("form-action 'self'");
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(5);
  });

  it("sends the referrer policy, nosniff and no framing, and no HSTS over plain http", async () => {
    const response = await fetch(`${baseURL}/`);
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("lets no cache keep a signed-in person's pages, and no shared cache any page", async () => {
    expect((await fetch(`${baseURL}/c/regional-production`)).headers.get("cache-control")).toBe("private, no-cache");
    const pages: Record<string, string[]> = {
      "member@demo.baraza.africa": ["/profile", "/notifications", "/c/regional-production", "/profile.data"],
      "moderator@demo.baraza.africa": ["/c/regional-production/moderation"],
      "institution@demo.baraza.africa": ["/institution", "/c/regional-production/export"],
      "admin@demo.baraza.africa": ["/staff", "/admin/downloads", "/dev/outbox"],
    };
    for (const [email, paths] of Object.entries(pages)) {
      const client = await signedIn(email);
      for (const path of paths) {
        const response = await client.open(path);
        expect(response.status, `${email} ${path}`).toBe(200);
        expect(response.headers.get("cache-control"), `${email} ${path}`).toBe("no-store");
      }
    }
  });

  it("blocks a script injected into a page, and the browser tests see the violation", async () => {
    const browser = await launchBrowser();
    try {
      const page = await newPage(browser);
      await page.goto(`${baseURL}/c/regional-production`);
      // Remix's own inline scripts (with the nonce) ran under the policy.
      await page.waitForFunction(() => "__remixContext" in window);
      await page.evaluate(() => {
        const script = document.createElement("script");
        script.textContent = "document.body.dataset.injected = 'yes'";
        document.body.append(script);
      });
      await expect.poll(() => takeCspViolations().join("\n")).toMatch(/inline script/);
      expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined();
    } finally {
      await browser.close();
    }
  });
});
