/**
 * The meeting page's parts: the meeting's details, what has been entered so far, the three entry
 * forms (vote counts, a paper ballot, a comment) and the moderators' form to void it. Every form
 * posts without JavaScript; each refills and sums up only its own refusal (`failureFor`).
 */
import { useTranslation } from "react-i18next";
import { AccountForm } from "~/components/account-form";
import { CheckboxField, choicesOf, languageChoices, SelectField, TextAreaField } from "~/components/choice-fields";
import { DataTable } from "~/components/data-table";
import { failureFor, formFields, NumberField } from "~/components/form-field";
import { LabelledSection } from "~/components/labelled-section";
import { commentStances } from "~/components/comment-form";
import { formatDate, formatDateTime, formatNumber } from "~/platform/format";
import { languageAutonyms, isSupportedLanguage } from "~/platform/i18n/config";
import type { FormFailure } from "~/web/form-failures.server";
import type { MeetingPageData } from "./meeting-page.server";

type Priorities = MeetingPageData["priorities"];

const languageName = (code: string) => (isSupportedLanguage(code) ? languageAutonyms[code] : code);

export function MeetingDetails({ data }: { data: MeetingPageData }) {
  const { t } = useTranslation("meetings");
  const { meeting: m, language } = data;
  const rows: [string, React.ReactNode][] = [
    [t("record.heldOn"), formatDate(m.heldOn, language)],
    [t("details.where"), `${m.place}, ${m.country}`],
    [t("record.language"), <span lang={m.language}>{languageName(m.language)}</span>],
    [t("record.peoplePresent"), formatNumber(m.peoplePresent, language)],
    [t("record.method"), t(`methods.${m.method}`)],
    [t("list.facilitator"), m.facilitator ?? t("totals.former")],
  ];
  return (
    <dl className="meeting-details">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function VoidedNotice({ data }: { data: MeetingPageData }) {
  const { t } = useTranslation("meetings");
  const { meeting: m } = data;
  if (m.status !== "voided") return null;
  return (
    <div className="notice">
      <p>
        <strong>{t("void.voidedOn", { date: formatDateTime(m.voidedAt, data.language) })}</strong>
      </p>
      <p>{t("void.voidedReason", { reason: m.voidedReason ?? "" })}</p>
    </div>
  );
}

/** What has been entered per priority, how much room is left, and the comments typed in. */
export function MeetingEntries({ data }: { data: MeetingPageData }) {
  const { t } = useTranslation(["meetings", "comments"]);
  const number = (value: number) => formatNumber(value, data.language);
  return (
    <LabelledSection headingId="entries-heading" heading={t("entries.heading")}>
      <p>{t("entries.limit", { people: number(data.meeting.peoplePresent) })}</p>
      <DataTable
        caption={t("entries.caption")}
        columns={[
          t("entries.priority"),
          t("entries.agree"),
          t("entries.disagree"),
          t("entries.pass"),
          t("entries.votesLeft"),
          t("entries.comments"),
        ]}
      >
        {data.priorities.map((p) => (
          <tr key={p.id}>
            <th scope="row" lang={p.title.language}>
              {p.title.text}
            </th>
            <td>{number(p.agree)}</td>
            <td>{number(p.disagree)}</td>
            <td>{number(p.pass)}</td>
            <td>{number(p.votesLeft)}</td>
            <td>{number(p.comments)}</td>
          </tr>
        ))}
      </DataTable>
      {data.budget !== null ? (
        <p>
          {data.ballotNumbersUsed.length === 0
            ? t("entries.noBallots")
            : t("entries.ballots", { numbers: data.ballotNumbersUsed.map(number).join(", ") })}
        </p>
      ) : null}
      {data.comments.length > 0 ? (
        <ul className="meeting-comments">
          {data.comments.map((c) => (
            <li key={c.id}>
              <p className="meeting-comments__meta">
                {c.priority ? <span lang={c.priority.language}>{c.priority.text}</span> : null}
                {c.stance ? ` · ${t(`comments:stance.${c.stance}`)}` : null} ·{" "}
                <span className="tag">{t(`entries.status.${c.status}`)}</span>
              </p>
              <p lang={c.language}>{c.body}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("entries.noComments")}</p>
      )}
    </LabelledSection>
  );
}

/** The choice of one of the consultation's priorities, which the vote counts and the comment forms share. */
function PrioritySelect({
  priorities,
  ...select
}: {
  priorities: Priorities;
  name: string;
  id: string;
  label: string;
  defaultValue: string;
  error?: string;
}) {
  const { t } = useTranslation("meetings");
  const choices = priorities.map((p) => ({ value: String(p.id), label: p.title.text, lang: p.title.language }));
  return <SelectField {...select} choices={choices} emptyLabel={t("votes.choosePriority")} required />;
}

export function VoteCountsForm({ priorities, failure }: { priorities: Priorities; failure?: FormFailure }) {
  const { t } = useTranslation("meetings");
  const own = failureFor(failure, "votes");
  const { field } = formFields(own);
  const ids = { priorityId: "votes-priority", agree: "votes-agree", disagree: "votes-disagree", pass: "votes-pass" };
  return (
    <LabelledSection headingId="votes-heading" heading={t("votes.heading")}>
      <p>{t("votes.intro")}</p>
      <AccountForm submit={t("votes.submit")} failure={own} hidden={{ intent: "votes" }} fieldIds={ids}>
        <PrioritySelect
          {...field("priorityId")}
          id={ids.priorityId}
          label={t("votes.priority")}
          priorities={priorities}
        />
        {(["agree", "disagree", "pass"] as const).map((value) => (
          <NumberField key={value} {...field(value)} id={ids[value]} min={0} label={t(`votes.${value}`)} />
        ))}
      </AccountForm>
    </LabelledSection>
  );
}

export function PaperBallotForm({
  priorities,
  budget,
  failure,
}: {
  priorities: Priorities;
  budget: number | null;
  failure?: FormFailure;
}) {
  const { t } = useTranslation("meetings");
  const own = failureFor(failure, "ballot");
  const { field } = formFields(own);
  const voteChoices = choicesOf(["agree", "disagree", "pass"], (value) => t(`votes.${value}`));
  return (
    <LabelledSection headingId="ballot-heading" heading={t("ballot.heading")}>
      <p>{budget === null ? t("ballot.introVotes") : t("ballot.intro", { budget })}</p>
      <AccountForm submit={t("ballot.submit")} failure={own} hidden={{ intent: "ballot" }}>
        <NumberField
          {...field("ballotNumber")}
          min={1}
          label={t("ballot.number")}
          hint={t("ballot.numberHint")}
          required
        />
        {priorities.map((p) => (
          <fieldset key={p.id} className="meeting-ballot__priority">
            <legend lang={p.title.language}>{p.title.text}</legend>
            <SelectField
              {...field(`vote.${p.id}`)}
              label={t("ballot.vote", { priority: p.title.text })}
              choices={voteChoices}
              emptyLabel={t("ballot.noVote")}
            />
            {budget !== null ? (
              <NumberField
                {...field(`points.${p.id}`)}
                min={0}
                max={budget}
                label={t("ballot.points", { priority: p.title.text })}
              />
            ) : null}
          </fieldset>
        ))}
      </AccountForm>
    </LabelledSection>
  );
}

export function MeetingCommentForm({
  priorities,
  meetingLanguage,
  failure,
}: {
  priorities: Priorities;
  meetingLanguage: string;
  failure?: FormFailure;
}) {
  const { t } = useTranslation(["meetings", "comments"]);
  const own = failureFor(failure, "comment");
  const { field } = formFields(own, { language: meetingLanguage });
  const ids = {
    priorityId: "comment-priority",
    stance: "comment-stance",
    language: "comment-language",
    body: "comment-body",
  };
  return (
    <LabelledSection headingId="comment-heading" heading={t("comment.heading")}>
      <p>{t("comment.intro")}</p>
      <AccountForm submit={t("comment.submit")} failure={own} hidden={{ intent: "comment" }} fieldIds={ids}>
        <PrioritySelect
          {...field("priorityId")}
          id={ids.priorityId}
          label={t("comment.priority")}
          priorities={priorities}
        />
        <SelectField
          {...field("stance")}
          id={ids.stance}
          label={t("comment.stance")}
          choices={choicesOf(commentStances, (stance) => t(`comments:stance.${stance}`))}
          emptyLabel={t("comments:form.noStance")}
        />
        <SelectField {...field("language")} id={ids.language} label={t("comment.language")} choices={languageChoices} />
        <TextAreaField
          {...field("body")}
          id={ids.body}
          label={t("comment.body")}
          hint={t("comment.bodyHint")}
          rows={5}
          required
        />
      </AccountForm>
    </LabelledSection>
  );
}

export function VoidMeetingForm({ failure }: { failure?: FormFailure }) {
  const { t } = useTranslation("meetings");
  const own = failureFor(failure, "void");
  const { field } = formFields(own);
  return (
    <LabelledSection headingId="void-heading" heading={t("void.heading")}>
      <p>{t("void.intro")}</p>
      <AccountForm
        submit={t("void.submit")}
        failure={own}
        hidden={{ intent: "void" }}
        buttonClassName="button button--danger"
        fieldIds={{ reason: "void-reason" }}
      >
        <TextAreaField
          {...field("reason")}
          id="void-reason"
          label={t("void.reason")}
          hint={t("void.reasonHint")}
          rows={3}
          required
        />
        <CheckboxField
          name="confirm"
          label={t("void.confirm")}
          error={own?.fieldErrors.confirm}
          defaultChecked={false}
        />
      </AccountForm>
    </LabelledSection>
  );
}
