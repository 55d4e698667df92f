/**
 * The USSD menu (issue 16) as a pure function of what the gateway sends: the whole session's input
 * so far, `1*2*3`, read from the start on every request. Nothing about a session is stored, so a
 * timed-out or dropped session simply starts again at the first screen, and a replayed request gets
 * the same screen. The route loads the open consultations (`UssdWorld`), runs the effect a final
 * screen asks for (a vote, a comment, a ballot) through the same domain functions as the web, and
 * replaces the final text with the error when the effect is refused.
 *
 * Conventions every screen keeps: numeric choices, `0` back (except on the ballot, where 0 is a number
 * of points), `00` main menu, at most 182 characters.
 */
import type { LocalizedText, VoteValue } from "~db/schema";
import { languageAutonyms, supportedLanguages, type Language } from "~/platform/i18n/config";
import { localize } from "~/platform/i18n/localize";

/** What a USSD screen may hold (GSM 7-bit); `CON `/`END ` included. */
export const ussdScreenMax = 182;
/** Items listed a screen; `9` is kept for "more". */
const pageSize = 5;
const moreKey = "9";

export interface UssdPriority {
  id: number;
  title: LocalizedText;
  /** Null when the consultation does not show results yet. */
  results: { agree: number; disagree: number; pass: number } | null;
}

export interface UssdConsultation {
  id: number;
  title: LocalizedText;
  ballotBudget: number | null;
  /** Under pre-moderation a comment is answered "it will appear once a moderator approves it". */
  moderationMode: "pre" | "post";
  priorities: UssdPriority[];
}

export interface UssdWorld {
  consultations: UssdConsultation[];
}

export type UssdEffect =
  | { kind: "vote"; consultationId: number; priorityId: number; value: VoteValue }
  | { kind: "comment"; consultationId: number; priorityId: number; text: string }
  | { kind: "ballot"; consultationId: number; allocations: { priorityId: number; points: number }[] };

export interface UssdScreen {
  /** `CON` waits for input; `END` closes the session. */
  end: boolean;
  text: string;
  language: Language | undefined;
  effect?: UssdEffect;
  /** A comment's final text should the route's spam check hold it for the moderators. */
  heldText?: string;
}

export type Translate = (language: Language, key: string, values?: Record<string, string | number>) => string;

/** Longest comment typed on a handset's USSD prompt (most networks stop input near 160). */
export const ussdCommentMaxLength = 160;

type State =
  | { screen: "language" }
  | { screen: "consultations"; language: Language; page: number }
  | { screen: "consultation"; language: Language; consultation: UssdConsultation }
  | { screen: "priorities"; language: Language; consultation: UssdConsultation; page: number }
  | { screen: "priority"; language: Language; consultation: UssdConsultation; number: number }
  | { screen: "comment"; language: Language; consultation: UssdConsultation; number: number }
  | { screen: "ballot"; language: Language; consultation: UssdConsultation; points: number[] };

/** A final screen: what it says, in whose language, and what the route must do. */
interface Final {
  language: Language;
  key: string;
  values?: Record<string, string | number>;
  effect?: UssdEffect;
  heldKey?: string;
}

type Step = { next: State } | { final: Final } | { invalid: true };

const voteChoices: Record<string, VoteValue> = { "1": "agree", "2": "disagree", "3": "pass" };

/** The screen for the session's input so far. */
export function ussdScreen(world: UssdWorld, input: string, translate: Translate): UssdScreen {
  const parts = input === "" ? [] : input.split("*");
  let stack: State[] = [{ screen: "language" }];
  let invalid = false;
  for (let index = 0; index < parts.length; index++) {
    const state = stack[stack.length - 1]!;
    const part = parts[index]!.trim();
    invalid = false;
    if (part === "00") {
      stack = stack.slice(0, state.screen === "language" ? 1 : 2);
      continue;
    }
    // On the ballot, 0 is a number of points: only 00 leaves it.
    if (part === "0" && state.screen !== "ballot") {
      if (stack.length > 1) stack.pop();
      continue;
    }
    // A comment may contain `*`, which the gateway also uses between inputs: it is all that is left.
    const step =
      state.screen === "comment" ? commentStep(state, parts.slice(index).join("*")) : next(world, state, part);
    if ("final" in step) {
      const { language, key, values, effect, heldKey } = step.final;
      const endScreen = (textKey: string) => fitScreen("END", [translate(language, textKey, values)], [], []);
      return {
        end: true,
        language,
        text: endScreen(key),
        effect,
        ...(heldKey ? { heldText: endScreen(heldKey) } : {}),
      };
    }
    if ("invalid" in step) invalid = true;
    else stack.push(step.next);
    if (state.screen === "comment") break;
  }
  return render(world, stack[stack.length - 1]!, translate, invalid);
}

