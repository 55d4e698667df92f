import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { loadInstitutionPortal } from "~/api/portal.server";
import { redirectWithSecret, takeSecret } from "~/web/secret-flash.server";
import { apiTokenForm, createApiToken, revokeApiToken, revokeTokenForm } from "~/api/tokens.server";
import { CheckboxGroup } from "~/components/choice-fields";
import { FormError, FormField, formFields } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { getDb } from "~/platform/db.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { requireAbility } from "~/web/guard.server";
import portalStyles from "~/styles/institution.css?url";
import { formatDateTime, formatNumber } from "~/platform/format";
import { formFailure, parseForm, type FormFailure } from "~/web/form-failures.server";
import { respondSuccess } from "~/web/respond.server";
import { rowId } from "~/platform/zod-fields";
import {
  createWebhook,
  deleteWebhook,
  disableWebhook,
  webhookForm,
  webhookTargetForm,
  type WebhookItem,
} from "~/webhooks/webhooks.server";
import { webhookEvents } from "~db/vocabulary";
import { FormToken } from "~/security/form-guards";
import { TableScroll } from "~/components/table-scroll";
import { parseSubmission } from "~/web/forms.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];

export const handle: PageHandle = { title: (t) => t("api:portal.title") };

/** Members of at least one institution, with a second factor; anyone else signed in is refused. */
const requireInstitutionMember = (request: Request) => requireAbility(request, "institution.portal", null);

