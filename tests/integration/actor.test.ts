import { describe, expect, it } from "vitest";
import { loadActor } from "~/platform/permissions.server";
import {
  consultationFacilitator,
  consultationModerator,
  institution,
  institutionMember,
  suspension,
  userRole,
} from "~db/schema";
import { createConsultation, createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { markSecondFactorEnrolled } from "../support/second-factor";

const db = setupTestDatabase();

describe("loadActor", () => {
  it("reads a plain member with no role", async () => {
    const [userId] = await createUsers(db(), 1);
    expect(await loadActor(db(), userId!)).toEqual({
      kind: "member",
      userId,
      isAdmin: false,
      isFacilitator: false,
      facilitates: [],
      moderates: [],
      institutions: [],
      suspendedIn: [],
      secondFactor: false,
    });
  });

  it("reads whether the account has a verified second factor", async () => {
    const [userId] = await createUsers(db(), 1);
    expect((await loadActor(db(), userId!)).secondFactor).toBe(false);
    await markSecondFactorEnrolled(db(), userId!);
    expect((await loadActor(db(), userId!)).secondFactor).toBe(true);
  });

  it("reads every role, and only suspensions in force", async () => {
    const [userId] = await createUsers(db(), 1);
    const a = await createConsultation(db());
    const b = await createConsultation(db());
    const c = await createConsultation(db());
    const [agency] = await db()
      .insert(institution)
      .values({ slug: "agency", name: { en: "Agency" } })
      .returning();
    await db()
      .insert(userRole)
      .values([
        { userId: userId!, role: "admin" },
        { userId: userId!, role: "facilitator" },
      ]);
    await db()
      .insert(consultationModerator)
      .values([
        { userId: userId!, consultationId: a.id },
        { userId: userId!, consultationId: b.id },
      ]);
    await db().insert(consultationFacilitator).values({ userId: userId!, consultationId: c.id });
    await db().insert(institutionMember).values({ userId: userId!, institutionId: agency!.id });
    const past = new Date(Date.now() - 60_000);
    await db()
      .insert(suspension)
      .values([
        { userId: userId!, consultationId: a.id, reason: "in force" },
        { userId: userId!, consultationId: b.id, reason: "lifted", liftedAt: past },
        { userId: userId!, consultationId: c.id, reason: "ended", endsAt: past },
      ]);
    const actor = await loadActor(db(), userId!);
    expect(actor).toMatchObject({
      isAdmin: true,
      isFacilitator: true,
      facilitates: [c.id],
      institutions: [agency!.id],
      suspendedIn: [a.id],
    });
    expect([...actor.moderates].sort()).toEqual([a.id, b.id].sort());

    await db().insert(suspension).values({ userId: userId!, reason: "everywhere" });
    expect((await loadActor(db(), userId!)).suspendedIn).toBe("everywhere");
  });

  it("gives an account whose address is not confirmed none of its roles, but all of its suspensions", async () => {
    const [userId] = await createUsers(db(), 1, { emailVerified: false });
    const a = await createConsultation(db());
    const [agency] = await db()
      .insert(institution)
      .values({ slug: "unconfirmed-agency", name: { en: "Agency" } })
      .returning();
    await db().insert(userRole).values({ userId: userId!, role: "admin" });
    await db().insert(consultationModerator).values({ userId: userId!, consultationId: a.id });
    await db().insert(consultationFacilitator).values({ userId: userId!, consultationId: a.id });
    await db().insert(institutionMember).values({ userId: userId!, institutionId: agency!.id });
    await db().insert(suspension).values({ userId: userId!, consultationId: a.id, reason: "in force" });
    expect(await loadActor(db(), userId!)).toEqual({
      kind: "member",
      userId,
      isAdmin: false,
      isFacilitator: false,
      facilitates: [],
      moderates: [],
      institutions: [],
      suspendedIn: [a.id],
      secondFactor: false,
    });
  });
});
