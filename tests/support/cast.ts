/**
 * The people of the security tests, each signed in with a real session on the test database, and
 * the consultations and institutions they hold roles in:
 * - `consultation` (open, owned by `institution`, moderated by the moderator) is where the roles apply;
 * - `otherConsultation` (open) is moderated by `otherModerator` and followed by `otherInstitution`.
 */
import { recordMeeting } from "~/meetings/meetings.server";
import type { Database } from "~/platform/db.server";
import { consultationModerator, institution, institutionFollow, institutionMember, userRole } from "~db/schema";
import { signUpMember } from "./actions";
import { createConsultation } from "./consultation-fixtures";

export const roles = [
  "visitor",
  "member",
  "facilitator",
  "otherModerator",
  "moderator",
  "otherInstitution",
  "institution",
  "adminNo2fa",
  "admin",
] as const;

export type Role = (typeof roles)[number];

export interface Person {
  /** The Cookie header of their browser; none for the visitor. */
  cookie?: string;
  userId?: string;
  email?: string;
}

export interface Cast {
  people: Record<Role, Person>;
  consultation: { id: number; slug: string; priorityIds: number[] };
  otherConsultation: { id: number; slug: string; priorityIds: number[] };
  institution: { id: number; slug: string };
  otherInstitution: { id: number; slug: string };
}

let casts = 0;

async function createInstitution(db: Database, slug: string): Promise<{ id: number; slug: string }> {
  const [row] = await db
    .insert(institution)
    .values({ slug, name: { en: `Institution ${slug}` } })
    .returning({ id: institution.id });
  return { id: row!.id, slug };
}

/**
 * `passSecondFactor` is called for every signed-in person except "adminNo2fa": the place where a
 * staff account enrols and passes its second factor once the app asks for one (see the matrix test).
 */
export async function createCast(
  db: Database,
  passSecondFactor: (person: Required<Person>, role: Role) => Promise<Required<Person>> = async (p) => p,
): Promise<Cast> {
  const n = ++casts;
  const own = await createInstitution(db, `own-${process.pid}-${n}`);
  const other = await createInstitution(db, `other-${process.pid}-${n}`);
  const consultation = await createConsultation(db, { owningInstitutionId: own.id, ballotBudget: 10 });
  const otherConsultation = await createConsultation(db, { ballotBudget: 10 });
  await db.insert(institutionFollow).values({ institutionId: other.id, consultationId: otherConsultation.id });

  const grants: Record<Exclude<Role, "visitor">, (userId: string) => Promise<unknown>> = {
    member: async () => {},
    facilitator: (userId) => db.insert(userRole).values({ userId, role: "facilitator" }),
    otherModerator: (userId) =>
      db.insert(consultationModerator).values({ consultationId: otherConsultation.id, userId }),
    moderator: (userId) => db.insert(consultationModerator).values({ consultationId: consultation.id, userId }),
    otherInstitution: (userId) => db.insert(institutionMember).values({ institutionId: other.id, userId }),
    institution: (userId) => db.insert(institutionMember).values({ institutionId: own.id, userId }),
    adminNo2fa: (userId) => db.insert(userRole).values({ userId, role: "admin" }),
    admin: (userId) => db.insert(userRole).values({ userId, role: "admin" }),
  };
  const people = { visitor: {} } as Record<Role, Person>;
  for (const role of roles) {
    if (role === "visitor") continue;
    const signedUp = await signUpMember(role);
    await grants[role](signedUp.userId);
    people[role] = role === "adminNo2fa" ? signedUp : await passSecondFactor(signedUp, role);
  }
  return { people, consultation, otherConsultation, institution: own, otherInstitution: other };
}

/** A meeting the cast's facilitator recorded in the cast's consultation. */
export function recordCastMeeting(db: Database, cast: Cast) {
  return recordMeeting(db, {
    consultationId: cast.consultation.id,
    facilitatorId: cast.people.facilitator.userId!,
    heldOn: "2026-11-30",
    country: "KE",
    place: "Kisumu",
    language: "en",
    peoplePresent: 30,
    method: "show-of-hands",
  });
}
