import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FormFailure } from "~/web/form-failures.server";
import { failureFor, FormError, FormField, formFields } from "~/components/form-field";
import { FormToken } from "~/security/form-guards";

export interface PersonItem {
  userId: string;
  name: string;
  email: string;
  pending: boolean;
}

/**
 * The section of people holding a role (moderators, members of an institution), each with a button
 * to take it back, and a form to give it to an existing account by e-mail.
 */
export function PeopleWithRole({
  headingId,
  heading,
  intro,
  idPrefix,
  people,
  emptyLabel,
  addIntent,
  removeIntent,
  addLabel,
  failure,
}: {
  /** Where the action sends the browser back to after a change. */
  headingId: string;
  heading: string;
  intro: string;
  idPrefix: string;
  people: readonly PersonItem[];
  emptyLabel: string;
  addIntent: string;
  removeIntent: string;
  addLabel: string;
  /** What the action sent back, when it was about this form. */
  failure?: FormFailure;
}) {
  const { t } = useTranslation("staff");
  const { field } = formFields(failureFor(failure, addIntent));
  const removeFailure = failureFor(failure, removeIntent);
  return (
    <section aria-labelledby={headingId} className="staff-form__section">
      <h2 id={headingId}>{heading}</h2>
      <p>{intro}</p>
      <div className="people">
        {people.length === 0 ? <p className="empty">{emptyLabel}</p> : null}
        <FormError message={removeFailure?.formError} values={removeFailure?.formErrorValues} />
        <ul className="people__list">
          {people.map((person) => (
            <li key={person.userId}>
              <span>
                {person.name} &lt;{person.email}&gt;
              </span>{" "}
              {person.pending ? <span className="tag">{t("people.pending")}</span> : null}{" "}
              <Form method="post" className="inline-form">
                <FormToken />
                <input type="hidden" name="intent" value={removeIntent} />
                <input type="hidden" name="userId" value={person.userId} />
                <button type="submit" className="button button--small button--quiet">
                  {t("people.remove", { name: person.name })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" className="stack people__add" noValidate>
          <FormToken />
          <input type="hidden" name="intent" value={addIntent} />
          <FormField
            {...field("email")}
            id={`${idPrefix}-email`}
            type="email"
            label={t("people.email")}
            hint={t("people.emailHint")}
            autoComplete="off"
            required
          />
          <button type="submit" className="button button--small">
            {addLabel}
          </button>
        </Form>
      </div>
    </section>
  );
}
