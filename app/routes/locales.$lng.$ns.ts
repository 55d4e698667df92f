/** Translation files for the browser, cached: the page itself never waits for them. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { namespaces, supportedLanguages } from "~/i18n/config";
import { getResources } from "~/i18n/resources.server";

const paramsSchema = z.object({ lng: z.enum(supportedLanguages), ns: z.enum(namespaces) });

export async function loader({ params }: LoaderFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) return new Response("Not Found", { status: 404 });
  const { lng, ns } = parsed.data;
  return Response.json(getResources()[lng]?.[ns] ?? {}, {
    headers: { "Cache-Control": "public, max-age=3600, stale-while-revalidate=86400" },
  });
}