export async function loader({ request }: LoaderFunctionArgs) {
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

type ActionAnswer = FormFailure;

const institutionIdForm = z.object({ institutionId: rowId("api:errors.webhookNotFound") });

/** The institution a form names, once the caller is known to manage its tokens and webhooks. */
async function requireInstitutionAbility(request: Request, formData: FormData): Promise<void> {
  const parsed = parseForm(institutionIdForm, formData);
  if (!parsed.ok) throw new Response("Not found", { status: 404 });
  await requireAbility(request, "institution.apiTokens", parsed.data);
}

export async function action({ request }: ActionFunctionArgs) {
  await requireInstitutionMember(request);
  const formData = await request.formData();
  const db = await getDb();
  switch (formData.get("intent")) {
    case "create-token": {
      const parsed = parseSubmission(apiTokenForm, formData);
      if (!parsed.ok) return parsed.answer;
      const { actor } = await requireAbility(request, "institution.apiTokens", {
        institutionId: parsed.data.institutionId,
      });
      const { token } = await createApiToken(db, { ...parsed.data, createdById: actor.userId });
      // Redirected, so refreshing the page makes no second token; the secret rides a one-time cookie.
      const { institutionId, name } = parsed.data;
      return redirectWithSecret(`/institution#tokens-${institutionId}`, { kind: "token", institutionId, name, token });
    }
    case "revoke-token": {
      const parsed = parseForm(revokeTokenForm, formData);
      if (!parsed.ok) return formFailure(formData, { fieldErrors: {}, formError: "api:errors.tokenNotFound" }, 404);
      await requireAbility(request, "institution.apiTokens", { institutionId: parsed.data.institutionId });
      const revoked = await revokeApiToken(db, parsed.data);
      if (!revoked) return formFailure(formData, { fieldErrors: {}, formError: "api:errors.tokenNotFound" }, 404);
      // Back to the list, without the `?revoke=` that asked for confirmation.
      const redirectTo = `/institution#tokens-${parsed.data.institutionId}`;
      return respondSuccess(formData, { redirectTo, flash: { message: "api:flash.revoked" }, result: null });
    }
    case "create-webhook": {
      await requireInstitutionAbility(request, formData);
      const parsed = parseSubmission(webhookForm, formData, ["events"]);
      if (!parsed.ok) return parsed.answer;
      const { secret } = await createWebhook(db, parsed.data);
      // Like a token, the signing secret is shown once, after a redirect.
      const { institutionId, url } = parsed.data;
      return redirectWithSecret(`/institution#webhooks-${institutionId}`, {
        kind: "webhook",
        institutionId,
        url,
        secret,
      });
    }
    case "disable-webhook":
    case "delete-webhook": {
      await requireInstitutionAbility(request, formData);
      const parsed = parseForm(webhookTargetForm, formData);
      const deleting = formData.get("intent") === "delete-webhook";
      const done = parsed.ok && (await (deleting ? deleteWebhook : disableWebhook)(db, parsed.data));
      if (!done) return formFailure(formData, { fieldErrors: {}, formError: "api:errors.webhookNotFound" }, 404);
      return respondSuccess(formData, {
        redirectTo: `/institution#webhooks-${parsed.data.institutionId}`,
        flash: { message: deleting ? "api:flash.webhookDeleted" : "api:flash.webhookDisabled" },
        result: null,
      });
    }
    default:
      return formFailure(formData, { fieldErrors: {}, formError: "api:errors.unknownIntent" });
  }
}

export default function InstitutionPortal() {
  const { t } = useTranslation("api");
  const { institutions, consultations, language, created: createdSecret } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionAnswer>();
  const [searchParams] = useSearchParams();
  const created = createdSecret?.kind === "token" ? createdSecret : undefined;
  const createdWebhook = createdSecret?.kind === "webhook" ? createdSecret : undefined;
  const confirming = Number(searchParams.get("revoke"));
  const confirmingWebhookDelete = Number(searchParams.get("deleteWebhook"));
  const number = (value: number) => formatNumber(value, language);

  return (
    <article className="page institution-portal">
      <h1>{t("portal.title")}</h1>
      <p className="lead">{t("portal.intro")}</p>
      <FormError message={failure?.formError} values={failure?.formErrorValues} />

      <section aria-labelledby="portal-consultations">
        <h2 id="portal-consultations">{t("portal.consultations.heading")}</h2>
        {consultations.length === 0 ? (
          <p>{t("portal.consultations.none")}</p>
        ) : (
          <TableScroll caption={t("portal.consultations.caption")} className="portal-table">
            <thead>
              <tr>
                <th scope="col">{t("portal.consultations.consultation")}</th>
                <th scope="col">{t("portal.consultations.phase")}</th>
                <th scope="col">{t("portal.consultations.participants")}</th>
                <th scope="col">{t("portal.consultations.votes")}</th>
                <th scope="col">{t("portal.consultations.comments")}</th>
                <th scope="col">{t("portal.consultations.links")}</th>
              </tr>
            </thead>
            <tbody>
              {consultations.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/c/${c.slug}`} lang={c.title.language}>
                      {c.title.text}
                    </Link>{" "}
                    <span className="portal-relation">
                      {t(c.owned ? "portal.consultations.owned" : "portal.consultations.followed")}
                    </span>
                  </th>
                  <td>{t(`common:phase.${c.phase}`)}</td>
                  <td>{number(c.participants)}</td>
                  <td>{number(c.votes)}</td>
                  <td>{number(c.publishedComments)}</td>
                  <td className="portal-links">
                    <Link to={`/c/${c.slug}/export`}>{t("portal.consultations.export")}</Link>
                    {c.owned ? (
                      <Link to={`/c/${c.slug}/responses/edit`}>{t("portal.consultations.responses")}</Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableScroll>
        )}
      </section>

      {institutions.map((institution) => {
        const headingId = `tokens-${institution.id}`;
        const { field } = formFields(
          failure && failure.values.intent === "create-token" && failure.values.institutionId === String(institution.id)
            ? failure
            : undefined,
        );
        return (
          <section key={institution.id} aria-labelledby={headingId} className="portal-tokens">
            <h2 id={headingId} tabIndex={-1}>
              {t("tokens.heading", { institution: institution.name.text })}
            </h2>
            <p>
              {t("tokens.intro")} <a href="/api/v1/openapi.json">{t("tokens.documentation")}</a>
            </p>

            {created?.institutionId === institution.id ? (
              <div className="token-created" role="status">
                <p>
                  <strong>{t("tokens.created", { name: created.name })}</strong> {t("tokens.shownOnce")}
                </p>
                <label htmlFor={`created-token-${institution.id}`}>{t("tokens.secretLabel")}</label>
                <input id={`created-token-${institution.id}`} readOnly value={created.token} className="token-secret" />
              </div>
            ) : null}

            <Form method="post" className="token-form">
              <FormToken />
              <input type="hidden" name="intent" value="create-token" />
              <input type="hidden" name="institutionId" value={institution.id} />
              <FormField
                {...field("name")}
                id={`token-name-${institution.id}`}
                label={t("tokens.name")}
                hint={t("tokens.nameHint")}
                required
                maxLength={100}
              />
              <button type="submit">{t("tokens.create")}</button>
            </Form>

            {institution.tokens.length === 0 ? (
              <p>{t("tokens.none")}</p>
            ) : (
              <TableScroll
                caption={t("tokens.caption", { institution: institution.name.text })}
                className="portal-table"
              >
                <thead>
                  <tr>
                    <th scope="col">{t("tokens.name")}</th>
                    <th scope="col">{t("tokens.prefix")}</th>
                    <th scope="col">{t("tokens.createdAt")}</th>
                    <th scope="col">{t("tokens.lastUsedAt")}</th>
                    <th scope="col">{t("tokenExpiry.expiresAt")}</th>
                    <th scope="col">{t("tokens.state")}</th>
                  </tr>
                </thead>
                <tbody>
                  {institution.tokens.map((token) => (
                    <tr key={token.id}>
                      <th scope="row">{token.name}</th>
                      <td>
                        <code>{token.tokenPrefix}…</code>
                      </td>
                      <td>{formatDateTime(token.createdAt, language)}</td>
                      <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, language) : t("tokens.neverUsed")}</td>
                      <td>{formatDateTime(token.expiresAt, language)}</td>
                      <td>
                        {token.revokedAt ? (
                          t("tokens.revokedOn", { date: formatDateTime(token.revokedAt, language) })
                        ) : confirming === token.id ? (
                          <Form method="post" className="token-revoke">
                            <FormToken />
                            <input type="hidden" name="intent" value="revoke-token" />
                            <input type="hidden" name="institutionId" value={institution.id} />
                            <input type="hidden" name="tokenId" value={token.id} />
                            <p>{t("tokens.confirmRevoke", { name: token.name })}</p>
                            <button type="submit">{t("tokens.confirmRevokeButton")}</button>{" "}
                            <Link to={`/institution#${headingId}`}>{t("tokens.cancel")}</Link>
                          </Form>
                        ) : (
                          <Link
                            to={`/institution?revoke=${token.id}#${headingId}`}
                            aria-label={t("tokens.revokeFor", { name: token.name })}
                          >
                            {t("tokens.revoke")}
                          </Link>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </TableScroll>
            )}

            <WebhooksSection
              institutionId={institution.id}
              institutionName={institution.name.text}
              webhooks={institution.webhooks}
              created={createdWebhook?.institutionId === institution.id ? createdWebhook : undefined}
              failure={
                failure &&
                failure.values.intent === "create-webhook" &&
                failure.values.institutionId === String(institution.id)
                  ? failure
                  : undefined
              }
              confirmingDelete={confirmingWebhookDelete}
              language={language}
            />
          </section>
        );
      })}
    </article>
  );
}

