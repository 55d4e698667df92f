/**
 * Remix's Express adapter, with these changes:
 * - every post passes the submission guard first (origin, body limit, form token; see
 *   server/submission-guard.ts) and reaches Remix with the body the guard read, or is refused with
 *   the app's translated refusal page;
 * - pages and data answers that set no Cache-Control of their own are never kept by a shared cache
 *   (docs/decisions/0025);
 * - the body is written at the pace the client reads it. @remix-run/express writes every chunk as
 *   soon as the body yields it and never waits for 'drain', so a slow or stalled client made a large
 *   export pile up in memory; here a write that fills the socket's buffer waits until it empties,
 *   and the body is not pulled meanwhile.
 */
import { createRequestHandler as createRemixHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { RefusalReason } from "~/security/refusal.server";
import { sessionCookieValue, type Csrf } from "./csrf";
import { checkSubmission } from "./submission-guard";

export function createRequestHandler(options: {
  build: ServerBuild;
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
  /** BASE_URL's origin when it is set; otherwise the origin each request was sent to is the site's. */
  configuredOrigin: string | null;
  csrf: Csrf;
  renderRefusal: (request: Request, reason: RefusalReason) => Promise<Response>;
}) {
  const handleRequest = createRemixHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const url = requestUrl(req);
      let body: Buffer | undefined;
      if (req.method !== "GET" && req.method !== "HEAD") {
        const checked = await checkSubmission(req, {
          siteOrigin: options.configuredOrigin ?? url.origin,
          csrf: options.csrf,
        });
        if ("refusal" in checked) {
          // The body may be unread (a foreign or oversized post). Closing the connection under a
          // sender still writing makes the kernel reset it, and a reset drops our answer unread
          // ("Connection: close" does exactly that). So the rest is read and thrown away, as Node
          // does for any unread body, for at most 2 s; a sender still going after that is cut off.
          if (!req.complete) {
            res.once("finish", () => {
              req.resume();
              setTimeout(() => req.complete || req.socket.destroy(), 2000).unref();
            });
          }
          const headersOnly = new Request(url.href, { headers: fetchHeaders(req.headers) });
          await sendResponse(res, await options.renderRefusal(headersOnly, checked.refusal));
          return;
        }
        body = checked.body;
      }
      const response = await handleRequest(remixRequest(req, res, url, body), options.getLoadContext(req, res));
      if (!response.headers.has("Cache-Control")) res.set("Cache-Control", defaultCacheControl(req));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * A page of a signed-in member shows their data (their name at least): no cache keeps it. Any
 * page holds the visitor's form token: only their own browser may keep it, and must ask again.
 */
function defaultCacheControl(req: ExpressRequest): string {
  return sessionCookieValue(req) ? "no-store" : "private, no-cache";
}

/** The URL as Remix's adapter builds it: the host and protocol honour the "trust proxy" setting. */
function requestUrl(req: ExpressRequest): URL {
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(":")[1] ?? "", 10);
  const forwardedPort = portOf(req.get("X-Forwarded-Host"));
  const hostPort = portOf(req.get("host"));
  const port = Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : "";
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
}

/** Remix's request, with the body the guard has already read. */
function remixRequest(req: ExpressRequest, res: ExpressResponse, url: URL, body: Buffer | undefined): Request {
  let controller: AbortController | null = new AbortController();
  const init: RequestInit = { method: req.method, headers: fetchHeaders(req.headers), signal: controller.signal };
  if (body) init.body = new Uint8Array(body);
  // Abort loaders and actions once no answer can be written (`close` without `finish`).
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

/** Status, headers and body of `response` to `res`; resolves when the body is written or the client has gone. */
export async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // One listener each for the whole body: compression() moves 'drain' listeners onto its zlib
  // stream, where removing them through `res` does not reach, so none is added per write.
  let wake: (() => void) | null = null;
  const resume = () => {
    wake?.();
    wake = null;
  };
  res.on("drain", resume);
  res.on("close", resume);
  try {
    for (;;) {
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) break;
      const roomLeft = res.write(value);
      // compression() buffers in zlib until flushed: streamed pages need each chunk to go out.
      (res as { flush?: () => void }).flush?.();
      if (!roomLeft && !res.destroyed) await new Promise<void>((resolve) => (wake = resolve));
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  } finally {
    res.off("close", resume);
  }
}

/** Node's parsed headers as Fetch headers; a repeated header (Set-Cookie, say) keeps every value. */
function fetchHeaders(nodeHeaders: ExpressRequest["headers"]): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(nodeHeaders)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  return headers;
}
