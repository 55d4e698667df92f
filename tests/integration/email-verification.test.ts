/**
 * Issue 13 item 8: confirming an e-mail address through a link mailed via the outbox, without
 * JavaScript (a plain form), and asking for a new link.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { signUp } from "~/accounts/accounts.server";
import { getSessionUser } from "~/platform/auth.server";
import * as verifyPage from "~/routes/_auth+/verify-email";
import { outboxMail, user } from "~db/schema";
import { call, cookieFrom, lastMailedLink } from "../support/actions";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

async function signedUp(email: string) {
  const result = await signUp(new Request("http://localhost/sign-up", { method: "POST" }), {
    name: "Wanjiru",
    email,
    password: "a good long password",
    language: "en",
    address: "10.8.0.1",
  });
  expect(result.ok).toBe(true);
}

const isVerified = async (email: string) =>
  (await db().select({ verified: user.emailVerified }).from(user).where(eq(user.email, email)))[0]?.verified;

const mailsTo = async (email: string) =>
  (await db().select().from(outboxMail).where(eq(outboxMail.toAddress, email))).length;

describe("confirming an e-mail address", () => {
  it("opens the mailed link on a page with a button; pressing it confirms and signs the owner in", async () => {
    await signedUp("wanjiru@example.org");
    expect(await isVerified("wanjiru@example.org")).toBe(false);
    const link = await lastMailedLink("wanjiru@example.org");
    const token = link.searchParams.get("token")!;

    // Opening the link (a mail scanner does too) changes nothing.
    const page = await call(verifyPage.loader, { path: `${link.pathname}${link.search}`, params: {} });
    expect(page.body).toEqual({ token, done: false });
    expect(await isVerified("wanjiru@example.org")).toBe(false);

    const confirmed = await call(verifyPage.action, {
      path: "/verify-email",
      params: {},
      fields: { intent: "confirm", token },
    });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/verify-email?done=1");
    expect(await isVerified("wanjiru@example.org")).toBe(true);
    const signedIn = new Request("http://localhost/", { headers: { cookie: cookieFrom(confirmed.headers) } });
    expect((await getSessionUser(signedIn))?.email).toBe("wanjiru@example.org");
  });

  it("refuses a forged link with a translated error and confirms nothing", async () => {
    await signedUp("forged@example.org");
    const answer = await call(verifyPage.action, {
      path: "/verify-email",
      params: {},
      fields: { intent: "confirm", token: "eyJhbGciOiJIUzI1NiJ9.forged.signature" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ formError: "auth:emailCheck.linkInvalid" });
    expect(await isVerified("forged@example.org")).toBe(false);
  });

  it("mails a new link on request, answering alike for an address with nothing to confirm", async () => {
    await signedUp("lost-mail@example.org");
    const ask = (email: string) =>
      call(verifyPage.action, { path: "/verify-email", params: {}, fields: { intent: "resend", email } });
    expect(await ask("lost-mail@example.org")).toMatchObject({ status: 200, body: { sent: true } });
    expect(await mailsTo("lost-mail@example.org")).toBe(2);
    expect(await ask("no-such-person@example.org")).toMatchObject({ status: 200, body: { sent: true } });
    expect(await mailsTo("no-such-person@example.org")).toBe(0);

    const malformed = await ask("not an address");
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({
      fieldErrors: { email: "auth:errors.emailInvalid" },
      values: { email: "not an address" },
    });
  });
});
