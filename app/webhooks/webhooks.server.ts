/**
 * Webhooks of institutions. An event (consultation closed, summary published, response published)
 * is queued in the transaction that caused it as one `webhook_delivery` per subscribed webhook of
 * the owning and following institutions — once per webhook and event key — and POSTed by
 * `deliverDueWebhooks`, which claims rows under a lease and retries with back-off like the mail
 * outbox. Each body is signed with the webhook's own secret (`X-Baraza-Signature: sha256=<hex>`),
 * kept encrypted (`webhook-secret.server.ts`); internal targets are refused (`webhook-url.ts`).
 */
import { createHmac, randomBytes } from "node:crypto";
import { and, arrayContains, asc, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { z } from "zod";
import {
  consultation,
  consultationClosedEvent,
  institutionFollow,
  webhook,
  webhookDelivery,
  webhookEvents,
  type WebhookEvent,
} from "~db/schema";
import type { Database, Queryable, Transaction } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { backoffSeconds, claimable, leasedClaim } from "~/platform/backoff";
import { rowId } from "~/platform/zod-fields";
import { createWebhookPoster, UndeliverableWebhook, type WebhookPost } from "~/webhooks/webhook-post.server";
import { openWebhookSecret, sealWebhookSecret } from "~/webhooks/webhook-secret.server";
import { webhookUrlProblem } from "~/webhooks/webhook-url";

export const maxWebhookAttempts = 10;

/** Plain http to 127.0.0.1 is allowed under NODE_ENV=test only, for the receiver the tests start. */
const allowTestReceiver = () => getEnv().NODE_ENV === "test";

const webhookUrlErrors = { invalid: "api:errors.webhookUrlInvalid", internal: "api:errors.webhookUrlInternal" };

export const webhookForm = z.object({
  institutionId: z.coerce.number().int().positive(),
  url: z
    .string()
    .trim()
    .min(1, "api:errors.webhookUrlRequired")
    .max(2000, "api:errors.webhookUrlInvalid")
    .superRefine((value, context) => {
      const problem = webhookUrlProblem(value, allowTestReceiver());
      if (problem) context.addIssue({ code: "custom", message: webhookUrlErrors[problem] });
    }),
  events: z
    .array(z.enum(webhookEvents, { message: "api:errors.webhookEventsRequired" }))
    .min(1, "api:errors.webhookEventsRequired"),
});

// Ids beyond PostgreSQL's integer would fail the query itself: rowId refuses them as "not found".
export const webhookTargetForm = z.object({
  institutionId: rowId("api:errors.webhookNotFound"),
  webhookId: rowId("api:errors.webhookNotFound"),
});

export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** Registers a webhook; its secret is returned here and shown to the institution only this once. */
export async function createWebhook(
  db: Queryable,
  input: { institutionId: number; url: string; events: WebhookEvent[] },
): Promise<{ id: number; secret: string }> {
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const [row] = await db
    .insert(webhook)
    .values({
      institutionId: input.institutionId,
      url: input.url,
      events: [...new Set(input.events)],
      secret: sealWebhookSecret(secret),
    })
    .returning({ id: webhook.id });
  return { id: row!.id, secret };
}

/** Stops deliveries to a webhook of `institutionId` (its history stays listed); false when none is live. */
export async function disableWebhook(db: Queryable, input: { institutionId: number; webhookId: number }) {
  const rows = await db
    .update(webhook)
    .set({ disabledAt: sql`now()` })
    .where(
      and(eq(webhook.id, input.webhookId), eq(webhook.institutionId, input.institutionId), isNull(webhook.disabledAt)),
    )
    .returning({ id: webhook.id });
  return rows.length > 0;
}

/** Deletes a webhook of `institutionId` with its deliveries; false when it has none by that id. */
export async function deleteWebhook(db: Queryable, input: { institutionId: number; webhookId: number }) {
  const rows = await db
    .delete(webhook)
    .where(and(eq(webhook.id, input.webhookId), eq(webhook.institutionId, input.institutionId)))
    .returning({ id: webhook.id });
  return rows.length > 0;
}

/**
 * Queues `event` for every live webhook subscribed to it of the institutions owning or following the
 * consultation. Call it inside the transaction of the change, so the event exists exactly when the
 * change does; the same `eventKey` twice queues nothing more.
 */
export async function emitWebhookEvent(
  tx: Queryable,
  input: { event: WebhookEvent; consultationId: number; eventKey: string; payload: Record<string, unknown> },
): Promise<number> {
  const [target] = await tx
    .select({ slug: consultation.slug, owningInstitutionId: consultation.owningInstitutionId })
    .from(consultation)
    .where(eq(consultation.id, input.consultationId));
  if (!target) return 0;
  const followers = await tx
    .select({ institutionId: institutionFollow.institutionId })
    .from(institutionFollow)
    .where(eq(institutionFollow.consultationId, input.consultationId));
  const institutionIds = [
    ...new Set([target.owningInstitutionId, ...followers.map((f) => f.institutionId)].filter((id) => id !== null)),
  ];
  if (institutionIds.length === 0) return 0;
  const hooks = await tx
    .select({ id: webhook.id })
    .from(webhook)
    .where(
      and(
        inArray(webhook.institutionId, institutionIds),
        isNull(webhook.disabledAt),
        arrayContains(webhook.events, [input.event]),
      ),
    );
  if (hooks.length === 0) return 0;
  const payload = { consultation: { id: input.consultationId, slug: target.slug }, ...input.payload };
  const queued = await tx
    .insert(webhookDelivery)
    .values(hooks.map((hook) => ({ webhookId: hook.id, event: input.event, eventKey: input.eventKey, payload })))
    .onConflictDoNothing({ target: [webhookDelivery.webhookId, webhookDelivery.eventKey] })
    .returning({ id: webhookDelivery.id });
  return queued.length;
}

/** The event of a consultation closing, by staff or by the clock: one key, so it is announced once. */
export async function emitConsultationClosed(tx: Transaction, consultationId: number): Promise<void> {
  const marked = await tx
    .insert(consultationClosedEvent)
    .values({ consultationId })
    .onConflictDoNothing()
    .returning({ id: consultationClosedEvent.consultationId });
  if (marked.length === 0) return;
  await emitWebhookEvent(tx, {
    event: "consultation.closed",
    consultationId,
    eventKey: `consultation-closed:${consultationId}`,
    payload: {},
  });
}

/**
 * Consultations still "open" in the table whose closing time has passed are closed for every reader
 * (`effectivePhase`); announce each of them once.
 */
export async function emitClockClosures(db: Database): Promise<number> {
  const due = await db
    .select({ id: consultation.id })
    .from(consultation)
    .leftJoin(consultationClosedEvent, eq(consultationClosedEvent.consultationId, consultation.id))
    .where(
      and(
        eq(consultation.phase, "open"),
        lte(consultation.closesAt, sql`now()`),
        isNull(consultationClosedEvent.consultationId),
      ),
    );
  for (const row of due) await db.transaction((tx) => emitConsultationClosed(tx, row.id));
  return due.length;
}

/**
 * Claims due deliveries under a lease and POSTs each; returns how many were accepted (2xx). A delivery
 * no retry can help (an internal address, an unreadable secret) fails at once, without a request.
 */
export async function deliverDueWebhooks(
  db: Database,
  post: WebhookPost = createWebhookPoster({ allowTestReceiver: allowTestReceiver() }),
  batchSize = 20,
) {
  const claimed = await db
    .update(webhookDelivery)
    .set(leasedClaim(webhookDelivery))
    .where(
      inArray(
        webhookDelivery.id,
        db
          .select({ id: webhookDelivery.id })
          .from(webhookDelivery)
          .innerJoin(webhook, eq(webhook.id, webhookDelivery.webhookId))
          .where(and(isNull(webhook.disabledAt), claimable(webhookDelivery)))
          .orderBy(asc(webhookDelivery.id))
          .limit(batchSize)
          .for("update", { of: webhookDelivery, skipLocked: true }),
      ),
    )
    .returning();
  if (claimed.length === 0) return 0;
  const hooks = await db
    .select({ id: webhook.id, url: webhook.url, secret: webhook.secret })
    .from(webhook)
    .where(inArray(webhook.id, [...new Set(claimed.map((d) => d.webhookId))]));

  let delivered = 0;
  for (const delivery of claimed) {
    const hook = hooks.find((h) => h.id === delivery.webhookId)!;
    // The same bytes on every attempt, so a receiver can deduplicate on the delivery id.
    const body = JSON.stringify({
      id: delivery.id,
      event: delivery.event,
      eventKey: delivery.eventKey,
      createdAt: delivery.createdAt.toISOString(),
      data: delivery.payload,
    });
    let statusCode: number | null = null;
    let error: string | null = null;
    let undeliverable = false;
    try {
      ({ status: statusCode } = await post({
        url: hook.url,
        body,
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Baraza-Webhooks",
          "X-Baraza-Event": delivery.event,
          "X-Baraza-Delivery": String(delivery.id),
          "X-Baraza-Signature": signWebhookBody(openWebhookSecret(hook.secret), body),
        },
      }));
      if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown);
      undeliverable = thrown instanceof UndeliverableWebhook;
    }
    if (error === null) {
      await db
        .update(webhookDelivery)
        .set({
          status: "delivered",
          deliveredAt: sql`now()`,
          lockedUntil: null,
          lastStatusCode: statusCode,
          lastError: null,
        })
        .where(eq(webhookDelivery.id, delivery.id));
      delivered++;
    } else {
      await db
        .update(webhookDelivery)
        .set({
          status: undeliverable || delivery.attempts >= maxWebhookAttempts ? "failed" : "pending",
          lockedUntil: null,
          lastStatusCode: statusCode,
          lastError: error.slice(0, 500),
          nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(delivery.attempts)})`,
        })
        .where(eq(webhookDelivery.id, delivery.id));
    }
  }
  return delivered;
}

/** One round of the worker: announce clock closures, then deliver what is due. */
export async function runWebhookRound(db: Database, post?: WebhookPost): Promise<number> {
  await emitClockClosures(db);
  return deliverDueWebhooks(db, post);
}

export interface WebhookItem {
  id: number;
  institutionId: number;
  url: string;
  events: WebhookEvent[];
  createdAt: Date;
  disabledAt: Date | null;
  deliveries: Array<{
    id: number;
    event: WebhookEvent;
    status: "pending" | "sending" | "delivered" | "failed";
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    createdAt: Date;
    deliveredAt: Date | null;
  }>;
}

/** The webhooks of these institutions with their latest deliveries (never their secrets). */
export async function listWebhooks(
  db: Queryable,
  institutionIds: readonly number[],
  deliveriesPerWebhook = 10,
): Promise<WebhookItem[]> {
  if (institutionIds.length === 0) return [];
  const hooks = await db
    .select({
      id: webhook.id,
      institutionId: webhook.institutionId,
      url: webhook.url,
      events: webhook.events,
      createdAt: webhook.createdAt,
      disabledAt: webhook.disabledAt,
    })
    .from(webhook)
    .where(inArray(webhook.institutionId, [...institutionIds]))
    .orderBy(desc(webhook.createdAt), desc(webhook.id));
  if (hooks.length === 0) return [];
  const ranked = db
    .select({
      id: webhookDelivery.id,
      webhookId: webhookDelivery.webhookId,
      event: webhookDelivery.event,
      status: webhookDelivery.status,
      attempts: webhookDelivery.attempts,
      lastStatusCode: webhookDelivery.lastStatusCode,
      lastError: webhookDelivery.lastError,
      createdAt: webhookDelivery.createdAt,
      deliveredAt: webhookDelivery.deliveredAt,
      rank: sql<number>`row_number() over (partition by ${webhookDelivery.webhookId} order by ${webhookDelivery.id} desc)`.as(
        "rank",
      ),
    })
    .from(webhookDelivery)
    .where(
      inArray(
        webhookDelivery.webhookId,
        hooks.map((h) => h.id),
      ),
    )
    .as("ranked");
  const deliveries = await db
    .select()
    .from(ranked)
    .where(lte(ranked.rank, deliveriesPerWebhook))
    .orderBy(desc(ranked.id));
  return hooks.map((hook) => ({
    ...hook,
    deliveries: deliveries
      .filter((d) => d.webhookId === hook.id)
      .map(({ webhookId: _webhookId, rank: _rank, ...d }) => d),
  }));
}
