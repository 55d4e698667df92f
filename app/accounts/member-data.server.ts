/**
 * Everything the platform holds about one member, gathered for "Download my data" (issue 14 item 5,
 * docs/decisions/0017-download-my-data.md). Only the member's own rows: what others wrote or did is
 * named by id at most (the comment a flag was about, the comment endorsed), never copied. Secrets are
 * left out (password hash, session tokens, second-factor secret), and so are the identities of the
 * staff who acted on the member's content.
 */
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import {
  account,
  ballotAllocation,
  comment,
  commentEndorsement,
  commentPendingEdit,
  commentRevision,
  commentTag,
  consultation,
  consultationModerator,
  downloadLog,
  flag,
  institution,
  institutionMember,
  moderationAction,
  notification,
  outboxMail,
  priority,
  profile,
  session,
  suspension,
  user,
  vote,
  userRole,
  type LocalizedText,
  phone,
} from "~db/schema";
import type { Queryable } from "~/platform/db.server";
import { localize } from "~/platform/i18n/localize";
import { consentHistory } from "~/privacy/consent.server";

/** A consultation or priority as the member knows it: its id or slug, and its title in their language. */
export interface Named {
  id: number;
  slug?: string;
  title: string;
}

export interface MemberData {
  /** The format of this file, so that a later reader knows what it holds. */
  format: "baraza-member-data/1";
  generatedAt: string;
  language: string;
  account: {
    id: string;
    name: string;
    email: string;
    emailVerified: boolean;
    twoFactorEnabled: boolean;
    createdAt: string;
    updatedAt: string;
    signInMethods: { provider: string; createdAt: string }[];
    siteRoles: { role: string; since: string }[];
    institutions: { institution: string; since: string }[];
    moderates: { consultation: string; since: string }[];
  };
  profile: {
    displayName: string | null;
    country: string | null;
    stakeholderGroup: string | null;
    ageBand: string | null;
    gender: string | null;
    preferredLanguage: string | null;
    hasDeclaredInterest: boolean | null;
    interestKind: string | null;
    updatedAt: string;
  } | null;
  /** The consents as stored now, with the date the profile holding them was last saved. */
  consents: { name: "statistics" | "notifyByEmail" | "notifyInApp"; given: boolean; recordedAt: string | null }[];
  /** Every consent given or withdrawn, with the version of the wording shown (app/privacy/consent.server.ts). */
  consentRecords: { purpose: string; given: boolean; wordingVersion: string; at: string }[];
  /** Phones linked to the account (docs/decisions/0048): their country and last two digits, not the number. */
  phones: { country: string | null; lastDigits: string | null; firstSeenAt: string }[];
  votes: {
    consultation: Named;
    priority: Named;
    value: string;
    /** Where the vote was given: web, sms or ussd (meeting for one a facilitator typed in). */
    channel: string;
    enteredByStaff: boolean;
    createdAt: string;
    updatedAt: string;
  }[];
  ballot: { consultation: Named; priority: Named; points: number; channel: string; updatedAt: string }[];
  comments: {
    id: number;
    consultation: Named;
    priority: Named | null;
    parentId: number | null;
    body: string;
    language: string;
    stance: string | null;
    status: string;
    enteredByStaff: boolean;
    tags: string[];
    createdAt: string;
    editedAt: string | null;
    /** Earlier texts, oldest first: the text each edit replaced. */
    revisions: { body: string; replacedAt: string }[];
    /** An edit waiting for a moderator, if any. */
    pendingEdit: { body: string; createdAt: string } | null;
  }[];
  endorsements: { commentId: number; consultation: Named; createdAt: string }[];
  proposals: {
    id: number;
    consultation: Named;
    title: LocalizedText;
    body: LocalizedText;
    language: string | null;
    category: string;
    status: string;
    createdAt: string;
  }[];
  flags: {
    consultation: Named;
    targetType: string;
    targetId: number;
    reason: string;
    note: string | null;
    createdAt: string;
    resolvedAt: string | null;
  }[];
  notifications: {
    kind: string;
    consultation: Named | null;
    payload: Record<string, unknown>;
    createdAt: string;
    readAt: string | null;
  }[];
  /** Sign-in history: the sessions the platform still keeps. */
  sessions: {
    createdAt: string;
    lastActiveAt: string;
    expiresAt: string;
    ipAddress: string | null;
    userAgent: string | null;
  }[];
  /** Moderation decisions about the member's comments, proposals or account (not who took them). */
  moderation: {
    consultation: Named;
    targetType: string;
    targetId: string;
    action: string;
    reason: string | null;
    automatic: boolean;
    createdAt: string;
  }[];
  suspensions: {
    consultation: Named | null;
    reason: string;
    startsAt: string;
    endsAt: string | null;
    liftedAt: string | null;
  }[];
  /** E-mails written to the member's address (their subjects; links in them are single-use). */
  mails: { subject: string; status: string; createdAt: string; sentAt: string | null }[];
  downloads: { consultation: Named; kind: string; format: string; createdAt: string }[];
}

