/** Issue 16: the USSD menu, read from the gateway's accumulated input; every screen ≤ 182 characters. */
import { beforeAll, describe, expect, it } from "vitest";
import { createI18nInstance } from "~/platform/i18n/i18n.server";
import { ussdScreen, ussdScreenMax, type Translate, type UssdWorld } from "~/phones/ussd-menu";

let translate: Translate;
beforeAll(async () => {
  const i18n = await createI18nInstance("en");
  translate = (language, key, values) => i18n.getFixedT(language)(key, values);
});

const long = "Regional manufacturing of vaccines, diagnostics and essential medicines for every member state";
const world: UssdWorld = {
  consultations: [
    {
      id: 10,
      title: { en: "Health products first", sw: "Bidhaa za afya kwanza", ar: "المنتجات الصحية أولاً" },
      ballotBudget: 10,
      moderationMode: "post",
      priorities: Array.from({ length: 7 }, (_, index) => ({
        id: 100 + index,
        title: { en: `${long} ${index + 1}`, sw: `Kipaumbele ${index + 1}`, ar: `الأولوية ${index + 1}` },
        results: index === 6 ? null : { agree: 12, disagree: 3, pass: 1 },
      })),
    },
    { id: 11, title: { en: "Closed soon" }, ballotBudget: null, moderationMode: "pre", priorities: [] },
  ],
};
const screen = (input: string) => ussdScreen(world, input, translate);

describe("USSD menu", () => {
  it("starts with the eight languages, then the consultations in the chosen one", () => {
    const first = screen("");
    expect(first.end).toBe(false);
    expect(first.text).toMatch(/^CON Baraza\n1 English\n2 Français/);
    expect(first.text).toContain("4 العربية");
    expect(first.text).toContain("6 Kiswahili");
    expect(screen("6").text).toBe("CON Chagua mashauriano:\n1 Bidhaa za afya kwanza\n2 Closed soon\n0 Rudi");
    expect(screen("4")).toMatchObject({ language: "ar" });
  });

  it("lists priorities five a page, with 9 for more, 0 back and 00 main menu", () => {
    const page1 = screen("1*1*1");
    expect(page1.text).toContain("\n5 ");
    expect(page1.text).toContain("\n9 More\n0 Back\n00 Main menu");
    const page2 = screen("1*1*1*9");
    expect(page2.text).toMatch(/\n1 Regional.*\n2 Regional/u);
    expect(page2.text).not.toContain("9 More");
    expect(screen("1*1*1*9*0").text).toBe(page1.text);
    expect(screen("1*1*1*9*00").text).toBe(screen("1").text);
  });

  it("says a consultation without priorities has none yet, and a number there is an invalid choice", () => {
    expect(screen("1*2*1").text).toBe("CON Priorities:\nNo priorities yet.\n0 Back\n00 Main menu");
    expect(screen("1*2*1*1").text).toMatch(/^CON Invalid choice\.\nPriorities:\nNo priorities yet\./);
  });

  it("votes: the final screen carries the effect for the route", () => {
    expect(screen("6*1*1*2*1")).toEqual({
      end: true,
      language: "sw",
      text: "END Asante: kura yako imehifadhiwa.",
      effect: { kind: "vote", consultationId: 10, priorityId: 101, value: "agree" },
    });
    expect(screen("1*1*1*9*2*3").effect).toEqual({ kind: "vote", consultationId: 10, priorityId: 106, value: "pass" });
  });

  it("takes a short comment, `*` included", () => {
    expect(screen("2*1*1*1*4").text).toMatch(/^CON Écrivez votre commentaire/);
    const done = screen("2*1*1*1*4*Des usines *locales* svp");
    expect(done.effect).toEqual({
      kind: "comment",
      consultationId: 10,
      priorityId: 100,
      text: "Des usines *locales* svp",
    });
    expect(done.end).toBe(true);
    expect(done.text).toBe("END Votre commentaire sur la priorité 1 est reçu.");
  });

  it("says a comment will appear after moderation when the consultation moderates first", () => {
    const premoderated: UssdWorld = {
      consultations: [{ ...world.consultations[0]!, moderationMode: "pre" }],
    };
    const done = ussdScreen(premoderated, "1*1*1*3*4*Clean water first", translate);
    expect(done.effect).toMatchObject({ kind: "comment", priorityId: 102 });
    expect(done.text).toBe("END Your comment on priority 3 will be published once a moderator approves it.");
  });

  it("shows the results of a priority, or that they are not shown yet", () => {
    expect(screen("1*1*1*2*5").text).toBe("END Priority 2: agree 12, disagree 3, pass 1.");
    expect(screen("1*1*1*9*2*5").text).toBe("END The results of priority 7 are not shown yet.");
  });

  it("asks ballot points priority by priority within the budget", () => {
    expect(screen("1*1*2").text).toMatch(/^CON Points for 1\. Regional.*\(10 left\):/u);
    expect(screen("1*1*2*4*3").text).toMatch(/Points for 3\..*\(3 left\)/u);
    expect(screen("1*1*2*4*3*5").text).toMatch(/^CON Invalid choice\.\nPoints for 3\./u);
    expect(screen("1*1*2*4*3*1*0*0*1*1*1").effect).toEqual({
      kind: "ballot",
      consultationId: 10,
      allocations: [4, 3, 1, 0, 0, 1, 1].map((points, index) => ({ priorityId: 100 + index, points })),
    });
  });

  it("says so on a wrong choice and stays on the same screen", () => {
    expect(screen("9").text).toBe(screen("").text);
    expect(screen("1*7").text).toBe(`CON Invalid choice.\n${screen("1").text.slice(4)}`);
    expect(screen("1*2*2").text).toMatch(/^CON Invalid choice\.\nClosed soon/u);
  });

  it("keeps every screen within 182 characters in every language", () => {
    const inputs = ["", "1", "1*1", "1*1*1", "1*1*1*9", "1*1*1*3", "1*1*1*3*4", "1*1*2", "1*1*1*9*9"];
    for (const language of ["1", "2", "3", "4", "5", "6", "7", "8"]) {
      for (const input of inputs) {
        const text = screen(input.replace(/^1/, language)).text;
        expect([...text].length, `${language}: ${input}`).toBeLessThanOrEqual(ussdScreenMax);
      }
    }
  });

  it("ends at once when no consultation is open", () => {
    expect(ussdScreen({ consultations: [] }, "3", translate)).toMatchObject({
      end: true,
      text: "END Nenhuma consulta está aberta agora.",
    });
  });
});
