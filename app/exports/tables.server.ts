/**
 * The tables of a consultation's data export, defined once: their columns, types and descriptions,
 * and how their rows are read. The four writers (CSV, XLSX, JSON, Data Package) only walk these
 * definitions, so a column added here appears, typed and described, in every format.
 *
 * What never leaves: e-mails, names, account ids (a participant is `participantKey`), comments
 * that are not published, priorities that are not approved, profile answers of members who did not
 * consent to statistics, breakdown cells under the small-cell threshold, and who is in which
 * opinion group (those tables are read from the stored result without its member ids).
 */
import { sql, type SQL } from "drizzle-orm";
import { commentStance, inputChannel, voteValue } from "~db/schema";
import { flagReasons } from "~db/vocabulary";
import { queryRows, type Queryable } from "~/platform/db.server";
import { loadOpinionGroupsSummary } from "~/opinion/opinion-groups.server";
import { isSuppressed, protectTable, shownCount, WITHHELD, type Shown } from "~/reports/small-cells";
import { opinionGroupRows, opinionStatementRows } from "~/exports/opinion-tables";
import {
  generalise,
  kAnonymise,
  NOTHING_SHOWN,
  profileAnswerColumns,
  quasiIdentifiers,
  type ProfileAnswers,
} from "~/exports/k-anonymity";
import { exportTimestampOf } from "~/exports/timestamps";
import { notFromVoidedMeeting } from "~/participation/counted-input.server";

/** Frictionless Table Schema types (https://specs.frictionlessdata.io/table-schema/#types-and-formats). */
export type FieldType = "string" | "integer" | "number" | "boolean" | "datetime" | "date";

/**
 * A cell: dates as `YYYY-MM-DD`, timestamps as ISO 8601 UTC strings to the second, counts under
 * the small-cell threshold as "<5" and counts hidden to protect them as "withheld".
 */
export type ExportValue = string | number | boolean | null;

export interface ExportField {
  name: string;
  type: FieldType;
  description: string;
  /**
   * Frictionless field constraints: `enum` lists the only values the field holds (an empty cell
   * aside). Readers of the Data Package can check against it; the sheet writer of copy.server.ts
   * skips escaping a value it knows needs none.
   */
  constraints?: { enum: readonly string[] };
}

export interface ExportContext {
  db: Queryable;
  consultationId: number;
  /** The participant's pseudonym in this consultation (see participant-key.server.ts). */
  participantKey: (userId: string) => string;
  /** The key of that pseudonym, for exports the database writes itself (copy.server.ts). */
  secret: string;
  smallCellThreshold: number;
  /** Rows read per query: memory holds one batch at a time whatever the table's size. */
  batchSize: number;
}

export interface ExportTable {
  name: ExportTableName;
  description: string;
  fields: readonly ExportField[];
  /** Strings that stand for a value withheld, besides the empty cell (e.g. "<5"). */
  missingValues: readonly string[];
  /** The rows, batch by batch, each row's values in the order of `fields`. */
  batches: (context: ExportContext) => AsyncIterable<ExportValue[][]>;
  /**
   * For the large tables, read in the order of their first field (an id): the query of their rows
   * with an id above `after`, at most `limit` of them (all when null), one column per field under
   * the field's name (the participant's account id as `user_id`). `batches` reads it, and so does
   * the database's own CSV writer (copy.server.ts): both formats come from this one query.
   */
  rowsById?: (context: ExportContext, after: number, limit: number | null) => SQL;
}

export const exportTableNames = [
  "priorities",
  "votes",
  "ballot_allocations",
  "comments",
  "participants",
  "participants_by_country",
  "moderation_summary",
  "commitments",
  "opinion_groups",
  "opinion_statements",
] as const;
export type ExportTableName = (typeof exportTableNames)[number];

type Row = Record<string, unknown>;

export const participantField: ExportField = {
  name: "participant",
  type: "string",
  description:
    "The participant's pseudonym in this consultation: a keyed hash, the same in every table of this export, " +
    "different in every other consultation.",
};

