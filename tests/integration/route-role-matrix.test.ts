/**
 * Security (issue 13): every loader and action of every route × every role, against the real route
 * modules, real sessions and a real database. The expected answer of each cell is in the one table
 * below; a route, loader or action added to the app without a row there fails "every route has a row".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { call, signInMember, type Answer } from "../support/actions";
import { createCast, recordCastMeeting, roles, type Cast, type Role } from "../support/cast";
import { setupTestDatabase } from "../support/database";
import { markSecondFactorEnrolled } from "../support/second-factor";
import { routeFunctions, routeParams, routePath, type RouteFunction } from "../support/route-manifest";

const db = setupTestDatabase();
let cast: Cast;

/**
 * "adminNo2fa" is an admin who never enrolled a second factor: every staff page sends them to enrol
 * (issue 13 item 9, decision 0026). Everyone else in the table with a role has enrolled one.
 */
const ENROL_PATH = "/account/two-factor";
const passSecondFactor: Parameters<typeof createCast>[1] = async (person) => {
  await markSecondFactorEnrolled(db(), person.userId);
  return person;
};

let meetingId: number;

beforeAll(async () => {
  cast = await createCast(db(), passSecondFactor);
  // A meeting the cast's facilitator recorded: only they, the moderator and the admin may open it.
  const recorded = await recordCastMeeting(db(), cast);
  meetingId = recorded.id;
});

/**
 * What a cell expects: an HTTP status, or a redirect: "→sign-in" (a visitor sent to sign in),
 * "→enrol" (staff sent to enrol a second factor), "→" (anywhere else, e.g. after a form succeeds).
 */
type Cell = number | "→sign-in" | "→enrol" | "→";
type Row = [route: string, fn: "loader" | "action", ...cells: Cell[]];

const S = "→sign-in";
const E = "→enrol";
const R = "→";

/**
 * Every route's loader and action. Loaders are read with GET; actions are posted the body in
 * `posts` below (none means an empty form). Parameters: the consultation of the cast (open, owned by
 * the institution, moderated by the moderator), its first priority, locale "en", and so on (`values`).
 */
