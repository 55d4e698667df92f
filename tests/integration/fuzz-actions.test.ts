/**
 * Security (issue 13): fast-check posts generated bodies to every action of the route manifest —
 * random and known fields, empty, huge, wrong types, control characters, mixed scripts (Arabic,
 * Chinese, RTL marks), repeated keys, numbers as strings, giant ids — as a signed-in member (staff
 * actions as the staff who may use them). No answer is a 5xx (a thrown error that is not a Response
 * counts as one), and every refused post (4xx, or a form error) leaves every table byte for byte as
 * it was.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { comment } from "~db/schema";
import { call, type Answer } from "../support/actions";
import { createCast, recordCastMeeting, type Cast, type Role } from "../support/cast";
import { setupTestDatabase } from "../support/database";
import { routeFunctions, routeParams, routePath } from "../support/route-manifest";
import { tableChecksums } from "../support/table-checksums";

const db = setupTestDatabase();

/** At least 10,000 posts in all, shared evenly between the actions. */
const TOTAL_POSTS = 10_000;

/**
 * Who posts to each action: whoever may use it, so the bodies reach past the permission check.
 * Sign-out ends the session it is posted with, so a visitor posts it.
 */
const posters: Record<string, Role> = {
  "/c/:slug/moderation": "admin",
  "/c/:slug/summaries/:scope/:locale": "admin",
  "/c/:slug/report/pdf": "admin",
  "/c/:slug/responses/edit": "institution",
  "/c/:slug/meetings/new": "facilitator",
  "/c/:slug/meetings/:meetingId": "facilitator",
  "/c/:slug/meetings/:meetingId/import": "facilitator",
  "/institution": "institution",
  "/sign-out": "visitor",
};
const posterOf = (route: string): Role => posters[route] ?? (route.startsWith("/staff") ? "admin" : "member");

/**
 * Rate-limit counters are meant to move when a post is refused (that is how they refuse), and a
 * refused sign-in or password-reset post may leave its attempt there; every other table must not.
 */
const movesOnRefusal = ["rate_limit"];

let cast: Cast;
let ids: string[] = [];
let commentId = "1";
let meetingId = "1";

beforeAll(async () => {
  cast = await createCast(db());
  const [row] = await db()
    .insert(comment)
    .values({
      consultationId: cast.consultation.id,
      priorityId: cast.consultation.priorityIds[0]!,
      authorId: cast.people.member.userId!,
      body: "A comment the fuzzer may aim at",
      language: "en",
    })
    .returning({ id: comment.id });
  commentId = String(row!.id);
  // A meeting of the cast's facilitator, for the meeting page's and the import's actions.
  const meeting = await recordCastMeeting(db(), cast);
  meetingId = String(meeting.id);
  ids = [...cast.consultation.priorityIds, ...cast.otherConsultation.priorityIds, row!.id].map(String);
});

const fieldNames = [
  "intent", "priorityId", "value", "points", "body", "stance", "parentId", "commentId", "targetId", "targetType",
  "reason", "note", "title", "summary", "context", "category", "productType", "email", "password", "name",
  "redirectTo", "token", "locale", "version", "quoteCommentId", "responseId", "commitmentId", "status", "dueOn",
  "institutionId", "url", "events", "webhookId", "tokenId", "from", "to", "confirm", "slug", "phase", "opensAt",
  "closesAt", "moderationMode", "flagThreshold", "ballotBudget", "defaultLocale", "resultsVisibility",
  "owningInstitutionId", "followingInstitutionIds", "regionCountries", "regionCommunities", "country",
  "stakeholderGroup", "ageBand", "gender", "declaredInterest", "interestKind", "statsConsent", "preferredLanguage",
  "notifyByEmail", "notifyInApp", "notificationId", "userId", "days", "tag", "intoId", "ids", "bulkAction",
  "suspensionReason", "website", "language", "displayName", "budget", "allocation", "mode", "view", "sort",
  "threshold", "kind", "secret", "label", "text", "date", "reportIsPublic", "type", "position", "product",
  "address", "age", "content", "everyone", "fresh", "members", "minVotes", "page", "share", "weekly", "title.en", "title.ar", "body.en", "summary.zh", "_action", "__proto__",
  "constructor",
]; // prettier-ignore

