/**
 * Summaries through the real routes: versions, diff and restore in the editor; publication; quotes
 * on the public page (anonymous, consent-bound, gone when the comment is hidden, with a warning in
 * the editor); the language fallback; who is refused; bad input answered with a translated 400.
 */
import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  comment,
  consultationModerator,
  institution,
  institutionMember,
  notification,
  outboxMail,
  priority,
  profile,
  summary,
  summaryQuote,
  summaryVersion,
  user,
  userRole,
  consultation as consultationTable,
} from "~db/schema";
import { queryRows } from "~/platform/db.server";
import * as consultationLayout from "~/routes/c+/$slug+/_layout";
import * as priorityPage from "~/routes/c+/$slug+/p.$priorityId";
import * as overviewPage from "~/routes/c+/$slug+/_moderator+/summaries";
import * as editorPage from "~/routes/c+/$slug+/_moderator+/summaries_.$scope.$locale/route";
import * as publicPage from "~/routes/c+/$slug+/summary";
import { call, signUpMember } from "../support/actions";
import { createConsultation, createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { text } from "../support/locales";
import { markSecondFactorEnrolled } from "../support/second-factor";

const db = setupTestDatabase();

interface Person {
  cookie?: string;
  userId?: string;
  email?: string;
}

async function member(name: string): Promise<Required<Person>> {
  const { cookie, email, userId } = await signUpMember(name);
  return { cookie, email, userId: userId };
}

let consultation: { id: number; slug: string; priorityIds: number[] };
let other: { id: number; slug: string; priorityIds: number[] };
let moderator: Required<Person>;
let otherModerator: Required<Person>;
let institutionStaff: Required<Person>;
let plainMember: Required<Person>;
const visitor: Person = {};
/** Authors of quoted comments: one agreed to statistics, one did not. */
let consenting: { id: string; name: string; email: string };
let declining: { id: string; name: string; email: string };
let consentedCommentId: number;
let declinedCommentId: number;
let otherConsultationCommentId: number;

const editorPath = (slug: string, scope: string, locale: string) => `/c/${slug}/summaries/${scope}/${locale}`;

function edit(who: Person, fields: Record<string, string>, scope = "consultation", locale = "en", slug?: string) {
  const s = slug ?? consultation.slug;
  return call(editorPage.action, {
    path: editorPath(s, scope, locale),
    params: { slug: s, scope, locale },
    fields,
    cookie: who.cookie,
  });
}

type EditorData = Awaited<ReturnType<typeof editorPage.loader>>;
async function editorData(who: Person, scope = "consultation", locale = "en", query = "") {
  const answer = await call(editorPage.loader, {
    path: `${editorPath(consultation.slug, scope, locale)}${query}`,
    params: { slug: consultation.slug, scope, locale },
    cookie: who.cookie,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as EditorData;
}

type PublicData = Awaited<ReturnType<typeof publicPage.loader>>;
async function publicData(language: string, who: Person = visitor) {
  const answer = await call(publicPage.loader, {
    path: `/c/${consultation.slug}/summary?lng=${language}`,
    params: { slug: consultation.slug },
    cookie: who.cookie,
  });
  expect(answer.status).toBe(200);
  return answer.body as PublicData;
}

async function versionsOf(priorityId: number | null, locale: string) {
  const rows = await db()
    .select({ version: summaryVersion.version, text: summaryVersion.bodyMarkdown, authorId: summaryVersion.authorId })
    .from(summaryVersion)
    .innerJoin(summary, eq(summary.id, summaryVersion.summaryId))
    .where(
      sql`${summary.consultationId} = ${consultation.id} and ${summary.locale} = ${locale} and ${summary.priorityId} is not distinct from ${priorityId}`,
    )
    .orderBy(asc(summaryVersion.version));
  return rows;
}

/** Every summary row of every consultation, to prove a refused post changed nothing. */
async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const table of ["summary", "summary_version", "summary_quote"]) {
    const rows = await queryRows<{ row: string }>(
      db(),
      sql.raw(`select row_to_json(t)::text as row from ${table} t order by row_to_json(t)::text`),
    );
    parts.push(`${table}:${rows.map((r) => r.row).join("\n")}`);
  }
  return parts.join("\n\n");
}

/** The message key of a refused post, checked to exist in the English strings. */
function messageKey(body: unknown, field?: string): string {
  const failure = body as { fieldErrors: Record<string, string>; formError?: string };
  const key = field ? failure.fieldErrors[field] : failure.formError;
  expect(key, JSON.stringify(body)).toBeTruthy();
  const [namespace, path] = key!.split(":") as [string, string];
  expect(text("en", namespace, path, { id: 1 })).toBeTruthy();
  return key!;
}

beforeAll(async () => {
  const [owner] = await db()
    .insert(institution)
    .values({ slug: "summaries-owner", name: { en: "Owner" } })
    .returning({ id: institution.id });
  consultation = await createConsultation(db(), { owningInstitutionId: owner!.id, defaultLocale: "en" });
  other = await createConsultation(db());
  moderator = await member("Moderator Person");
  otherModerator = await member("Other Moderator");
  institutionStaff = await member("Institution Person");
  plainMember = await member("Plain Member");
  await db()
    .insert(consultationModerator)
    .values([
      { consultationId: consultation.id, userId: moderator.userId },
      { consultationId: other.id, userId: otherModerator.userId },
    ]);
  await db().insert(institutionMember).values({ institutionId: owner!.id, userId: institutionStaff.userId });
  await markSecondFactorEnrolled(db(), moderator.userId, otherModerator.userId, institutionStaff.userId);

  const [consentingId, decliningId] = await createUsers(db(), 2);
  const authors = await db()
    .select()
    .from(user)
    .where(sql`${user.id} in (${consentingId}, ${decliningId})`);
  consenting = authors.find((a) => a.id === consentingId)!;
  declining = authors.find((a) => a.id === decliningId)!;
  await db()
    .insert(profile)
    .values([
      {
        userId: consentingId!,
        displayName: "Wanjiru K.",
        statsConsent: true,
        stakeholderGroup: "health-worker",
        country: "KE",
      },
      {
        userId: decliningId!,
        displayName: "Secret Name",
        statsConsent: false,
        stakeholderGroup: "manufacturer",
        country: "NG",
      },
    ]);
  const [first, second, elsewhere] = await db()
    .insert(comment)
    .values([
      {
        consultationId: consultation.id,
        priorityId: consultation.priorityIds[0],
        authorId: consentingId!,
        body: "Clinics run out of insulin every March.",
        language: "sw",
      },
      {
        consultationId: consultation.id,
        priorityId: consultation.priorityIds[0],
        authorId: decliningId!,
        body: "Factories need orders they can plan on.",
        language: "fr",
      },
      {
        consultationId: other.id,
        priorityId: other.priorityIds[0],
        authorId: consentingId!,
        body: "A comment elsewhere.",
        language: "en",
      },
    ])
    .returning({ id: comment.id });
  consentedCommentId = first!.id;
  declinedCommentId = second!.id;
  otherConsultationCommentId = elsewhere!.id;
});

describe("versions", () => {
  it("keeps every save as a version, shows a diff between two, and restores an old one as a new version", async () => {
    const texts = [
      "## Findings\n\nSupport is broad.",
      "## Findings\n\nSupport is wide.",
      "## Findings\n\nSupport is narrow, says v3.",
    ];
    for (const body of texts) {
      const answer = await edit(moderator, { intent: "save", body });
      expect(answer.status).toBe(302);
      expect(answer.headers.get("Location")).toBe(`${editorPath(consultation.slug, "consultation", "en")}#editor`);
    }
    expect((await versionsOf(null, "en")).map((v) => [v.version, v.text, v.authorId])).toEqual(
      texts.map((body, index) => [index + 1, body, moderator.userId]),
    );

    const page = await editorData(moderator, "consultation", "en", "?from=1&to=3");
    expect(page.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(page.versions[0]!.authorName).toBe("Moderator Person");
    expect(page.text).toBe(texts[2]);
    const parts = page.diff!.parts;
    expect(parts.filter((p) => p.change === "removed").map((p) => p.text)).toEqual(["broad"]);
    expect(parts.filter((p) => p.change === "added").map((p) => p.text.trim())).toEqual(["narrow, says v3"]);
    expect(
      parts
        .filter((p) => p.change !== "added")
        .map((p) => p.text)
        .join(""),
    ).toBe(texts[0]);
    expect(
      parts
        .filter((p) => p.change !== "removed")
        .map((p) => p.text)
        .join(""),
    ).toBe(texts[2]);

    const restored = await edit(moderator, { intent: "restore", version: "1" });
    expect(restored.status).toBe(302);
    const versions = await versionsOf(null, "en");
    expect(versions).toHaveLength(4);
    expect(versions[3]!.text).toBe(texts[0]);
    expect(versions.slice(0, 3).map((v) => v.text)).toEqual(texts);
  });

  it("adds a quote line to the posted text without saving it (works without JavaScript)", async () => {
    const before = await snapshot();
    const answer = await edit(moderator, { body: "Draft being written", quoteCommentId: String(consentedCommentId) });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      draft: `Draft being written\n\n[[quote:${consentedCommentId}]]\n`,
      insertedCommentId: consentedCommentId,
    });
    expect(await snapshot()).toBe(before);

    const refused = await edit(moderator, { body: "x", quoteCommentId: String(otherConsultationCommentId) });
    expect(refused.status).toBe(400);
    expect(messageKey(refused.body)).toBe("summaries:errors.unknownQuote");
  });
});

