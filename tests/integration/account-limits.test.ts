/**
 * Issue 13 item 10: sign-in limits that a stranger cannot turn against the owner, and that a whole
 * community meeting behind one carrier NAT address stays under.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { requestPasswordReset, signIn, signInDelayMs, signUp } from "~/accounts/accounts.server";
import { rateLimitRules } from "~/platform/rate-limit.server";
import { outboxMail } from "~db/schema";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

const form = (path: string) => new Request(`http://localhost${path}`, { method: "POST" });

async function newAccount(email: string, address: string) {
  const result = await signUp(
    form("/sign-up"),
    { name: "Someone", email, password: "the right one", language: "en", address },
    { answerMs: 0 },
  );
  expect(result).toEqual({ ok: true });
}

describe("sign-in and sign-up limits", () => {
  // 120 password hashes. The fixed answer time of sign-up is not what this test is about (the
  // enumeration test measures it), so the sign-ups skip it and everyone arrives at once, as a
  // meeting does.
  it("lets 60 people behind one carrier NAT address all sign up and sign in within the hour", async () => {
    const natAddress = "41.90.64.1";
    const people = Array.from({ length: 60 }, (_, i) => `meeting-${i}@example.org`);
    const signUps = await Promise.all(
      people.map((email) =>
        signUp(
          form("/sign-up"),
          { name: "Villager", email, password: "the right one", language: "sw", address: natAddress },
          { answerMs: 0 },
        ),
      ),
    );
    expect(signUps.filter((r) => r.ok)).toHaveLength(60);
    const signIns = await Promise.all(
      people.map((email) => signIn(form("/sign-in"), { email, password: "the right one", address: natAddress })),
    );
    expect(signIns.filter((r) => r.ok)).toHaveLength(60);
  }, 300_000);

  it("does not lock the owner out, whatever an attacker tries from other addresses", async () => {
    await newAccount("owner@example.org", "10.10.0.1");
    // The owner has signed in from home before.
    expect(
      (await signIn(form("/sign-in"), { email: "owner@example.org", password: "the right one", address: "10.10.0.1" }))
        .ok,
    ).toBe(true);

    // Nine wrong passwords from three addresses (five from anywhere used to lock the account)…
    for (const attacker of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) {
      for (let i = 0; i < 3; i++) {
        expect(
          await signIn(form("/sign-in"), { email: "owner@example.org", password: `guess ${i}`, address: attacker }),
        ).toEqual({ ok: false, reason: "invalid-credentials" });
      }
    }

    // …but the owner gets in at once from home, and from a new place only after a short wait.
    expect(
      await signIn(form("/sign-in"), { email: "owner@example.org", password: "the right one", address: "10.10.0.1" }),
    ).toMatchObject({
      ok: true,
      slowedByMs: 0,
    });
    for (const attacker of ["203.0.113.4", "203.0.113.5"]) {
      await signIn(form("/sign-in"), { email: "owner@example.org", password: "another guess", address: attacker });
    }
    for (let i = 0; i < 4; i++) {
      await signIn(form("/sign-in"), { email: "owner@example.org", password: "more guesses", address: "203.0.113.6" });
    }
    const fromACafe = await signIn(form("/sign-in"), {
      email: "owner@example.org",
      password: "the right one",
      address: "10.20.0.1",
    });
    expect(fromACafe).toMatchObject({ ok: true });
    if (fromACafe.ok) expect(fromACafe.slowedByMs).toBe(signInDelayMs(6));
    expect(fromACafe.ok && fromACafe.slowedByMs).toBeGreaterThan(0);
  });

  it("slows new places progressively, never beyond a few seconds", () => {
    expect(signInDelayMs(0)).toBe(0);
    expect(signInDelayMs(4)).toBe(0);
    expect(signInDelayMs(5)).toBeGreaterThan(0);
    expect(signInDelayMs(7)).toBeGreaterThan(signInDelayMs(6));
    expect(signInDelayMs(1000)).toBe(2000);
  });

  it("mails at most five account mails an hour to one address, however many addresses ask", async () => {
    await newAccount("popular@example.org", "10.30.0.1");
    const mailsTo = async () =>
      (await db().select().from(outboxMail).where(eq(outboxMail.toAddress, "popular@example.org"))).length;
    expect(await mailsTo()).toBe(1); // the confirmation link
    for (let i = 0; i < 10; i++) {
      // Every request gets the same answer; the owner's mailbox is not flooded.
      expect(await requestPasswordReset({ email: "popular@example.org", address: `10.30.1.${i}` })).toEqual({
        ok: true,
      });
    }
    expect(await mailsTo()).toBe(rateLimitRules.accountMailPerEmail.points);
  });
});
