/**
 * Translations of one language for the browser to hydrate with, in one request: `?ns=a,b` for
 * only those namespaces (a page asks for the ones it used, see app/platform/i18n/bundles.server.ts), all of
 * them without. With `v=` equal to the content's hash the answer never changes, so it is cached
 * for a year; any other `v` (a page from before a deployment) gets today's strings, cached briefly.
 * A browser that accepts brotli gets the bundle as compressed once at brotli's highest quality.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { namespaces, supportedLanguages } from "~/platform/i18n/config";
import { translationBundle } from "~/platform/i18n/bundles.server";

const paramsSchema = z.object({ lng: z.enum(supportedLanguages) });
const querySchema = z.object({
  ns: z
    .string()
    .transform((value) => value.split(","))
    .pipe(z.array(z.enum(namespaces)).min(1))
    .optional(),
  v: z.string().max(64).optional(),
});

export async function loader({ params, request }: LoaderFunctionArgs) {
  const parsedParams = paramsSchema.safeParse(params);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsedParams.success || !query.success) return new Response("Not Found", { status: 404 });
  const bundle = translationBundle(parsedParams.data.lng, query.data.ns ?? namespaces);
  const cacheControl =
    query.data.v === bundle.hash
      ? "public, max-age=31536000, immutable"
      : "public, max-age=3600, stale-while-revalidate=86400";
  const headers = new Headers({
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": cacheControl,
    Vary: "Accept-Encoding",
  });
  if (!acceptsBrotli(request.headers)) return new Response(bundle.body, { headers });
  // Already compressed: the server's compression middleware leaves an answer with an encoding alone.
  headers.set("Content-Encoding", "br");
  return new Response(bundle.brotli(), { headers });
}

/** `Accept-Encoding` lists `br` (or `*`) without `q=0`. */
function acceptsBrotli(headers: Headers): boolean {
  return (headers.get("accept-encoding") ?? "").split(",").some((entry) => {
    const [coding, ...parameters] = entry.split(";").map((part) => part.trim().toLowerCase());
    const refused = parameters.some((parameter) => /^q=0(\.0*)?$/.test(parameter));
    return (coding === "br" || coding === "*") && !refused;
  });
}
