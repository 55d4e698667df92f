import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { LookupAddress } from "node:dns";
import { checkedLookup, RefusedWebhookTarget, type ResolveAll } from "~/webhooks/webhook-post.server";
import { openWebhookSecret, sealWebhookSecret, UnreadableWebhookSecret } from "~/webhooks/webhook-secret.server";
import { isPublicAddress, webhookUrlProblem } from "~/webhooks/webhook-url";

describe("webhook addresses", () => {
  it.each([
    ["https://example.org/hook", false, null],
    ["https://hooks.example.org:8443/baraza", false, null],
    ["https://8.8.8.8/hook", false, null],
    ["https://[2001:4860:4860::8888]/hook", false, null],
    ["http://example.org/hook", false, "invalid"],
    ["http://example.org/hook", true, "invalid"],
    ["https://user:secret@example.org/hook", false, "invalid"],
    ["ftp://example.org/hook", true, "invalid"],
    ["example.org/hook", false, "invalid"],
    ["", false, "invalid"],
    // The test receiver: plain http to 127.0.0.1, only when allowed, and nothing like it.
    ["http://127.0.0.1:3000/hook", true, null],
    ["http://127.0.0.1:3000/hook", false, "invalid"],
    ["http://localhost:3000/hook", true, "invalid"],
    ["http://127.0.0.2:3000/hook", true, "invalid"],
    ["http://[::1]:3000/hook", true, "invalid"],
    ["https://127.0.0.1:8443/hook", true, "internal"],
    // Internal addresses, however they are written.
    ["https://127.0.0.1:8443/hook", false, "internal"],
    ["https://2130706433/hook", false, "internal"],
    ["https://0x7f.1/hook", false, "internal"],
    ["https://0.0.0.0/hook", false, "internal"],
    ["https://10.1.2.3/hook", false, "internal"],
    ["https://172.16.0.1/hook", false, "internal"],
    ["https://172.31.255.254/hook", false, "internal"],
    ["https://192.168.1.1/hook", false, "internal"],
    ["https://169.254.169.254/latest/meta-data/", false, "internal"],
    ["https://100.64.0.1/hook", false, "internal"],
    ["https://[::1]/hook", false, "internal"],
    ["https://[::]/hook", false, "internal"],
    ["https://[fd12:3456::1]/hook", false, "internal"],
    ["https://[fe80::1]/hook", false, "internal"],
    ["https://[::ffff:10.0.0.1]/hook", false, "internal"],
    ["https://[::ffff:127.0.0.1]/hook", false, "internal"],
    ["https://localhost/hook", false, "internal"],
    ["https://LOCALHOST./hook", false, "internal"],
    ["https://api.localhost/hook", false, "internal"],
    ["https://metadata.google.internal/computeMetadata/v1/", false, "internal"],
    ["https://printer.local/hook", false, "internal"],
    ["https://intranet/hook", false, "internal"],
    // IPv6 addresses that tunnel or translate to IPv4 (issue 13, item 17).
    ["https://[2002:a00:1::1]/hook", false, "internal"],
    ["https://[2002:808:808::1]/hook", false, "internal"],
    ["https://[64:ff9b:1::a00:1]/hook", false, "internal"],
    ["https://[64:ff9b::10.0.0.1]/hook", false, "internal"],
    ["https://[64:ff9b::169.254.169.254]/hook", false, "internal"],
    ["https://[64:ff9b::8.8.8.8]/hook", false, null],
    ["https://[::ffff:0:10.0.0.1]/hook", false, "internal"],
    ["https://[::10.0.0.1]/hook", false, "internal"],
    ["https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook", false, "internal"],
  ])("%s (test receiver allowed: %s) → %s", (url, allowTestReceiver, problem) => {
    expect(webhookUrlProblem(url, allowTestReceiver)).toBe(problem);
  });

  it("tells public IP addresses from internal ones", () => {
    for (const address of [
      "8.8.8.8",
      "172.15.255.255",
      "172.32.0.1",
      "100.128.0.1",
      "2001:db8::1",
      // DNS64 gives IPv6-only servers public IPv4 hosts under the well-known NAT64 prefix: kept.
      "64:ff9b::808:808",
      "64:ff9b::8.8.4.4",
      "::ffff:0:808:808",
      "2003::1",
      "2001:4860:4860::8888",
    ]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
    for (const address of [
      "127.0.0.53",
      "10.255.255.255",
      "169.254.0.1",
      "100.127.255.255",
      "::1",
      "fc00::1",
      "fec0::1",
      "2002::1",
      "2002:c000:0204::1",
      "64:ff9b:1::1",
      "64:ff9b:1:ffff::8.8.8.8",
      "64:ff9b::7f00:1",
      "64:ff9b::c0a8:101",
      "0:0:0:0:0:ffff:0a00:0001",
      "::ffff:0:7f00:1",
      "::ffff:0:a9fe:a9fe",
      "192.88.99.1",
      "100::1",
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    expect(isPublicAddress("example.org")).toBe(false);
  });
});

describe("the delivery socket's lookup", () => {
  const resolvingTo =
    (...addresses: string[]): ResolveAll =>
    (_hostname, _options, callback) =>
      callback(
        null,
        addresses.map((address): LookupAddress => ({ address, family: address.includes(":") ? 6 : 4 })),
      );

  function lookUp(resolveAll: ResolveAll, all: boolean) {
    return new Promise<{ error: Error | null; address: unknown }>((resolve) => {
      checkedLookup(resolveAll)("hooks.example.org", { all }, (error, address) => resolve({ error, address }));
    });
  }

  it("answers the checked public addresses, one or all as the socket asks", async () => {
    expect(await lookUp(resolvingTo("93.184.215.14"), false)).toEqual({ error: null, address: "93.184.215.14" });
    expect(await lookUp(resolvingTo("93.184.215.14", "2606:2800:21f:cb07::1"), true)).toEqual({
      error: null,
      address: [
        { address: "93.184.215.14", family: 4 },
        { address: "2606:2800:21f:cb07::1", family: 6 },
      ],
    });
  });

  it("refuses a name resolving to a 6to4, Teredo or local NAT64 address, or to NAT64 of a private one", async () => {
    for (const address of ["2002:a00:1::1", "2001:0:4136:e378::1", "64:ff9b:1::808:808", "64:ff9b::a9fe:a9fe"]) {
      const { error } = await lookUp(resolvingTo(address), false);
      expect(error, address).toBeInstanceOf(RefusedWebhookTarget);
    }
    expect(await lookUp(resolvingTo("64:ff9b::808:808"), false)).toEqual({ error: null, address: "64:ff9b::808:808" });
  });

  it("refuses a name with any internal address, saying which", async () => {
    for (const all of [false, true]) {
      const { error } = await lookUp(resolvingTo("93.184.215.14", "10.0.0.7"), all);
      expect(error).toBeInstanceOf(RefusedWebhookTarget);
      expect(error?.message).toBe("refused: hooks.example.org resolves to 10.0.0.7, an internal address");
    }
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

describe("webhook secrets at rest", () => {
  const authSecret = "a".repeat(32);
  const secret = "whsec_abcdefghijklmnopqrstuvwxyz0123456789";

  it("are sealed with AES-256-GCM, differently each time, and opened with the same AUTH_SECRET", () => {
    const sealed = sealWebhookSecret(secret, authSecret);
    expect(sealed).toMatch(/^enc:v1:/);
    expect(sealed).not.toContain(secret.slice(6));
    expect(sealWebhookSecret(secret, authSecret)).not.toBe(sealed);
    expect(openWebhookSecret(sealed, authSecret)).toBe(secret);
  });

  it("reads a secret stored in clear before sealing as it is", () => {
    expect(openWebhookSecret(secret, authSecret)).toBe(secret);
  });

  it("refuses a secret sealed under another AUTH_SECRET, or altered", () => {
    const sealed = sealWebhookSecret(secret, authSecret);
    expect(() => openWebhookSecret(sealed, "b".repeat(32))).toThrow(UnreadableWebhookSecret);
    const bytes = Buffer.from(sealed.slice("enc:v1:".length), "base64url");
    bytes[bytes.length - 1]! ^= 1;
    const altered = `enc:v1:${bytes.toString("base64url")}`;
    expect(() => openWebhookSecret(altered, authSecret)).toThrow(UnreadableWebhookSecret);
  });
});
