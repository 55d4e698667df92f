/**
 * Every route of the app, found the way the build finds them (server/route-convention.ts), plus
 * root, with its loader and action: the security tests walk this list, so a route added to the app
 * is in them without anyone remembering to add it.
 *
 * A route is named by its URL pattern ("/c/:slug/p/:priorityId"), not by its file, so the tests keep
 * their meaning when files move; a layout is named by its pattern followed by " layout".
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import * as root from "~/root";
import { appRoutes } from "../../server/route-convention";

export type RouteFunction = (args: ActionFunctionArgs | LoaderFunctionArgs) => unknown;

export interface RouteEntry {
  /** "root", or the route's URL pattern; a layout's pattern ends in " layout". */
  id: string;
  /** The module's path under app/. */
  file: string;
  loader?: RouteFunction;
  action?: RouteFunction;
  /** Whether the route renders a page of its own (a component, and not a layout around others). */
  page: boolean;
}

type RouteModule = { loader?: RouteFunction; action?: RouteFunction; default?: unknown };
type DefineRoute = (
  path: string | undefined,
  file: string,
  optionsOrChildren?: { index?: boolean } | (() => void),
  children?: () => void,
) => void;

const modules = import.meta.glob<RouteModule>("/app/routes/**/*.{ts,tsx}", { eager: true });

/** The routes as the build defines them: each one's file, full URL pattern and whether it has children. */
function definedRoutes(): Array<{ file: string; pattern: string; layout: boolean }> {
  const found: Array<{ file: string; pattern: string; layout: boolean }> = [];
  const parents = [""];
  const route: DefineRoute = (path, file, optionsOrChildren, children) => {
    const defineChildren = typeof optionsOrChildren === "function" ? optionsOrChildren : children;
    const pattern = [parents.at(-1), path].filter(Boolean).join("/");
    const entry = { file, pattern: `/${pattern}`, layout: false };
    found.push(entry);
    if (defineChildren) {
      const before = found.length;
      parents.push(pattern);
      defineChildren();
      parents.pop();
      entry.layout = found.length > before;
    }
  };
  appRoutes((callback) => {
    callback(route as never);
    return {};
  });
  return found;
}

export const routeManifest: readonly RouteEntry[] = [
  { id: "root", file: "root.tsx", loader: root.loader as RouteFunction, page: false },
  ...definedRoutes().map(({ file, pattern, layout }) => {
    const module = modules[`/app/${file}`];
    if (!module) throw new Error(`no module for the route file ${file}`);
    return {
      id: layout ? `${pattern} layout` : pattern,
      file,
      loader: module.loader,
      action: module.action,
      page: typeof module.default === "function" && !layout,
    };
  }),
].sort((a, b) => a.id.localeCompare(b.id));

/** "loader" and "action" of every route that has them, as `<route id> <function>`. */
export function routeFunctions(): Array<{ id: string; kind: "loader" | "action"; fn: RouteFunction }> {
  return routeManifest.flatMap((route) =>
    (["loader", "action"] as const).flatMap((kind) => {
      const fn = route[kind];
      return fn ? [{ id: route.id, kind, fn }] : [];
    }),
  );
}

const patternOf = (id: string) => (id === "root" ? "/" : id.replace(/ layout$/, ""));

/** The URL path of a route id with `params` filled in: `/c/:slug/p/:priorityId` → `/c/<slug>/p/<id>`. */
export function routePath(id: string, params: Record<string, string>): string {
  return patternOf(id)
    .split("/")
    .map((segment) => {
      if (segment === "*") return params["*"] ?? "";
      if (!segment.startsWith(":")) return segment;
      const value = params[segment.slice(1)];
      if (value === undefined) throw new Error(`route ${id} needs the parameter ${segment.slice(1)}`);
      return encodeURIComponent(value);
    })
    .join("/");
}

/** The params Remix would hand a route for a path built by `routePath`. */
export function routeParams(id: string, values: Record<string, string>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const segment of patternOf(id).split("/")) {
    if (segment === "*") params["*"] = values["*"] ?? "";
    else if (segment.startsWith(":")) params[segment.slice(1)] = values[segment.slice(1)] ?? "";
  }
  return params;
}
