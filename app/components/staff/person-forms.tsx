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
 * The roles the staff give to an account by e-mail, each with its section on a staff page:
 * the id the action sends the browser back to, the intents the section's forms post (the action
 * switches on the same ones), and the section's words.
 */
export const roleSections = {
  moderator: {
    headingId: "moderators-heading",
    idPrefix: "moderator",
    addIntent: "assign-moderator",
    removeIntent: "remove-moderator",
    words: {
      heading: "moderators.heading",
      intro: "moderators.intro",
      none: "moderators.none",
      add: "moderators.assign",
    },
  },
  facilitator: {
    headingId: "facilitators-heading",
    idPrefix: "facilitator",
    addIntent: "assign-facilitator",
    removeIntent: "remove-facilitator",
    words: {
      heading: "facilitators.heading",
      intro: "facilitators.intro",
      none: "facilitators.none",
      add: "facilitators.assign",
    },
  },
  institutionMember: {
    headingId: "members-heading",
    idPrefix: "member",
    addIntent: "add-member",
    removeIntent: "remove-member",
    words: {
      heading: "institutions.membersHeading",
      intro: "institutions.membersIntro",
      none: "institutions.noMembers",
      add: "institutions.addMember",
    },
  },
} as const;

/**
 * The section of people holding a role (moderators, facilitators, members of an institution), each with a button
 * to take it back, and a form to give it to an existing account by e-mail.
 */
export function PeopleWithRole({
  role,
  people,
  failure,
}: {
  role: keyof typeof roleSections;
  people: readonly PersonItem[];
  /** What the action sent back, when it was about this form. */
  failure?: FormFailure;
}) {
  const { headingId, idPrefix, addIntent, removeIntent, words } = roleSections[role];
  const { t } = useTranslation("staff");
  const { field } = formFields(failureFor(failure, addIntent));
  const removeFailure = failureFor(failure, removeIntent);
  return (
    <section aria-labelledby={headingId} className="staff-form__section">
      <h2 id={headingId}>{t(words.heading)}</h2>
      <p>{t(words.intro)}</p>
      <div className="people">
        {people.length === 0 ? <p className="empty">{t(words.none)}</p> : null}
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
            {t(words.add)}
          </button>
        </Form>
      </div>
    </section>
  );
}