describe("publishing and reading", () => {
  it("publishes the current version; later drafts stay unseen until published again", async () => {
    const scope = String(consultation.priorityIds[0]);
    await edit(moderator, { intent: "save", body: "First take." }, scope);
    expect((await publicData("en")).priorities).toEqual([]);
    expect((await publicData("en")).overall).toBeNull();

    const published = await edit(moderator, { intent: "publish" }, scope);
    expect(published.status).toBe(302);
    await edit(moderator, { intent: "save", body: "Second take, not yet public." }, scope);

    const page = await publicData("en");
    expect(page.priorities).toHaveLength(1);
    expect(JSON.stringify(page)).toContain("First take.");
    expect(JSON.stringify(page)).not.toContain("Second take");
    // The consultation's navigation (its layout) links the published summary, and the editor for moderators only.
    const sectionsFor = async (cookie?: string) => {
      const answer = await call(consultationLayout.loader, {
        path: `/c/${consultation.slug}`,
        params: { slug: consultation.slug },
        cookie,
      });
      return (answer.body as { sections: Array<{ path: string }> }).sections.map((section) => section.path);
    };
    expect(await sectionsFor()).toContain("/summary");
    expect(await sectionsFor()).not.toContain("/summaries");
    expect(await sectionsFor(moderator.cookie)).toContain("/summaries");

    await edit(moderator, { intent: "unpublish" }, scope);
    expect((await publicData("en")).priorities).toEqual([]);
  });

  it("shows quotes anonymously, with group and country only when the author consented", async () => {
    const scope = String(consultation.priorityIds[1]);
    const body = `Two voices:\n\n[[quote:${consentedCommentId}]]\n\n[[quote:${declinedCommentId}]]\n`;
    expect((await edit(moderator, { intent: "save", body }, scope)).status).toBe(302);
    expect((await edit(moderator, { intent: "publish" }, scope)).status).toBe(302);
    const quotes = await db().select().from(summaryQuote).orderBy(asc(summaryQuote.position));
    expect(quotes.map((q) => q.commentId)).toEqual([consentedCommentId, declinedCommentId]);

    const page = await publicData("en");
    const entry = page.priorities.find((p) => p.priorityId === consultation.priorityIds[1])!;
    const shown = entry.segments.flatMap((s) => (s.kind === "quote" ? [s.quote] : []));
    expect(shown).toEqual([
      {
        commentId: consentedCommentId,
        body: "Clinics run out of insulin every March.",
        language: "sw",
        stakeholderGroup: "health-worker",
        country: "KE",
      },
      {
        commentId: declinedCommentId,
        body: "Factories need orders they can plan on.",
        language: "fr",
        stakeholderGroup: null,
        country: null,
      },
    ]);
    const everything = JSON.stringify(page);
    for (const secret of [
      consenting.name,
      consenting.email,
      declining.name,
      declining.email,
      "Wanjiru",
      "Secret Name",
      "manufacturer",
      '"NG"',
    ]) {
      expect(everything).not.toContain(secret);
    }

    // The priority page carries the same published summary.
    const priorityAnswer = await call(priorityPage.loader, {
      path: `/c/${consultation.slug}/p/${consultation.priorityIds[1]}`,
      params: { slug: consultation.slug, priorityId: String(consultation.priorityIds[1]) },
    });
    const prioritySummary = (priorityAnswer.body as { summary: { segments: unknown[] } | null }).summary;
    expect(prioritySummary?.segments).toEqual(entry.segments);
  });

  it("drops the quote of a comment hidden later from the public page, and warns in the editor", async () => {
    const scope = String(consultation.priorityIds[1]);
    await db().update(comment).set({ status: "hidden" }).where(eq(comment.id, consentedCommentId));
    try {
      const page = await publicData("en");
      expect(JSON.stringify(page)).not.toContain("Clinics run out of insulin");
      const entry = page.priorities.find((p) => p.priorityId === consultation.priorityIds[1])!;
      expect(entry.segments.filter((s) => s.kind === "quote")).toHaveLength(1);

      const editor = await editorData(moderator, scope);
      expect(editor.problems).toEqual([{ commentId: consentedCommentId, status: "hidden" }]);
      expect(text("en", "summaries", "warnings.hidden", { id: consentedCommentId })).toContain(
        String(consentedCommentId),
      );
    } finally {
      await db().update(comment).set({ status: "published" }).where(eq(comment.id, consentedCommentId));
    }
  });

  it("keeps summary_quote in step with the quote lines of the latest version", async () => {
    const scope = String(consultation.priorityIds[2]);
    const quotesOf = async () => {
      const [row] = await db()
        .select({ id: summary.id })
        .from(summary)
        .where(sql`${summary.priorityId} = ${consultation.priorityIds[2]} and ${summary.locale} = 'pt'`);
      const rows = await db().select().from(summaryQuote).where(eq(summaryQuote.summaryId, row!.id));
      return rows.sort((a, b) => a.position - b.position).map((q) => q.commentId);
    };
    await edit(
      moderator,
      { intent: "save", body: `[[quote:${declinedCommentId}]]\n\n[[quote:${consentedCommentId}]]` },
      scope,
      "pt",
    );
    expect(await quotesOf()).toEqual([declinedCommentId, consentedCommentId]);
    await edit(moderator, { intent: "save", body: "No quotes any more." }, scope, "pt");
    expect(await quotesOf()).toEqual([]);
    await edit(moderator, { intent: "restore", version: "1" }, scope, "pt");
    expect(await quotesOf()).toEqual([declinedCommentId, consentedCommentId]);
  });

  it("takes a priority's summary off the public page when the priority is no longer public", async () => {
    const priorityId = consultation.priorityIds[1]!;
    expect((await publicData("en")).priorities.map((p) => p.priorityId)).toContain(priorityId);
    await db().update(priority).set({ status: "hidden" }).where(eq(priority.id, priorityId));
    try {
      expect((await publicData("en")).priorities.map((p) => p.priorityId)).not.toContain(priorityId);
      expect(JSON.stringify(await publicData("en"))).not.toContain("Two voices");
    } finally {
      await db().update(priority).set({ status: "approved" }).where(eq(priority.id, priorityId));
    }
  });

  it("falls back to another language with a notice when the reader's is missing", async () => {
    await edit(moderator, { intent: "save", body: "Résumé en français." }, "consultation", "fr");
    await edit(moderator, { intent: "publish" }, "consultation", "fr");
    await edit(moderator, { intent: "publish" }, "consultation", "en");

    const french = await publicData("fr");
    expect(french.overall).toMatchObject({ language: "fr", isFallback: false });
    const arabic = await publicData("ar");
    // No Arabic text: the consultation's default language (English) stands in, flagged.
    expect(arabic.overall).toMatchObject({ language: "en", isFallback: true });
    const english = await publicData("en");
    expect(english.overall).toMatchObject({ language: "en", isFallback: false });
  });
});

