/** What the institution portal shows a member: their institutions, consultations, API tokens and webhooks. */
import { asc, inArray } from "drizzle-orm";
import { institution } from "~db/schema";
import type { Queryable } from "~/platform/db.server";
import { localize } from "~/platform/i18n/localize";
import { listInstitutionConsultations } from "~/api/consultations.server";
import { listWebhooks } from "~/webhooks/webhooks.server";
import { listApiTokens } from "~/api/tokens.server";

export async function loadInstitutionPortal(db: Queryable, institutionIds: readonly number[], language: string) {
  const [institutions, consultations, tokens, webhooks] = await Promise.all([
    db
      .select({ id: institution.id, name: institution.name })
      .from(institution)
      .where(inArray(institution.id, [...institutionIds]))
      .orderBy(asc(institution.id)),
    listInstitutionConsultations(db, institutionIds),
    listApiTokens(db, institutionIds),
    listWebhooks(db, institutionIds),
  ]);
  return {
    institutions: institutions.map((i) => ({
      id: i.id,
      name: localize(i.name, language, "en"),
      tokens: tokens.filter((token) => token.institutionId === i.id),
      webhooks: webhooks.filter((hook) => hook.institutionId === i.id),
    })),
    consultations: consultations.items.map((c) => ({ ...c, title: localize(c.title, language, "en") })),
  };
}
