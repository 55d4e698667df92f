import { describe, expect, it } from "vitest";
import { closingDate } from "~/consultations/closing-date";

const now = new Date("2027-03-01T12:00:00Z");
const past = "2027-01-19T00:00:00.000Z";
const future = "2027-06-30T00:00:00.000Z";

describe("the closing date on a consultation card", () => {
  it("says when an open consultation closes", () => {
    expect(closingDate("open", future, now)).toEqual({ key: "home.closesOn", date: future });
  });

  it.each(["closed", "summarising", "published"] as const)(
    "says a %s consultation closed, never that it closes",
    (phase) => {
      expect(closingDate(phase, past, now)).toEqual({ key: "home.closedOn", date: past });
    },
  );

  it("shows no planned date for a consultation staff closed early", () => {
    expect(closingDate("closed", future, now)).toBeNull();
  });

  it("shows nothing without a date, or for a draft", () => {
    expect(closingDate("open", null, now)).toBeNull();
    expect(closingDate("draft", past, now)).toBeNull();
  });
});
