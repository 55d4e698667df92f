/**
 * Bad input posted to every action of the participation pages (and the account forms): each is
 * answered with a 4xx and a message that exists in every language, and nothing stored changes.
 * The list of issue #4 item 11 is covered: empty, too long, wrong type, unknown priority, closed
 * consultation, tampered ids, another consultation's priority, duplicate submissions.
 */
import { eq, sql } from "drizzle-orm";
import { createInstance } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "~/platform/db.server";
import { namespaces, supportedLanguages } from "~/platform/i18n/config";
import { getResources } from "~/platform/i18n/resources.server";
import * as consultationPage from "~/routes/c+/$slug+/index";
import * as priorityPage from "~/routes/c+/$slug+/p.$priorityId";
import * as proposePage from "~/routes/c+/$slug+/propose";
import * as profilePage from "~/routes/_member+/profile";
import * as resetPasswordPage from "~/routes/_auth+/reset-password";
import * as signInPage from "~/routes/_auth+/sign-in";
import * as signUpPage from "~/routes/_auth+/sign-up";
import { comment, suspension, user } from "~db/schema";
import { call, signUpMember, type Answer } from "../support/actions";
import { createConsultation, createPriority } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

/** Every row a member's input can create or change, in a stable order. */
const storedTables = [
  "vote",
  "ballot_allocation",
  "comment",
  "comment_revision",
  "comment_pending_edit",
  "comment_endorsement",
  "flag",
  "priority",
  "profile",
  '"user"',
  "account",
];

async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const table of storedTables) {
    const rows = await queryRows<{ row: string }>(
      db(),
      sql.raw(`select row_to_json(t)::text as row from ${table} t order by row_to_json(t)::text`),
    );
    parts.push(`${table}:${rows.map((r) => r.row).join("\n")}`);
  }
  return parts.join("\n\n");
}

const translators = new Map<string, (key: string, values?: Record<string, unknown>) => string>();

beforeAll(async () => {
  for (const language of supportedLanguages) {
    const i18n = createInstance();
    await i18n.init({ lng: language, resources: getResources(), ns: [...namespaces], defaultNS: "common" });
    translators.set(language, i18n.t.bind(i18n) as (key: string, values?: Record<string, unknown>) => string);
  }
});

/** The i18n keys an answer carries (form-level and per field). */
function messageKeys(answer: Answer): string[] {
  const body = answer.body as { formError?: string; fieldErrors?: Record<string, string> } | string;
  if (typeof body !== "object" || body === null) return [];
  return [...(body.formError ? [body.formError] : []), ...Object.values(body.fieldErrors ?? {})];
}

