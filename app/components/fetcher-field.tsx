import { useHydrated } from "~/components/use-hydrated";

/**
 * Rendered only once JavaScript runs: tells the action to answer with data for a fetcher instead of
 * redirecting (see app/web/respond.server.ts).
 */
export function FetcherField() {
  const hydrated = useHydrated();
  return hydrated ? <input type="hidden" name="_fetcher" value="1" /> : null;
}
