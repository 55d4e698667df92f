/** Small consultations, priorities and members written straight into the test database. */
import { randomUUID } from "node:crypto";
import type { Database } from "~/platform/db.server";
import { consultation, meeting, priority, user } from "~db/schema";

type ConsultationInsert = typeof consultation.$inferInsert;
type PriorityStatus = (typeof priority.$inferInsert)["status"];

let created = 0;

/** An open consultation (unless `overrides` say otherwise) with `approved` approved priorities. */
export async function createConsultation(
  db: Database,
  overrides: Partial<ConsultationInsert> = {},
  approved = 3,
): Promise<{ id: number; slug: string; priorityIds: number[] }> {
  const slug = overrides.slug ?? `fixture-${process.pid}-${++created}`;
  const [row] = await db
    .insert(consultation)
    .values({
      title: { en: `Consultation ${slug}` },
      summary: { en: "Summary" },
      context: { en: "Context" },
      phase: "open",
      ...overrides,
      slug,
    })
    .returning({ id: consultation.id });
  const priorityIds: number[] = [];
  for (let position = 1; position <= approved; position++) {
    priorityIds.push(await createPriority(db, row!.id, "approved", position));
  }
  return { id: row!.id, slug, priorityIds };
}

export async function createPriority(
  db: Database,
  consultationId: number,
  status: PriorityStatus = "approved",
  position = 0,
): Promise<number> {
  const [row] = await db
    .insert(priority)
    .values({
      consultationId,
      position,
      status,
      title: { en: `Priority ${position} (${status})` },
      body: { en: "Body" },
      category: "financing",
    })
    .returning({ id: priority.id });
  return row!.id;
}

/**
 * `count` members inserted directly (no password, no session): for domain functions that take a user
 * id. Their addresses are confirmed, as roles given to them only count then; pass `emailVerified: false`
 * for members who have not followed their link yet.
 */
export async function createUsers(db: Database, count: number, { emailVerified = true } = {}): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  const chunk = 500;
  for (let start = 0; start < ids.length; start += chunk) {
    await db
      .insert(user)
      .values(
        ids
          .slice(start, start + chunk)
          .map((id) => ({ id, name: `Member ${id.slice(0, 8)}`, email: `${id}@example.org`, emailVerified })),
      );
  }
  return ids;
}

/** A community meeting with its facilitator (a member of their own), recorded or already voided. */
export async function recordMeeting(
  db: Database,
  consultationId: number,
  { peoplePresent = 12, status = "recorded" }: { peoplePresent?: number; status?: "recorded" | "voided" } = {},
): Promise<{ meetingId: number; facilitator: string }> {
  const [facilitator] = await createUsers(db, 1);
  const [row] = await db
    .insert(meeting)
    .values({
      consultationId,
      facilitatorId: facilitator!,
      heldOn: "2026-11-20",
      country: "TZ",
      place: "Village hall",
      language: "sw",
      peoplePresent,
      method: "show-of-hands",
      status,
    })
    .returning({ id: meeting.id });
  return { meetingId: row!.id, facilitator: facilitator! };
}
