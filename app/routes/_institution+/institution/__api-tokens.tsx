/** An institution's API tokens: create one (its secret shown once), list them, revoke one. */
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormField, formFields } from "~/components/form-field";
import { DataTable } from "~/components/data-table";
import { formatDateTime } from "~/platform/format";
import type { FormFailure } from "~/web/form-failures.server";
import { PortalForm, SecretShownOnce } from "./__portal-parts";
import type { loader } from "./route";

export type PortalInstitution = ReturnType<typeof useLoaderData<typeof loader>>["institutions"][number];

export function ApiTokens({ institution, failure }: { institution: PortalInstitution; failure?: FormFailure }) {
  const { t } = useTranslation("api");
  const { created } = useLoaderData<typeof loader>();
  const { field } = formFields(failure);
  const headingId = `tokens-${institution.id}`;
  return (
    <>
      <h2 id={headingId} tabIndex={-1}>
        {t("tokens.heading", { institution: institution.name.text })}
      </h2>
      <p>
        {t("tokens.intro")} <a href="/api/v1/openapi.json">{t("tokens.documentation")}</a>
      </p>

      {created?.kind === "token" && created.institutionId === institution.id ? (
        <SecretShownOnce
          id={`created-token-${institution.id}`}
          heading={t("tokens.created", { name: created.name })}
          shownOnce={t("tokens.shownOnce")}
          label={t("tokens.secretLabel")}
          secret={created.token}
        />
      ) : null}

      <PortalForm intent="create-token" institutionId={institution.id} className="token-form">
        <FormField
          {...field("name")}
          id={`token-name-${institution.id}`}
          label={t("tokens.name")}
          hint={t("tokens.nameHint")}
          required
          maxLength={100}
        />
        <button type="submit">{t("tokens.create")}</button>
      </PortalForm>

      {institution.tokens.length === 0 ? (
        <p>{t("tokens.none")}</p>
      ) : (
        <DataTable
          caption={t("tokens.caption", { institution: institution.name.text })}
          className="records-table"
          columns={[
            t("tokens.name"),
            t("tokens.prefix"),
            t("tokens.createdAt"),
            t("tokens.lastUsedAt"),
            t("tokenExpiry.expiresAt"),
            t("tokens.state"),
          ]}
        >
          {institution.tokens.map((token) => (
            <TokenRow key={token.id} institutionId={institution.id} token={token} />
          ))}
        </DataTable>
      )}
    </>
  );
}

/** A token; revoking it asks first (`?revoke=`), with a link so that it works without JavaScript. */
function TokenRow({ institutionId, token }: { institutionId: number; token: PortalInstitution["tokens"][number] }) {
  const { t } = useTranslation("api");
  const { language } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const headingId = `tokens-${institutionId}`;
  return (
    <tr>
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
        ) : Number(searchParams.get("revoke")) === token.id ? (
          <PortalForm intent="revoke-token" institutionId={institutionId} className="token-revoke">
            <input type="hidden" name="tokenId" value={token.id} />
            <p>{t("tokens.confirmRevoke", { name: token.name })}</p>
            <button type="submit">{t("tokens.confirmRevokeButton")}</button>{" "}
            <Link to={`/institution#${headingId}`}>{t("tokens.cancel")}</Link>
          </PortalForm>
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
  );
}