function commentStep(state: Extract<State, { screen: "comment" }>, typed: string): Step {
  const text = typed.trim();
  if (text === "" || [...text].length > ussdCommentMaxLength) return { invalid: true };
  const priority = state.consultation.priorities[state.number - 1]!;
  return {
    final: {
      language: state.language,
      key: state.consultation.moderationMode === "pre" ? "phones:sms.commentHeld" : "phones:sms.commented",
      heldKey: "phones:sms.commentHeld",
      values: { number: state.number },
      effect: { kind: "comment", consultationId: state.consultation.id, priorityId: priority.id, text },
    },
  };
}

function choice(part: string, count: number, page = 0): number | undefined {
  if (!/^\d{1,2}$/.test(part)) return undefined;
  const local = Number(part);
  const onPage = Math.min(pageSize, count - page * pageSize);
  return local >= 1 && local <= onPage ? page * pageSize + local : undefined;
}

function next(world: UssdWorld, state: State, part: string): Step {
  switch (state.screen) {
    case "language": {
      const chosen = languageChoice(part);
      return chosen
        ? { next: { screen: "consultations", language: supportedLanguages[chosen - 1]!, page: 0 } }
        : { invalid: true };
    }
    case "consultations": {
      if (part === moreKey && (state.page + 1) * pageSize < world.consultations.length) {
        return { next: { ...state, page: state.page + 1 } };
      }
      const chosen = choice(part, world.consultations.length, state.page);
      return chosen
        ? { next: { screen: "consultation", language: state.language, consultation: world.consultations[chosen - 1]! } }
        : { invalid: true };
    }
    case "consultation":
      if (part === "1") return { next: { ...state, screen: "priorities", page: 0 } };
      if (part === "2" && state.consultation.ballotBudget !== null && state.consultation.priorities.length > 0) {
        return { next: { ...state, screen: "ballot", points: [] } };
      }
      return { invalid: true };
    case "priorities": {
      const count = state.consultation.priorities.length;
      if (part === moreKey && (state.page + 1) * pageSize < count) return { next: { ...state, page: state.page + 1 } };
      const chosen = choice(part, count, state.page);
      return chosen
        ? { next: { screen: "priority", language: state.language, consultation: state.consultation, number: chosen } }
        : { invalid: true };
    }
    case "priority":
      return priorityStep(state, part);
    case "ballot":
      return ballotStep(state, part);
    case "comment":
      return { invalid: true };
  }
}

/** The language menu lists all eight on one screen: `choice` pages by five. */
function languageChoice(part: string): number | undefined {
  const chosen = /^\d$/.test(part) ? Number(part) : 0;
  return chosen >= 1 && chosen <= supportedLanguages.length ? chosen : undefined;
}

function priorityStep(state: Extract<State, { screen: "priority" }>, part: string): Step {
  const priority = state.consultation.priorities[state.number - 1]!;
  const value = voteChoices[part];
  if (value) {
    return {
      final: {
        language: state.language,
        key: "phones:ussd.voted",
        effect: { kind: "vote", consultationId: state.consultation.id, priorityId: priority.id, value },
      },
    };
  }
  if (part === "4") return { next: { ...state, screen: "comment" } };
  if (part === "5") {
    const values = { number: state.number, ...priority.results };
    return {
      final: {
        language: state.language,
        key: priority.results ? "phones:sms.results" : "phones:sms.resultsHidden",
        values,
      },
    };
  }
  return { invalid: true };
}

function ballotStep(state: Extract<State, { screen: "ballot" }>, part: string): Step {
  if (!/^\d{1,4}$/.test(part)) return { invalid: true };
  const points = [...state.points, Number(part)];
  const budget = state.consultation.ballotBudget ?? 0;
  if (points.reduce((sum, value) => sum + value, 0) > budget) return { invalid: true };
  if (points.length < state.consultation.priorities.length) return { next: { ...state, points } };
  const allocations = state.consultation.priorities.map((priority, index) => ({
    priorityId: priority.id,
    points: points[index]!,
  }));
  return {
    final: {
      language: state.language,
      key: "phones:sms.ballotSaved",
      effect: { kind: "ballot", consultationId: state.consultation.id, allocations },
    },
  };
}

