import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { requestPasswordReset, resetPassword, signIn, signOut, signUp } from "~/accounts/accounts.server";
import { getSessionUser } from "~/platform/auth.server";
import { rateLimitRules } from "~/platform/rate-limit.server";
import { account, outboxMail, profile, session, user } from "~db/schema";
import { lastMailedLink, lastMailTo } from "../support/actions";
import { setupTestDatabase } from "../support/database";
import { text } from "../support/locales";

const db = setupTestDatabase();

const form = (path: string) => new Request(`http://localhost${path}`, { method: "POST" });

/** A request carrying the cookies a previous answer set, as the browser would send them. */
function withCookies(headers: Headers): Request {
  const cookie = headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  return new Request("http://localhost/", { headers: { cookie } });
}

describe("accounts", () => {
  it("signs up a member with a hashed password and a profile in their language, signing nobody in", async () => {
    const result = await signUp(form("/sign-up"), {
      name: "Amina",
      email: "Amina@Example.org",
      password: "correct horse",
      language: "sw",
      address: "10.0.0.1",
    });
    expect(result).toEqual({ ok: true });
    const [row] = await db().select().from(user).where(eq(user.email, "amina@example.org"));
    expect(row?.name).toBe("Amina");
    expect(row?.emailVerified).toBe(false);
    const [credential] = await db().select().from(account).where(eq(account.userId, row!.id));
    expect(credential?.password).toBeTruthy();
    expect(credential?.password).not.toContain("correct horse");
    const [memberProfile] = await db().select().from(profile).where(eq(profile.userId, row!.id));
    expect(memberProfile?.preferredLanguage).toBe("sw");
    expect(memberProfile?.statsConsent).toBe(false);
    expect(await db().select().from(session).where(eq(session.userId, row!.id))).toEqual([]);
    // The link to confirm the address is in Kiswahili, the language she signed up in.
    const [mail] = await db().select().from(outboxMail).where(eq(outboxMail.toAddress, "amina@example.org"));
    expect(mail?.subject).toBe(text("sw", "auth", "emailCheck.mail.subject"));
    expect((await lastMailedLink("amina@example.org")).pathname).toBe("/verify-email");
  });

  it("answers a second sign-up with the same e-mail like the first, and tells the owner by mail", async () => {
    const result = await signUp(form("/sign-up"), {
      name: "Other",
      email: "AMINA@example.org",
      password: "another password",
      language: "en",
      address: "10.0.0.2",
    });
    expect(result).toEqual({ ok: true });
    expect(await db().select().from(user).where(eq(user.email, "amina@example.org"))).toHaveLength(1);
    const mail = await lastMailTo("amina@example.org");
    expect(mail?.subject).toBe(text("sw", "auth", "emailCheck.alreadyRegisteredMail.subject"));
  });

  it("signs in with the right password and out again", async () => {
    const result = await signIn(form("/sign-in"), {
      email: "amina@example.org",
      password: "correct horse",
      address: "10.0.0.3",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const signedIn = withCookies(result.headers);
    expect((await getSessionUser(signedIn))?.name).toBe("Amina");
    const signedOut = await signOut(signedIn);
    // The browser drops both cookies (the session and its signed cache) …
    expect(signedOut.getSetCookie().filter((line) => /Max-Age=0/i.test(line)).length).toBeGreaterThanOrEqual(2);
    // … and the session itself is gone from the database, so even a copied cookie dies with the cache.
    const token = decodeURIComponent(signedIn.headers.get("cookie")!.match(/session_token=([^;]+)/)![1]!).split(
      ".",
    )[0]!;
    expect(await db().select().from(session).where(eq(session.token, token))).toEqual([]);
  });

  it("refuses a wrong password; an address that keeps guessing one account waits, the owner elsewhere does not", async () => {
    await signUp(form("/sign-up"), {
      name: "Kofi",
      email: "kofi@example.org",
      password: "kofi password",
      language: "en",
      address: "10.0.1.1",
    });
    const attempts = [];
    for (let i = 0; i < rateLimitRules.signInFailuresPerAccountAndAddress.points; i++) {
      attempts.push(
        await signIn(form("/sign-in"), { email: "kofi@example.org", password: "wrong", address: "10.0.1.2" }),
      );
    }
    expect(attempts.every((a) => !a.ok && a.reason === "invalid-credentials")).toBe(true);
    const next = await signIn(form("/sign-in"), {
      email: "kofi@example.org",
      password: "kofi password",
      address: "10.0.1.2",
    });
    expect(next).toMatchObject({ ok: false, reason: "rate-limited" });
    if (!next.ok && next.reason === "rate-limited") expect(next.retryAfterSeconds).toBeGreaterThan(0);
    // Kofi himself, from another address, gets in (slowed down, as that address is new to his account).
    const kofi = await signIn(form("/sign-in"), {
      email: "kofi@example.org",
      password: "kofi password",
      address: "10.0.1.4",
    });
    expect(kofi).toMatchObject({ ok: true });
    // Another member's e-mail from another address is not held back by Kofi's limit.
    expect(
      (await signIn(form("/sign-in"), { email: "amina@example.org", password: "correct horse", address: "10.0.1.3" }))
        .ok,
    ).toBe(true);
  });

  it("resets a password through a link mailed via the outbox, once", async () => {
    expect(await requestPasswordReset({ email: "amina@example.org", address: "10.0.2.1" })).toEqual({ ok: true });
    const mail = await lastMailTo("amina@example.org");
    // Amina signed up in Kiswahili: the mail is in Kiswahili, not English.
    expect(mail?.subject).toBe(text("sw", "auth", "resetMail.subject"));
    const token = (await lastMailedLink("amina@example.org")).searchParams.get("token")!;

    expect(await resetPassword({ token, password: "a brand new password" })).toEqual({ ok: true });
    expect(await resetPassword({ token, password: "used twice" })).toEqual({ ok: false, reason: "invalid-token" });
    expect(
      (
        await signIn(form("/sign-in"), {
          email: "amina@example.org",
          password: "a brand new password",
          address: "10.0.2.2",
        })
      ).ok,
    ).toBe(true);
  });

  it("says nothing different for an address without an account, and mails nobody", async () => {
    const before = await db().select().from(outboxMail);
    expect(await requestPasswordReset({ email: "nobody@example.org", address: "10.0.3.1" })).toEqual({ ok: true });
    expect(await db().select().from(outboxMail)).toHaveLength(before.length);
  });
});