/**
 * The database builds each batch as one JSON text: a single value to hand over is far cheaper than
 * a row-by-row result (on PGlite several times so), and it arrives already typed. Timestamps come
 * in JSON's ISO 8601 form (the cheapest the database writes) and are brought to UTC seconds below.
 */
function batchQuery(fields: readonly ExportField[], query: SQL): SQL {
  const cells = fields.map((field) => sql`t.${sql.identifier(field === participantField ? "user_id" : field.name)}`);
  // Rows keep the order of the subquery's ORDER BY when aggregated straight from it.
  return sql`select json_agg(json_build_array(${sql.join(cells, sql`, `)}))::text as rows from (${query}) t`;
}

async function readBatch(fields: readonly ExportField[], context: ExportContext, query: SQL): Promise<unknown[][]> {
  const [result] = await queryRows<{ rows: string | null }>(context.db, batchQuery(fields, query));
  return result?.rows ? (JSON.parse(result.rows) as unknown[][]) : [];
}

/** The cells of a batch: the participant column becomes its pseudonym, timestamps UTC, the rest as read. */
function cellsOf(fields: readonly ExportField[], rows: unknown[][], context: ExportContext): ExportValue[][] {
  const participant = fields.indexOf(participantField);
  const timestamps = fields.flatMap((field, i) => (field.type === "datetime" ? [i] : []));
  for (const row of rows) {
    // Rows from a meeting or a phone have no member: their participant cell stays empty.
    if (participant >= 0 && row[participant] !== null)
      row[participant] = context.participantKey(row[participant] as string);
    for (const i of timestamps) if (typeof row[i] === "string") row[i] = exportTimestampOf(row[i]);
  }
  return rows as ExportValue[][];
}

/** The last row of a batch by column name (the participant's account id as `user_id`), for the next query. */
function keyOf(fields: readonly ExportField[], row: readonly unknown[]): Row {
  return Object.fromEntries(fields.map((field, i) => [field === participantField ? "user_id" : field.name, row[i]]));
}

/**
 * Keyset pagination: `query(after)` reads the next rows after the last row of the previous batch
 * (null for the first). Portable to PGlite, which has no server-side cursors through Drizzle.
 */
async function* keysetBatches(
  fields: readonly ExportField[],
  context: ExportContext,
  query: (after: Row | null, limit: number) => SQL,
): AsyncGenerator<ExportValue[][]> {
  const read = (after: Row | null) => readBatch(fields, context, query(after, context.batchSize));
  // The next batch is read while this one is written out: on PostgreSQL, another process, the two
  // run side by side. Memory holds two batches at most.
  let next: Promise<unknown[][]> | null = read(null);
  try {
    while (next) {
      const rows: unknown[][] = await next;
      next = rows.length === context.batchSize ? read(keyOf(fields, rows[rows.length - 1]!)) : null;
      if (rows.length > 0) yield cellsOf(fields, rows, context);
    }
  } finally {
    // A download abandoned halfway leaves one read in flight: its outcome no longer matters.
    next?.catch(() => undefined);
  }
}

/** Batches of a table read by id (`rowsById`), the first field being that id. */
function idBatches(
  tableFields: readonly ExportField[],
  context: ExportContext,
  rowsById: (context: ExportContext, after: number, limit: number | null) => SQL,
): AsyncGenerator<ExportValue[][]> {
  const id = tableFields[0]!.name;
  return keysetBatches(tableFields, context, (after, limit) => rowsById(context, after ? Number(after[id]) : 0, limit));
}

const limitedTo = (limit: number | null) => (limit === null ? sql`` : sql`limit ${limit}`);

/** For tables bounded by the consultation's structure (priorities, commitments): one query. */
async function* singleBatch(
  fields: readonly ExportField[],
  context: ExportContext,
  query: SQL,
): AsyncGenerator<ExportValue[][]> {
  yield cellsOf(fields, await readBatch(fields, context, query), context);
}