describe("telling participants", () => {
  it("notifies each participant once when the consultation's summary is first published, in any language", async () => {
    await edit(moderator, { intent: "save", body: "Итоговый обзор." }, "consultation", "ru");
    await edit(moderator, { intent: "publish" }, "consultation", "ru");
    await edit(moderator, { intent: "publish" }, "consultation", "en");
    const rows = await db()
      .select({ userId: notification.userId })
      .from(notification)
      .where(sql`${notification.consultationId} = ${consultation.id} and ${notification.kind} = 'summary-published'`);
    const participants = [consenting.id, declining.id];
    expect(rows.map((r) => r.userId).sort()).toEqual([...participants].sort());
    const mails = await db()
      .select({ to: outboxMail.toAddress })
      .from(outboxMail)
      .where(sql`${outboxMail.dedupeKey} like ${`summary-published:${consultation.id}:%`}`);
    expect(mails.map((m) => m.to).sort()).toEqual([consenting.email, declining.email].sort());
  });
});

describe("who may write and publish", () => {
  const refusedPeople: [string, () => Person, number][] = [
    ["a moderator of another consultation", () => otherModerator, 403],
    ["a member of the owning institution", () => institutionStaff, 403],
    ["a member", () => plainMember, 403],
    ["a visitor", () => visitor, 302],
  ];

  it.each(refusedPeople)("refuses %s and changes nothing", async (_who, person, status) => {
    const who = person();
    const before = await snapshot();
    const posts: Record<string, string>[] = [
      { intent: "save", body: "Not allowed" },
      { intent: "restore", version: "1" },
      { intent: "publish" },
      { intent: "unpublish" },
      { body: "x", quoteCommentId: String(consentedCommentId) },
    ];
    for (const fields of posts) {
      const answer = await edit(who, fields);
      expect(answer.status, JSON.stringify(fields)).toBe(status);
      if (status === 302) expect(answer.headers.get("Location")).toMatch(/^\/sign-in\?redirectTo=/);
    }
    for (const loader of [editorPage.loader, overviewPage.loader]) {
      const answer = await call(loader, {
        path: editorPath(consultation.slug, "consultation", "en"),
        params: { slug: consultation.slug, scope: "consultation", locale: "en" },
        cookie: who.cookie,
      });
      expect(answer.status).toBe(status);
    }
    expect(await snapshot()).toBe(before);
  });

  it("lets the consultation's moderators and the admins in", async () => {
    const admin = await member("Admin Person");
    await db().insert(userRole).values({ userId: admin.userId, role: "admin" });
    await markSecondFactorEnrolled(db(), admin.userId);
    for (const who of [moderator, admin]) {
      const answer = await call(overviewPage.loader, {
        path: `/c/${consultation.slug}/summaries`,
        params: { slug: consultation.slug },
        cookie: who.cookie,
      });
      expect(answer.status).toBe(200);
    }
    expect((await edit(admin, { intent: "save", body: "Written by an admin." }, "consultation", "sw")).status).toBe(
      302,
    );
    expect((await versionsOf(null, "sw")).map((v) => v.authorId)).toEqual([admin.userId]);
  });

  it("hides a draft consultation's summaries from everyone but its staff", async () => {
    await db().update(consultationTable).set({ phase: "draft" }).where(eq(consultationTable.id, other.id));
    const answer = await edit(plainMember, { intent: "save", body: "x" }, "consultation", "en", other.slug);
    expect(answer.status).toBe(404);
  });
});

