import { describe, expect, it } from "vitest";
import {
  comparableText,
  countLinks,
  maxBurstPosts,
  maxLinks,
  newAccountHours,
  spamSignals,
  type CommentFacts,
} from "~/moderation/spam-signals";

const now = new Date("2026-11-01T12:00:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

const ordinary: CommentFacts = {
  body: "Pooled procurement would lower the price of insulin for small clinics.",
  sameTextByOthers: 0,
  sameTextByAuthor: 0,
  accountCreatedAt: hoursAgo(24 * 30),
  recentPostsByAuthor: 0,
  now,
};

describe("countLinks", () => {
  it("counts web addresses with or without a scheme", () => {
    expect(countLinks("see https://a.example/x, http://b.example and www.c.example")).toBe(3);
    expect(countLinks("no links here, just e.g. a.b")).toBe(0);
  });
});

describe("comparableText", () => {
  it("ignores case, spacing and line breaks", () => {
    expect(comparableText("  Buy   CHEAP\npills ")).toBe(comparableText("buy cheap pills"));
  });
});

describe("spamSignals", () => {
  it("finds nothing in an ordinary comment", () => {
    expect(spamSignals(ordinary)).toEqual([]);
  });

  it(`flags ${maxLinks} links or more, not fewer`, () => {
    const links = (n: number) => Array.from({ length: n }, (_, i) => `https://shop${i}.example`).join(" ");
    expect(spamSignals({ ...ordinary, body: `Cheap: ${links(maxLinks)}` })).toEqual(["many-links"]);
    expect(spamSignals({ ...ordinary, body: `Sources: ${links(maxLinks - 1)}` })).toEqual([]);
  });

  it("flags a text already posted by others or by the same member", () => {
    expect(spamSignals({ ...ordinary, sameTextByOthers: 1 })).toEqual(["repeated-text"]);
    expect(spamSignals({ ...ordinary, sameTextByAuthor: 2 })).toEqual(["repeated-text"]);
  });

  it("does not treat short common replies as repeated spam", () => {
    expect(spamSignals({ ...ordinary, body: "I agree.", sameTextByOthers: 12 })).toEqual([]);
  });

  it("flags a burst of posts from an account younger than a day, not from an older one", () => {
    const burst = { ...ordinary, recentPostsByAuthor: maxBurstPosts };
    expect(spamSignals({ ...burst, accountCreatedAt: hoursAgo(2) })).toEqual(["burst-from-new-account"]);
    expect(spamSignals({ ...burst, accountCreatedAt: hoursAgo(newAccountHours + 1) })).toEqual([]);
    expect(spamSignals({ ...burst, recentPostsByAuthor: maxBurstPosts - 1, accountCreatedAt: hoursAgo(2) })).toEqual(
      [],
    );
  });

  it("reports every signal present, in a fixed order", () => {
    expect(
      spamSignals({
        ...ordinary,
        body: "Visit https://a.example https://b.example https://c.example for cheap medicines",
        sameTextByOthers: 3,
        accountCreatedAt: hoursAgo(1),
        recentPostsByAuthor: 5,
      }),
    ).toEqual(["many-links", "repeated-text", "burst-from-new-account"]);
  });
});
