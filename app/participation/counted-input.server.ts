/**
 * Which votes, ballot points and comments count, and how many people stand behind them, whatever
 * the channel they came by (web, meeting, SMS, USSD; docs/decisions/0047-channels-in-counts-and-breakdowns.md).
 * Every count of participants goes through `participantCountSql`, so an account, a phone and a
 * community meeting are counted alike on every page, report, export and API answer.
 */
import { sql, type SQL } from "drizzle-orm";

/**
 * Whether the row of table alias `alias` (vote, ballot_allocation or comment) counts: a voided
 * meeting's rows count nowhere, though they are kept for the moderation record.
 */
export function notFromVoidedMeeting(alias: string): SQL {
  const row = sql.raw(`"${alias}"`);
  return sql`(${row}.meeting_id is null or not exists (
    select 1 from meeting voided where voided.id = ${row}.meeting_id and voided.status = 'voided'))`;
}

/** Rows on the consultation's approved priorities only: others are not public. */
const onApproved = (alias: string) =>
  sql`exists (select 1 from priority ap where ap.id = ${sql.raw(`"${alias}"`)}.priority_id and ap.status = 'approved')`;

/** The votes and ballot points that count in `consultationId`: approved priorities, no voided meeting. */
export function countedVotes(alias: string, consultationId: SQL | number): SQL {
  return sql`${sql.raw(`"${alias}"`)}.consultation_id = ${consultationId} and ${onApproved(alias)} and ${notFromVoidedMeeting(alias)}`;
}

export function countedBallotPoints(alias: string, consultationId: SQL | number): SQL {
  return sql`${countedVotes(alias, consultationId)} and ${sql.raw(`"${alias}"`)}.points > 0`;
}

/** Published comments that count: on the consultation itself or an approved priority, no voided meeting. */
export function countedComments(alias: string, consultationId: SQL | number): SQL {
  const row = sql.raw(`"${alias}"`);
  return sql`${row}.consultation_id = ${consultationId} and ${row}.status = 'published'
    and (${row}.priority_id is null or ${onApproved(alias)}) and ${notFromVoidedMeeting(alias)}`;
}

/**
 * Who stands behind a counted row that is not a meeting's: the member (a phone linked to an account
 * writes as the account, so the person is one), else the phone. Null for a meeting's rows.
 */
export function sourceKey(alias: string, member = "user_id"): SQL {
  const row = sql.raw(`"${alias}"`);
  return sql`coalesce('u:' || ${row}.${sql.raw(member)}, 'p:' || ${row}.phone_id::text)`;
}

/**
 * The people behind a consultation's counted input: every member and phone that voted, gave points or
 * has a published comment, plus, for each meeting not voided, as many people as its largest
 * contribution shows — the most votes on one priority, the number of paper ballots, or one for
 * comments alone — never more than the people present. A meeting's votes are one row per person and
 * priority with nobody named, so this is the fewest people who can have cast them.
 */
export function participantCountSql(consultationId: SQL | number): SQL {
  return sql`(
    (select count(*)::int from (
       select ${sourceKey("v")} as source from vote v where v.meeting_id is null and ${countedVotes("v", consultationId)}
       union
       select ${sourceKey("b")} from ballot_allocation b where b.meeting_id is null and ${countedBallotPoints("b", consultationId)}
       union
       select ${sourceKey("c", "author_id")} from comment c where c.meeting_id is null and ${countedComments("c", consultationId)}
     ) sources where source is not null)
    +
    (select coalesce(sum(least(m.people_present, greatest(
       coalesce((select max(n) from (select count(*) as n from vote v
                  where v.meeting_id = m.id and ${countedVotes("v", consultationId)} group by v.priority_id) per_priority), 0),
       (select count(distinct b.meeting_ballot) from ballot_allocation b
         where b.meeting_id = m.id and ${countedBallotPoints("b", consultationId)}),
       (select least(count(*), 1) from comment c where c.meeting_id = m.id and ${countedComments("c", consultationId)})
     ))), 0)::int
     from meeting m where m.consultation_id = ${consultationId} and m.status <> 'voided')
  )`;
}

/**
 * Whose ballot a row of ballot points is: a member's, a phone's, or one paper ballot of a meeting;
 * counting these distinct counts ballots cast.
 */
export function ballotSourceKey(alias: string): SQL {
  const row = sql.raw(`"${alias}"`);
  return sql`coalesce(${sourceKey(alias)}, 'm:' || ${row}.meeting_id || ':' || ${row}.meeting_ballot)`;
}