// prettier-ignore
const matrix: Row[] = [
  // route                                              fn        visitor member facilitator otherModerator moderator otherInstitution institution adminNo2fa admin
  ["root",                                             "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/",                                                "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/*",                                               "loader", 404,    404,   404,        404,           404,      404,             404,        404,       404],
  ["/healthz",                                         "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/readyz",                                          "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/locales/:lng",                                    "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  // accounts
  ["/sign-in",                                         "loader", 200,    R,     R,          R,             R,        R,               R,          R,         R],
  ["/sign-in",                                         "action", 400,    400,   400,        400,           400,      400,             400,        400,       400],
  ["/sign-up",                                         "loader", 200,    R,     R,          R,             R,        R,               R,          R,         R],
  ["/sign-up",                                         "action", 400,    400,   400,        400,           400,      400,             400,        400,       400],
  ["/sign-out",                                        "loader", R,      200,   200,        200,           200,      200,             200,        200,       200],
  ["/sign-out",                                        "action", R,      R,     R,          R,             R,        R,               R,          R,         R],
  ["/forgot-password",                                 "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/forgot-password",                                 "action", 400,    400,   400,        400,           400,      400,             400,        400,       400],
  ["/verify-email",                                    "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/verify-email",                                    "action", 400,    400,   400,        400,           400,      400,             400,        400,       400],
  ["/reset-password",                                  "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/reset-password",                                  "action", 400,    400,   400,        400,           400,      400,             400,        400,       400],
  ["/unsubscribe",                                     "loader", 400,    400,   400,        400,           400,      400,             400,        400,       400],
  ["/unsubscribe",                                     "action", 400,    400,   400,        400,           400,      400,             400,        400,       400],
  ["/unsubscribe/one-click",                           "loader", R,      R,     R,          R,             R,        R,               R,          R,         R],
  ["/unsubscribe/one-click",                           "action", 400,    400,   400,        400,           400,      400,             400,        400,       400],
  ["/gateways/africastalking/sms",                     "action", 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ["/gateways/africastalking/ussd",                    "action", 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ["/gateways/twilio/sms",                             "action", 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ["/gateways/webhook/sms",                            "action", 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ["/profile",                                         "loader", S,      200,   200,        200,           200,      200,             200,        200,       200],
  ["/profile",                                         "action", S,      R,     R,          R,             R,        R,               R,          R,         R],
  ["/profile/delete",                                  "loader", S,      200,   200,        200,           200,      200,             200,        200,       200],
  ["/profile/delete",                                  "action", S,      400,   400,        400,           400,      400,             400,        400,       400],
  ["/profile/data",                                    "loader", S,      200,   200,        200,           200,      200,             200,        200,       200],
  ["/profile/data",                                    "action", S,      R,     R,          R,             R,        R,               R,          R,         R],
  // a member's data export: nobody's but its owner's (tests/integration/data-export.test.ts), so here 404 for all
  ["/profile/data/:exportId",                          "loader", S,      404,   404,        404,           404,      404,             404,        404,       404],
  ["/profile/consent",                                 "loader", S,      R,     R,          R,             R,        R,               R,          R,         R],
  ["/profile/consent",                                 "action", S,      400,   400,        400,           400,      400,             400,        400,       400],
  ["/profile/phone",                                   "loader", S,      200,   200,        200,           200,      200,             200,        200,       200],
  ["/profile/phone",                                   "action", S,      400,   400,        400,           400,      400,             400,        400,       400],
  ["/privacy",                                         "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/account/security",                                "loader", S,      200,   200,        200,           200,      200,             200,        200,       200],
  ["/account/security",                                "action", S,      400,   400,        400,           400,      400,             400,        400,       400],
  ["/account/two-factor",                              "loader", S,      200,   200,        200,           200,      200,             200,        200,       200],
  ["/account/two-factor",                              "action", S,      400,   400,        400,           400,      400,             400,        400,       400],
  ["/sign-in/two-factor",                              "loader", 200,    R,     R,          R,             R,        R,               R,          R,         R],
  ["/sign-in/two-factor",                              "action", 400,    400,   400,        400,           400,      400,             400,        400,       400],
  ["/notifications",                                   "loader", S,      200,   200,        200,           200,      200,             200,        200,       200],
  ["/notifications",                                   "action", S,      400,   400,        400,           400,      400,             400,        400,       400],
  // a consultation: reading and taking part
  ["/c/:slug layout",                                  "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/c/:slug",                                         "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/c/:slug",                                         "action", 401,    400,   400,        400,           400,      400,             400,        400,       400],
  ["/c/:slug/p/:priorityId",                           "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/c/:slug/p/:priorityId",                           "action", 401,    400,   400,        400,           400,      400,             400,        400,       400],
  ["/c/:slug/propose",                                 "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/c/:slug/propose",                                 "action", 401,    400,   400,        400,           400,      400,             400,        400,       400],
  ["/c/:slug/summary",                                 "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/c/:slug/responses",                               "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/c/:slug/moderation-log",                          "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/commitments",                                     "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  // moderators of this consultation (and admins)
  ["/c/:slug/moderation",                              "loader", S,      403,   403,        403,           200,      403,             403,        E,         200],
  ["/c/:slug/moderation",                              "action", S,      403,   403,        403,           400,      403,             403,        E,         400],
  ["/c/:slug/summaries",                               "loader", S,      403,   403,        403,           200,      403,             403,        E,         200],
  ["/c/:slug/summaries/:scope/:locale",                "loader", S,      403,   403,        403,           200,      403,             403,        E,         200],
  ["/c/:slug/summaries/:scope/:locale",                "action", S,      403,   403,        403,           400,      403,             403,        E,         400],
  ["/c/:slug/facilitators",                            "loader", S,      403,   403,        403,           200,      403,             403,        E,         200],
  ["/c/:slug/facilitators",                            "action", S,      403,   403,        403,           400,      403,             403,        E,         400],
  // facilitators (their own meetings), moderators of this consultation (everyone's) and admins
  ["/c/:slug/meetings",                                "loader", S,      403,   200,        403,           200,      403,             403,        E,         200],
  ["/c/:slug/meetings/new",                            "loader", S,      403,   200,        403,           403,      403,             403,        E,         200],
  ["/c/:slug/meetings/new",                            "action", S,      403,   400,        403,           403,      403,             403,        E,         400],
  // A meeting is opened by its facilitator, the moderator and the admin; to anyone else it does not exist.
  ["/c/:slug/meetings/:meetingId",                     "loader", S,      404,   200,        404,           200,      404,             404,        404,       200],
  ["/c/:slug/meetings/:meetingId",                     "action", S,      404,   400,        404,           403,      404,             404,        404,       403],
  // A meeting's spreadsheet import: its own facilitator only (the moderator and admin may read the meeting, not enter its input)
  ["/c/:slug/meetings/:meetingId/import",              "loader", S,      404,   200,        404,           403,      404,             404,        404,       403],
  ["/c/:slug/meetings/:meetingId/import",              "action", S,      404,   400,        404,           403,      404,             404,        404,       403],
  ["/c/:slug/meetings/:meetingId/import/:file",        "loader", S,      404,   404,        404,           403,      404,             404,        404,       403],
  // the owning institution (and following ones, and admins) before publication
  ["/c/:slug/report",                                  "loader", S,      403,   403,        403,           403,      403,             200,        E,         200],
  ["/c/:slug/report/pdf",                              "loader", S,      403,   403,        403,           403,      403,             200,        E,         200],
  ["/c/:slug/report/pdf",                              "action", S,      403,   403,        403,           403,      403,             400,        E,         400],
  ["/c/:slug/report/pdf/:buildId",                     "loader", S,      403,   403,        403,           403,      403,             404,        E,         404],
  ["/c/:slug/export",                                  "loader", S,      403,   403,        403,           403,      403,             200,        E,         200],
  ["/c/:slug/export/:file",                            "loader", S,      403,   403,        403,           403,      403,             200,        E,         200],
  ["/c/:slug/responses/edit",                          "loader", S,      403,   403,        403,           403,      403,             200,        403,       403],
  ["/c/:slug/responses/edit",                          "action", S,      403,   403,        403,           403,      403,             400,        403,       403],
  ["/institution",                                     "loader", S,      403,   403,        403,           403,      200,             200,        403,       403],
  ["/institution",                                     "action", S,      403,   403,        403,           403,      400,             400,        403,       403],
  // the API answers API tokens only: a session cookie opens none of it
  ["/api/v1/openapi.json",                             "loader", 200,    200,   200,        200,           200,      200,             200,        200,       200],
  ["/api/v1/consultations",                            "loader", 401,    401,   401,        401,           401,      401,             401,        401,       401],
  ["/api/v1/consultations/:slug",                      "loader", 401,    401,   401,        401,           401,      401,             401,        401,       401],
  ["/api/v1/consultations/:slug/breakdowns",           "loader", 401,    401,   401,        401,           401,      401,             401,        401,       401],
  ["/api/v1/consultations/:slug/exports/:file",        "loader", 401,    401,   401,        401,           401,      401,             401,        401,       401],
  ["/api/v1/consultations/:slug/opinion-groups",       "loader", 401,    401,   401,        401,           401,      401,             401,        401,       401],
  ["/api/v1/consultations/:slug/responses",            "loader", 401,    401,   401,        401,           401,      401,             401,        401,       401],
  ["/api/v1/consultations/:slug/results",              "loader", 401,    401,   401,        401,           401,      401,             401,        401,       401],
  ["/api/v1/consultations/:slug/summaries",            "loader", 401,    401,   401,        401,           401,      401,             401,        401,       401],
  // admins
  ["/dev/outbox",                                      "loader", 404,    404,   404,        404,           404,      404,             404,        404,       200],
  ["/admin/downloads",                                 "loader", S,      403,   403,        403,           403,      403,             403,        E,         200],
  ["/staff",                                           "loader", S,      403,   403,        403,           403,      403,             403,        E,         200],
  ["/staff/retention",                                 "loader", S,      403,   403,        403,           403,      403,             403,        E,         200],
  ["/staff/retention",                                 "action", S,      403,   403,        403,           403,      403,             403,        E,         400],
  // moderators of any consultation (and admins): the phone simulator
  ["/staff/phone-simulator",                           "loader", S,      403,   403,        200,           200,      403,             403,        E,         200],
  ["/staff/phone-simulator",                           "action", S,      403,   403,        400,           400,      403,             403,        E,         400],
  ["/staff/consultations/new",                         "loader", S,      403,   403,        403,           403,      403,             403,        E,         200],
  ["/staff/consultations/new",                         "action", S,      403,   403,        403,           403,      403,             403,        E,         400],
  ["/staff/consultations/:slug",                       "loader", S,      403,   403,        403,           403,      403,             403,        E,         200],
  ["/staff/consultations/:slug",                       "action", S,      403,   403,        403,           403,      403,             403,        E,         400],
  ["/staff/consultations/:slug/phase",                 "loader", S,      403,   403,        403,           403,      403,             403,        E,         200],
  ["/staff/consultations/:slug/phase",                 "action", S,      403,   403,        403,           403,      403,             403,        E,         400],
  ["/staff/consultations/:slug/priorities",            "loader", S,      403,   403,        403,           403,      403,             403,        E,         200],
  ["/staff/consultations/:slug/priorities",            "action", S,      403,   403,        403,           403,      403,             403,        E,         400],
  ["/staff/consultations/:slug/priorities/:priorityId", "loader", S,      403,   403,        403,           403,      403,             403,        E,         200],
  ["/staff/consultations/:slug/priorities/:priorityId", "action", S,      403,   403,        403,           403,      403,             403,        E,         400],
  ["/staff/institutions/new",                          "loader", S,      403,   403,        403,           403,      403,             403,        E,         200],
  ["/staff/institutions/new",                          "action", S,      403,   403,        403,           403,      403,             403,        E,         400],
  ["/staff/institutions/:slug",                        "loader", S,      403,   403,        403,           403,      403,             403,        E,         200],
  ["/staff/institutions/:slug",                        "action", S,      403,   403,        403,           403,      403,             403,        E,         400],
];

/**
 * The form posted to an action, where an empty one would stop before the permission check (an
 * unknown intent is refused first): a known intent with fields left out, so a permitted person
 * gets the 400 of a form error and nothing is stored, while everyone else is refused.
 */
const posts: Record<string, Record<string, string>> = {
  "/c/:slug": { intent: "vote" },
  "/c/:slug/p/:priorityId": { intent: "comment" },
  "/c/:slug/propose": { intent: "propose" },
  "/c/:slug/facilitators": { intent: "assign-facilitator" },
  "/c/:slug/meetings/:meetingId": { intent: "votes" },
};

/** Actions that end the session they are posted with get one of their own, not the person's. */
const endsTheSession = new Set(["/sign-out"]);

function values(route: string): Record<string, string> {
  return {
    slug: route.startsWith("/staff/institutions") ? cast.institution.slug : cast.consultation.slug,
    priorityId: String(cast.consultation.priorityIds[0]),
    scope: "consultation",
    locale: "en",
    file: "comments.csv",
    buildId: "1",
    // An export nobody in the cast owns (the action row above queues each person their own).
    exportId: "2147483000",
    lng: "en",
    meetingId: String(meetingId),
    "*": "no-such-page",
  };
}

async function observe(fn: RouteFunction, route: string, kind: Row[1], role: Role): Promise<Cell> {
  const { cookie, email } = cast.people[role];
  const ownSession = kind === "action" && endsTheSession.has(route) && email;
  const answer: Answer = await call(fn, {
    path: routePath(route, values(route)),
    params: routeParams(route, values(route)),
    fields: kind === "action" ? (posts[route] ?? {}) : undefined,
    cookie: ownSession ? await signInMember(email) : cookie,
  });
  if (answer.status >= 300 && answer.status < 400) {
    const location = answer.headers.get("location") ?? "";
    if (location.startsWith("/sign-in")) return S;
    return location.startsWith(ENROL_PATH) ? E : R;
  }
  return answer.status;
}

const functions = new Map(routeFunctions().map((entry) => [`${entry.id} ${entry.kind}`, entry.fn]));
const secondFactorColumn = roles.indexOf("adminNo2fa");

describe("route × role matrix", () => {
  it("has exactly one row for every loader and action of every route, and a cell for every role", () => {
    const rows = matrix.map(([route, fn]) => `${route} ${fn}`);
    expect([...rows].sort()).toEqual([...functions.keys()].sort());
    for (const [route, fn, ...cells] of matrix) expect(cells, `${route} ${fn}`).toHaveLength(roles.length);
  });

  describe.each(matrix)("%s %s", (route, kind, ...cells) => {
    const fn = () => {
      const found = functions.get(`${route} ${kind}`);
      if (!found) throw new Error(`${route} has no ${kind}`);
      return found;
    };

    it("answers every role as the table says", async () => {
      const expected: Record<string, Cell> = {};
      const observed: Record<string, Cell> = {};
      for (const [column, role] of roles.entries()) {
        if (column === secondFactorColumn) continue;
        expected[role] = cells[column]!;
        observed[role] = await observe(fn(), route, kind, role);
      }
      expect(observed).toEqual(expected);
    });

    const expectedWithoutSecondFactor = cells[secondFactorColumn];
    it(`answers an admin without second factor ${String(expectedWithoutSecondFactor)}`, async () => {
      expect(await observe(fn(), route, kind, "adminNo2fa")).toEqual(expectedWithoutSecondFactor);
    });
  });
});
