/**
 * Remix's Express adapter, with one change: the body is written at the pace the client reads it.
 * @remix-run/express writes every chunk as soon as the body yields it and never waits for 'drain',
 * so a slow or stalled client made a large export pile up in memory; here a write that fills the
 * socket's buffer waits until it empties, and the body is not pulled meanwhile.
 */
// Not re-exported by the package's index; the version is pinned, and the request side is unchanged.
import { createRemixRequest } from "@remix-run/express/dist/server.js";
import { createRequestHandler as createRemixHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response as ExpressResponse } from "express";

export function createRequestHandler(options: {
  build: ServerBuild;
  mode: string;
  getLoadContext: (req: Request) => AppLoadContext;
}) {
  const handleRequest = createRemixHandler(options.build, options.mode);
  return async (req: Request, res: ExpressResponse, next: NextFunction) => {
    try {
      const response = await handleRequest(createRemixRequest(req, res), options.getLoadContext(req));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
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