/** Votes and ballots count on approved priorities only: other priorities are not public. */
const approvedPriority = (consultationId: number, column: SQL) =>
  // The approved ids are read once per query: a correlated EXISTS, checked row by row, cost more
  // than the scan itself on PGlite.
  sql`${column} = any(array(select p.id from priority p where p.consultation_id = ${consultationId} and p.status = 'approved'))`;

/** Everyone with a visible contribution: a vote, ballot points or a published comment. */
function participantIds(consultationId: number, after: string | null = null): SQL {
  const from = (column: SQL) => (after === null ? sql`true` : sql`${column} > ${after}`);
  return sql`(
    select user_id from vote
      where consultation_id = ${consultationId} and user_id is not null and ${approvedPriority(consultationId, sql`vote.priority_id`)} and ${from(sql`user_id`)}
    union
    select user_id from ballot_allocation
      where consultation_id = ${consultationId} and user_id is not null and ${approvedPriority(consultationId, sql`ballot_allocation.priority_id`)}
        and ${from(sql`user_id`)}
    union
    select author_id as user_id from comment
      where consultation_id = ${consultationId} and status = 'published' and author_id is not null
        and ${from(sql`author_id`)}
  )`;
}

/**
 * Typed in by a facilitator: a community meeting's input, or a member's that a facilitator entered
 * for them. Kept beside `channel`, which tells the meeting apart from the phone, for the readers of
 * exports made before channels (decision 0047).
 */
const enteredOfflineField: ExportField = {
  name: "entered_offline",
  type: "boolean",
  description: "Typed in by a facilitator: from a community meeting or a paper form.",
};
const enteredOffline = (alias: string) =>
  sql`(${sql.raw(`"${alias}"`)}.entered_by_id is not null or ${sql.raw(`"${alias}"`)}.channel = 'meeting') as entered_offline`;

/** Where a row came from: one of the four channels (decision 0038). */
function channelField(row: string): ExportField {
  return {
    name: "channel",
    type: "string",
    description:
      `How this ${row} came in: web (the website), meeting (a community meeting, typed in by its facilitator), ` +
      "sms or ussd (a phone).",
    constraints: { enum: inputChannel.enumValues },
  };
}