describe("bad input", () => {
  it.each([
    ["empty text", { intent: "save", body: "" }, "consultation", "en", "body", "summaries:errors.bodyRequired"],
    ["blank text", { intent: "save", body: "  \n\t " }, "consultation", "en", "body", "summaries:errors.bodyRequired"],
    ["no text", { intent: "save" }, "consultation", "en", "body", "summaries:errors.bodyRequired"],
    [
      "a too long text",
      { intent: "save", body: "x".repeat(50_001) },
      "consultation",
      "en",
      "body",
      "summaries:errors.bodyTooLong",
    ],
    [
      "a quote from another consultation",
      { intent: "save", body: `[[quote:${999_999}]]` },
      "consultation",
      "en",
      "body",
      "summaries:errors.quoteNotInConsultation",
    ],
    [
      "an unknown locale",
      { intent: "save", body: "Text" },
      "consultation",
      "xx",
      undefined,
      "summaries:errors.unknownLocale",
    ],
    [
      "an unknown version",
      { intent: "restore", version: "99" },
      "consultation",
      "en",
      undefined,
      "summaries:errors.unknownVersion",
    ],
    [
      "a tampered version",
      { intent: "restore", version: "abc" },
      "consultation",
      "en",
      undefined,
      "summaries:errors.unknownVersion",
    ],
    ["an unknown action", { intent: "nonsense" }, "consultation", "en", undefined, "summaries:errors.unknownAction"],
    [
      "a locale in the wrong case",
      { intent: "publish" },
      "consultation",
      "EN",
      undefined,
      "summaries:errors.unknownLocale",
    ],
  ] as const)(
    "answers %s with a translated 400 and stores nothing",
    async (_case, fields, scope, locale, field, key) => {
      const before = await snapshot();
      const answer = await edit(moderator, { ...fields }, scope, locale);
      expect(answer.status).toBe(400);
      expect(messageKey(answer.body, field)).toBe(key);
      if (field && "body" in fields)
        expect((answer.body as { values: Record<string, string> }).values.body).toBe(fields.body);
      expect(await snapshot()).toBe(before);
    },
  );

  it("answers a priority of another consultation with a 404 and stores nothing", async () => {
    const before = await snapshot();
    const answer = await edit(moderator, { intent: "save", body: "Text" }, String(other.priorityIds[0]));
    expect(answer.status).toBe(404);
    expect(messageKey(answer.body)).toBe("summaries:errors.unknownScope");
    expect(await snapshot()).toBe(before);
  });

  it("answers publishing a summary never saved with a translated 400", async () => {
    const before = await snapshot();
    const answer = await edit(moderator, { intent: "publish" }, String(consultation.priorityIds[2]));
    expect(answer.status).toBe(400);
    expect(messageKey(answer.body)).toBe("summaries:errors.nothingToPublish");
    expect(await snapshot()).toBe(before);
  });
});

