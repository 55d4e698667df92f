/** Pieces the portal's token and webhook sections share. */
import { Form } from "@remix-run/react";
import { FormToken } from "~/security/form-guards";

/** A post about one institution's tokens or webhooks; without `intent`, its buttons name theirs. */
export function PortalForm({
  intent,
  institutionId,
  className,
  children,
}: {
  intent?: string;
  institutionId: number;
  className: string;
  children: React.ReactNode;
}) {
  return (
    <Form method="post" className={className}>
      <FormToken />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <input type="hidden" name="institutionId" value={institutionId} />
      {children}
    </Form>
  );
}

/** A new token's or webhook's secret, shown once, right after it was made: no page shows it again. */
export function SecretShownOnce({
  id,
  heading,
  shownOnce,
  label,
  secret,
}: {
  id: string;
  heading: string;
  shownOnce: string;
  label: string;
  secret: string;
}) {
  return (
    <div className="token-created" role="status">
      <p>
        <strong>{heading}</strong> {shownOnce}
      </p>
      <label htmlFor={id}>{label}</label>
      <input id={id} readOnly value={secret} className="token-secret" />
    </div>
  );
}
