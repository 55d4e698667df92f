/** The HTTP side of the read-only API: bearer authentication and JSON errors, shared by every route. */
import { getDb, type Database } from "../db.server";
import { authenticateApiRequest, type ApiCaller } from "./tokens.server";
import { findTokenConsultation } from "./consultations.server";

const noStore = { "Cache-Control": "no-store" };

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { ...noStore, ...init.headers } });
}

export function apiError(status: 400 | 401 | 404, message: string): Response {
  const headers: Record<string, string> = status === 401 ? { "WWW-Authenticate": 'Bearer realm="baraza"' } : {};
  return apiJson({ error: { status, message } }, { status, headers });
}

/** The caller of an API request; throws a 401 JSON answer when the token is missing, unknown or revoked. */
export async function requireApiCaller(request: Request): Promise<{ db: Database; caller: ApiCaller }> {
  const db = await getDb();
  const caller = await authenticateApiRequest(db, request);
  if (!caller) throw apiError(401, "A valid API token is required (Authorization: Bearer <token>).");
  return { db, caller };
}

/** The caller and a consultation it may read; 404 for one it may not, exactly as for one that does not exist. */
export async function requireApiConsultation(request: Request, slug: string | undefined) {
  const { db, caller } = await requireApiCaller(request);
  const found = await findTokenConsultation(db, caller.institutionId, slug ?? "");
  if (!found) throw apiError(404, "No such consultation.");
  return { db, caller, ...found };
}
