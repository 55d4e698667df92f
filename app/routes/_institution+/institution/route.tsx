import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { failureFor, FormError } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import portalStyles from "~/styles/institution.css?url";
import type { FormFailure } from "~/web/form-failures.server";
import { ApiTokens } from "./__api-tokens";
import { PortalConsultations } from "./__consultations";
import { WebhooksSection } from "./__webhooks";
import {
  addWebhook,
  createToken,
  disableOrDeleteWebhook,
  loadPortalPage,
  refused,
  requireInstitutionMember,
  revokeToken,
} from "./portal.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];

export const handle: PageHandle = { title: (t) => t("api:portal.title") };

export const loader = ({ request }: LoaderFunctionArgs) => loadPortalPage(request);

const handlers = {
  "create-token": createToken,
  "revoke-token": revokeToken,
  "create-webhook": addWebhook,
  "disable-webhook": disableOrDeleteWebhook,
  "delete-webhook": disableOrDeleteWebhook,
};

export async function action({ request }: ActionFunctionArgs) {
  await requireInstitutionMember(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  if (!Object.hasOwn(handlers, intent)) return refused(formData, "unknownIntent");
  return handlers[intent as keyof typeof handlers](request, formData);
}

export default function InstitutionPortal() {
  const { t } = useTranslation("api");
  const { institutions } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  return (
    <article className="page institution-portal">
      <h1>{t("portal.title")}</h1>
      <p className="lead">{t("portal.intro")}</p>
      <FormError message={failure?.formError} values={failure?.formErrorValues} />
      <PortalConsultations />
      {institutions.map((institution) => {
        const from = { institutionId: institution.id };
        return (
          <section key={institution.id} aria-labelledby={`tokens-${institution.id}`} className="portal-tokens">
            <ApiTokens institution={institution} failure={failureFor(failure, "create-token", from)} />
            <WebhooksSection institution={institution} failure={failureFor(failure, "create-webhook", from)} />
          </section>
        );
      })}
    </article>
  );
}
