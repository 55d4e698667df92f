/**
 * The sweep (issue 18, item 7): every page of the route manifest, in all 8 languages, at 320 CSS
 * pixels wide, as the role the page needs: axe (WCAG 2.0/2.1 A and AA, 2.2 AA), reflow (WCAG 1.4.10:
 * nothing wider than the viewport; tables scroll in their own container) and exactly one h1.
 *
 * Fast enough for the normal suite: one browser, one context per role signed in once, one tab per
 * role reused for every page and language.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { supportedLanguages } from "~/i18n/config";
import { launchBrowser, newPersonContext } from "../support/browser";
import { routeManifest } from "../support/route-manifest";
import { text } from "../support/locales";
import { signInAs } from "../support/sign-in";

const baseURL = inject("baseURL");
const slug = "regional-production";

type Role = "visitor" | "member" | "moderator" | "institution" | "admin";

const emails: Record<Exclude<Role, "visitor">, string> = {
  member: "member@demo.baraza.africa",
  moderator: "moderator@demo.baraza.africa",
  institution: "institution@demo.baraza.africa",
  admin: "admin@demo.baraza.africa",
};

/**
 * Every page route (a route module with a component), the path it is swept at and who looks at it.
 * A page added to app/routes without a row here fails "every page of the route manifest has a row".
 */
const pages: Record<string, { path: string; role: Role }> = {
  $: { path: "/no-such-page", role: "visitor" },
  _index: { path: "/", role: "visitor" },
  "sign-in": { path: "/sign-in", role: "visitor" },
  "sign-in_.two-factor": { path: "/sign-in/two-factor", role: "visitor" },
  "sign-up": { path: "/sign-up", role: "visitor" },
  "forgot-password": { path: "/forgot-password", role: "visitor" },
  "reset-password": { path: "/reset-password?token=example", role: "visitor" },
  "verify-email": { path: "/verify-email", role: "visitor" },
  unsubscribe: { path: "/unsubscribe", role: "visitor" },
  "sign-out": { path: "/sign-out", role: "member" },
  profile: { path: "/profile", role: "member" },
  "account.security": { path: "/account/security", role: "member" },
  "account.two-factor": { path: "/account/two-factor", role: "member" },
  notifications: { path: "/notifications", role: "member" },
  commitments: { path: "/commitments", role: "member" },
  "c.$slug": { path: `/c/${slug}`, role: "member" },
  "c.$slug_.p.$priorityId": { path: `/c/${slug}/p/1`, role: "member" },
  "c.$slug_.propose": { path: `/c/${slug}/propose`, role: "member" },
  "c.$slug_.summary": { path: `/c/${slug}/summary`, role: "member" },
  "c.$slug_.responses": { path: `/c/${slug}/responses`, role: "member" },
  "c.$slug_.moderation-log": { path: `/c/${slug}/moderation-log`, role: "member" },
  "c.$slug_.moderation": { path: `/c/${slug}/moderation`, role: "moderator" },
  "c.$slug_.summaries": { path: `/c/${slug}/summaries`, role: "moderator" },
  "c.$slug_.summaries_.$scope.$locale": { path: `/c/${slug}/summaries/consultation/en`, role: "moderator" },
  "c.$slug_.report": { path: `/c/${slug}/report`, role: "institution" },
  "c.$slug_.report_.pdf": { path: `/c/${slug}/report/pdf`, role: "institution" },
  "c.$slug_.export": { path: `/c/${slug}/export`, role: "institution" },
  "c.$slug_.responses_.edit": { path: `/c/${slug}/responses/edit`, role: "institution" },
  institution: { path: "/institution", role: "institution" },
  "dev.outbox": { path: "/dev/outbox", role: "admin" },
  "admin_.downloads": { path: "/admin/downloads", role: "admin" },
  "staff._index": { path: "/staff", role: "admin" },
  "staff.consultations.new": { path: "/staff/consultations/new", role: "admin" },
  "staff.consultations.$slug": { path: `/staff/consultations/${slug}`, role: "admin" },
  "staff.consultations.$slug_.phase": { path: `/staff/consultations/${slug}/phase`, role: "admin" },
  "staff.consultations.$slug_.priorities": { path: `/staff/consultations/${slug}/priorities`, role: "admin" },
  "staff.consultations.$slug_.priorities_.$priorityId": {
    path: `/staff/consultations/${slug}/priorities/1`,
    role: "admin",
  },
  "staff.institutions.new": { path: "/staff/institutions/new", role: "admin" },
  "staff.institutions.$slug": { path: "/staff/institutions/ahpa-demo", role: "admin" },
};

let browser: Browser;
const contexts = new Map<Role, BrowserContext>();
const tabs = new Map<Role, Page>();

beforeAll(async () => {
  browser = await launchBrowser();
  for (const role of ["visitor", "member", "moderator", "institution", "admin"] as const) {
    const context = await newPersonContext(browser, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    if (role !== "visitor") await signInAs(page, baseURL, emails[role]);
    contexts.set(role, context);
    tabs.set(role, page);
  }
}, 300_000);

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
  violations: string[];
  overflow: { scrollWidth: number; clientWidth: number; widest: string[] } | null;
  h1s: number;
}

async function sweep(page: Page): Promise<Finding> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  const { overflow, h1s } = await page.evaluate(() => {
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
      overflow: scrollWidth > clientWidth ? { scrollWidth, clientWidth, widest } : null,
      h1s: document.querySelectorAll("h1").length,
    };
  });
  return { violations, overflow, h1s };
}

describe("the accessibility sweep", () => {
  it("every page of the route manifest has a row", () => {
    const manifestPages = routeManifest.filter((route) => route.page).map((route) => route.id);
    expect(Object.keys(pages).sort()).toEqual(manifestPages.sort());
  });

  describe.each([...supportedLanguages])("in %s", (language) => {
    it("every page: no axe violation, no sideways scrolling at 320 px, one h1", async () => {
      const findings: Record<string, Finding> = {};
      for (const [id, { path, role }] of Object.entries(pages)) {
        const page = tabs.get(role)!;
        const separator = path.includes("?") ? "&" : "?";
        await page.goto(`${baseURL}${path}${separator}lng=${language}`);
        expect(await page.getAttribute("html", "lang"), id).toBe(language);
        const finding = await sweep(page);
        if (finding.violations.length > 0 || finding.overflow || finding.h1s !== 1)
          findings[`${id} (${role})`] = finding;
      }
      expect(findings).toEqual({});
    }, 600_000);
  });

  describe.each(["en", "ar", "zh"])("in %s, at 320 px", (language) => {
    it("the report's tables scroll sideways in their own named box, not the page", async () => {
      const page = tabs.get("institution")!;
      await page.goto(`${baseURL}/c/${slug}/report?lng=${language}`);
      const tables = await page.locator("main table").evaluateAll((all) =>
        all.map((table) => {
          const box = table.closest<HTMLElement>(".table-scroll");
          return {
            overflowX: box ? getComputedStyle(box).overflowX : null,
            named: Boolean(box?.getAttribute("aria-label")),
            focusable: box?.tabIndex === 0,
          };
        }),
      );
      expect(tables.length).toBeGreaterThan(2);
      for (const table of tables) expect(table).toEqual({ overflowX: "auto", named: true, focusable: true });
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
      ).toBe(true);
    });

    it("export links are named by their visible text and the table, without aria-label", async () => {
      const page = tabs.get("institution")!;
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
