import { describe, expect, it } from "vitest";
import { localeCompleteness } from "~/staff/completeness";
import { canMovePhase, consultationPhases, phaseTransitions } from "~/staff/phases";
import {
  consultationForm,
  institutionForm,
  joinListFields,
  priorityForm,
  splitListValue,
  toDateTimeLocal,
} from "~/staff/staff-forms";
import { parseForm } from "~/web/form-failures.server";

describe("localeCompleteness", () => {
  it("counts the texts written in each language", () => {
    const texts = [
      { en: "Title", fr: "Titre" },
      { en: "Summary", fr: "  " },
      { en: "Context", fr: "Contexte", ar: "" },
    ];
    const byLanguage = Object.fromEntries(localeCompleteness(texts).map((c) => [c.language, c]));
    expect(byLanguage.en).toEqual({ language: "en", filled: 3, total: 3, status: "complete" });
    expect(byLanguage.fr).toEqual({ language: "fr", filled: 2, total: 3, status: "partial" });
    expect(byLanguage.ar).toEqual({ language: "ar", filled: 0, total: 3, status: "missing" });
    expect(Object.keys(byLanguage)).toHaveLength(8);
  });

  it("only looks at the languages asked for", () => {
    expect(localeCompleteness([{ sw: "Kichwa" }], ["sw"])).toEqual([
      { language: "sw", filled: 1, total: 1, status: "complete" },
    ]);
  });
});

describe("phase transitions", () => {
  it("moves forward one phase at a time and back where sensible", () => {
    expect(phaseTransitions("draft")).toEqual(["open"]);
    expect(canMovePhase("open", "closed")).toBe(true);
    expect(canMovePhase("closed", "open")).toBe(true);
    expect(canMovePhase("draft", "published")).toBe(false);
    expect(canMovePhase("published", "draft")).toBe(false);
    for (const phase of consultationPhases) expect(canMovePhase(phase, phase)).toBe(false);
  });
});

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(key, item);
  }
  return data;
}

const validConsultation = {
  slug: "  Vaccine-Plants ",
  title_en: "Vaccine plants",
  summary_en: "Where should the region build them?",
  context_en: "",
  title_fr: "Usines de vaccins",
  defaultLocale: "en",
  regionCountries: ["KE", "TZ", "KE"],
  regionCommunities: ["EAC", "SADC"],
  opensAt: "2026-12-01T08:00",
  closesAt: "2027-01-31T18:30",
  moderationMode: "pre",
  resultsVisibility: "after_vote",
  ballotBudget: "",
  flagThreshold: "",
  owningInstitutionId: "2",
  followingInstitutionIds: ["2", "3"],
};

describe("consultationForm", () => {
  it("turns the posted fields into a consultation, times read as UTC", () => {
    const parsed = parseForm(consultationForm, joinListFields(form(validConsultation)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data).toEqual({
      slug: "vaccine-plants",
      title: { en: "Vaccine plants", fr: "Usines de vaccins" },
      summary: { en: "Where should the region build them?" },
      context: {},
      defaultLocale: "en",
      regionCountries: ["KE", "TZ"],
      regionCommunities: ["EAC", "SADC"],
      opensAt: new Date("2026-12-01T08:00:00Z"),
      closesAt: new Date("2027-01-31T18:30:00Z"),
      moderationMode: "pre",
      resultsVisibility: "after_vote",
      ballotBudget: null,
      flagThreshold: 3,
      owningInstitutionId: 2,
      followingInstitutionIds: [3],
    });
    expect(toDateTimeLocal(parsed.data.opensAt)).toBe("2026-12-01T08:00");
  });

  it("points each error at its field", () => {
    const parsed = parseForm(
      consultationForm,
      joinListFields(
        form({
          ...validConsultation,
          slug: "new",
          defaultLocale: "fr",
          regionCountries: ["XX"],
          regionCommunities: ["EU"],
          closesAt: "2026-11-30T08:00",
          ballotBudget: "-4",
          flagThreshold: "1.5",
        }),
      ),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors).toMatchObject({
      slug: "staff:errors.slug",
      regionCountries: "staff:errors.country",
      regionCommunities: "staff:errors.community",
      ballotBudget: "staff:errors.ballotBudget",
      flagThreshold: "staff:errors.flagThreshold",
    });
  });

  it("requires the title and summary in the default language and closing after opening", () => {
    const parsed = parseForm(
      consultationForm,
      joinListFields(form({ ...validConsultation, defaultLocale: "fr", closesAt: "2026-11-30T08:00" })),
    );
    expect(parsed).toEqual({
      ok: false,
      fieldErrors: { summary_fr: "staff:errors.requiredInDefaultLocale", closesAt: "staff:errors.closesBeforeOpens" },
    });
  });

  it("refuses a time that is not a datetime-local value", () => {
    const parsed = parseForm(consultationForm, joinListFields(form({ ...validConsultation, opensAt: "tomorrow" })));
    expect(parsed).toEqual({ ok: false, fieldErrors: { opensAt: "staff:errors.dateTime" } });
  });
});

describe("priorityForm", () => {
  it("requires title and body in the consultation's default language", () => {
    const fields = { title_en: "Pooled procurement", body_en: "Buy together.", category: "financing", position: "" };
    expect(parseForm(priorityForm("en"), form(fields))).toEqual({
      ok: true,
      data: {
        title: { en: "Pooled procurement" },
        body: { en: "Buy together." },
        category: "financing",
        productType: null,
        position: 0,
      },
    });
    expect(parseForm(priorityForm("fr"), form(fields))).toEqual({
      ok: false,
      fieldErrors: {
        title_fr: "staff:errors.requiredInDefaultLocale",
        body_fr: "staff:errors.requiredInDefaultLocale",
      },
    });
    expect(parseForm(priorityForm("en"), form({ ...fields, category: "x", productType: "y" }))).toEqual({
      ok: false,
      fieldErrors: { category: "staff:errors.category", productType: "staff:errors.productType" },
    });
  });
});

describe("institutionForm", () => {
  it("needs an English name and takes only web addresses", () => {
    expect(
      parseForm(institutionForm, form({ slug: "au", name_en: "African Union", website: "https://au.int" })),
    ).toEqual({
      ok: true,
      data: { slug: "au", name: { en: "African Union" }, website: "https://au.int" },
    });
    expect(
      parseForm(institutionForm, form({ slug: "au", name_fr: "Union africaine", website: "javascript:alert(1)" })),
    ).toEqual({
      ok: false,
      fieldErrors: { website: "staff:errors.website", name_en: "staff:errors.requiredInDefaultLocale" },
    });
  });
});

describe("list fields", () => {
  it("travel joined by commas and come back split", () => {
    const joined = joinListFields(form({ regionCountries: ["KE", "UG"], slug: "x" }));
    expect(joined.get("regionCountries")).toBe("KE,UG");
    expect(joined.get("slug")).toBe("x");
    expect(splitListValue(joined.get("regionCountries") as string)).toEqual(["KE", "UG"]);
    expect(splitListValue(undefined)).toEqual([]);
  });
});
