/**
 * What domain code needs to read or act on a consultation for someone: the database, the
 * consultation, who asks and in which language. The web edge builds it from a request
 * (app/web/consultation-context.server.ts); domain functions take it and know nothing of requests.
 */
import type { Database } from "~/platform/db.server";
import type { Language } from "~/platform/i18n/config";
import type { Actor, ConsultationScope } from "~/platform/permissions.server";
import type { ConsultationRow } from "~/consultations/consultations.server";

export interface ConsultationReader {
  db: Database;
  consultation: ConsultationRow;
  scope: ConsultationScope;
  actor: Actor;
  language: Language;
}