const iso = (value: Date) => value.toISOString();
const isoOrNull = (value: Date | null) => (value ? value.toISOString() : null);

/** Gathers `userId`'s data; titles of consultations and priorities in `language`. */
export async function collectMemberData(
  db: Queryable,
  userId: string,
  language: string,
  now = new Date(),
): Promise<MemberData> {
  const [person] = await db.select().from(user).where(eq(user.id, userId));
  if (!person) throw new Error(`no member ${userId}`);

  const consultationTitles = new Map<number, Named>();
  const nameConsultation = async (ids: Iterable<number>) => {
    const missing = [...new Set(ids)].filter((id) => !consultationTitles.has(id));
    if (missing.length === 0) return;
    const rows = await db
      .select({
        id: consultation.id,
        slug: consultation.slug,
        title: consultation.title,
        locale: consultation.defaultLocale,
      })
      .from(consultation)
      .where(inArray(consultation.id, missing));
    for (const row of rows) {
      consultationTitles.set(row.id, {
        id: row.id,
        slug: row.slug,
        title: localize(row.title, language, row.locale).text,
      });
    }
  };
  const priorityTitles = new Map<number, Named>();
  const namePriorities = async (ids: Iterable<number>) => {
    const missing = [...new Set(ids)].filter((id) => !priorityTitles.has(id));
    if (missing.length === 0) return;
    const rows = await db
      .select({ id: priority.id, title: priority.title, locale: consultation.defaultLocale })
      .from(priority)
      .innerJoin(consultation, eq(consultation.id, priority.consultationId))
      .where(inArray(priority.id, missing));
    for (const row of rows)
      priorityTitles.set(row.id, { id: row.id, title: localize(row.title, language, row.locale).text });
  };
  const consultationOf = (id: number): Named => consultationTitles.get(id) ?? { id, title: "" };
  const priorityOf = (id: number): Named => priorityTitles.get(id) ?? { id, title: "" };

  // A linked phone's input moved to the account when it was linked; any left under the phone is theirs too.
  const linkedPhoneIds = db.select({ id: phone.id }).from(phone).where(eq(phone.userId, userId));
  const phones = await db
    .select({ countryCode: phone.countryCode, lastDigits: phone.lastDigits, createdAt: phone.createdAt })
    .from(phone)
    .where(eq(phone.userId, userId))
    .orderBy(asc(phone.id));
  const [
    accounts,
    roles,
    memberships,
    moderated,
    profileRows,
    votes,
    allocations,
    comments,
    endorsements,
    proposals,
    flags,
    notifications,
    sessions,
    suspensions,
    mails,
    downloads,
  ] = await Promise.all([
    db
      .select({ provider: account.providerId, createdAt: account.createdAt })
      .from(account)
      .where(eq(account.userId, userId))
      .orderBy(asc(account.createdAt)),
    db.select().from(userRole).where(eq(userRole.userId, userId)).orderBy(asc(userRole.createdAt)),
    db
      .select({ slug: institution.slug, createdAt: institutionMember.createdAt })
      .from(institutionMember)
      .innerJoin(institution, eq(institution.id, institutionMember.institutionId))
      .where(eq(institutionMember.userId, userId)),
    db
      .select({ slug: consultation.slug, createdAt: consultationModerator.createdAt })
      .from(consultationModerator)
      .innerJoin(consultation, eq(consultation.id, consultationModerator.consultationId))
      .where(eq(consultationModerator.userId, userId)),
    db.select().from(profile).where(eq(profile.userId, userId)),
    db
      .select()
      .from(vote)
      .where(or(eq(vote.userId, userId), inArray(vote.phoneId, linkedPhoneIds)))
      .orderBy(asc(vote.createdAt), asc(vote.id)),
    db
      .select()
      .from(ballotAllocation)
      .where(or(eq(ballotAllocation.userId, userId), inArray(ballotAllocation.phoneId, linkedPhoneIds)))
      .orderBy(asc(ballotAllocation.priorityId)),
    db.select().from(comment).where(eq(comment.authorId, userId)).orderBy(asc(comment.createdAt), asc(comment.id)),
    db
      .select({
        commentId: commentEndorsement.commentId,
        createdAt: commentEndorsement.createdAt,
        consultationId: comment.consultationId,
      })
      .from(commentEndorsement)
      .innerJoin(comment, eq(comment.id, commentEndorsement.commentId))
      .where(eq(commentEndorsement.userId, userId))
      .orderBy(asc(commentEndorsement.createdAt)),
    db
      .select()
      .from(priority)
      .where(eq(priority.proposedById, userId))
      .orderBy(asc(priority.createdAt), asc(priority.id)),
    db.select().from(flag).where(eq(flag.reporterId, userId)).orderBy(asc(flag.createdAt), asc(flag.id)),
    db
      .select()
      .from(notification)
      .where(eq(notification.userId, userId))
      .orderBy(asc(notification.createdAt), asc(notification.id)),
    db.select().from(session).where(eq(session.userId, userId)).orderBy(asc(session.createdAt)),
    db.select().from(suspension).where(eq(suspension.userId, userId)).orderBy(asc(suspension.createdAt)),
    db
      .select({
        subject: outboxMail.subject,
        status: outboxMail.status,
        createdAt: outboxMail.createdAt,
        sentAt: outboxMail.sentAt,
      })
      .from(outboxMail)
      .where(sql`lower(${outboxMail.toAddress}) = lower(${person.email})`)
      .orderBy(asc(outboxMail.createdAt), asc(outboxMail.id)),
    db.select().from(downloadLog).where(eq(downloadLog.userId, userId)).orderBy(asc(downloadLog.createdAt)),
  ]);

  const commentIds = comments.map((row) => row.id);
  const proposalIds = proposals.map((row) => row.id);
  const [revisions, pendingEdits, tags, decisions] = await Promise.all([
    commentIds.length
      ? db
          .select()
          .from(commentRevision)
          .where(inArray(commentRevision.commentId, commentIds))
          .orderBy(asc(commentRevision.createdAt), asc(commentRevision.id))
      : [],
    commentIds.length
      ? db.select().from(commentPendingEdit).where(inArray(commentPendingEdit.commentId, commentIds))
      : [],
    commentIds.length ? db.select().from(commentTag).where(inArray(commentTag.commentId, commentIds)) : [],
    db
      .select({
        consultationId: moderationAction.consultationId,
        targetType: moderationAction.targetType,
        targetId: moderationAction.targetId,
        action: moderationAction.action,
        reason: moderationAction.reason,
        automatic: moderationAction.automatic,
        createdAt: moderationAction.createdAt,
      })
      .from(moderationAction)
      .where(
        or(
          and(eq(moderationAction.targetType, "user"), eq(moderationAction.targetId, userId)),
          commentIds.length
            ? and(
                eq(moderationAction.targetType, "comment"),
                inArray(moderationAction.targetId, commentIds.map(String)),
              )
            : undefined,
          proposalIds.length
            ? and(
                eq(moderationAction.targetType, "priority"),
                inArray(moderationAction.targetId, proposalIds.map(String)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(moderationAction.createdAt), asc(moderationAction.id)),
  ]);

  await nameConsultation([
    ...votes.map((row) => row.consultationId),
    ...allocations.map((row) => row.consultationId),
    ...comments.map((row) => row.consultationId),
    ...endorsements.map((row) => row.consultationId),
    ...proposals.map((row) => row.consultationId),
    ...flags.map((row) => row.consultationId),
    ...notifications.flatMap((row) => (row.consultationId === null ? [] : [row.consultationId])),
    ...decisions.map((row) => row.consultationId),
    ...suspensions.flatMap((row) => (row.consultationId === null ? [] : [row.consultationId])),
    ...downloads.map((row) => row.consultationId),
  ]);
  await namePriorities([
    ...votes.map((row) => row.priorityId),
    ...allocations.map((row) => row.priorityId),
    ...comments.flatMap((row) => (row.priorityId === null ? [] : [row.priorityId])),
  ]);

  const ownProfile = profileRows[0];
  return {
    format: "baraza-member-data/1",
    generatedAt: iso(now),
    language,
    account: {
      id: person.id,
      name: person.name,
      email: person.email,
      emailVerified: person.emailVerified,
      twoFactorEnabled: person.twoFactorEnabled,
      createdAt: iso(person.createdAt),
      updatedAt: iso(person.updatedAt),
      signInMethods: accounts.map((row) => ({ provider: row.provider, createdAt: iso(row.createdAt) })),
      siteRoles: roles.map((row) => ({ role: row.role, since: iso(row.createdAt) })),
      institutions: memberships.map((row) => ({ institution: row.slug, since: iso(row.createdAt) })),
      moderates: moderated.map((row) => ({ consultation: row.slug, since: iso(row.createdAt) })),
    },
    profile: ownProfile
      ? {
          displayName: ownProfile.displayName,
          country: ownProfile.country,
          stakeholderGroup: ownProfile.stakeholderGroup,
          ageBand: ownProfile.ageBand,
          gender: ownProfile.gender,
          preferredLanguage: ownProfile.preferredLanguage,
          hasDeclaredInterest: ownProfile.hasDeclaredInterest,
          interestKind: ownProfile.interestKind,
          updatedAt: iso(ownProfile.updatedAt),
        }
      : null,
    consents: [
      {
        name: "statistics",
        given: ownProfile?.statsConsent ?? false,
        recordedAt: ownProfile ? iso(ownProfile.updatedAt) : null,
      },
      {
        name: "notifyByEmail",
        given: ownProfile?.notifyByEmail ?? true,
        recordedAt: ownProfile ? iso(ownProfile.updatedAt) : null,
      },
      {
        name: "notifyInApp",
        given: ownProfile?.notifyInApp ?? true,
        recordedAt: ownProfile ? iso(ownProfile.updatedAt) : null,
      },
    ],
    consentRecords: (await consentHistory(db, userId)).map((record) => ({ ...record, at: iso(record.at) })),
    phones: phones.map((row) => ({
      country: row.countryCode,
      lastDigits: row.lastDigits,
      firstSeenAt: iso(row.createdAt),
    })),
    votes: votes.map((row) => ({
      consultation: consultationOf(row.consultationId),
      priority: priorityOf(row.priorityId),
      value: row.value,
      channel: row.channel,
      enteredByStaff: row.enteredById !== null && row.enteredById !== userId,
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
    })),
    ballot: allocations.map((row) => ({
      consultation: consultationOf(row.consultationId),
      priority: priorityOf(row.priorityId),
      points: row.points,
      channel: row.channel,
      updatedAt: iso(row.updatedAt),
    })),
    comments: comments.map((row) => {
      const pending = pendingEdits.find((edit) => edit.commentId === row.id);
      return {
        id: row.id,
        consultation: consultationOf(row.consultationId),
        priority: row.priorityId === null ? null : priorityOf(row.priorityId),
        parentId: row.parentId,
        body: row.body,
        language: row.language,
        stance: row.stance,
        status: row.status,
        enteredByStaff: row.enteredById !== null && row.enteredById !== userId,
        tags: tags.filter((tag) => tag.commentId === row.id).map((tag) => tag.tag),
        createdAt: iso(row.createdAt),
        editedAt: isoOrNull(row.editedAt),
        revisions: revisions
          .filter((revision) => revision.commentId === row.id)
          .map((revision) => ({ body: revision.body, replacedAt: iso(revision.createdAt) })),
        pendingEdit: pending ? { body: pending.body, createdAt: iso(pending.createdAt) } : null,
      };
    }),
    endorsements: endorsements.map((row) => ({
      commentId: row.commentId,
      consultation: consultationOf(row.consultationId),
      createdAt: iso(row.createdAt),
    })),
    proposals: proposals.map((row) => ({
      id: row.id,
      consultation: consultationOf(row.consultationId),
      title: row.title,
      body: row.body,
      language: row.proposalLanguage,
      category: row.category,
      status: row.status,
      createdAt: iso(row.createdAt),
    })),
    flags: flags.map((row) => ({
      consultation: consultationOf(row.consultationId),
      targetType: row.targetType,
      targetId: row.targetId,
      reason: row.reason,
      note: row.note,
      createdAt: iso(row.createdAt),
      resolvedAt: isoOrNull(row.resolvedAt),
    })),
    notifications: notifications.map((row) => ({
      kind: row.kind,
      consultation: row.consultationId === null ? null : consultationOf(row.consultationId),
      payload: row.payload,
      createdAt: iso(row.createdAt),
      readAt: isoOrNull(row.readAt),
    })),
    sessions: sessions.map((row) => ({
      createdAt: iso(row.createdAt),
      lastActiveAt: iso(row.updatedAt),
      expiresAt: iso(row.expiresAt),
      ipAddress: row.ipAddress,
      userAgent: row.userAgent,
    })),
    moderation: decisions.map((row) => ({
      consultation: consultationOf(row.consultationId),
      targetType: row.targetType,
      targetId: row.targetId,
      action: row.action,
      reason: row.reason,
      automatic: row.automatic,
      createdAt: iso(row.createdAt),
    })),
    suspensions: suspensions.map((row) => ({
      consultation: row.consultationId === null ? null : consultationOf(row.consultationId),
      reason: row.reason,
      startsAt: iso(row.startsAt),
      endsAt: isoOrNull(row.endsAt),
      liftedAt: isoOrNull(row.liftedAt),
    })),
    mails: mails.map((row) => ({
      subject: row.subject,
      status: row.status,
      createdAt: iso(row.createdAt),
      sentAt: isoOrNull(row.sentAt),
    })),
    downloads: downloads.map((row) => ({
      consultation: consultationOf(row.consultationId),
      kind: row.kind,
      format: row.format,
      createdAt: iso(row.createdAt),
    })),
  };
}