const knownValues = [
  "vote", "ballot", "comment", "edit", "delete", "endorse", "flag", "propose", "save", "publish", "unpublish",
  "restore", "approve", "reject", "hide", "redact", "merge", "tag", "suspend", "lift-suspension", "bulk",
  "dismiss-flags", "approve-as-priority", "add", "add-member", "remove-member", "assign-moderator",
  "remove-moderator", "save-response", "add-commitment", "edit-commitment", "delete-response", "change-status", "create-token",
  "revoke-token", "create-webhook", "disable-webhook", "delete-webhook", "read", "read-all", "agree", "disagree",
  "pass", "supports", "concerns", "question", "spam", "abusive", "comment", "priority", "open", "closed", "draft",
  "summarising", "published", "yes", "on", "true", "en", "ar", "zh", "xx", "consultation", "pre", "post",
  "https://example.org/hook", "http://127.0.0.1/", "javascript:alert(1)", "//evil.example", "/%09/evil.example",
  "someone@example.org", "ADMIN@DEMO.BARAZA.AFRICA", "2026-12-31", "2026-02-30", "1999-01-01T00:00",
]; // prettier-ignore

const scripts = [
  "مشاركة المجتمع في إنتاج اللقاحات", "区域生产卫生产品", "\u200Fשלום\u200E עולם", "\u202Egnp.exe", "Привет, мир",
  "Habari za asubuhi", "Produção regional", "🙂👍🏾🇰🇪", "e\u0301\u0301\u0301", "\uFEFF", "\u0000", "a\u0000b",
  "\u0007\u001b[31m\b", "\r\n\r\n", "\t", "\uD800", "<script>alert(1)</script>", "'; drop table vote; --",
  "${7*7}{{7*7}}", "=HYPERLINK(\"https://evil.example\")", "%00", "../../etc/passwd",
]; // prettier-ignore

const numbers = [
  "0", "-1", "1", "2", "1.5", "1e309", "-1e309", "NaN", "Infinity", "9007199254740993", "99999999999999999999999",
  "2147483647", "2147483648", "-2147483649", " 42 ", "0x1F", "-0", "1_000", "٣", "١٢", "一",
]; // prettier-ignore

const huge = ["x".repeat(200_000), "مرحبا ".repeat(20_000), "\u200F".repeat(50_000), "9".repeat(5_000)];

const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...knownValues) },
  { weight: 3, arbitrary: fc.constantFrom(...numbers) },
  { weight: 3, arbitrary: fc.constantFrom(...scripts) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  {
    weight: 1,
    arbitrary: fc.array(fc.constantFrom(...scripts, ...knownValues), { maxLength: 8 }).map((a) => a.join(" ")),
  },
  { weight: 1, arbitrary: fc.constant("") },
  // Ids of rows that exist, to reach past "not found" (read when the post is made: the cast exists by then).
  { weight: 3, arbitrary: fc.nat().map((n) => ids[n % ids.length] ?? "1") },
  { weight: 1, arbitrary: fc.constantFrom(...huge) },
);

const fieldName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...fieldNames) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
);

const intents = knownValues.slice(0, knownValues.indexOf("agree"));

/** A field's value: one, or several (a repeated key). */
const valueOrList = fc.oneof({ weight: 4, arbitrary: value }, fc.array(value, { maxLength: 4 }));

/** A form of random fields. */
const fields = fc.dictionary(fieldName, valueOrList, { maxKeys: 12 });

type Form = Record<string, string | string[]>;

/**
 * Forms each action accepts (or nearly), so that a mutated one gets past its intent and required
 * fields and one bad value reaches deep: the fuzzer replaces some of their values, drops some
 * fields and adds others.
 */
