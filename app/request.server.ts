/** Facts about the incoming request that the HTTP layer knows and domain code should not. */

export interface AppLoadContext {
  /** The client's address as the production server saw it (honouring a trusted proxy). */
  clientAddress?: string;
}

export function clientAddress(request: Request, context: unknown): string {
  const fromServer = (context as AppLoadContext | undefined)?.clientAddress;
  if (fromServer) return fromServer;
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}

/** A same-site path to go back to after signing in; anything else goes home. */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}
