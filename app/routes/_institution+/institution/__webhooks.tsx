/** An institution's webhooks: register one (secret shown once), their recent deliveries, disable or delete. */
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { webhookEvents } from "~db/vocabulary";
import { CheckboxGroup } from "~/components/choice-fields";
import { FormField, formFields } from "~/components/form-field";
import { DataTable } from "~/components/data-table";
import { formatDateTime, formatNumber } from "~/platform/format";
import type { FormFailure } from "~/web/form-failures.server";
import type { PortalInstitution } from "./__api-tokens";
import { PortalForm, SecretShownOnce } from "./__portal-parts";
import type { loader } from "./route";

type Webhook = PortalInstitution["webhooks"][number];

export function WebhooksSection({ institution, failure }: { institution: PortalInstitution; failure?: FormFailure }) {
  const { t } = useTranslation("api");
  const { created } = useLoaderData<typeof loader>();
  const institutionId = institution.id;
  const headingId = `webhooks-${institutionId}`;
  const { field } = formFields(failure);
  return (
    <section aria-labelledby={headingId} className="portal-webhooks">
      <h3 id={headingId} tabIndex={-1}>
        {t("webhooks.heading", { institution: institution.name.text })}
      </h3>
      <p>{t("webhooks.intro")}</p>

      {created?.kind === "webhook" && created.institutionId === institutionId ? (
        <SecretShownOnce
          id={`created-webhook-secret-${institutionId}`}
          heading={t("webhooks.created", { url: created.url })}
          shownOnce={t("webhooks.shownOnce")}
          label={t("webhooks.secretLabel")}
          secret={created.secret}
        />
      ) : null}

      <PortalForm intent="create-webhook" institutionId={institutionId} className="token-form">
        <FormField
          {...field("url")}
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
      </PortalForm>

      {institution.webhooks.length === 0 ? (
        <p>{t("webhooks.none")}</p>
      ) : (
        institution.webhooks.map((hook) => <WebhookItem key={hook.id} institutionId={institutionId} hook={hook} />)
      )}
    </section>
  );
}

function WebhookItem({ institutionId, hook }: { institutionId: number; hook: Webhook }) {
  const { t } = useTranslation("api");
  const { language } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <div id={`webhook-${hook.id}`} className="webhook-item">
      <p>
        <code>{hook.url}</code> — {hook.events.map((event) => t(`webhooks.event.${event}`)).join(", ")} —{" "}
        {hook.disabledAt
          ? t("webhooks.disabledOn", { date: formatDateTime(hook.disabledAt, language) })
          : t("webhooks.active")}
      </p>
      {Number(searchParams.get("deleteWebhook")) === hook.id ? (
        <PortalForm intent="delete-webhook" institutionId={institutionId} className="webhook-actions">
          <input type="hidden" name="webhookId" value={hook.id} />
          <p>{t("webhooks.confirmDelete", { url: hook.url })}</p>
          <button type="submit">{t("webhooks.confirmDeleteButton")}</button>{" "}
          <Link to={`/institution#webhooks-${institutionId}`}>{t("tokens.cancel")}</Link>
        </PortalForm>
      ) : (
        <PortalForm institutionId={institutionId} className="webhook-actions">
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
        </PortalForm>
      )}
      {hook.deliveries.length === 0 ? <p>{t("webhooks.noDeliveries")}</p> : <Deliveries hook={hook} />}
    </div>
  );
}

function Deliveries({ hook }: { hook: Webhook }) {
  const { t } = useTranslation("api");
  const { language } = useLoaderData<typeof loader>();
  return (
    <DataTable
      caption={t("webhooks.deliveriesCaption", { url: hook.url })}
      className="records-table"
      columns={[
        t("webhooks.delivery"),
        t("webhooks.event.heading"),
        t("webhooks.status.heading"),
        t("webhooks.attempts"),
        t("webhooks.lastResult"),
        t("webhooks.queuedAt"),
      ]}
    >
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
    </DataTable>
  );
}
