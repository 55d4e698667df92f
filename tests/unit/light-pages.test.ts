/** The pure parts of a light page (issue 18, item 8): Save-Data, translation bundles, the map's dots. */
import { describe, expect, it } from "vitest";
import { wantsSaveData } from "~/components/page-resources";
import { trackNamespaces, translationBundle, translationBundleHref } from "~/platform/i18n/bundles.server";
import { createI18nInstance } from "~/platform/i18n/i18n.server";
import { dotsMarkup, drawOpinionMap, MAP_FRAME } from "~/opinion/opinion-map";

describe("wantsSaveData", () => {
  it.each([
    ["on", true],
    ["On", true],
    ["on; foo", true],
    ["off", false],
    ["", false],
    ["only", false],
  ])("Save-Data: %j → %s", (value, expected) => {
    expect(wantsSaveData(new Headers({ "Save-Data": value }))).toBe(expected);
  });

  it("is false without the header", () => {
    expect(wantsSaveData(new Headers())).toBe(false);
  });
});

describe("translation bundles", () => {
  it("hold only the namespaces asked for, in the configured order, at a URL naming their content", () => {
    const bundle = translationBundle("fr", ["opinion", "common"]);
    expect(Object.keys(JSON.parse(bundle.body) as object)).toEqual(["common", "opinion"]);
    expect(translationBundleHref("fr", ["opinion", "common"])).toBe(`/locales/fr?ns=common,opinion&v=${bundle.hash}`);
    expect(translationBundle("fr", ["common", "opinion"]).hash).toBe(bundle.hash);
    expect(translationBundle("ar", ["common", "opinion"]).hash).not.toBe(bundle.hash);
    expect(translationBundle("fr", ["common"]).hash).not.toBe(bundle.hash);
  });

  it("records the namespaces a render looked strings up in", async () => {
    const i18n = await createI18nInstance("sw");
    const used = trackNamespaces(i18n);
    expect(used()).toEqual([]);
    // "errors.notFound.title" is in common, tried after opinion (as react-i18next declares both).
    i18n.t("errors.notFound.title", { ns: ["opinion", "common"] });
    i18n.t("reports:link");
    expect(used()).toEqual(["common", "opinion", "reports"]);
  });
});

describe("the opinion map's dots", () => {
  it("are placed in the frame, one path per group, and written as SVG markup once", () => {
    const drawing = drawOpinionMap(
      [
        [1, 0, 0],
        [-1, 0, 1],
        [0, 1, 1],
      ],
      [
        [1, 0],
        [-0.5, 0.5],
      ],
      ["A", "B"],
    );
    expect(drawing.drawn).toBe(3);
    expect(drawing.dots).toHaveLength(2);
    expect(drawing.centroids[0]!.x).toBeGreaterThan(MAP_FRAME.width / 2);
    const markup = dotsMarkup(drawing.dots!, ["A", "B"]);
    expect(markup.match(/<path /g)).toHaveLength(2);
    expect(markup).toContain(`d="${drawing.dots![1]}"`);
    expect(markup).toContain('fill="#0072B2"');
  });
});
