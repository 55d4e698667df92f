import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { precompressAssets } from "./server/precompressed-assets";
import { appRoutes } from "./server/route-convention";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: { port: 3000 },
  plugins: [
    remix({
      // Routes live in folders by audience: server/route-convention.ts.
      ignoredRouteFiles: ["**/*"],
      routes: async (defineRoutes) => appRoutes(defineRoutes),
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
    precompressAssets(),
  ],
  // Server-only packages with native or wasm parts stay out of the SSR bundle.
  ssr: { external: ["@electric-sql/pglite", "pg", "nodemailer"] },
  optimizeDeps: { exclude: ["@electric-sql/pglite"] },
});
