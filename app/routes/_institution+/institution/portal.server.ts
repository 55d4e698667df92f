/**
 * What the institution portal's loader and action call: the page's data with a secret shown once,
 * and one handler per posted intent (API tokens and webhooks).
 */
import { data } from "@remix-run/node";
import { z } from "zod";
import { loadInstitutionPortal } from "~/api/portal.server";
import { apiTokenForm, createApiToken, revokeApiToken, revokeTokenForm } from "~/api/tokens.server";
import { getDb } from "~/platform/db.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { rowId } from "~/platform/zod-fields";
import {
  createWebhook,
  deleteWebhook,
  disableWebhook,
  webhookForm,
  webhookTargetForm,
} from "~/webhooks/webhooks.server";
import { formFailure, parseForm } from "~/web/form-failures.server";
import { parseSubmission } from "~/web/forms.server";
import { requireAbility } from "~/web/guard.server";
import { respondSuccess } from "~/web/respond.server";
import { redirectWithSecret, takeSecret } from "~/web/secret-flash.server";

/** Members of at least one institution, with a second factor; anyone else signed in is refused. */
export const requireInstitutionMember = (request: Request) => requireAbility(request, "institution.portal", null);

export async function loadPortalPage(request: Request) {
  const { actor } = await requireInstitutionMember(request);
  const language = await getLanguage(request);
  const { created: taken, setCookie } = await takeSecret(request);
  const portal = await loadInstitutionPortal(await getDb(), actor.institutions, language);
  // Only for an institution this member still belongs to (another account may have signed in since).
  const created = taken && actor.institutions.includes(taken.institutionId) ? taken : null;
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  // A page carrying a secret is never stored by the browser or a proxy.
  if (created) headers.set("Cache-Control", "no-store");
  return data({ ...portal, language, created }, { headers });
}

/** A post refused with one message for the whole page. */
export function refused(formData: FormData, message: string, status = 400) {
  return formFailure(formData, { fieldErrors: {}, formError: `api:errors.${message}` }, status);
}

/** Back to the institution's tokens or webhooks, with a flash. */
function done(formData: FormData, anchor: string, message: string) {
  return respondSuccess(formData, { redirectTo: `/institution#${anchor}`, flash: { message }, result: null });
}

const institutionIdForm = z.object({ institutionId: rowId("api:errors.webhookNotFound") });

/** The institution a form names, once the caller is known to manage its tokens and webhooks. */
async function requireInstitutionAbility(request: Request, formData: FormData): Promise<void> {
  const parsed = parseForm(institutionIdForm, formData);
  if (!parsed.ok) throw new Response("Not found", { status: 404 });
  await requireAbility(request, "institution.apiTokens", parsed.data);
}

export async function createToken(request: Request, formData: FormData) {
  const parsed = parseSubmission(apiTokenForm, formData);
  if (!parsed.ok) return parsed.answer;
  const { institutionId, name } = parsed.data;
  const { actor } = await requireAbility(request, "institution.apiTokens", { institutionId });
  const { token } = await createApiToken(await getDb(), { ...parsed.data, createdById: actor.userId });
  // Redirected, so refreshing the page makes no second token; the secret rides a one-time cookie.
  return redirectWithSecret(`/institution#tokens-${institutionId}`, { kind: "token", institutionId, name, token });
}

export async function revokeToken(request: Request, formData: FormData) {
  const parsed = parseForm(revokeTokenForm, formData);
  if (!parsed.ok) return refused(formData, "tokenNotFound", 404);
  await requireAbility(request, "institution.apiTokens", { institutionId: parsed.data.institutionId });
  if (!(await revokeApiToken(await getDb(), parsed.data))) return refused(formData, "tokenNotFound", 404);
  // Back to the list, without the `?revoke=` that asked for confirmation.
  return done(formData, `tokens-${parsed.data.institutionId}`, "api:flash.revoked");
}

export async function addWebhook(request: Request, formData: FormData) {
  await requireInstitutionAbility(request, formData);
  const parsed = parseSubmission(webhookForm, formData, ["events"]);
  if (!parsed.ok) return parsed.answer;
  const { secret } = await createWebhook(await getDb(), parsed.data);
  // Like a token, the signing secret is shown once, after a redirect.
  const { institutionId, url } = parsed.data;
  return redirectWithSecret(`/institution#webhooks-${institutionId}`, { kind: "webhook", institutionId, url, secret });
}

/** Disabling keeps a webhook's delivery history; deleting drops it with the webhook. */
export async function disableOrDeleteWebhook(request: Request, formData: FormData) {
  await requireInstitutionAbility(request, formData);
  const parsed = parseForm(webhookTargetForm, formData);
  const deleting = formData.get("intent") === "delete-webhook";
  const changed = parsed.ok && (await (deleting ? deleteWebhook : disableWebhook)(await getDb(), parsed.data));
  if (!changed) return refused(formData, "webhookNotFound", 404);
  const message = deleting ? "api:flash.webhookDeleted" : "api:flash.webhookDisabled";
  return done(formData, `webhooks-${parsed.data.institutionId}`, message);
}
