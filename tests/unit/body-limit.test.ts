import { describe, expect, it } from "vitest";
import { bodyLimitFor, formBodyLimit, meetingImportBodyLimit } from "../../server/body-limit";

describe("bodyLimitFor", () => {
  it("lets a meeting's spreadsheet upload send more than a form, and only that route", () => {
    expect(bodyLimitFor({ path: "/c/regional-production/meetings/12/import" })).toBe(meetingImportBodyLimit);
    for (const path of [
      "/c/regional-production/meetings/12",
      "/c/regional-production/meetings/new",
      "/c/regional-production/meetings/12/import/template.csv",
      "/c/a/b/meetings/12/import",
      "/profile",
    ]) {
      expect(bodyLimitFor({ path }), path).toBe(formBodyLimit);
    }
  });
});
