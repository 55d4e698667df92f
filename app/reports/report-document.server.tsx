/**
 * The report as one self-contained HTML document for printing to PDF: the very component the report
 * page renders, the same style sheets, and open-licence fonts (Noto Sans, Noto Sans SC, Amiri) shipped with the project (npm
 * `@fontsource/*`, OFL) so that Arabic and Chinese come out shaped whatever fonts the server has.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { ConsultationReportView } from "~/components/report/consultation-report";
import { textDirection, type Language } from "~/platform/i18n/config";
import { createI18nInstance } from "~/platform/i18n/i18n.server";
import appStyles from "~/styles/app.css?inline";
import reportStyles from "~/styles/report.css?inline";
import type { ConsultationReport } from "~/reports/report-model";

/** Fonts are fetched from this made-up origin, which the printer answers from node_modules. */
export const FONT_ORIGIN = "https://fonts.baraza.invalid";

/**
 * Latin, Greek and Cyrillic; Arabic; Simplified Chinese (sliced by unicode-range, so only used slices load).
 * Arabic is set in Amiri, the one font tried whose text copies and extracts from the PDF as written:
 * it draws lam-alef as two contextual glyphs rather than one ligature glyph, which pdftotext and PDF
 * viewers' search read back reversed, and its dots are not separate marks (docs/decisions/0036).
 */
const fontPackages = ["@fontsource/noto-sans", "@fontsource/amiri", "@fontsource/noto-sans-sc"] as const;
const fontWeights = [400, 700] as const;

const require = createRequire(import.meta.url);
const packageDirectory = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

let fontFaces: string | undefined;

function fontFaceCss(): string {
  fontFaces ??= fontPackages
    .flatMap((name) =>
      fontWeights.map((weight) =>
        fs
          .readFileSync(path.join(packageDirectory(name), `${weight}.css`), "utf8")
          .replaceAll("url(./files/", `url(${FONT_ORIGIN}/${name}/files/`),
      ),
    )
    .join("\n");
  return fontFaces;
}

/** The font file a URL under FONT_ORIGIN names, or null for anything else (no path may leave the packages). */
export function fontFileFor(url: string): string | null {
  const { origin, pathname } = new URL(url);
  if (origin !== FONT_ORIGIN) return null;
  const name = fontPackages.find((candidate) => pathname.startsWith(`/${candidate}/files/`));
  const file = name ? path.basename(pathname) : "";
  if (!name || !/^[\w-]+\.woff2?$/.test(file)) return null;
  return path.join(packageDirectory(name), "files", file);
}

const printStyles = `
html, body { background: #fff; }
body { font-family: "Noto Sans", Amiri, "Noto Sans SC", sans-serif; margin: 0; }
.report-page { margin: 0; max-inline-size: none; }
`;

export async function renderReportDocument(report: ConsultationReport, language: Language): Promise<string> {
  const i18n = await createI18nInstance(language);
  const body = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <ConsultationReportView report={report} language={language} />
    </I18nextProvider>,
  );
  const title = i18n.t("reports:title", { title: report.consultation.title.text });
  return `<!DOCTYPE html>
<html lang="${language}" dir="${textDirection(language)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${fontFaceCss()}
${appStyles}
${reportStyles}
${printStyles}</style>
</head>
<body>${body}</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
