/**
 * Answers to a successful form post. Without JavaScript: a redirect back to the same place (an
 * anchor) with a one-time confirmation. From a Remix fetcher (the form sends `_fetcher=1`, which
 * only hydrated pages render): the data itself, so the page updates in place.
 */
import { data } from "@remix-run/node";
import { safeRedirectPath } from "~/web/request.server";
import { redirectWithFlash, type Flash } from "~/web/flash.server";

export const fetcherField = "_fetcher";

export function isFetcherSubmission(formData: FormData): boolean {
  return formData.get(fetcherField) === "1";
}

export interface ActionSuccess<T> {
  ok: true;
  flash: Flash;
  result: T;
}

export async function respondSuccess<T>(formData: FormData, options: { redirectTo: string; flash: Flash; result: T }) {
  if (isFetcherSubmission(formData)) {
    return data<ActionSuccess<T>>({ ok: true, flash: options.flash, result: options.result });
  }
  return redirectWithFlash(options.redirectTo, options.flash);
}

/** The address the form was posted from (filters and page kept), pointing at `anchor`. */
export function backTo(request: Request, anchor?: string): string {
  const url = new URL(request.url);
  url.searchParams.delete("index");
  url.searchParams.delete("_data");
  const search = url.searchParams.toString();
  // A request path such as `//evil.example/…` must not come back as a protocol-relative redirect.
  return safeRedirectPath(`${url.pathname}${search ? `?${search}` : ""}${anchor ? `#${anchor}` : ""}`);
}
