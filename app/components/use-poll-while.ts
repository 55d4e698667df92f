import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/**
 * While long work runs (a PDF build, a data download being prepared), a page with JavaScript asks
 * again this often; without JavaScript, reloading the page shows the progress (no meta refresh: it
 * would reload under a screen reader's feet).
 */
const POLL_MS = 2000;

/** Reloads the page's data every POLL_MS while `pending`, never while a reload is already under way. */
export function usePollWhile(pending: boolean) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (!pending || state !== "idle") return;
    const timer = setTimeout(revalidate, POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, state, revalidate]);
}