function expectTranslatedRefusal(answer: Answer, label: string) {
  expect(answer.status, `${label}: status`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${label}: status`).toBeLessThan(500);
  if (answer.status === 404 && answer.body === "Not Found") return; // the translated 404 page
  const keys = messageKeys(answer);
  expect(keys.length, `${label}: an error message`).toBeGreaterThan(0);
  for (const key of keys) {
    for (const language of supportedLanguages) {
      const message = translators.get(language)!(key, { count: 2, reason: "x" });
      expect(message, `${label}: "${key}" in ${language}`).not.toBe(key.split(":").pop());
      expect(message.length, `${label}: "${key}" in ${language}`).toBeGreaterThan(0);
    }
  }
}

interface Fixture {
  member: string; // cookie
  otherMember: string;
  otherMemberId: string;
  suspended: string;
  open: { slug: string; priorityIds: number[] };
  other: { slug: string; priorityIds: number[] };
  closed: { slug: string; priorityIds: number[] };
  draft: { slug: string; priorityIds: number[] };
  pendingPriorityId: number;
  otherMembersComment: number;
  ownComment: number;
  otherConsultationComment: number;
}

let f: Fixture;

async function insertComment(consultationId: number, priorityId: number, authorId: string, body: string) {
  const [row] = await db()
    .insert(comment)
    .values({ consultationId, priorityId, authorId, body, language: "en" })
    .returning({ id: comment.id });
  return row!.id;
}

async function userIdOf(email: string) {
  const [row] = await db().select({ id: user.id }).from(user).where(eq(user.email, email));
  return row!.id;
}

beforeAll(async () => {
  const open = await createConsultation(db(), { ballotBudget: 10 });
  const other = await createConsultation(db(), { ballotBudget: 10 });
  const closed = await createConsultation(db(), { phase: "closed", ballotBudget: 10 });
  const draft = await createConsultation(db(), { phase: "draft", ballotBudget: 10 });
  const [openRow] = await queryRows<{ id: number }>(db(), sql`select id from consultation where slug = ${open.slug}`);
  const [otherRow] = await queryRows<{ id: number }>(db(), sql`select id from consultation where slug = ${other.slug}`);
  const pendingPriorityId = await createPriority(db(), openRow!.id, "pending", 9);

  const member = await signUpMember("Member");
  const otherMember = await signUpMember("Other");
  const suspended = await signUpMember("Suspended");
  const memberId = await userIdOf(member.email);
  const otherMemberId = await userIdOf(otherMember.email);
  await db()
    .insert(suspension)
    .values({ userId: await userIdOf(suspended.email), consultationId: openRow!.id, reason: "Repeated abuse" });

  f = {
    member: member.cookie,
    otherMember: otherMember.cookie,
    otherMemberId,
    suspended: suspended.cookie,
    open,
    other,
    closed,
    draft,
    pendingPriorityId,
    otherMembersComment: await insertComment(
      openRow!.id,
      open.priorityIds[0]!,
      otherMemberId,
      "A comment by someone else",
    ),
    ownComment: await insertComment(openRow!.id, open.priorityIds[0]!, memberId, "My own comment here"),
    otherConsultationComment: await insertComment(otherRow!.id, other.priorityIds[0]!, otherMemberId, "Elsewhere"),
  };
});

type Route = { action: (args: never) => unknown };

interface Case {
  name: string;
  route: Route;
  path: () => string;
  params: () => Record<string, string>;
  fields: () => Record<string, string>;
  cookie?: () => string | undefined;
}

const onConsultation = (slug: () => string) => ({
  route: consultationPage as Route,
  path: () => `/c/${slug()}`,
  params: () => ({ slug: slug() }),
});
const onPriority = (slug: () => string, priorityId: () => number) => ({
  route: priorityPage as Route,
  path: () => `/c/${slug()}/p/${priorityId()}`,
  params: () => ({ slug: slug(), priorityId: String(priorityId()) }),
});
const onPropose = (slug: () => string) => ({
  route: proposePage as Route,
  path: () => `/c/${slug()}/propose`,
  params: () => ({ slug: slug() }),
});
const openPage = onConsultation(() => f.open.slug);
const openPriority = onPriority(
  () => f.open.slug,
  () => f.open.priorityIds[0]!,
);
const member = () => f.member;

const vote = (overrides: Record<string, string> = {}) => ({
  intent: "vote",
  priorityId: String(f.open.priorityIds[0]),
  value: "agree",
  ...overrides,
});
const newComment = (overrides: Record<string, string> = {}) => ({
  intent: "comment",
  body: "A thoughtful comment",
  language: "fr",
  stance: "supports",
  ...overrides,
});
const proposal = (overrides: Record<string, string> = {}) => ({
  intent: "propose",
  title: "Train regional regulators together",
  body: "Shared training builds trust between agencies and speeds up reviews.",
  category: "regulatory-harmonisation",
  language: "en",
  ...overrides,
});

const cases: Case[] = [
  // ── votes
  { name: "vote: empty form", ...openPage, fields: () => ({ intent: "vote" }), cookie: member },
  { name: "vote: wrong type of id", ...openPage, fields: () => vote({ priorityId: "abc" }), cookie: member },
  { name: "vote: unknown value", ...openPage, fields: () => vote({ value: "maybe" }), cookie: member },
  { name: "vote: unknown priority", ...openPage, fields: () => vote({ priorityId: "999999" }), cookie: member },
  { name: "vote: id beyond integers", ...openPage, fields: () => vote({ priorityId: "99999999999" }), cookie: member },
  {
    name: "vote: another consultation's priority",
    ...openPage,
    fields: () => vote({ priorityId: String(f.other.priorityIds[0]) }),
    cookie: member,
  },
  {
    name: "vote: a pending proposal",
    ...openPage,
    fields: () => vote({ priorityId: String(f.pendingPriorityId) }),
    cookie: member,
  },
  {
    name: "vote: closed consultation",
    ...onConsultation(() => f.closed.slug),
    fields: () => vote({ priorityId: String(f.closed.priorityIds[0]) }),
    cookie: member,
  },
  {
    name: "vote: draft consultation",
    ...onConsultation(() => f.draft.slug),
    fields: () => vote({ priorityId: String(f.draft.priorityIds[0]) }),
    cookie: member,
  },
  { name: "vote: visitor", ...openPage, fields: () => vote(), cookie: () => undefined },
  { name: "vote: suspended member", ...openPage, fields: () => vote(), cookie: () => f.suspended },
  { name: "unknown intent", ...openPage, fields: () => ({ intent: "delete-everything" }), cookie: member },
  // ── points ballot
  ...(
    [
      ["over budget", (ids: number[]) => ({ [`points.${ids[0]}`]: "8", [`points.${ids[1]}`]: "5" })],
      ["negative points", (ids: number[]) => ({ [`points.${ids[0]}`]: "-1" })],
      ["fractional points", (ids: number[]) => ({ [`points.${ids[0]}`]: "2.5" })],
      ["not a number", (ids: number[]) => ({ [`points.${ids[0]}`]: "ten" })],
      ["unknown priority", () => ({ "points.999999": "3" })],
    ] as const
  ).map(([name, points]): Case => ({
    name: `ballot: ${name}`,
    ...openPage,
    fields: () => ({ intent: "ballot", ...points(f.open.priorityIds) }),
    cookie: member,
  })),
  {
    name: "ballot: another consultation's priority",
    ...openPage,
    fields: () => ({ intent: "ballot", [`points.${f.other.priorityIds[0]}`]: "3" }),
    cookie: member,
  },
  {
    name: "ballot: closed consultation",
    ...onConsultation(() => f.closed.slug),
    fields: () => ({ intent: "ballot", [`points.${f.closed.priorityIds[0]}`]: "3" }),
    cookie: member,
  },
  // ── comments
  { name: "comment: empty", ...openPriority, fields: () => newComment({ body: "" }), cookie: member },
  { name: "comment: one character", ...openPriority, fields: () => newComment({ body: "x" }), cookie: member },
  { name: "comment: too long", ...openPriority, fields: () => newComment({ body: "x".repeat(5001) }), cookie: member },
  { name: "comment: unknown stance", ...openPriority, fields: () => newComment({ stance: "angry" }), cookie: member },
  { name: "comment: unknown language", ...openPriority, fields: () => newComment({ language: "xx" }), cookie: member },
  {
    name: "comment: unknown parent",
    ...openPriority,
    fields: () => newComment({ parentId: "999999" }),
    cookie: member,
  },
  {
    name: "comment: parent in another consultation",
    ...openPriority,
    fields: () => newComment({ parentId: String(f.otherConsultationComment) }),
    cookie: member,
  },
  {
    name: "comment: on another consultation's priority",
    ...onPriority(
      () => f.open.slug,
      () => f.other.priorityIds[0]!,
    ),
    fields: () => newComment(),
    cookie: member,
  },
  {
    name: "comment: closed consultation",
    ...onPriority(
      () => f.closed.slug,
      () => f.closed.priorityIds[0]!,
    ),
    fields: () => newComment(),
    cookie: member,
  },
  { name: "comment: visitor", ...openPriority, fields: () => newComment(), cookie: () => undefined },
  { name: "comment: suspended member", ...openPriority, fields: () => newComment(), cookie: () => f.suspended },
  {
    name: "edit: someone else's comment",
    ...openPriority,
    fields: () => ({ intent: "edit", commentId: String(f.otherMembersComment), body: "Rewritten by me" }),
    cookie: member,
  },
  {
    name: "edit: empty body",
    ...openPriority,
    fields: () => ({ intent: "edit", commentId: String(f.ownComment), body: " " }),
    cookie: member,
  },
  {
    name: "edit: tampered id",
    ...openPriority,
    fields: () => ({ intent: "edit", commentId: "abc", body: "Rewritten text" }),
    cookie: member,
  },
  {
    name: "delete: someone else's comment",
    ...openPriority,
    fields: () => ({ intent: "delete", commentId: String(f.otherMembersComment) }),
    cookie: member,
  },
  {
    name: "delete: comment of another consultation",
    ...openPriority,
    fields: () => ({ intent: "delete", commentId: String(f.otherConsultationComment) }),
    cookie: () => f.otherMember,
  },
  {
    name: "endorse: own comment",
    ...openPriority,
    fields: () => ({ intent: "endorse", commentId: String(f.ownComment) }),
    cookie: member,
  },
  {
    name: "endorse: unknown comment",
    ...openPriority,
    fields: () => ({ intent: "endorse", commentId: "999999" }),
    cookie: member,
  },
  {
    name: "flag: unknown reason",
    ...openPriority,
    fields: () => ({ intent: "flag", targetType: "comment", targetId: String(f.otherMembersComment), reason: "bogus" }),
    cookie: member,
  },
  {
    name: "flag: own comment",
    ...openPriority,
    fields: () => ({ intent: "flag", targetType: "comment", targetId: String(f.ownComment), reason: "spam" }),
    cookie: member,
  },
  {
    name: "flag: other without a note",
    ...openPriority,
    fields: () => ({ intent: "flag", targetType: "comment", targetId: String(f.otherMembersComment), reason: "other" }),
    cookie: member,
  },
  {
    name: "flag: comment of another consultation",
    ...openPriority,
    fields: () => ({
      intent: "flag",
      targetType: "comment",
      targetId: String(f.otherConsultationComment),
      reason: "spam",
    }),
    cookie: member,
  },
  // ── proposals
  { name: "propose: empty", ...onPropose(() => f.open.slug), fields: () => ({ intent: "propose" }), cookie: member },
  {
    name: "propose: title too long",
    ...onPropose(() => f.open.slug),
    fields: () => proposal({ title: "t".repeat(201) }),
    cookie: member,
  },
  {
    name: "propose: unknown category",
    ...onPropose(() => f.open.slug),
    fields: () => proposal({ category: "world-peace" }),
    cookie: member,
  },
  {
    name: "propose: unknown product type",
    ...onPropose(() => f.open.slug),
    fields: () => proposal({ productType: "magic-beans" }),
    cookie: member,
  },
  { name: "propose: closed consultation", ...onPropose(() => f.closed.slug), fields: () => proposal(), cookie: member },
  { name: "propose: visitor", ...onPropose(() => f.open.slug), fields: () => proposal(), cookie: () => undefined },
  // ── profile
  ...(
    [
      ["unknown country", { country: "XX" }],
      ["unknown stakeholder group", { stakeholderGroup: "king" }],
      ["interest kind without a yes", { declaredInterest: "no", interestKind: "investor" }],
      ["tampered consent", { statsConsent: "maybe" }],
      ["name too long", { displayName: "n".repeat(81) }],
    ] as const
  ).map(([name, fields]): Case => ({
    name: `profile: ${name}`,
    route: profilePage as Route,
    path: () => "/profile",
    params: () => ({}),
    fields: () => ({ ...fields }),
    cookie: member,
  })),
  // ── accounts
  {
    name: "sign-in: empty",
    route: signInPage as Route,
    path: () => "/sign-in",
    params: () => ({}),
    fields: () => ({ email: "", password: "" }),
  },
  {
    name: "sign-up: short password",
    route: signUpPage as Route,
    path: () => "/sign-up",
    params: () => ({}),
    fields: () => ({ name: "New", email: "new@example.org", password: "short" }),
  },
  {
    name: "sign-up: invalid e-mail",
    route: signUpPage as Route,
    path: () => "/sign-up",
    params: () => ({}),
    fields: () => ({ name: "New", email: "not-an-address", password: "a good long password" }),
  },
  {
    name: "reset password: tampered token",
    route: resetPasswordPage as Route,
    path: () => "/reset-password",
    params: () => ({}),
    fields: () => ({ token: "forged-token", password: "a good long password" }),
  },
];

/** Every participation action with valid input for consultation `slug`'s first priority. */
function everyParticipationAction(slug: string, priorityIds: number[], commentId: string): Case[] {
  const priority = onPriority(
    () => slug,
    () => priorityIds[0]!,
  );
  const page = onConsultation(() => slug);
  return [
    { name: "vote", ...page, fields: () => vote({ priorityId: String(priorityIds[0]) }) },
    { name: "ballot", ...page, fields: () => ({ intent: "ballot", [`points.${priorityIds[0]}`]: "3" }) },
    { name: "vote on the priority page", ...priority, fields: () => vote({ priorityId: String(priorityIds[0]) }) },
    { name: "comment", ...priority, fields: () => newComment() },
    { name: "reply", ...priority, fields: () => newComment({ parentId: commentId }) },
    { name: "endorse", ...priority, fields: () => ({ intent: "endorse", commentId }) },
    {
      name: "flag",
      ...priority,
      fields: () => ({ intent: "flag", targetType: "comment", targetId: commentId, reason: "spam" }),
    },
    { name: "propose", ...onPropose(() => slug), fields: () => proposal() },
  ];
}

describe("outside the open phase, and for a suspended member, every action is refused", () => {
  it.each(["closed", "summarising", "published", "draft"] as const)("%s consultation", async (phase) => {
    const c = await createConsultation(db(), { phase: "open", ballotBudget: 10 });
    const [row] = await queryRows<{ id: number }>(db(), sql`select id from consultation where slug = ${c.slug}`);
    const commentId = String(await insertComment(row!.id, c.priorityIds[0]!, f.otherMemberId, "Written while open"));
    await db().execute(sql`update consultation set phase = ${phase} where id = ${row!.id}`);
    for (const action of everyParticipationAction(c.slug, c.priorityIds, commentId)) {
      const before = await snapshot();
      const answer = await call(action.route.action as never, {
        path: action.path(),
        params: action.params(),
        fields: action.fields(),
        cookie: f.member,
      });
      expectTranslatedRefusal(answer, `${phase}: ${action.name}`);
      expect(answer.status, `${phase}: ${action.name}`).toBe(phase === "draft" ? 404 : 403);
      expect(await snapshot(), `${phase}: ${action.name}`).toBe(before);
    }
  });

  it("suspended member", async () => {
    for (const action of everyParticipationAction(f.open.slug, f.open.priorityIds, String(f.otherMembersComment))) {
      const before = await snapshot();
      const answer = await call(action.route.action as never, {
        path: action.path(),
        params: action.params(),
        fields: action.fields(),
        cookie: f.suspended,
      });
      expectTranslatedRefusal(answer, `suspended: ${action.name}`);
      expect(answer.status, `suspended: ${action.name}`).toBe(403);
      expect(JSON.stringify(answer.body), "the member is told why").toContain("Repeated abuse");
      expect(await snapshot(), `suspended: ${action.name}`).toBe(before);
    }
  });
});

describe("bad input to every action", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s: 4xx, translated, nothing stored changed", async (name, c) => {
    const before = await snapshot();
    const answer = await call(c.route.action as never, {
      path: c.path(),
      params: c.params(),
      fields: c.fields(),
      cookie: c.cookie?.(),
    });
    expectTranslatedRefusal(answer, name);
    expect(await snapshot(), `${name}: stored data`).toBe(before);
    // What the member typed comes back to refill the form (secrets excepted).
    const values = (answer.body as { values?: Record<string, string> }).values;
    if (values) {
      for (const [field, value] of Object.entries(c.fields())) {
        if (field !== "password") expect(values[field], `${name}: ${field} kept`).toBe(value);
      }
    }
  });

  it.each([
    ["a comment", onPriority, () => newComment({ body: "Exactly the same words twice" })],
    ["a proposal", onPropose, () => proposal({ title: "The same proposal sent twice" })],
    [
      "a flag",
      onPriority,
      () => ({ intent: "flag", targetType: "comment", targetId: String(f.otherMembersComment), reason: "spam" }),
    ],
    ["an endorsement", onPriority, () => ({ intent: "endorse", commentId: String(f.otherMembersComment) })],
  ] as const)("a duplicate submission of %s is refused and stores nothing more", async (_, on, fields) => {
    const target =
      on === onPropose
        ? onPropose(() => f.open.slug)
        : onPriority(
            () => f.open.slug,
            () => f.open.priorityIds[0]!,
          );
    const post = () =>
      call(target.route.action as never, {
        path: target.path(),
        params: target.params(),
        fields: fields(),
        cookie: f.member,
      });
    const first = await post();
    expect(first.status, "the first submission is accepted").toBeLessThan(400);
    const before = await snapshot();
    const second = await post();
    expectTranslatedRefusal(second, "duplicate");
    expect(await snapshot()).toBe(before);
  });
});