function seeds(route: string): Form[] {
  const p = String(cast.consultation.priorityIds[0]);
  const i = String(cast.institution.id);
  const c = commentId;
  const text = "Words enough to pass any minimum length of a form field";
  const forms: Record<string, Form[]> = {
    "/c/:slug": [
      { intent: "vote", priorityId: p, value: "agree" },
      { intent: "ballot", [`points-${p}`]: "3" },
    ],
    "/c/:slug/p/:priorityId": [
      { intent: "comment", body: text, language: "en", stance: "supports", parentId: "" },
      { intent: "edit", commentId: c, body: text },
      { intent: "endorse", commentId: c },
      { intent: "flag", targetType: "comment", targetId: c, reason: "other", note: text },
      { intent: "vote", priorityId: p, value: "pass" },
    ],
    "/c/:slug/propose": [
      { intent: "propose", title: "A proposal", body: text, category: "financing", language: "fr" },
      { intent: "flag", targetType: "priority", targetId: p, reason: "spam" },
    ],
    "/c/:slug/moderation": [
      { intent: "hide", targetType: "comment", targetId: c, reason: "spam", note: text },
      { intent: "redact", targetType: "comment", targetId: c, body: text },
      { intent: "tag", targetType: "comment", targetId: c, theme: ["financing"] },
      { intent: "suspend", userId: cast.people.facilitator.userId!, days: "7", reason: "spam", note: text },
      { intent: "restore", targetType: "comment", targetId: c },
    ],
    "/c/:slug/summaries/:scope/:locale": [
      { intent: "save", body: `# ${text}` },
      { intent: "restore", version: "1" },
      { intent: "publish" },
      { quoteCommentId: c, body: text },
    ],
    "/c/:slug/report/pdf": [{ intent: "build", locale: "ar" }],
    "/c/:slug/responses/edit": [
      { intent: "save-response", language: "zh", title: "Our response", body: text },
      { intent: "add-commitment", responseId: "1", language: "en", what: text, who: "The agency", dueOn: "2027-01-31" },
      { intent: "change-status", commitmentId: "1", status: "dropped", reason: text },
      { intent: "publish", responseId: "1" },
    ],
    "/forgot-password": [{ email: "someone@example.org" }],
    institution: [
      { intent: "create-token", name: "Token", institutionId: i },
      { intent: "revoke-token", tokenId: "1", institutionId: i },
      { intent: "create-webhook", institutionId: i, url: "https://example.org/hook", events: ["summary.published"] },
      { intent: "disable-webhook", institutionId: i, webhookId: "1" },
      { intent: "delete-webhook", institutionId: i, webhookId: "1" },
    ],
    notifications: [{ intent: "read", notificationId: "1" }, { intent: "read-all" }],
    profile: [{ displayName: "A name", country: "KE", preferredLanguage: "sw", declaredInterest: "no" }],
    "/reset-password": [{ token: "a-token", password: "a new long password" }],
    "/sign-in": [{ email: cast.people.member.email!, password: "a wrong password", redirectTo: "/" }],
    "/sign-up": [{ name: "Someone", email: "someone@example.org", password: "a good long password", redirectTo: "/" }],
    "/sign-out": [{}],
    "/staff/consultations/new": [
      {
        slug: "a-new-one",
        title_en: "A title",
        summary_en: text,
        defaultLocale: "en",
        opensAt: "2026-01-01T00:00",
        closesAt: "2027-01-01T00:00",
        moderationMode: "post",
        resultsVisibility: "always",
      },
    ],
    "/staff/consultations/:slug": [
      { intent: "assign-moderator", email: cast.people.member.email! },
      { intent: "remove-moderator", userId: cast.people.moderator.userId! },
    ],
    "/staff/consultations/:slug/phase": [{ from: "open", to: "closed" }],
    "/staff/consultations/:slug/priorities": [
      { intent: "add", title_en: "A title", body_en: text, category: "financing" },
      { intent: "hide", priorityId: p },
    ],
    "/staff/consultations/:slug/priorities/:priorityId": [
      { title_en: "A title", body_en: text, category: "financing" },
    ],
    "/staff/institutions/new": [{ slug: "a-new-institution", name_en: "A name", website: "https://example.org" }],
    "/staff/institutions/:slug": [
      { intent: "add-member", email: cast.people.member.email! },
      { intent: "remove-member", userId: cast.people.institution.userId! },
    ],
    unsubscribe: [{ token: "a-token" }],
  };
  return forms[route] ?? [{}];
}

/** Bodies that once answered a 500, each posted first on every run (fast-check `examples`). */
function regressions(route: string): Form[] {
  const i = String(cast.institution.id);
  const beyondInteger = "2147483648";
  const forms: Record<string, Form[]> = {
    profile: [{ displayName: "a\u0000b" }],
    "/c/:slug/p/:priorityId": [{ intent: "comment", body: "Words, then a nul: \u0000", language: "en" }],
    institution: [
      { intent: "delete-webhook", institutionId: i, webhookId: beyondInteger },
      { intent: "revoke-token", institutionId: i, tokenId: beyondInteger },
    ],
    notifications: [{ intent: "read", notificationId: beyondInteger }],
    "/c/:slug/responses/edit": [
      { intent: "publish", responseId: beyondInteger },
      { intent: "change-status", commitmentId: beyondInteger, status: "done" },
    ],
  };
  return forms[route] ?? [];
}

