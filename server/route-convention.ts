/**
 * How files under app/routes become routes: remix-flat-routes with "+" folders grouping routes by
 * audience (decision 0043). The Vite build and the test suite's route manifest both read routes
 * through this one function, so the tests walk exactly the routes the app serves.
 */
import { flatRoutes } from "remix-flat-routes";

/** Files beside a route that are not routes: its server module, client module, page-only parts. */
export const ignoredRouteFiles = [
  ".*",
  "**/*.css",
  "**/*.test.{js,jsx,ts,tsx}",
  "**/__*.*",
  "**/*.server.*",
  "**/*.client.*",
];

type DefineRoutes = Parameters<typeof flatRoutes>[1];

export function appRoutes(defineRoutes: DefineRoutes) {
  return flatRoutes("routes", defineRoutes, { ignoredRouteFiles });
}
