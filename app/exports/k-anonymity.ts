/**
 * k-anonymity for the export rows that describe one person (the participants table): every
 * combination of profile answers published is shared by at least k rows of the export itself.
 *
 * Each row is first generalised (country to its African Union region, age band to a wider band);
 * then, while a combination is shared by fewer than k rows, those rows withhold one more answer,
 * least useful first (interest kind, language, gender, age, declared interest, group, region). A
 * row with every answer withheld looks like one of a member who did not consent; if that class is
 * still under k, the smallest other classes join it whole. Decisions are made per combination, so
 * they are computed once from the counts and applied row by row while the export streams
 * (decision 0016).
 */
import { auRegionOf } from "~/reports/african-regions";
import { OUTSIDE_AU } from "~/reports/report-model";

/** A participant's profile answers as stored (null: not consented or not given). */
export interface ProfileAnswers {
  country: string | null;
  stakeholder_group: string | null;
  age_band: string | null;
  gender: string | null;
  preferred_language: string | null;
  has_declared_interest: boolean | null;
  interest_kind: string | null;
}

/** The answers published as they are stored (generalised or withheld at most): all but the country. */
const answersPublishedAsStored = [
  "stakeholder_group",
  "age_band",
  "gender",
  "preferred_language",
  "has_declared_interest",
  "interest_kind",
] as const;

/** The profile answers a statistics consent covers, as stored, in the participants table's column order. */
export const profileAnswerColumns = [
  "country",
  ...answersPublishedAsStored,
] as const satisfies readonly (keyof ProfileAnswers)[];

/** The quasi-identifiers published, in the participants table's column order: the country as its region. */
export const quasiIdentifiers = ["region", ...answersPublishedAsStored] as const;
export type QuasiIdentifier = (typeof quasiIdentifiers)[number];
export type Published = Record<QuasiIdentifier, string | boolean | null>;

/** Withheld first: the answers an analysis of the consultation needs least. */
const withholdingOrder: readonly QuasiIdentifier[] = [
  "interest_kind",
  "preferred_language",
  "gender",
  "age_band",
  "has_declared_interest",
  "stakeholder_group",
  "region",
];

/** Ten-year bands from the profile's form, in twenty-year ones (the ends kept). */
const widerAgeBands: Readonly<Record<string, string>> = {
  "under-18": "under-25",
  "18-24": "under-25",
  "25-34": "25-44",
  "35-44": "25-44",
  "45-54": "45-64",
  "55-64": "45-64",
  "65-plus": "65-plus",
  "prefer-not-to-say": "prefer-not-to-say",
};

/** The answers with country and age generalised, before anything is withheld. */
export function generalise(answers: ProfileAnswers): Published {
  return {
    region: answers.country === null ? null : (auRegionOf(answers.country) ?? OUTSIDE_AU),
    stakeholder_group: answers.stakeholder_group,
    age_band: answers.age_band === null ? null : (widerAgeBands[answers.age_band] ?? null),
    gender: answers.gender,
    preferred_language: answers.preferred_language,
    has_declared_interest: answers.has_declared_interest,
    interest_kind: answers.interest_kind,
  };
}

/** `published` with its first `level` answers (in withholding order) withheld. */
function withheld(published: Published, level: number): Published {
  const copy = { ...published };
  for (const field of withholdingOrder.slice(0, level)) copy[field] = null;
  return copy;
}

/** A combination as one string: the key of its equivalence class. */
export function classKey(published: Published): string {
  return JSON.stringify(quasiIdentifiers.map((field) => published[field]));
}

/** A row with every answer withheld (or never given with consent). */
export const NOTHING_SHOWN = Object.fromEntries(quasiIdentifiers.map((field) => [field, null])) as Published;
const nothingShown = classKey(NOTHING_SHOWN);

/**
 * For each generalised combination (with how many rows have it), what the export publishes, so
 * that every published combination is shared by at least `k` rows, when there are `k` rows at all.
 */
export function kAnonymise(combinations: readonly { published: Published; rows: number }[], k: number): Published[] {
  const maxLevel = withholdingOrder.length;
  const levels = combinations.map(() => 0);
  const current = () => combinations.map((c, i) => withheld(c.published, levels[i]!));
  const classSizes = (shown: readonly Published[]) => {
    const sizes = new Map<string, number>();
    shown.forEach((p, i) => sizes.set(classKey(p), (sizes.get(classKey(p)) ?? 0) + combinations[i]!.rows));
    return sizes;
  };
  for (let changed = true; changed;) {
    changed = false;
    const shown = current();
    const sizes = classSizes(shown);
    shown.forEach((p, i) => {
      if (sizes.get(classKey(p))! < k && levels[i]! < maxLevel) {
        levels[i]! += 1;
        changed = true;
      }
    });
  }
  // Only the class with everything withheld can still be small: whole classes join it, smallest first.
  for (;;) {
    const shown = current();
    const sizes = classSizes(shown);
    const emptySize = sizes.get(nothingShown) ?? 0;
    if (emptySize === 0 || emptySize >= k) return shown;
    const smallest = [...sizes.entries()].filter(([key]) => key !== nothingShown).sort((a, b) => a[1] - b[1])[0];
    if (!smallest) return shown;
    shown.forEach((p, i) => {
      if (classKey(p) === smallest[0]) levels[i] = maxLevel;
    });
  }
}
