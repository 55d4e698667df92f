/**
 * The consultation layout (decision 0044): it and the page under it load the consultation once per
 * request, and it lists the sections each person may see.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as consultations from "~/consultations/consultations.server";
import * as layout from "~/routes/c+/$slug+/_layout";
import * as page from "~/routes/c+/$slug+/index";
import { call } from "../support/actions";
import { createCast, type Cast, type Role } from "../support/cast";
import { setupTestDatabase } from "../support/database";
import { markSecondFactorEnrolled } from "../support/second-factor";

// Counts the consultation's look-ups, which stand for loading its context.
vi.mock("~/consultations/consultations.server", async (original) => {
  const actual = await original<typeof consultations>();
  return { ...actual, findConsultationWithScopeCached: vi.fn(actual.findConsultationWithScopeCached) };
});

const db = setupTestDatabase();
let cast: Cast;

beforeAll(async () => {
  // People with a role see their tools once they have passed a second factor.
  cast = await createCast(db(), async (person) => {
    await markSecondFactorEnrolled(db(), person.userId);
    return person;
  });
});

/** The arguments Remix gives each loader of one request: its own copy of the Request, one load context. */
function requestArgs(context: LoaderFunctionArgs["context"]): LoaderFunctionArgs {
  return {
    request: new Request(`http://localhost/c/${cast.consultation.slug}`),
    params: { slug: cast.consultation.slug },
    context,
  };
}

describe("the consultation layout", () => {
  it("loads the consultation once for itself and its page", async () => {
    const lookUps = vi.mocked(consultations.findConsultationWithScopeCached);
    lookUps.mockClear();
    const context = {};
    await Promise.all([layout.loader(requestArgs(context)), page.loader(requestArgs(context))]);
    expect(lookUps).toHaveBeenCalledTimes(1);

    // Another request loads its own.
    await layout.loader(requestArgs({}));
    expect(lookUps).toHaveBeenCalledTimes(2);
  });

  it("answers an unknown slug 404 to the layout and its page alike, each with a body Remix can read", async () => {
    const context = {};
    const unknown = (): LoaderFunctionArgs => ({
      request: new Request("http://localhost/c/never-was-anything"),
      params: { slug: "never-was-anything" },
      context,
    });
    const refusals = await Promise.allSettled([layout.loader(unknown()), page.loader(unknown())]);
    for (const refusal of refusals) {
      expect(refusal.status).toBe("rejected");
      const thrown = (refusal as PromiseRejectedResult).reason as Response;
      expect(thrown.status).toBe(404);
      expect(await thrown.text()).toBe("Not Found");
    }
  });

  it.each<[Role, string[]]>([
    ["visitor", ["", "/responses", "/moderation-log"]],
    ["moderator", ["", "/responses", "/moderation-log", "/moderation", "/summaries", "/meetings", "/facilitators"]],
    ["facilitator", ["", "/responses", "/moderation-log", "/meetings"]],
    ["institution", ["", "/responses", "/moderation-log", "/responses/edit", "/export", "/report"]],
  ])("lists the sections a %s may see", async (role, paths) => {
    const { slug } = cast.consultation;
    const answer = await call(layout.loader as never, {
      path: `/c/${slug}`,
      params: { slug },
      cookie: cast.people[role].cookie,
    });
    const body = answer.body as Awaited<ReturnType<typeof layout.loader>>;
    expect(body.sections.map((section) => section.path)).toEqual(paths);
  });
});
