/**
 * The one-click unsubscribe link of notification e-mails: it needs no sign-in, a GET only asks for
 * confirmation (mail scanners follow links), and a tampered or expired token changes nothing.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { profile } from "../../db/schema";
import { unsubscribeToken, verifyUnsubscribeToken } from "~/notifications/unsubscribe-token.server";
import { action, loader } from "~/routes/unsubscribe";
import { call } from "../support/actions";
import { createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

const emailWanted = async (userId: string) =>
  (await db().select({ on: profile.notifyByEmail }).from(profile).where(eq(profile.userId, userId)))[0]?.on ?? true;

describe("unsubscribe tokens", () => {
  it("name their member, and fail when changed or expired", () => {
    const token = unsubscribeToken("user-1");
    expect(verifyUnsubscribeToken(token)).toEqual({ ok: true, userId: "user-1" });
    const [who, expires, signature] = token.split(".") as [string, string, string];
    const forged = `${Buffer.from("user-2").toString("base64url")}.${expires}.${signature}`;
    expect(verifyUnsubscribeToken(forged)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyUnsubscribeToken(`${who}.${Number(expires) + 1}.${signature}`)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(verifyUnsubscribeToken(`${token}x`)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyUnsubscribeToken("")).toEqual({ ok: false, reason: "invalid" });
    const old = unsubscribeToken("user-1", new Date("2020-01-01T00:00:00Z"));
    expect(verifyUnsubscribeToken(old)).toEqual({ ok: false, reason: "expired" });
  });
});

describe("/unsubscribe", () => {
  it("asks for confirmation on GET without changing anything, and turns e-mails off on POST, signed out", async () => {
    const [userId] = (await createUsers(db(), 1)) as [string];
    const token = unsubscribeToken(userId);
    const page = await call(loader, { path: `/unsubscribe?token=${token}`, params: {} });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ token, problem: null });
    expect(await emailWanted(userId)).toBe(true);

    const done = await call(action, { path: "/unsubscribe", params: {}, fields: { token } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ done: true });
    expect(await emailWanted(userId)).toBe(false);
  });

  it("refuses a tampered or expired token with a clear message, and changes nothing", async () => {
    const [userId] = (await createUsers(db(), 1)) as [string];
    const tampered = `${unsubscribeToken(userId).slice(0, -2)}xx`;
    const expired = unsubscribeToken(userId, new Date("2020-01-01T00:00:00Z"));
    for (const [token, problem] of [
      [tampered, "invalid"],
      [expired, "expired"],
    ] as const) {
      const page = await call(loader, { path: `/unsubscribe?token=${encodeURIComponent(token)}`, params: {} });
      expect(page).toMatchObject({ status: 400, body: { problem } });
      const post = await call(action, { path: "/unsubscribe", params: {}, fields: { token } });
      expect(post).toMatchObject({ status: 400, body: { done: false, problem } });
    }
    expect(await emailWanted(userId)).toBe(true);
  });
});
