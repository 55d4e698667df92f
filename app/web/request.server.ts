/** Facts about the incoming request that the HTTP layer knows and domain code should not. */
import type { RenderOnly } from "~/components/page-resources";

export interface AppLoadContext {
  /** The client's address as the production server saw it (honouring a trusted proxy). */
  clientAddress?: string;
  /** This request's Content-Security-Policy nonce (server/security-headers.ts). */
  cspNonce?: string;
  /** This visitor's form token; the server's edge sets its cookie when first asked (server/csrf.ts). */
  csrfToken?: () => string;
  /**
   * True when the answer is an HTML document (not a `.data` answer to client-side navigation): its
   * loader data travels again in the page for hydration, so what the HTML already draws can stay out.
   */
  documentRequest?: boolean;
  /** What this request's server render draws but its hydration data leaves out (app/components/page-resources.tsx). */
  renderOnly?: RenderOnly;
}

export function clientAddress(request: Request, context: unknown): string {
  const fromServer = (context as AppLoadContext | undefined)?.clientAddress;
  if (fromServer) return fromServer;
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}

/**
 * Stands for this site when resolving a redirect target. Only the path, query and fragment of the
 * result are ever used, so any fixed origin decides the same as the real one would; `.invalid`
 * can never be a real host.
 */
const siteOrigin = "http://site.invalid";

/**
 * A same-site path to go back to (after signing in, say); anything else gives `fallback`.
 * Decided the way a browser reads a Location header: `value` is resolved against the site's origin
 * by the WHATWG URL parser (which drops tabs and newlines, turns `\\` into `/`, …) and must stay on
 * it, and what is returned is that parser's own serialisation, so it means the same to the browser.
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  const resolved = resolveOnSite(value);
  if (!resolved) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // A path such as `/.//evil.example` normalises to `//evil.example`, which a browser would read as
  // another host: what is returned must itself resolve to this site.
  return resolveOnSite(path) ? path : fallback;
}

/** `value` resolved against the site, or null when it does not parse or names another origin. */
function resolveOnSite(value: string): URL | null {
  try {
    const url = new URL(value, siteOrigin);
    return url.origin === siteOrigin ? url : null;
  } catch {
    return null;
  }
}
