/**
 * What one page costs a first visit with an empty cache, as Chromium's network layer counts it: the
 * bytes that came over the wire (compressed, headers included), which requests they were, and —
 * under emulated network conditions — when the priorities' vote buttons could be pressed and when
 * the page was hydrated. Shared by tests/e2e/slow-network.test.ts (bytes only) and bench/light.ts.
 */
import type { BrowserContext } from "playwright-core";

export interface NetworkConditions {
  /** Round-trip latency added to each request, in ms. */
  latency: number;
  /** Download and upload throughput, in bytes per second. */
  throughput: number;
}

/** The bench's 2G link: 800 ms latency, 250 kbit/s. */
export const slow2G: NetworkConditions = { latency: 800, throughput: 250_000 / 8 };

export interface PageWeight {
  /** Bytes received for every request of the page, compressed, headers included. */
  bytes: number;
  requests: { url: string; bytes: number; type: string }[];
  /** ms from the start of navigation until the first priority's vote buttons could be pressed. */
  votable: number;
  /** ms until the page was hydrated (null without scripts). */
  hydrated: number | null;
  scriptTags: number;
}

/** The first priority's vote buttons, or (for a visitor not signed in) its link to sign in and vote. */
const votableSelector = ".priority .vote-button:not([disabled]), .priority .vote-invite a";
/**
 * Hydrated: a vote form renders the fetcher marker only once hydrated (app/components/fetcher-field.tsx);
 * a visitor's page, without vote forms, is hydrated when React has taken over the priorities' markup.
 */
function isHydrated(): boolean {
  if (document.querySelector("input[name=_fetcher]")) return true;
  const priority = document.querySelector(".priority");
  return (
    !document.querySelector(".vote-button") &&
    !!priority &&
    Object.keys(priority).some((key) => key.startsWith("__reactFiber"))
  );
}

export async function measurePage(
  context: BrowserContext,
  url: string,
  options: { conditions?: NetworkConditions; expectScripts: boolean },
): Promise<PageWeight> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (options.conditions) {
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: options.conditions.latency,
      downloadThroughput: options.conditions.throughput,
      uploadThroughput: options.conditions.throughput,
    });
  }
  const pending = new Map<string, { url: string; type: string }>();
  const requests: PageWeight["requests"] = [];
  cdp.on("Network.requestWillBeSent", (event) => {
    pending.set(event.requestId, { url: event.request.url, type: event.type ?? "Other" });
  });
  cdp.on("Network.loadingFinished", (event) => {
    const request = pending.get(event.requestId);
    if (request) requests.push({ ...request, bytes: event.encodedDataLength });
  });

  const start = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.locator(votableSelector).first().waitFor();
  const votable = Date.now() - start;
  let hydrated: number | null = null;
  if (options.expectScripts) {
    await page.waitForFunction(isHydrated, undefined, { polling: 50 });
    hydrated = Date.now() - start;
  }
  await page.waitForLoadState("networkidle");
  const scriptTags = await page.locator("script").count();
  await page.close();
  return { bytes: requests.reduce((sum, r) => sum + r.bytes, 0), requests, votable, hydrated, scriptTags };
}