describe("deleting a draft (issue 18, item 14)", () => {
  it("deletes a summary never published with its versions; a published one stays until unpublished", async () => {
    const scope = String(consultation.priorityIds[2]);
    await edit(moderator, { intent: "save", body: "A draft nobody will read." }, scope, "sw");
    expect(await versionsOf(consultation.priorityIds[2]!, "sw")).toHaveLength(1);
    // Only the consultation's staff may delete it.
    const before = await snapshot();
    for (const who of [plainMember, institutionStaff, otherModerator]) {
      expect((await edit(who, { intent: "delete" }, scope, "sw")).status).toBe(403);
    }
    expect(await snapshot()).toBe(before);

    const deleted = await edit(moderator, { intent: "delete" }, scope, "sw");
    expect(deleted.status).toBe(302);
    expect(await versionsOf(consultation.priorityIds[2]!, "sw")).toEqual([]);
    expect((await editorData(moderator, scope, "sw")).summary).toBeNull();

    await edit(moderator, { intent: "save", body: "Published, so part of the record." }, scope, "pt");
    await edit(moderator, { intent: "publish" }, scope, "pt");
    const published = await snapshot();
    const refused = await edit(moderator, { intent: "delete" }, scope, "pt");
    expect(refused.status).toBe(409);
    expect(messageKey(refused.body)).toBe("summaries:errors.notDeletable");
    expect(await snapshot()).toBe(published);
    // Never saved: nothing to delete, the same answer.
    expect(messageKey((await edit(moderator, { intent: "delete" }, scope, "ru")).body)).toBe(
      "summaries:errors.notDeletable",
    );

    await edit(moderator, { intent: "unpublish" }, scope, "pt");
    expect((await edit(moderator, { intent: "delete" }, scope, "pt")).status).toBe(302);
    expect(await versionsOf(consultation.priorityIds[2]!, "pt")).toEqual([]);
  });
});
