/**
 * The profile page through its real loader and action: signed-in only, every field optional and
 * checked, consent off until ticked, nothing changed by a refused post.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { profile, suspension, user } from "~db/schema";
import { action, loader } from "~/routes/_member+/profile";
import { call, signUpMember } from "../support/actions";
import { setupTestDatabase } from "../support/database";
import { text } from "../support/locales";

const db = setupTestDatabase();

interface Member {
  cookie: string;
  userId: string;
}

async function member(name = "Member"): Promise<Member> {
  const { cookie, userId } = await signUpMember(name);
  return { cookie, userId: userId };
}

const save = (who: Member | undefined, fields: Record<string, string>) =>
  call(action, { path: "/profile", params: {}, fields, cookie: who?.cookie });

const load = (who: Member) => call(loader, { path: "/profile", params: {}, cookie: who.cookie });

const storedProfile = async (who: Member) =>
  (await db().select().from(profile).where(eq(profile.userId, who.userId)))[0];

const complete = {
  displayName: "Mama Afya",
  country: "KE",
  stakeholderGroup: "health-worker",
  ageBand: "35-44",
  gender: "woman",
  preferredLanguage: "sw",
  declaredInterest: "yes",
  interestKind: "distributor",
  statsConsent: "yes",
  notifyByEmail: "yes",
};

describe("the profile page", () => {
  it("sends visitors to sign in and back", async () => {
    for (const answer of [await call(loader, { path: "/profile", params: {} }), await save(undefined, complete)]) {
      expect(answer.status).toBe(302);
      expect(answer.headers.get("Location")).toBe(`/sign-in?redirectTo=${encodeURIComponent("/profile")}`);
    }
  });

  it("starts with nothing answered and consent off", async () => {
    const newcomer = await member();
    expect((await storedProfile(newcomer))?.statsConsent).toBe(false);
    const answer = await load(newcomer);
    expect(answer.status).toBe(200);
    const { values, countries } = answer.body as {
      values: Record<string, string>;
      countries: Array<{ code: string; name: string }>;
    };
    expect(values).toEqual({
      displayName: "",
      country: "",
      stakeholderGroup: "",
      ageBand: "",
      gender: "",
      preferredLanguage: "en",
      declaredInterest: "prefer-not",
      interestKind: "",
      notifyByEmail: "yes",
      notifyInApp: "yes",
    });
    // Every ISO country, named in the reader's language and in its alphabetical order.
    expect(countries.length).toBeGreaterThan(240);
    expect(countries).toContainEqual({ code: "KE", name: "Kenya" });
    const names = countries.map((c) => c.name);
    expect(names).toEqual([...names].sort(new Intl.Collator("en").compare));
  });

  it("names and sorts countries in the reader's language", async () => {
    const reader = await member();
    const answer = await call(loader, { path: "/profile?lng=fr", params: {}, cookie: reader.cookie });
    const { countries } = answer.body as { countries: Array<{ code: string; name: string }> };
    expect(countries).toContainEqual({ code: "DE", name: "Allemagne" });
    const names = countries.map((c) => c.name);
    expect(names).toEqual([...names].sort(new Intl.Collator("fr").compare));
  });

  it("saves every answer and shows them again (round trip), confirming with a flash", async () => {
    const someone = await member("Account name");
    const answer = await save(someone, complete);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/profile");
    expect(answer.headers.get("Set-Cookie")).toContain("flash=");

    expect(await storedProfile(someone)).toMatchObject({
      displayName: "Mama Afya",
      country: "KE",
      stakeholderGroup: "health-worker",
      ageBand: "35-44",
      gender: "woman",
      preferredLanguage: "sw",
      hasDeclaredInterest: true,
      interestKind: "distributor",
      statsConsent: true,
      notifyByEmail: true,
      notifyInApp: false,
    });
    expect((await load(someone)).body).toMatchObject({ values: complete });
    // The account name is not the display name.
    expect((await db().select().from(user).where(eq(user.id, someone.userId)))[0]?.name).toBe("Account name");
  });

  it("clears answers and withdraws consent when posted empty", async () => {
    const someone = await member();
    await save(someone, complete);
    const answer = await save(someone, { displayName: "", country: "", declaredInterest: "prefer-not", _fetcher: "1" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true });
    expect(await storedProfile(someone)).toMatchObject({
      displayName: null,
      country: null,
      stakeholderGroup: null,
      ageBand: null,
      gender: null,
      preferredLanguage: null,
      hasDeclaredInterest: null,
      interestKind: null,
      statsConsent: false,
      notifyByEmail: false,
      notifyInApp: false,
    });
  });

  it("records a plain no to the declared interest", async () => {
    const someone = await member();
    expect((await save(someone, { declaredInterest: "no" })).status).toBe(302);
    expect(await storedProfile(someone)).toMatchObject({ hasDeclaredInterest: false, interestKind: null });
    expect((await load(someone)).body).toMatchObject({ values: { declaredInterest: "no" } });
  });

  it("creates the profile of a member who has none yet", async () => {
    const someone = await member();
    await db().delete(profile).where(eq(profile.userId, someone.userId));
    expect((await load(someone)).body).toMatchObject({ values: { declaredInterest: "prefer-not", country: "" } });
    expect((await save(someone, { country: "SN" })).status).toBe(302);
    expect(await storedProfile(someone)).toMatchObject({ country: "SN", statsConsent: false });
  });

  it("lets a suspended member manage their profile", async () => {
    const someone = await member();
    await db().insert(suspension).values({ userId: someone.userId, reason: "Spam" });
    expect((await load(someone)).status).toBe(200);
    expect((await save(someone, { country: "GH" })).status).toBe(302);
    expect((await storedProfile(someone))?.country).toBe("GH");
  });

  it("rate-limits saving with a translated 429", async () => {
    const someone = await member();
    for (let i = 0; i < 30; i++) expect((await save(someone, { country: "NG" })).status).toBe(302);
    const before = await storedProfile(someone);
    const answer = await save(someone, { country: "ZA" });
    expect(answer.status).toBe(429);
    expect((answer.body as { formError: string }).formError).toBe("participation:errors.rateLimited");
    expect(await storedProfile(someone)).toEqual(before);
  });
});

describe("bad profile input is refused beside the field, typed values kept, nothing changed", () => {
  const cases: Array<{ name: string; fields: Record<string, string>; field: string; key: string }> = [
    { name: "unknown country", fields: { country: "XX" }, field: "country", key: "profile:errors.country" },
    { name: "lower-case country", fields: { country: "ke" }, field: "country", key: "profile:errors.country" },
    {
      name: "unknown stakeholder group",
      fields: { stakeholderGroup: "king" },
      field: "stakeholderGroup",
      key: "profile:errors.stakeholderGroup",
    },
    { name: "unknown age band", fields: { ageBand: "ancient" }, field: "ageBand", key: "profile:errors.ageBand" },
    { name: "unknown gender", fields: { gender: "robot" }, field: "gender", key: "profile:errors.gender" },
    {
      name: "unknown language",
      fields: { preferredLanguage: "xx" },
      field: "preferredLanguage",
      key: "profile:errors.preferredLanguage",
    },
    {
      name: "unknown interest answer",
      fields: { declaredInterest: "perhaps" },
      field: "declaredInterest",
      key: "profile:errors.declaredInterest",
    },
    {
      name: "unknown interest kind",
      fields: { declaredInterest: "yes", interestKind: "lobbyist" },
      field: "interestKind",
      key: "profile:errors.interestKind",
    },
    {
      name: "interest kind without yes",
      fields: { declaredInterest: "no", interestKind: "investor" },
      field: "interestKind",
      key: "profile:errors.interestKindWithoutYes",
    },
    {
      name: "interest kind unanswered question",
      fields: { interestKind: "investor" },
      field: "interestKind",
      key: "profile:errors.interestKindWithoutYes",
    },
    {
      name: "yes without a kind",
      fields: { declaredInterest: "yes" },
      field: "interestKind",
      key: "profile:errors.interestKindRequired",
    },
    {
      name: "tampered consent",
      fields: { statsConsent: "maybe" },
      field: "statsConsent",
      key: "profile:errors.checkbox",
    },
    {
      name: "tampered notification",
      fields: { notifyByEmail: "true" },
      field: "notifyByEmail",
      key: "profile:errors.checkbox",
    },
    {
      name: "display name too long",
      fields: { displayName: "n".repeat(81) },
      field: "displayName",
      key: "profile:errors.displayNameTooLong",
    },
  ];

  it.each(cases)("$name → 400", async ({ fields, field, key }) => {
    const someone = await member();
    await save(someone, { displayName: "Before", country: "KE", notifyInApp: "yes" });
    const before = await storedProfile(someone);

    const typed = { displayName: "Typed but not saved", ...fields };
    const answer = await save(someone, typed);
    expect(answer.status).toBe(400);
    const body = answer.body as {
      fieldErrors: Record<string, string>;
      formError: string;
      values: Record<string, string>;
    };
    expect(body.fieldErrors[field]).toBe(key);
    expect(text("en", "profile", key.replace("profile:", ""))).toBeTruthy();
    expect(body.formError).toBe("profile:errors.summary");
    expect(body.values).toEqual(typed);
    expect(await storedProfile(someone)).toEqual(before);
  });
});