const fields = {
  priorities: [
    { name: "priority_id", type: "integer", description: "The priority's number in Baraza." },
    { name: "position", type: "integer", description: "Its place in the consultation's list." },
    { name: "locale", type: "string", description: "Language of this row's title and body (BCP 47)." },
    { name: "title", type: "string", description: "The priority's title in this language." },
    { name: "body", type: "string", description: "The priority's text in this language." },
    { name: "category", type: "string", description: "One of the ten action areas of the consultation." },
    { name: "product_type", type: "string", description: "The kind of health product it is about, if any." },
    { name: "agree_votes", type: "integer", description: "Votes 'agree' on this priority." },
    { name: "disagree_votes", type: "integer", description: "Votes 'disagree' on this priority." },
    { name: "pass_votes", type: "integer", description: "Votes 'pass' (unsure) on this priority." },
    { name: "ballot_points", type: "integer", description: "Ballot points all participants gave this priority." },
  ],
  votes: [
    { name: "vote_id", type: "integer", description: "The vote's number in Baraza." },
    { name: "priority_id", type: "integer", description: "The priority voted on (see the priorities table)." },
    participantField,
    {
      name: "value",
      type: "string",
      description: "agree, disagree or pass.",
      constraints: { enum: voteValue.enumValues },
    },
    enteredOfflineField,
    channelField("vote"),
    { name: "created_at", type: "datetime", description: "When the vote was first cast (UTC)." },
    { name: "updated_at", type: "datetime", description: "When it was last changed (UTC)." },
  ],
  ballot_allocations: [
    { name: "allocation_id", type: "integer", description: "The allocation's number in Baraza." },
    { name: "priority_id", type: "integer", description: "The priority given points." },
    participantField,
    { name: "points", type: "integer", description: "Points of the participant's ballot budget given to it." },
    channelField("allocation"),
    { name: "updated_at", type: "datetime", description: "When the allocation was last changed (UTC)." },
  ],
  comments: [
    { name: "comment_id", type: "integer", description: "The comment's number in Baraza." },
    { name: "priority_id", type: "integer", description: "The priority it is about; empty for the consultation." },
    {
      name: "parent_id",
      type: "integer",
      description: "The published comment it replies to; empty for a thread's start or a reply to unpublished content.",
    },
    { name: "body", type: "string", description: "The text as published (moderators may have redacted parts)." },
    { name: "language", type: "string", description: "Language the participant wrote in (BCP 47)." },
    {
      name: "stance",
      type: "string",
      description: "supports, concerns or question; empty when not given.",
      constraints: { enum: commentStance.enumValues },
    },
    { name: "tags", type: "string", description: "Moderators' tags, separated by '|'." },
    { name: "endorsements", type: "integer", description: "How many participants endorsed it." },
    enteredOfflineField,
    channelField("comment"),
    { name: "created_at", type: "datetime", description: "When it was posted (UTC)." },
    { name: "edited_at", type: "datetime", description: "When its author last edited it (UTC); empty if never." },
  ],
  participants: [
    participantField,
    {
      name: "region",
      type: "string",
      description:
        "African Union region of the country of residence (northern, western, central, eastern, southern), or outside-au.",
    },
    { name: "stakeholder_group", type: "string", description: "The group the participant speaks for." },
    {
      name: "age_band",
      type: "string",
      description: "Age band, widened: under-25, 25-44, 45-64, 65-plus or prefer-not-to-say.",
    },
    { name: "gender", type: "string", description: "Gender as the participant described it." },
    { name: "preferred_language", type: "string", description: "Language the participant uses Baraza in." },
    {
      name: "has_declared_interest",
      type: "boolean",
      description: "Works for or is funded by a manufacturer, distributor, investor or procurement body.",
    },
    { name: "interest_kind", type: "string", description: "The kind of that commercial interest." },
  ],
  participants_by_country: [
    { name: "country", type: "string", description: "Country (ISO 3166-1 alpha-2), 'unknown', or 'all' for totals." },
    { name: "stakeholder_group", type: "string", description: "Stakeholder group, 'unknown', or 'all' for totals." },
    {
      name: "participants",
      type: "integer",
      description:
        "Consenting participants in this cell. A count under the small-cell threshold N is written '<N' " +
        "(fewer than N); a count hidden only because a '<N' cell could be worked out from it is written " +
        "'withheld' and may be of any size.",
    },
  ],
  moderation_summary: [
    { name: "target_type", type: "string", description: "What was moderated: comment, priority or user." },
    { name: "action", type: "string", description: "The moderation decision (hide, restore, approve, ...)." },
    { name: "reason", type: "string", description: "The reason given, from the flag reasons; empty when none." },
    { name: "actions", type: "integer", description: "How many such decisions were taken." },
  ],
  commitments: [
    { name: "commitment_id", type: "integer", description: "The commitment's number in Baraza." },
    { name: "response_id", type: "integer", description: "The published institutional response it belongs to." },
    { name: "institution", type: "string", description: "The responding institution (its short name)." },
    { name: "position", type: "integer", description: "Its place in the response." },
    { name: "locale", type: "string", description: "Language of this row's text (BCP 47)." },
    { name: "what", type: "string", description: "What the institution commits to, in this language." },
    { name: "who", type: "string", description: "Who is responsible for it, in this language where translated." },
    { name: "due_on", type: "date", description: "When it is due." },
    { name: "status", type: "string", description: "planned, in_progress, done or dropped." },
    {
      name: "status_reason",
      type: "string",
      description: "Why the status last changed, in this language where translated.",
    },
    { name: "updated_at", type: "datetime", description: "When it was last changed (UTC)." },
  ],
  opinion_groups: [
    {
      name: "opinion_group",
      type: "string",
      description: "The opinion group's letter (A is the largest), or 'all' for the participants placed in any group.",
    },
    {
      name: "participants",
      type: "integer",
      description:
        "Participants placed in this group. A count under the small-cell threshold N is written '<N' " +
        "(fewer than N); a count hidden only because a '<N' count could be worked out from it is written " +
        "'withheld' and may be of any size.",
    },
    {
      name: "share",
      type: "number",
      description: "The group's share (0 to 1) of the participants placed; empty when its count is withheld.",
    },
    {
      name: "computed_at",
      type: "datetime",
      description: "When the groups were computed from the votes (UTC); votes cast since then are not in them.",
    },
  ],
  opinion_statements: [
    { name: "opinion_group", type: "string", description: "The opinion group's letter (see opinion_groups)." },
    {
      name: "kind",
      type: "string",
      description:
        "representative: the group agrees (or disagrees) with the priority significantly more than the others; " +
        "consensus: a majority of every group agrees with it (one row per group).",
    },
    {
      name: "rank",
      type: "integer",
      description: "Its place in the group's representative statements, or among the consensus statements (1 first).",
    },
    { name: "priority_id", type: "integer", description: "The priority (see the priorities table)." },
    {
      name: "direction",
      type: "string",
      description: "For a representative statement, agree or disagree: how the group differs; empty for consensus.",
    },
    {
      name: "agree_in_group",
      type: "number",
      description: "Share (0 to 1) of the group's votes on the priority that agree; passes count as votes.",
    },
    {
      name: "disagree_in_group",
      type: "number",
      description: "Share of the group's votes that disagree; for representative statements only.",
    },
    {
      name: "agree_elsewhere",
      type: "number",
      description: "Share of the other groups' votes that agree; for representative statements only.",
    },
    {
      name: "disagree_elsewhere",
      type: "number",
      description: "Share of the other groups' votes that disagree; for representative statements only.",
    },
    {
      name: "z",
      type: "number",
      description:
        "Representative statements: the one-sided two-proportion z of the group's share against the others' " +
        "(each smoothed by one success and one failure); kept only above 1.645, p < 0.05.",
    },
    {
      name: "consensus_score",
      type: "number",
      description:
        "Consensus statements: the product over the groups of each group's smoothed agree share " +
        "(agree + 1) / (votes + 2), by which they are ranked.",
    },
  ],
} satisfies Record<ExportTableName, ExportField[]>;

