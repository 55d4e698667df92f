/**
 * Every request that is not a GET or HEAD passes here before the app sees it, in this order:
 * 1. from this site (Origin / Referer), judged before a byte of the body is read;
 * 2. a body within its limit, read into memory (and later handed to the app from there);
 * 3. the form's token (server/csrf.ts), and the honeypot of the sign-up and comment forms empty.
 * One place for every route and URL form, so actions and the tests that call them stay free of it.
 */
import type { Request } from "express";
import { csrfFieldName, honeypotFieldName } from "~/security/fields";
import type { RefusalReason } from "~/security/refusal.server";
import { bodyLimitFor, readBody } from "./body-limit";
import { comesFromSite, isExempt, type Csrf } from "./csrf";

export type Checked = { body: Buffer } | { refusal: RefusalReason };

/** The form fields of a urlencoded or multipart body; null for any other kind of body. */
async function formFields(body: Buffer, contentType: string): Promise<URLSearchParams | FormData | null> {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return new URLSearchParams(body.toString("utf8"));
  if (type !== "multipart/form-data") return null;
  try {
    return await new Response(new Uint8Array(body), { headers: { "Content-Type": contentType } }).formData();
  } catch {
    return null;
  }
}

export async function checkSubmission(req: Request, options: { siteOrigin: string; csrf: Csrf }): Promise<Checked> {
  const exempt = isExempt(req.path);
  if (!exempt && !comesFromSite(req, options.siteOrigin)) return { refusal: "crossSite" };
  const body = await readBody(req, bodyLimitFor(req));
  if (body === "tooLarge") return { refusal: "tooLarge" };
  if (exempt) return { body };
  const fields = await formFields(body, req.headers["content-type"] ?? "");
  const token = fields?.get(csrfFieldName);
  if (!options.csrf.verify(req, typeof token === "string" ? token : null)) return { refusal: "crossSite" };
  if (fields?.get(honeypotFieldName)) return { refusal: "honeypot" };
  return { body };
}
