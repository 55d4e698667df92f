import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { listInstitutionConsultations } from "~/api/consultations.server";
import { apiError, apiJson, requireApiCaller } from "~/web/api-http.server";

const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** The consultations the token's institution owns or follows, oldest first, with a `next` link. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { db, caller } = await requireApiCaller(request);
  const url = new URL(request.url);
  const query = pageQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return apiError(400, "page must be a positive integer and limit between 1 and 100.");
  const { page, limit } = query.data;
  const { items, total } = await listInstitutionConsultations(db, [caller.institutionId], {
    offset: (page - 1) * limit,
    limit,
  });
  const next = page * limit < total ? new URL(url) : null;
  next?.searchParams.set("page", String(page + 1));
  next?.searchParams.set("limit", String(limit));
  return apiJson({
    data: items.map(({ slug, title, phase, opensAt, closesAt, owned, participants, votes, publishedComments }) => ({
      slug,
      title,
      phase,
      opensAt,
      closesAt,
      relation: owned ? "owner" : "follower",
      participants,
      votes,
      publishedComments,
    })),
    page,
    limit,
    total,
    next: next ? next.pathname + next.search : null,
  });
}
