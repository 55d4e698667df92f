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