function mutate(seed: Form, replacements: Array<string | string[]>, dropped: number[], extra: Form): Form {
  const form: Form = { ...seed };
  const names = Object.keys(seed);
  replacements.forEach((replacement, index) => {
    if (names.length > 0) form[names[(index * 7 + replacements.length) % names.length]!] = replacement;
  });
  for (const index of dropped) if (names.length > 0) delete form[names[index % names.length]!];
  return { ...form, ...extra };
}

function bodies(route: string): fc.Arbitrary<Form> {
  const forms = seeds(route);
  const mutated = fc
    .tuple(
      fc.constantFrom(...forms),
      fc.array(valueOrList, { minLength: 1, maxLength: 3 }),
      fc.array(fc.nat(), { maxLength: 2 }),
      fc.dictionary(fieldName, valueOrList, { maxKeys: 3 }),
    )
    .map(([seed, replacements, dropped, extra]) => mutate(seed, replacements, dropped, extra));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 2, arbitrary: fields },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...intents), fields).map(([intent, rest]) => ({ ...rest, intent })),
    },
    { weight: 6, arbitrary: mutated },
  );
}

/**
 * Table checksums cost more than most posts, so bodies go in batches: when every post of a batch
 * is refused, one comparison covers the batch; when one was accepted (and so changed things), each
 * refused body of the batch is posted again on its own, between two checksums.
 */
const BATCH = 10;

function isRefused(answer: Answer): boolean {
  if (answer.status >= 400) return true;
  const payload = answer.body as { formError?: unknown; fieldErrors?: Record<string, unknown> } | null;
  return (
    typeof payload === "object" &&
    payload !== null &&
    (Boolean(payload.formError) || Object.keys(payload.fieldErrors ?? {}).length > 0)
  );
}

const actions = routeFunctions().filter((entry) => entry.kind === "action");
const batchesPerAction = Math.ceil(TOTAL_POSTS / actions.length / BATCH);
let posted = 0;

describe("fuzzing every action", () => {
  it.each(actions.map((entry) => [entry.id, entry] as const))(
    "%s: no 5xx, and a refused post changes nothing stored",
    async (route, { fn }) => {
      const values = {
        slug: route.startsWith("/staff/institutions") ? cast.institution.slug : cast.consultation.slug,
        priorityId: String(cast.consultation.priorityIds[0]),
        meetingId,
        scope: "consultation",
        locale: "en",
      };
      const cookie = cast.people[posterOf(route)].cookie;
      const checksums = () => tableChecksums(db(), movesOnRefusal);
      const post = async (form: Record<string, string | string[]>): Promise<Answer> => {
        posted++;
        let answer: Answer;
        try {
          answer = await call(fn, {
            path: routePath(route, values),
            params: routeParams(route, values),
            method: "POST",
            fields: form,
            cookie,
          });
        } catch (error) {
          throw new Error(`threw instead of answering (a 500): ${(error as Error).stack ?? String(error)}`);
        }
        expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBeLessThan(500);
        return answer;
      };

      await fc.assert(
        fc.asyncProperty(fc.array(bodies(route), { minLength: BATCH, maxLength: BATCH }), async (forms) => {
          const before = await checksums();
          const refused = [];
          for (const form of forms) if (isRefused(await post(form))) refused.push(form);
          if (refused.length === forms.length) {
            expect(await checksums(), "a refused post stored something").toEqual(before);
            return;
          }
          for (const form of refused) {
            const alone = await checksums();
            const answer = await post(form);
            if (isRefused(answer))
              expect(await checksums(), `refused with ${answer.status}, yet stored something`).toEqual(alone);
          }
        }),
        { numRuns: batchesPerAction, endOnFailure: true, examples: regressions(route).map((form) => [[form]]) },
      );
    },
    600_000,
  );

  it(`posted at least ${TOTAL_POSTS} bodies in all`, () => {
    expect(posted).toBeGreaterThanOrEqual(TOTAL_POSTS);
  });
});
