/**
 * The sweep (issue 18, item 7): every page of the route manifest, in all 8 languages, at 320 CSS
 * pixels wide, as the role the page needs: axe (WCAG 2.0/2.1 A and AA, 2.2 AA), reflow (WCAG 1.4.10:
 * nothing wider than the viewport; tables scroll in their own container) and exactly one h1.
 *
 * 8 × 43 page loads must fit the normal suite on two busy cores (≤ 3 minutes), so: one browser, one
 * context per role signed in once, a few tabs at work at once, each page loaded with its scripts off
 * unless hydration changes what it shows (the server's HTML is what every reader gets first, and it
 * loads without the app's JavaScript), axe injected once per page load without the extra blank page
 * of its default mode, and every finding of a language reported together.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { supportedLanguages } from "~/platform/i18n/config";
import { launchBrowser, newPersonContext } from "../support/browser";
import { routeManifest } from "../support/route-manifest";
import { text } from "../support/locales";
import { signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
const slug = "regional-production";
/** Tabs at work at once: page loads wait on the server while axe runs in another tab. */
const TABS = 4;

const roles = ["visitor", "member", "moderator", "facilitator", "institution", "admin"] as const;
type Role = (typeof roles)[number];

const emails: Record<Exclude<Role, "visitor">, string> = {
  member: "member@demo.baraza.africa",
  moderator: "moderator@demo.baraza.africa",
  facilitator: "facilitator@demo.baraza.africa",
  institution: "institution@demo.baraza.africa",
  admin: "admin@demo.baraza.africa",
};

interface SweptPage {
  path: string;
  role: Role;
  /** Hydration changes what the page shows (a field disabled, a reload link gone): swept as hydrated. */
  scripts?: true;
}

/**
 * Every page route (a route module with a component), the path it is swept at and who looks at it.
 * A page added to app/routes without a row here fails "every page of the route manifest has a row".
 */
const pages: Record<string, SweptPage> = {
  "/*": { path: "/no-such-page", role: "visitor" },
  "/": { path: "/", role: "visitor" },
  "/privacy": { path: "/privacy", role: "visitor" },
  "/sign-in": { path: "/sign-in", role: "visitor" },
  "/sign-in/two-factor": { path: "/sign-in/two-factor", role: "visitor" },
  "/sign-up": { path: "/sign-up", role: "visitor" },
  "/forgot-password": { path: "/forgot-password", role: "visitor" },
  "/reset-password": { path: "/reset-password?token=example", role: "visitor" },
  "/verify-email": { path: "/verify-email", role: "visitor" },
  "/unsubscribe": { path: "/unsubscribe", role: "visitor" },
  "/sign-out": { path: "/sign-out", role: "member" },
  "/profile": { path: "/profile", role: "member", scripts: true },
  "/profile/data": { path: "/profile/data", role: "member" },
  "/profile/delete": { path: "/profile/delete", role: "member" },
  "/profile/phone": { path: "/profile/phone", role: "member" },
  "/account/security": { path: "/account/security", role: "member" },
  "/account/two-factor": { path: "/account/two-factor", role: "member" },
  "/notifications": { path: "/notifications", role: "member" },
  "/commitments": { path: "/commitments", role: "member" },
  "/c/:slug": { path: `/c/${slug}`, role: "member" },
  "/c/:slug/p/:priorityId": { path: `/c/${slug}/p/1`, role: "member" },
  "/c/:slug/propose": { path: `/c/${slug}/propose`, role: "member" },
  "/c/:slug/summary": { path: `/c/${slug}/summary`, role: "member" },
  "/c/:slug/responses": { path: `/c/${slug}/responses`, role: "member" },
  "/c/:slug/moderation-log": { path: `/c/${slug}/moderation-log`, role: "member" },
  "/c/:slug/moderation": { path: `/c/${slug}/moderation`, role: "moderator" },
  "/c/:slug/summaries": { path: `/c/${slug}/summaries`, role: "moderator" },
  "/c/:slug/summaries/:scope/:locale": { path: `/c/${slug}/summaries/consultation/en`, role: "moderator" },
  "/c/:slug/facilitators": { path: `/c/${slug}/facilitators`, role: "moderator" },
  "/c/:slug/meetings": { path: `/c/${slug}/meetings`, role: "facilitator" },
  "/c/:slug/meetings/new": { path: `/c/${slug}/meetings/new`, role: "facilitator" },
  // MEETING: the meeting the sweep's facilitator records before it starts.
  "/c/:slug/meetings/:meetingId": { path: `/c/${slug}/meetings/MEETING`, role: "facilitator" },
  "/c/:slug/meetings/:meetingId/import": { path: `/c/${slug}/meetings/MEETING/import`, role: "facilitator" },
  "/c/:slug/report": { path: `/c/${slug}/report`, role: "institution" },
  "/c/:slug/report/pdf": { path: `/c/${slug}/report/pdf`, role: "institution", scripts: true },
  "/c/:slug/export": { path: `/c/${slug}/export`, role: "institution" },
  "/c/:slug/responses/edit": { path: `/c/${slug}/responses/edit`, role: "institution" },
  "/institution": { path: "/institution", role: "institution" },
  "/dev/outbox": { path: "/dev/outbox", role: "admin" },
  "/admin/downloads": { path: "/admin/downloads", role: "admin" },
  "/staff": { path: "/staff", role: "admin" },
  "/staff/retention": { path: "/staff/retention", role: "admin" },
  "/staff/phone-simulator": { path: "/staff/phone-simulator", role: "moderator" },
  "/staff/consultations/new": { path: "/staff/consultations/new", role: "admin" },
  "/staff/consultations/:slug": { path: `/staff/consultations/${slug}`, role: "admin" },
  "/staff/consultations/:slug/phase": { path: `/staff/consultations/${slug}/phase`, role: "admin" },
  "/staff/consultations/:slug/priorities": { path: `/staff/consultations/${slug}/priorities`, role: "admin" },
  "/staff/consultations/:slug/priorities/:priorityId": {
    path: `/staff/consultations/${slug}/priorities/1`,
    role: "admin",
  },
  "/staff/institutions/new": { path: "/staff/institutions/new", role: "admin" },
  "/staff/institutions/:slug": { path: "/staff/institutions/ahpa-demo", role: "admin" },
};

