/**
 * Request bodies are capped (issue 13, item 7): the edge buffers a post up to its limit before the
 * app sees it, and refuses one over it with 413 without reading the rest. A body announced larger
 * than the limit (Content-Length) is refused before a byte of it is read.
 */
import type { Request } from "express";
import getRawBody from "raw-body";

/** Every form of the app fits in far less; a 1 MB comment is already abuse. */
export const formBodyLimit = 1024 * 1024;

/**
 * A meeting's spreadsheet upload (app/meetings/import-file.server.ts): its file may be 2 MB, and the
 * edge lets a file somewhat larger through so that the page, not the edge, says it is too large.
 */
export const meetingImportBodyLimit = 4 * 1024 * 1024;
const meetingImportPath = /^\/c\/[^/]+\/meetings\/\d+\/import\/?$/;

/** The most a request may send: a form's limit, except on the one upload route. */
export function bodyLimitFor(req: Pick<Request, "path">): number {
  return meetingImportPath.test(req.path) ? meetingImportBodyLimit : formBodyLimit;
}

/** The whole body, or "tooLarge" as soon as it is known to exceed `limit`. */
export async function readBody(req: Request, limit: number): Promise<Buffer | "tooLarge"> {
  try {
    return await getRawBody(req, { limit, length: req.headers["content-length"] });
  } catch (error) {
    if ((error as { type?: string }).type === "entity.too.large") return "tooLarge";
    throw error;
  }
}