function title(text: LocalizedText, language: Language): string {
  return localize(text, language).text;
}

/** `line` in at most `max` characters, cut with "…". */
function cut(line: string, max: number): string {
  const chars = [...line];
  return chars.length <= max ? line : `${chars.slice(0, Math.max(1, max - 1)).join("")}…`;
}

/**
 * Lines within the screen's limit: item titles (after their number) are cut evenly, with "…", until
 * everything fits; the header (a priority's title) is cut first to one line's worth.
 */
export function fitScreen(prefix: "CON" | "END", header: string[], items: string[], footer: string[]): string {
  const build = (max: number) =>
    [
      prefix,
      [...header.map((line) => cut(line, Math.max(max, 40))), ...items.map((line) => cut(line, max)), ...footer].join(
        "\n",
      ),
    ].join(" ");
  let max = Math.max(0, ...[...header, ...items].map((line) => [...line].length));
  while (max > 4 && [...build(max)].length > ussdScreenMax) max--;
  let text = build(max);
  // A header too long even then (a long title with a full menu) gives way last.
  while ([...text].length > ussdScreenMax && header.length > 0) {
    header = header.slice(0, -1);
    text = build(max);
  }
  return text;
}

function render(world: UssdWorld, state: State, translate: Translate, invalid: boolean): UssdScreen {
  if (state.screen === "language") {
    const items = supportedLanguages.map((code, index) => `${index + 1} ${languageAutonyms[code]}`);
    return { end: false, language: undefined, text: fitScreen("CON", ["Baraza"], items, []) };
  }
  const language = state.language;
  const t = (key: string, values?: Record<string, string | number>) => translate(language, `phones:${key}`, values);
  const notice = invalid ? [t("ussd.invalid")] : [];
  const back = [`0 ${t("ussd.back")}`, `00 ${t("ussd.main")}`];
  const screen = (header: string[], items: string[], footer: string[]): UssdScreen => ({
    end: false,
    language,
    text: fitScreen("CON", [...notice, ...header], items, footer),
  });
  const page = (titles: string[], current: number) => {
    const shown = titles
      .slice(current * pageSize, (current + 1) * pageSize)
      .map((line, index) => `${index + 1} ${line}`);
    const more = (current + 1) * pageSize < titles.length ? [`${moreKey} ${t("ussd.more")}`] : [];
    return { shown, more };
  };
  switch (state.screen) {
    case "consultations": {
      if (world.consultations.length === 0)
        return { end: true, language, text: `END ${t("sms.errors.noConsultation")}` };
      const { shown, more } = page(
        world.consultations.map((consultation) => title(consultation.title, language)),
        state.page,
      );
      return screen([t("ussd.chooseConsultation")], shown, [...more, `0 ${t("ussd.back")}`]);
    }
    case "consultation": {
      const items = [`1 ${t("ussd.consultationMenu")}`];
      if (state.consultation.ballotBudget !== null) items.push(`2 ${t("ussd.ballotMenu")}`);
      return screen([title(state.consultation.title, language)], items, back);
    }
    case "priorities": {
      const { shown, more } = page(
        state.consultation.priorities.map((priority) => title(priority.title, language)),
        state.page,
      );
      // An open consultation may not have its priorities yet: say so rather than show an empty list.
      if (shown.length === 0) return screen([t("ussd.priorities")], [t("ussd.noPriorities")], back);
      return screen([t("ussd.priorities")], shown, [...more, ...back]);
    }
    case "priority": {
      const priority = state.consultation.priorities[state.number - 1]!;
      const items = ["agree", "disagree", "pass", "comment", "results"].map(
        (key, index) => `${index + 1} ${t(`ussd.${key}`)}`,
      );
      return screen([`${state.number}. ${title(priority.title, language)}`], items, back);
    }
    case "comment":
      return screen([t("ussd.commentAsk")], [], back);
    case "ballot": {
      const priority = state.consultation.priorities[state.points.length]!;
      const left = (state.consultation.ballotBudget ?? 0) - state.points.reduce((sum, value) => sum + value, 0);
      const name = `${state.points.length + 1}. ${cut(title(priority.title, language), 60)}`;
      const ask = t("ussd.ballotAsk", { title: name, left });
      return screen([ask], [], [`00 ${t("ussd.main")}`]);
    }
  }
}
