/**
 * The one-click unsubscribe link of notification e-mails: it needs no sign-in, a GET only asks for
 * confirmation (mail scanners follow links), and a tampered or expired token changes nothing.
 * Notification mails carry `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058, issue 18 item 16),
 * whose address takes a mail client's `List-Unsubscribe=One-Click` post.
 */
import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { profile, user, vote } from "~db/schema";
import { createMailSender, deliverDueMail, mailHeaders } from "~/platform/mail/outbox.server";
import { notifyParticipants } from "~/notifications/notifications.server";
import { unsubscribeToken, verifyUnsubscribeToken } from "~/notifications/unsubscribe-token.server";
import { action, loader } from "~/routes/_public+/unsubscribe";
import { action as oneClickAction, loader as oneClickLoader } from "~/routes/_public+/unsubscribe_.one-click";
import { call } from "../support/actions";
import { createConsultation, createUsers } from "../support/consultation-fixtures";
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

describe("List-Unsubscribe on notification e-mails", () => {
  it("sends the member's one-click address in the headers; a mail client's post to it turns e-mails off", async () => {
    const { id: consultationId, priorityIds } = await createConsultation(db(), {}, 1);
    const [userId] = (await createUsers(db(), 1)) as [string];
    await db().insert(vote).values({ consultationId, priorityId: priorityIds[0]!, userId, value: "agree" });
    const [{ email }] = (await db().select({ email: user.email }).from(user).where(eq(user.id, userId))) as [
      { email: string },
    ];
    await notifyParticipants(db(), { kind: "summary-published", consultationId, eventKey: `list-unsub:${userId}` });

    // The real nodemailer message, as it would go over SMTP.
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const raw: string[] = [];
    const sender = createMailSender(
      {
        sendMail: async (options: Parameters<typeof transport.sendMail>[0]) => {
          const info = await transport.sendMail(options);
          if (options.to === email) raw.push((info.message as Buffer).toString());
          return info;
        },
      },
      "Baraza <noreply@example.org>",
    );
    while ((await deliverDueMail(db(), sender, 50)) > 0) {
      // every due mail, this member's among them
    }
    expect(raw).toHaveLength(1);
    const headers = raw[0]!
      .replace(/\r\n/g, "\n")
      .split("\n\n")[0]!
      .replace(/\n[ \t]+/g, " ");
    const address = headers.match(/^List-Unsubscribe: <(\S+)>$/m)?.[1];
    expect(address).toMatch(/\/unsubscribe\/one-click\?token=/);
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const token = new URL(address!).searchParams.get("token")!;
    expect(verifyUnsubscribeToken(token)).toEqual({ ok: true, userId });

    const path = `${new URL(address!).pathname}${new URL(address!).search}`;
    // Opened in a browser, the address leads to the page that asks first.
    const opened = await call(oneClickLoader, { path, params: {} });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe(`/unsubscribe?token=${encodeURIComponent(token)}`);
    // A post without the one-click body, or with a tampered token, changes nothing.
    expect((await call(oneClickAction, { path, params: {}, fields: { token } })).status).toBe(400);
    const tampered = path.replace(/..$/, "xx");
    const oneClick = { "List-Unsubscribe": "One-Click" };
    expect((await call(oneClickAction, { path: tampered, params: {}, fields: oneClick })).status).toBe(400);
    expect(await emailWanted(userId)).toBe(true);

    const done = await call(oneClickAction, { path, params: {}, fields: oneClick });
    expect(done.status).toBe(200);
    expect(await emailWanted(userId)).toBe(false);
    // Account mails (address confirmation, password reset) carry no such header.
    expect(mailHeaders({})).toEqual({});
  });
});
