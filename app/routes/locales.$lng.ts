/**
 * Every translation of one language, for the browser to hydrate with: one cached request instead
 * of one per namespace (and per fallback language), which on a slow network is the difference
 * between a page that answers at once and one that waits on a dozen round trips.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { supportedLanguages } from "~/i18n/config";
import { getResources } from "~/i18n/resources.server";

const paramsSchema = z.object({ lng: z.enum(supportedLanguages) });

export async function loader({ params }: LoaderFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) return new Response("Not Found", { status: 404 });
  return Response.json(getResources()[parsed.data.lng] ?? {}, {
    headers: { "Cache-Control": "public, max-age=3600, stale-while-revalidate=86400" },
  });
}