const definitions: Record<ExportTableName, Omit<ExportTable, "name" | "fields" | "missingValues">> = {
  priorities: {
    description: "The consultation's approved priorities, one row per priority and language, with their vote totals.",
    batches: (context) =>
      singleBatch(
        fields.priorities,
        context,
        sql`with tallies as (
              select priority_id,
                     count(*) filter (where value = 'agree')::int as agree_votes,
                     count(*) filter (where value = 'disagree')::int as disagree_votes,
                     count(*) filter (where value = 'pass')::int as pass_votes
              from vote where consultation_id = ${context.consultationId} and ${notFromVoidedMeeting("vote")}
              group by priority_id),
            points as (
              select priority_id, sum(points)::int as ballot_points
              from ballot_allocation where consultation_id = ${context.consultationId}
                and ${notFromVoidedMeeting("ballot_allocation")} group by priority_id)
            select p.id as priority_id, p.position, l.locale, p.title ->> l.locale as title, p.body ->> l.locale as body,
                   p.category, p.product_type,
                   coalesce(t.agree_votes, 0) as agree_votes, coalesce(t.disagree_votes, 0) as disagree_votes,
                   coalesce(t.pass_votes, 0) as pass_votes, coalesce(b.ballot_points, 0) as ballot_points
            from priority p
            cross join lateral jsonb_object_keys(p.title) as l(locale)
            left join tallies t on t.priority_id = p.id
            left join points b on b.priority_id = p.id
            where p.consultation_id = ${context.consultationId} and p.status = 'approved'
            order by p.position, p.id, l.locale`,
      ),
  },
  votes: {
    description:
      "Every vote on an approved priority, one row per participant and priority. A community meeting's votes are " +
      "one row per person who voted, with no participant; a voided meeting's votes are left out everywhere.",
    batches: (context) => idBatches(fields.votes, context, definitions.votes.rowsById!),
    rowsById: (context, after, limit) =>
      sql`select v.id as vote_id, v.priority_id, v.user_id, v.value, ${enteredOffline("v")}, v.channel, v.created_at, v.updated_at
          from vote v
          where v.consultation_id = ${context.consultationId} and ${approvedPriority(context.consultationId, sql`v.priority_id`)}
            and ${notFromVoidedMeeting("v")} and v.id > ${after}
          order by v.id ${limitedTo(limit)}`,
  },
  ballot_allocations: {
    description:
      "How each participant spread their ballot points over the approved priorities. Points from a meeting's " +
      "paper ballot or a phone have no participant.",
    batches: (context) => idBatches(fields.ballot_allocations, context, definitions.ballot_allocations.rowsById!),
    rowsById: (context, after, limit) =>
      sql`select b.id as allocation_id, b.priority_id, b.user_id, b.points, b.channel, b.updated_at
          from ballot_allocation b
          where b.consultation_id = ${context.consultationId} and ${approvedPriority(context.consultationId, sql`b.priority_id`)}
            and ${notFromVoidedMeeting("b")} and b.id > ${after}
          order by b.id ${limitedTo(limit)}`,
  },
  comments: {
    description:
      "Published comments and replies, in the language they were written in. Nothing hidden, pending or removed. " +
      "No participant code: comments are public with their author's name, so a code here would tie that name " +
      "to the author's votes and profile.",
    batches: (context) => idBatches(fields.comments, context, definitions.comments.rowsById!),
    rowsById: (context, after, limit) =>
      // The parent is looked up for the batch's rows only: a join made the planner scan and sort the
      // whole table for every batch (three times the time on PGlite at 30,000 comments, and growing).
      // The tags are the opposite case: a subquery per row cost PGlite four times the bare scan, even
      // with no tags at all, while tags grouped in key order are merged alongside the comments and
      // read only as far as the batch goes.
      sql`select c.id as comment_id, c.priority_id,
                 case when c.parent_id is null then null
                      when exists (select 1 from comment parent where parent.id = c.parent_id and parent.status = 'published')
                      then c.parent_id end as parent_id,
                 c.body, c.language, c.stance, tagged.tags,
                 c.endorsement_count as endorsements, ${enteredOffline("c")}, c.channel, c.created_at, c.edited_at
          from comment c
          left join (select t.comment_id, string_agg(t.tag, '|' order by t.tag) as tags from comment_tag t
                     where t.comment_id > ${after} group by t.comment_id) tagged on tagged.comment_id = c.id
          where c.consultation_id = ${context.consultationId} and c.status = 'published'
            and (c.priority_id is null or ${approvedPriority(context.consultationId, sql`c.priority_id`)})
            and ${notFromVoidedMeeting("c")} and c.id > ${after}
          order by c.id ${limitedTo(limit)}`,
  },
  participants: {
    description:
      "Everyone who voted, gave ballot points or has a published comment. Profile answers only for those who " +
      "consented to statistics, generalised or withheld so that every combination of answers in this table is " +
      "shared by at least N participants (N the small-cell threshold); an empty answer is not given, not " +
      "consented or withheld.",
    batches: participantRows,
  },
  participants_by_country: {
    description:
      "Consenting participants by country and stakeholder group, with totals; small cells withheld so no one can be singled out.",
    batches: participantsByCountry,
  },
  moderation_summary: {
    description: "How many moderation decisions of each kind were taken, and why. No names.",
    batches: (context) =>
      singleBatch(
        fields.moderation_summary,
        context,
        sql`select target_type, action, reason, count(*)::int as actions
            from (select target_type, action,
                         case when reason is null then null
                              when reason in (${sql.join(
                                flagReasons.map((r) => sql`${r}`),
                                sql`, `,
                              )}) then reason
                              else 'other' end as reason
                  from moderation_action where consultation_id = ${context.consultationId}) m
            group by 1, 2, 3 order by 1, 2, 3`,
      ),
  },
  commitments: {
    description: "Commitments of the published institutional responses, one row per commitment and language.",
    batches: (context) =>
      singleBatch(
        fields.commitments,
        context,
        sql`select c.id as commitment_id, r.id as response_id, i.slug as institution, c.position, l.locale,
                   c.what ->> l.locale as what,
                   -- "Who" and "why" in the row's language, or as first written where not translated.
                   coalesce(c.who ->> l.locale, c.who ->> co.default_locale) as who, c.due_on, c.status,
                   coalesce(c.status_reason ->> l.locale, c.status_reason ->> co.default_locale) as status_reason,
                   c.updated_at
            from commitment c
            join institutional_response r on r.id = c.response_id and r.status = 'published'
            join consultation co on co.id = r.consultation_id
            join institution i on i.id = r.institution_id
            cross join lateral jsonb_object_keys(c.what) as l(locale)
            where r.consultation_id = ${context.consultationId}
            order by r.id, c.position, c.id, l.locale`,
      ),
  },
  opinion_groups: {
    description:
      "The opinion groups of participants who vote alike, from the latest stored analysis, with their sizes " +
      "(small counts withheld). Empty until the analysis has enough participants. Who is in which group is not exported.",
    batches: async function* (context) {
      const rows = opinionGroupRows(
        await loadOpinionGroupsSummary(context.db, context.consultationId),
        context.smallCellThreshold,
      );
      if (rows.length > 0) yield rows.map((row) => valuesOf(fields.opinion_groups, row));
    },
  },
  opinion_statements: {
    description:
      "For each opinion group, the priorities that set it apart (representative) and those every group agrees with " +
      "(consensus), with the vote shares and the figures the method ranks them by.",
    batches: async function* (context) {
      const [analysis, approved] = await Promise.all([
        loadOpinionGroupsSummary(context.db, context.consultationId),
        queryRows<{ id: number }>(
          context.db,
          sql`select id from priority where consultation_id = ${context.consultationId} and status = 'approved'`,
        ),
      ]);
      const approvedIds = new Set(approved.map((p) => p.id));
      const rows = opinionStatementRows(analysis, (id) => approvedIds.has(id));
      if (rows.length > 0) yield rows.map((row) => valuesOf(fields.opinion_statements, row));
    },
  },
};

