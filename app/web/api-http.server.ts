/** The HTTP side of the read-only API: bearer authentication and JSON errors, shared by every route. */
import { getDb, type Database } from "~/platform/db.server";
import type { Refusal } from "~/platform/permissions.server";
import { refusalStatus } from "~/web/guard.server";
import { authenticateApiRequest, type ApiCaller } from "~/api/tokens.server";
import { findTokenConsultation } from "~/api/consultations.server";

const noStore = { "Cache-Control": "no-store" };

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { ...noStore, ...init.headers } });
}

export function apiError(status: 400 | 401 | 403 | 404, message: string): Response {
  const headers: Record<string, string> = status === 401 ? { "WWW-Authenticate": 'Bearer realm="baraza"' } : {};
  return apiJson({ error: { status, message } }, { status, headers });
}

/**
 * The API's answer to a refusal of the edge's guard: the same statuses as the pages, as JSON (a
 * token cannot follow a redirect to the sign-in page).
 */
export function apiRefusal(refusal: Refusal, message: string): Response {
  return apiError(refusalStatus[refusal], message);
}

/** The caller of an API request; throws a 401 JSON answer when the token is missing, unknown or revoked. */
export async function requireApiCaller(request: Request): Promise<{ db: Database; caller: ApiCaller }> {
  const db = await getDb();
  const caller = await authenticateApiRequest(db, request);
  if (!caller) throw apiRefusal("sign-in", "A valid API token is required (Authorization: Bearer <token>).");
  return { db, caller };
}

/** The caller and a consultation it may read; 404 for one it may not, exactly as for one that does not exist. */
export async function requireApiConsultation(request: Request, slug: string | undefined) {
  const { db, caller } = await requireApiCaller(request);
  const found = await findTokenConsultation(db, caller.institutionId, slug ?? "");
  if (!found) throw apiRefusal("not-found", "No such consultation.");
  return { db, caller, ...found };
}