let browser: Browser;
const contexts = new Map<Role, BrowserContext>();

/** A tab of a role's context, with the DevTools session that turns its scripts off and on. */
interface Tab {
  page: Page;
  devtools: CDPSession;
}

/** Idle tabs per role, reused from one page to the next. */
const idleTabs = new Map<Role, Tab[]>(roles.map((role) => [role, []]));

/** Lends `work` an idle tab of the role (a new one if all are busy), and takes it back after. */
async function withTab<T>(role: Role, work: (tab: Tab) => Promise<T>): Promise<T> {
  let tab = idleTabs.get(role)!.pop();
  if (!tab) {
    const context = contexts.get(role)!;
    const page = await context.newPage();
    tab = { page, devtools: await context.newCDPSession(page) };
  }
  try {
    return await work(tab);
  } finally {
    idleTabs.get(role)!.push(tab);
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  await Promise.all(
    roles.map(async (role) => {
      const context = await newPersonContext(browser, { viewport: { width: 320, height: 640 } });
      contexts.set(role, context);
      if (role !== "visitor") await withTab(role, ({ page }) => signInAs(page, baseURL, emails[role]));
    }),
  );
  meetingId = await withTab("facilitator", ({ page }) => recordMeeting(page));
}, 300_000);

let meetingId = "";

/** Records a meeting as the facilitator, for the meeting pages to be swept; its id. */
async function recordMeeting(page: Page): Promise<string> {
  await page.goto(`${baseURL}/c/${slug}/meetings/new?lng=en`);
  await page.locator('input[name="heldOn"]').fill("2026-11-28");
  await page.locator('select[name="country"]').selectOption("GH");
  await page.locator('input[name="place"]').fill("Tamale");
  await page.locator('input[name="peoplePresent"]').fill("9");
  await page.locator('select[name="language"]').selectOption("en");
  await page.locator('select[name="method"]').selectOption("show-of-hands");
  await page.getByRole("button", { name: text("en", "meetings", "record.submit") }).click();
  await page.waitForURL(/\/meetings\/\d+$/);
  return page.url().split("/").at(-1)!;
}

afterAll(async () => {
  for (const context of contexts.values()) await context.close();
  await browser?.close();
});

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The whole of `full`, allowing a space either side of `part` where hidden text meets shown text. */
function loosely(full: string, part: string): RegExp {
  const pieces = full.split(part).map((piece) => escape(piece.trim()));
  return new RegExp(`^${pieces.join(`\\s*${escape(part)}\\s*`)}$`);
}

interface Finding {
  lang?: string | null;
  violations?: string[];
  overflow?: { scrollWidth: number; clientWidth: number; widest: string[] };
  h1s?: number;
}

/**
 * Loads a page and checks it; what is wrong, or null. Scripts are off while the page loads unless it
 * needs them, then on again for axe (which cannot run without them); the page's own scripts, skipped
 * while it was parsed, do not run later.
 */
