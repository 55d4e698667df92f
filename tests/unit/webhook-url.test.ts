import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isAllowedWebhookUrl } from "~/webhooks/webhook-url";

describe("webhook addresses", () => {
  it.each([
    ["https://example.org/hook", false, true],
    ["https://127.0.0.1:8443/hook", false, true],
    ["http://example.org/hook", false, false],
    ["http://127.0.0.1:3000/hook", false, false],
    ["http://127.0.0.1:3000/hook", true, true],
    ["http://localhost:3000/hook", true, false],
    ["http://example.org/hook", true, false],
    ["https://user:secret@example.org/hook", false, false],
    ["ftp://example.org/hook", true, false],
    ["example.org/hook", false, false],
    ["", false, false],
  ])("%s (loopback http allowed: %s) → %s", (url, allowLoopbackHttp, allowed) => {
    expect(isAllowedWebhookUrl(url, allowLoopbackHttp)).toBe(allowed);
  });
});

describe("webhook signatures", () => {
  it("is the hex HMAC-SHA256 of the raw body with the webhook's secret", async () => {
    const { signWebhookBody } = await import("~/webhooks/webhooks.server");
    const body = '{"event":"summary.published"}';
    expect(signWebhookBody("whsec_a", body)).toBe(
      `sha256=${createHmac("sha256", "whsec_a").update(body).digest("hex")}`,
    );
    expect(signWebhookBody("whsec_b", body)).not.toBe(signWebhookBody("whsec_a", body));
  });
});
