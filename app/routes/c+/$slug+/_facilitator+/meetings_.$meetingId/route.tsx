/**
 * One community meeting (decision 0045): its details, what its facilitator has typed in so far and
 * how much room the people present leave, the forms to type in more, the link to the spreadsheet
 * import, and, for moderators, voiding it.
 */
import type { LinksFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageHandle } from "~/components/page-title";
import type { FormFailure } from "~/web/form-failures.server";
import styles from "~/styles/meetings.css?url";
import { answerMeetingPost, loadMeetingPage } from "./meeting-page.server";
import {
  MeetingCommentForm,
  MeetingDetails,
  MeetingEntries,
  PaperBallotForm,
  VoidedNotice,
  VoidMeetingForm,
  VoteCountsForm,
} from "./__parts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const handle: PageHandle = { title: (t) => t("meetings:details.title") };

export const loader = loadMeetingPage;
export const action = answerMeetingPost;

export default function MeetingPage() {
  const { t } = useTranslation("meetings");
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const { slug, meeting } = data;
  return (
    <article className="page meeting-page">
      <p>
        <Link to={`/c/${slug}/meetings`}>{t("details.back")}</Link>
      </p>
      <h1>{t("details.title")}</h1>
      <VoidedNotice data={data} />
      <MeetingDetails data={data} />
      <MeetingEntries data={data} />
      {data.mayEnter ? (
        <>
          <p>
            <Link to={`/c/${slug}/meetings/${meeting.id}/import`}>{t("details.import")}</Link>
          </p>
          <VoteCountsForm priorities={data.priorities} failure={failure} />
          <PaperBallotForm priorities={data.priorities} budget={data.budget} failure={failure} />
          <MeetingCommentForm priorities={data.priorities} meetingLanguage={meeting.language} failure={failure} />
        </>
      ) : null}
      {data.mayVoid ? <VoidMeetingForm failure={failure} /> : null}
    </article>
  );
}
