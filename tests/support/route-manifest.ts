/**
 * Every route module of the app, found the way Remix finds them (every file in app/routes, plus
 * root), with its loader and action: the security tests walk this list, so a route added to the
 * app is in them without anyone remembering to add it.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import * as root from "~/root";

export type RouteFunction = (args: ActionFunctionArgs | LoaderFunctionArgs) => unknown;

export interface RouteEntry {
  /** The route id Remix uses: "root", or the file name under app/routes without its extension. */
  id: string;
  loader?: RouteFunction;
  action?: RouteFunction;
  /** Whether the route renders a page (has a default component), not only answers data. */
  page: boolean;
}

type RouteModule = { loader?: RouteFunction; action?: RouteFunction; default?: unknown };

const files = import.meta.glob<RouteModule>("/app/routes/*.{ts,tsx}", { eager: true });

export const routeManifest: readonly RouteEntry[] = [
  { id: "root", loader: root.loader as RouteFunction, page: false },
  ...Object.entries(files).map(([file, module]) => ({
    id: file.replace(/^\/app\/routes\//, "").replace(/\.tsx?$/, ""),
    loader: module.loader,
    action: module.action,
    page: typeof module.default === "function",
  })),
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

/**
 * The URL path of a route id under Remix's flat-routes convention, with `params` filled in:
 * `c.$slug_.p.$priorityId` → `/c/<slug>/p/<priorityId>`.
 */
export function routePath(id: string, params: Record<string, string>): string {
  if (id === "root" || id === "_index") return "/";
  const segments = id
    .split(/(?<!\[)\.(?!\])/) // "[.]" is a dot inside a segment, not between two
    .map((segment) => segment.replace("[.]", ".").replace(/_$/, ""))
    .filter((segment) => segment !== "_index" && !segment.startsWith("_"))
    .map((segment) => {
      if (segment === "$") return params["*"] ?? "";
      if (segment.startsWith("$")) {
        const value = params[segment.slice(1)];
        if (value === undefined) throw new Error(`route ${id} needs the parameter ${segment.slice(1)}`);
        return encodeURIComponent(value);
      }
      return segment;
    });
  return `/${segments.join("/")}`;
}

/** The params Remix would hand a route id for a path built by `routePath`. */
export function routeParams(id: string, values: Record<string, string>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const segment of id.replace(/\[\.\]/g, "").split(".")) {
    const name = segment.replace(/_$/, "");
    if (name === "$") params["*"] = values["*"] ?? "";
    else if (name.startsWith("$")) params[name.slice(1)] = values[name.slice(1)] ?? "";
  }
  return params;
}
