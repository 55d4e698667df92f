/**
 * Security: the mail outbox page of a deployment without a mail server shows password-reset links,
 * so it is for admins only. Everyone else gets the 404 of an unknown page, also for `?to=`, and
 * the footer offers it to nobody else.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { queueMail } from "~/platform/mail/outbox.server";
import { loader as rootLoader } from "~/root";
import { loader as outboxLoader } from "~/routes/_resources+/dev.outbox";
import { consultationModerator, userRole } from "~db/schema";
import { call, signUpMember } from "../support/actions";
import { createConsultation } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { markSecondFactorEnrolled } from "../support/second-factor";

const db = setupTestDatabase();
const people: Record<"member" | "moderator" | "adminWithoutSecondFactor" | "admin", { cookie: string; email: string }> =
  {} as never;
const secretLink = "http://localhost:3000/reset-password?token=the-secret-token";

beforeAll(async () => {
  people.member = await signUpMember("Member");
  const moderator = await signUpMember("Moderator");
  const admin = await signUpMember("Admin");
  const unenrolledAdmin = await signUpMember("Admin without a second factor");
  people.adminWithoutSecondFactor = unenrolledAdmin;
  const { id: consultationId } = await createConsultation(db());
  await db().insert(consultationModerator).values({ consultationId, userId: moderator.userId });
  await db().insert(userRole).values({ userId: admin.userId, role: "admin" });
  await db().insert(userRole).values({ userId: unenrolledAdmin.userId, role: "admin" });
  await markSecondFactorEnrolled(db(), moderator.userId, admin.userId);
  people.moderator = moderator;
  people.admin = admin;
  await queueMail(db(), {
    to: "victim@example.org",
    subject: "Reset your password",
    text: `Follow ${secretLink}`,
    dedupeKey: "outbox-page-test",
  });
});

const visitors = [
  ["nobody", undefined],
  ["a member", "member"],
  ["a moderator", "moderator"],
  ["an admin who has no second factor", "adminWithoutSecondFactor"],
] as const;

describe("the mail outbox page", () => {
  it.each(visitors)("is a 404 for %s, with or without ?to=", async (_who, person) => {
    const cookie = person ? people[person].cookie : undefined;
    for (const path of ["/dev/outbox", "/dev/outbox?to=victim%40example.org"]) {
      const answer = await call(outboxLoader, { path, params: {}, cookie });
      expect(answer.status).toBe(404);
      expect(JSON.stringify(answer.body)).not.toContain("the-secret-token");
    }
    const root = await call(rootLoader, { path: "/", params: {}, cookie });
    expect((root.body as { devOutbox: boolean }).devOutbox).toBe(false);
  });

  it("is open to an admin, and linked for them", async () => {
    const answer = await call(outboxLoader, {
      path: "/dev/outbox?to=victim%40example.org",
      params: {},
      cookie: people.admin.cookie,
    });
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain("the-secret-token");
    const root = await call(rootLoader, { path: "/", params: {}, cookie: people.admin.cookie });
    expect((root.body as { devOutbox: boolean }).devOutbox).toBe(true);
  });
});
