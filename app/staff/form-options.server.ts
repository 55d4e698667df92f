/** The choices the consultation form offers, named in the reader's language. */
import type { Queryable } from "~/platform/db.server";
import { localize } from "~/platform/i18n/localize";
import { countryOptions } from "~/participation/profile.server";
import { listInstitutions } from "~/staff/institutions.server";

export async function consultationFormOptions(db: Queryable, language: string) {
  const institutions = await listInstitutions(db);
  return {
    countries: countryOptions(language).map(({ code, name }) => ({ value: code, label: name })),
    institutions: institutions.map((row) => ({ value: String(row.id), label: localize(row.name, language).text })),
  };
}