async function sweep(
  { page, devtools }: Tab,
  url: string,
  language: string,
  scripts: boolean,
): Promise<Finding | null> {
  await devtools.send("Emulation.setScriptExecutionDisabled", { value: !scripts });
  await page.goto(url);
  if (scripts)
    await page.waitForFunction(
      () => (window as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized,
    );
  else await devtools.send("Emulation.setScriptExecutionDisabled", { value: false });
  const results = await new AxeBuilder({ page })
    // Before withTags, which adds to these options (options() replaces them all). Landmarks with the
    // same name (axe's landmark-unique, a best practice rather than a WCAG rule) too: a screen
    // reader's list of landmarks cannot tell them apart.
    .options({ resultTypes: ["violations"], rules: { "landmark-unique": { enabled: true } } })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    // No iframes here: axe.run in the page itself, not runPartial and a blank page to merge results.
    .setLegacyMode()
    .analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  const { lang, overflow, h1s } = await page.evaluate(() => {
    const root = document.documentElement;
    const { scrollWidth, clientWidth } = root;
    // For the failure message: the elements that stick out of the viewport, outermost first.
    const widest =
      scrollWidth > clientWidth
        ? [...document.body.querySelectorAll("*")]
            .filter((element) => {
              const box = element.getBoundingClientRect();
              return box.width > 0 && (box.right > clientWidth + 1 || box.left < -1);
            })
            .slice(0, 5)
            .map((element) => {
              const box = element.getBoundingClientRect();
              return `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} [${Math.round(box.left)}, ${Math.round(box.right)}]`;
            })
        : [];
    return {
      lang: root.getAttribute("lang"),
      overflow: scrollWidth > clientWidth ? { scrollWidth, clientWidth, widest } : null,
      h1s: document.querySelectorAll("h1").length,
    };
  });
  const finding: Finding = {
    ...(lang === language ? {} : { lang }),
    ...(violations.length > 0 ? { violations } : {}),
    ...(overflow ? { overflow } : {}),
    ...(h1s === 1 ? {} : { h1s }),
  };
  return Object.keys(finding).length > 0 ? finding : null;
}

/** Sweeps every page in `language`, TABS at a time; the findings by page. */
async function sweepAll(language: string): Promise<Record<string, Finding>> {
  const queue = Object.entries(pages);
  const findings: Record<string, Finding> = {};
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [id, { path: pattern, role, scripts = false }] = next;
      const path = pattern.replace("MEETING", meetingId);
      const separator = path.includes("?") ? "&" : "?";
      const url = `${baseURL}${path}${separator}lng=${language}`;
      const finding = await withTab(role, (tab) => sweep(tab, url, language, scripts));
      if (finding) findings[`${id} (${role})`] = finding;
    }
  };
  await Promise.all(Array.from({ length: TABS }, worker));
  return findings;
}

describe("the accessibility sweep", () => {
  it("every page of the route manifest has a row", () => {
    const manifestPages = routeManifest.filter((route) => route.page).map((route) => route.id);
    expect(Object.keys(pages).sort()).toEqual(manifestPages.sort());
  });

  describe.each([...supportedLanguages])("in %s", (language) => {
    it("every page: no axe violation, no sideways scrolling at 320 px, one h1", async () => {
      expect(await sweepAll(language)).toEqual({});
    }, 300_000);
  });

  describe.each(["en", "ar", "zh"])("in %s, at 320 px", (language) => {
    it("the report's tables scroll sideways in their own box, named after the table, not the page", async () => {
      await withTab("institution", async ({ page }) => {
        await page.goto(`${baseURL}/c/${slug}/report?lng=${language}`);
        const boxes = await page.locator("main table").evaluateAll((all: HTMLTableElement[]) =>
          all.map((table) => {
            const box = table.closest<HTMLElement>(".table-scroll");
            // The accessible name aria-labelledby gives: the referenced elements' text, in order.
            const name = (box?.getAttribute("aria-labelledby") ?? "")
              .split(" ")
              .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
              .join(" ")
              .trim();
            return {
              overflowX: box ? getComputedStyle(box).overflowX : null,
              role: box?.getAttribute("role"),
              focusable: box?.tabIndex === 0,
              name,
              caption: table.caption?.textContent?.trim() ?? null,
            };
          }),
        );
        expect(boxes.length).toBeGreaterThan(2);
        for (const { name, caption, ...box } of boxes) {
          expect(box).toEqual({ overflowX: "auto", role: "region", focusable: true });
          expect(name.startsWith(caption!), `"${name}" starts with its caption "${caption}"`).toBe(true);
        }
        // Landmarks a screen reader lists apart (axe's landmark-unique, here as a plain statement).
        const names = boxes.map(({ name }) => name);
        expect(new Set(names).size, names.join(" | ")).toBe(names.length);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
        ).toBe(true);
      });
    });

    it("export links are named by their visible text and the table, without aria-label", async () => {
      await withTab("institution", async ({ page }) => {
        await page.goto(`${baseURL}/c/${slug}/export?lng=${language}`);
        const table = text(language, "exports", "tables.comments.title");
        for (const format of ["csv", "csvExcel", "xlsx", "json"]) {
          const name = text(language, "exports", `tables.${format}For`, { table });
          const visible = text(language, "exports", `tables.${format}`);
          // Hidden text is laid out apart from the visible words: Chromium may join them with a space.
          const link = page.getByRole("link", { name: loosely(name, visible) });
          expect(await link.count(), name).toBe(1);
          expect(await link.getAttribute("aria-label")).toBeNull();
          // What shows: the link's own text, not its visually hidden spans.
          const shown = await link.evaluate((a) =>
            [...a.childNodes]
              .filter((node) => node.nodeType === Node.TEXT_NODE)
              .map((node) => node.textContent)
              .join(""),
          );
          expect(shown.trim()).toBe(visible);
        }
      });
    });
  });
});