const ALL = "all";
const UNKNOWN = "unknown";

const consentedAnswers = sql.join(
  profileAnswerColumns.map(
    (column) => sql`case when pr.stats_consent then pr.${sql.identifier(column)} end as ${sql.identifier(column)}`,
  ),
  sql`, `,
);

/** The participants table as read: the pseudonym's account id, then the answers as stored. */
const storedParticipantFields: readonly ExportField[] = [
  participantField,
  ...profileAnswerColumns.map((name) => ({ name, type: "string" as const, description: "" })),
];

/**
 * One row per participant, k-anonymous (k-anonymity.ts): the publishing decision for every
 * combination of answers is made from their counts first, then rows stream as usual. A member
 * whose answers changed during the download is shown with every answer withheld.
 */
async function* participantRows(context: ExportContext): AsyncGenerator<ExportValue[][]> {
  const answersOf = (row: readonly unknown[]) =>
    Object.fromEntries(profileAnswerColumns.map((column, i) => [column, row[i] ?? null])) as unknown as ProfileAnswers;
  const combinations = await queryRows<ProfileAnswers & { rows: number }>(
    context.db,
    sql`select ${consentedAnswers}, count(*)::int as rows
        from ${participantIds(context.consultationId)} ids left join profile pr on pr.user_id = ids.user_id
        group by ${sql.join(
          profileAnswerColumns.map((_, i) => sql.raw(String(i + 1))),
          sql`, `,
        )}`,
  );
  const published = kAnonymise(
    combinations.map((c) => ({ published: generalise(c), rows: c.rows })),
    context.smallCellThreshold,
  );
  const decided = new Map(combinations.map((c, i) => [storedKey(c), published[i]!]));
  const batches = keysetBatches(
    storedParticipantFields,
    context,
    (after, limit) =>
      sql`select pt.user_id, ${consentedAnswers}
          from (select user_id from ${participantIds(context.consultationId, after ? String(after.user_id) : null)} ids
                order by user_id limit ${limit}) pt
          left join profile pr on pr.user_id = pt.user_id
          order by pt.user_id`,
  );
  for await (const rows of batches) {
    yield rows.map((row) => {
      const shown = decided.get(storedKey(answersOf(row.slice(1)))) ?? NOTHING_SHOWN;
      return [row[0]!, ...quasiIdentifiers.map((field) => shown[field])];
    });
  }
}

