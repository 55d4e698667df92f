/**
 * Issue 13, item 4: the two walls of server/csrf.ts on their own. The whole server is attacked in
 * tests/e2e/forged-requests.test.ts.
 */
import type { Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { comesFromSite, createCsrf, csrfExemptPaths, isExempt } from "../../server/csrf";

const csrf = createCsrf({ secret: "s".repeat(64), secure: false });

function request(headers: Record<string, string>): Request {
  return { headers } as unknown as Request;
}

/** A first visit: the token, and the cookie header the browser sends back afterwards. */
function visit(sessionCookie = ""): { token: string; cookie: string } {
  const setCookies: string[] = [];
  const res = { locals: {}, append: (_name: string, value: string) => setCookies.push(value) } as unknown as Response;
  const token = csrf.token(request({ cookie: sessionCookie }), res);
  const seed = setCookies[0]!.split(";")[0]!;
  return { token, cookie: [seed, sessionCookie].filter(Boolean).join("; ") };
}

describe("form tokens", () => {
  it("are accepted with the cookies they were made for", () => {
    const { token, cookie } = visit("better-auth.session_token=alice.sig");
    expect(csrf.verify(request({ cookie }), token)).toBe(true);
  });

  it("are worth nothing with another person's session, even with the same seed cookie (planted by a sibling site)", () => {
    const { token, cookie } = visit("better-auth.session_token=attacker.sig");
    const victim = cookie.replace("attacker.sig", "victim.sig");
    expect(csrf.verify(request({ cookie: victim }), token)).toBe(false);
  });

  it("change when the visitor signs in, so a signed-out page's token cannot act for the account", () => {
    const { token, cookie } = visit();
    expect(csrf.verify(request({ cookie }), token)).toBe(true);
    expect(csrf.verify(request({ cookie: `${cookie}; better-auth.session_token=new.sig` }), token)).toBe(false);
  });

  it("are refused when missing, without the cookie, or altered", () => {
    const { token, cookie } = visit();
    expect(csrf.verify(request({ cookie }), null)).toBe(false);
    expect(csrf.verify(request({}), token)).toBe(false);
    // Altered for sure: a fixed replacement letter would be the token itself one time in 64.
    const altered = `${token[0] === "A" ? "B" : "A"}${token.slice(1)}`;
    expect(csrf.verify(request({ cookie }), altered)).toBe(false);
  });
});

describe("the origin of a post", () => {
  const site = "http://127.0.0.1:3000";
  it.each([
    [{ origin: site }, true],
    [{ referer: `${site}/c/regional-production` }, true],
    [{ origin: site, referer: "http://evil.example/" }, true],
    [{ origin: "http://127.0.0.1:3001" }, false],
    [{ origin: "https://127.0.0.1:3000" }, false],
    [{ origin: "http://evil.127.0.0.1:3000" }, false],
    [{ origin: "null" }, false],
    [{ origin: "not a url" }, false],
    [{ referer: "http://127.0.0.1:3001/page" }, false],
    [{}, false],
  ])("%j comes from the site: %s", (headers, expected) => {
    expect(comesFromSite(request(headers), site)).toBe(expected);
  });

  it("is checked for every path but those that authenticate their caller themselves", () => {
    expect(csrfExemptPaths.map(String)).toEqual([
      String(/^\/unsubscribe\/one-click$/),
      String(/^\/gateways\/(africastalking\/(sms|ussd)|twilio\/sms|webhook\/sms)$/),
    ]);
    for (const path of ["/unsubscribe/one-click", "/gateways/africastalking/ussd", "/gateways/twilio/sms"]) {
      expect(isExempt(path), path).toBe(true);
    }
    for (const path of [
      "/unsubscribe",
      "/unsubscribe/one-click.data",
      "/unsubscribe/one-click/x",
      "/c/x",
      "/gateways/twilio/sms.data",
      "/gateways/twilio/ussd",
    ]) {
      expect(isExempt(path), path).toBe(false);
    }
  });
});
