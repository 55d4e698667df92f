/**
 * `npm run bench:light [-- --baseline <commit>] [--runs N]`: what the consultation page costs a
 * phone on 2G (issue 18, item 8; issue 16, "Light on the network"). Serves this build and, side by
 * side, the same app at the baseline commit (by default the one before the work on it), each with a
 * fresh demo database, and opens the page in Chromium with the cache disabled on an emulated link of
 * 800 ms latency and 250 kbit/s, signed in as the demo member and as a visitor: in English and Arabic, with
 * JavaScript, without it, and with `Save-Data: on`. For each it prints the compressed bytes
 * transferred, when the first priority's vote buttons could be pressed and when the page was
 * hydrated (the median of the runs).
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Browser } from "playwright-core";
import { buildIfStale } from "../server/build-if-stale.js";
import { launchChromium } from "~/platform/chromium.server";
import { TEST_STAFF_PASSWORD, TEST_STAFF_TOTP_SECRET } from "../tests/support/demo-passwords";
import { measurePage, slow2G, type PageWeight } from "../tests/support/page-weight";
import { signInAs } from "../tests/support/sign-in";
import { startServer, type RunningServer } from "../tests/support/server";

/** The last commit before the consultation page got within 150 KB with JavaScript (decision 0050); 7d33ca3 before decision 0035. */
const defaultBaseline = "1cdfb13";

const { values: options } = parseArgs({
  options: { baseline: { type: "string", default: defaultBaseline }, runs: { type: "string", default: "3" } },
});
const runs = Number(options.runs);

/** The app at `commit`, extracted and built once into the temporary directory, sharing our node_modules. */
function baselineCopy(commit: string): string {
  const sha = execFileSync("git", ["rev-parse", "--short", commit], { encoding: "utf8" }).trim();
  const dir = path.join(os.tmpdir(), `baraza-light-baseline-${sha}`);
  if (!fs.existsSync(path.join(dir, "build/http/index.js"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("sh", ["-c", `git archive ${sha} | tar -x -C "${dir}"`]);
    fs.symlinkSync(path.resolve("node_modules"), path.join(dir, "node_modules"));
    console.log(`Building the baseline (${sha}) in ${dir}…`);
    const built = spawnSync("npm", ["run", "--silent", "build"], { cwd: dir, stdio: "inherit" });
    if (built.status !== 0) throw new Error("The baseline did not build");
  }
  return dir;
}

const variants = [
  { name: "with JavaScript", javaScriptEnabled: true, saveData: false },
  { name: "without JavaScript", javaScriptEnabled: false, saveData: false },
  { name: "Save-Data: on", javaScriptEnabled: true, saveData: true },
] as const;

type Row = { page: string; variant: string } & Pick<PageWeight, "bytes" | "votable" | "hydrated">;

async function measureServer(browser: Browser, server: RunningServer): Promise<Row[]> {
  const signedIn = await browser.newContext();
  await signInAs(await signedIn.newPage(), server.url, "member@demo.baraza.africa");
  const storageState = await signedIn.storageState();
  await signedIn.close();
  const rows: Row[] = [];
  for (const [who, state] of [
    ["member", storageState],
    ["visitor", undefined],
  ] as const) {
    for (const language of ["en", "ar"]) {
      for (const variant of variants) {
        const samples: PageWeight[] = [];
        for (let run = 0; run < runs; run++) {
          const context = await browser.newContext({
            storageState: state,
            javaScriptEnabled: variant.javaScriptEnabled,
            extraHTTPHeaders: variant.saveData ? { "Save-Data": "on" } : {},
          });
          samples.push(
            await measurePage(context, `${server.url}/c/regional-production?lng=${language}`, {
              conditions: slow2G,
              expectScripts: variant.javaScriptEnabled && !variant.saveData,
            }),
          );
          await context.close();
        }
        const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
        rows.push({
          page: `/c/regional-production (${language}, ${who})`,
          variant: variant.name,
          bytes: median(samples.map((s) => s.bytes)),
          votable: median(samples.map((s) => s.votable)),
          hydrated: samples[0]!.hydrated === null ? null : median(samples.map((s) => s.hydrated!)),
        });
      }
    }
  }
  return rows;
}

buildIfStale();
const baselineDir = baselineCopy(options.baseline);
const env = { DEMO_STAFF_PASSWORD: TEST_STAFF_PASSWORD, DEMO_STAFF_TOTP_SECRET: TEST_STAFF_TOTP_SECRET };
const [after, before] = await Promise.all([startServer({ env }), startServer({ env, cwd: baselineDir })]);
const browser = await launchChromium(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium");
try {
  const beforeRows = await measureServer(browser, before);
  const afterRows = await measureServer(browser, after);
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const s = (ms: number | null) => (ms === null ? "—" : (ms / 1000).toFixed(1));
  console.log(
    `\n2G: ${slow2G.latency} ms, ${(slow2G.throughput * 8) / 1000} kbit/s; median of ${runs}; baseline ${options.baseline}`,
  );
  console.log(
    "| page | variant | before: KB | votable s | hydrated s | after: KB | votable s | hydrated s |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const [i, b] of beforeRows.entries()) {
    const a = afterRows[i]!;
    console.log(
      `| ${a.page} | ${a.variant} | ${kb(b.bytes)} | ${s(b.votable)} | ${s(b.hydrated)} | ${kb(a.bytes)} | ${s(a.votable)} | ${s(a.hydrated)} |`,
    );
  }
} finally {
  await browser.close();
  await Promise.all([after.stop(), before.stop()]);
}