interface WebhooksSectionProps {
  institutionId: number;
  institutionName: string;
  webhooks: Array<
    Omit<WebhookItem, "createdAt" | "disabledAt" | "deliveries"> & {
      createdAt: string | Date;
      disabledAt: string | Date | null;
      deliveries: Array<
        Omit<WebhookItem["deliveries"][number], "createdAt" | "deliveredAt"> & {
          createdAt: string | Date;
          deliveredAt: string | Date | null;
        }
      >;
    }
  >;
  created?: { url: string; secret: string };
  /** The form failed for this institution's webhook form. */
  failure?: FormFailure;
  /** The webhook whose deletion is being confirmed (`?deleteWebhook=`). */
  confirmingDelete: number;
  language: string;
}

/** An institution's webhooks: register one (secret shown once), their recent deliveries, disable or delete. */
function WebhooksSection({
  institutionId,
  institutionName,
  webhooks,
  created,
  failure,
  confirmingDelete,
  language,
}: WebhooksSectionProps) {
  const { t } = useTranslation("api");
  const headingId = `webhooks-${institutionId}`;
  const { field } = formFields(failure);
  const urlField = field("url");
  return (
    <section aria-labelledby={headingId} className="portal-webhooks">
      <h3 id={headingId} tabIndex={-1}>
        {t("webhooks.heading", { institution: institutionName })}
      </h3>
      <p>{t("webhooks.intro")}</p>

      {created ? (
        <div className="token-created" role="status">
          <p>
            <strong>{t("webhooks.created", { url: created.url })}</strong> {t("webhooks.shownOnce")}
          </p>
          <label htmlFor={`created-webhook-secret-${institutionId}`}>{t("webhooks.secretLabel")}</label>
          <input
            id={`created-webhook-secret-${institutionId}`}
            readOnly
            value={created.secret}
            className="token-secret"
          />
        </div>
      ) : null}

      <Form method="post" className="token-form">
        <FormToken />
        <input type="hidden" name="intent" value="create-webhook" />
        <input type="hidden" name="institutionId" value={institutionId} />
        <FormField
          {...urlField}
          id={`webhook-url-${institutionId}`}
          type="url"
          label={t("webhooks.url")}
          hint={t("webhooks.urlHint")}
          required
          maxLength={2000}
        />
        <CheckboxGroup
          name="events"
          id={`webhook-events-${institutionId}`}
          label={t("webhooks.events")}
          error={failure?.fieldErrors.events}
          choices={webhookEvents.map((event) => ({ value: event, label: t(`webhooks.event.${event}`) }))}
          checked={webhookEvents}
        />
        <button type="submit">{t("webhooks.create")}</button>
      </Form>

      {webhooks.length === 0 ? (
        <p>{t("webhooks.none")}</p>
      ) : (
        webhooks.map((hook) => (
          <div key={hook.id} id={`webhook-${hook.id}`} className="webhook-item">
            <p>
              <code>{hook.url}</code> — {hook.events.map((event) => t(`webhooks.event.${event}`)).join(", ")} —{" "}
              {hook.disabledAt
                ? t("webhooks.disabledOn", { date: formatDateTime(hook.disabledAt, language) })
                : t("webhooks.active")}
            </p>
            {confirmingDelete === hook.id ? (
              <Form method="post" className="webhook-actions">
                <FormToken />
                <input type="hidden" name="intent" value="delete-webhook" />
                <input type="hidden" name="institutionId" value={institutionId} />
                <input type="hidden" name="webhookId" value={hook.id} />
                <p>{t("webhooks.confirmDelete", { url: hook.url })}</p>
                <button type="submit">{t("webhooks.confirmDeleteButton")}</button>{" "}
                <Link to={`/institution#${headingId}`}>{t("tokens.cancel")}</Link>
              </Form>
            ) : (
              <Form method="post" className="webhook-actions">
                <FormToken />
                <input type="hidden" name="institutionId" value={institutionId} />
                <input type="hidden" name="webhookId" value={hook.id} />
                {hook.disabledAt ? null : (
                  <button type="submit" name="intent" value="disable-webhook">
                    {t("webhooks.disable")}
                  </button>
                )}{" "}
                {/* A link to the confirmation, not a button: deleting also drops the delivery history. */}
                <Link
                  to={`/institution?deleteWebhook=${hook.id}#webhook-${hook.id}`}
                  aria-label={t("webhooks.deleteFor", { url: hook.url })}
                >
                  {t("webhooks.delete")}
                </Link>
              </Form>
            )}
            {hook.deliveries.length === 0 ? (
              <p>{t("webhooks.noDeliveries")}</p>
            ) : (
              <TableScroll caption={t("webhooks.deliveriesCaption", { url: hook.url })} className="portal-table">
                <thead>
                  <tr>
                    <th scope="col">{t("webhooks.delivery")}</th>
                    <th scope="col">{t("webhooks.event.heading")}</th>
                    <th scope="col">{t("webhooks.status.heading")}</th>
                    <th scope="col">{t("webhooks.attempts")}</th>
                    <th scope="col">{t("webhooks.lastResult")}</th>
                    <th scope="col">{t("webhooks.queuedAt")}</th>
                  </tr>
                </thead>
                <tbody>
                  {hook.deliveries.map((delivery) => (
                    <tr key={delivery.id}>
                      <th scope="row">{delivery.id}</th>
                      <td>{t(`webhooks.event.${delivery.event}`)}</td>
                      <td>{t(`webhooks.status.${delivery.status}`)}</td>
                      <td>{formatNumber(delivery.attempts, language)}</td>
                      <td>{delivery.lastStatusCode ?? delivery.lastError ?? "—"}</td>
                      <td>{formatDateTime(delivery.createdAt, language)}</td>
                    </tr>
                  ))}
                </tbody>
              </TableScroll>
            )}
          </div>
        ))
      )}
    </section>
  );
}