function storedKey(answers: ProfileAnswers): string {
  return JSON.stringify(profileAnswerColumns.map((column) => answers[column]));
}

/** Country × stakeholder group of consenting participants, protected with `protectTable`. */
async function* participantsByCountry(context: ExportContext): AsyncGenerator<ExportValue[][]> {
  const counts = await queryRows<{ country: string; stakeholder_group: string; participants: number }>(
    context.db,
    sql`select coalesce(pr.country, ${UNKNOWN}) as country, coalesce(pr.stakeholder_group, ${UNKNOWN}) as stakeholder_group,
               count(*)::int as participants
        from ${participantIds(context.consultationId)} ids
        join profile pr on pr.user_id = ids.user_id and pr.stats_consent
        group by 1, 2`,
  );
  const countries = [...new Set(counts.map((c) => c.country))].sort();
  const groups = [...new Set(counts.map((c) => c.stakeholder_group))].sort();
  if (countries.length === 0) return;
  const cells = countries.map((country) =>
    groups.map(
      (group) => counts.find((c) => c.country === country && c.stakeholder_group === group)?.participants ?? 0,
    ),
  );
  const table = protectTable(cells, context.smallCellThreshold);
  const shown = (value: Shown) => (isSuppressed(value) ? shownCount(value, context.smallCellThreshold) : value);
  const rows: ExportValue[][] = [];
  countries.forEach((country, i) => {
    groups.forEach((group, j) => rows.push([country, group, shown(table.cells[i]![j]!)]));
    rows.push([country, ALL, shown(table.rowTotals[i]!)]);
  });
  groups.forEach((group, j) => rows.push([ALL, group, shown(table.columnTotals[j]!)]));
  rows.push([ALL, ALL, shown(table.total)]);
  yield rows;
}

/** A row built in code, in the order of its table's fields. */
function valuesOf(tableFields: readonly ExportField[], row: object): ExportValue[] {
  const values = row as Record<string, ExportValue | undefined>;
  return tableFields.map((field) => values[field.name] ?? null);
}

/** Tables whose counts are protected by the small-cell rule. */
const breakdowns: readonly ExportTableName[] = ["participants_by_country", "opinion_groups"];

/** Strings a breakdown writes instead of a count it does not show: "<5" (fewer than 5) and "withheld". */
export function withheldMarkers(threshold: number): string[] {
  return ["", shownCount(null, threshold), WITHHELD];
}

/** The tables of an export, in the order they are written. */
export function exportTables(threshold: number): ExportTable[] {
  return exportTableNames.map((name) => ({
    name,
    fields: fields[name],
    ...definitions[name],
    missingValues: breakdowns.includes(name) ? withheldMarkers(threshold) : [""],
  }));
}

export function isExportTableName(value: string): value is ExportTableName {
  return (exportTableNames as readonly string[]).includes(value);
}
