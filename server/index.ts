/**
 * The production server, compiled to build/http/index.js and run by server/start.js (`npm start`):
 * configuration checked first (one readable line on error), the database opened, migrated and (when empty and embedded) seeded, then HTTP on PORT.
 */
import "./production-mode";
import { pathToFileURL } from "node:url";
import { constants as zlib } from "node:zlib";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { parseEnv } from "~/platform/env.server";
import type { AppLoadContext } from "~/web/request.server";
import type { renderRefusal } from "~/security/refusal.server";
import { serverBuildPath } from "./build-if-stale.js";
import { createCsrf } from "./csrf";
import { superviseWorkers } from "./cluster";
import { stopGracefullyOnSignal } from "./graceful-shutdown";
import { servePrecompressed } from "./precompressed-assets";
import { createRequestHandler } from "./remix-handler";
import { assetHeaders, assetOptions, securityHeaders } from "./security-headers";

/** Errors a person can fix by reading one line: bad configuration, a data directory in use. */
const readableErrors = new Set(["EnvError", "DataDirLockedError"]);

function exitOnReadableError(error: unknown): never {
  if (error instanceof Error && readableErrors.has(error.name)) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

interface BarazaEntry {
  boot: () => Promise<{ seeded: boolean }>;
  shutdown: () => Promise<void>;
  renderRefusal: typeof renderRefusal;
}

async function main() {
  let env;
  try {
    env = parseEnv();
  } catch (error) {
    exitOnReadableError(error);
  }

  if (await superviseWorkers(env)) return;
  const build = (await import(pathToFileURL(serverBuildPath).href)) as ServerBuild;
  const entry = build.entry.module as unknown as BarazaEntry;
  try {
    const { seeded } = await entry.boot();
    if (seeded) console.log("Loaded the demo consultation into the new database.");
  } catch (error) {
    exitOnReadableError(error);
  }

  const https = env.BASE_URL.startsWith("https://");
  const csrf = createCsrf({ secret: env.AUTH_SECRET, secure: https });
  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy on the same machine, its X-Forwarded-For names the real client.
  app.set("trust proxy", "loopback");
  // Pages at brotli quality 5 rather than the middleware's 4: 5 % smaller for as little time (a
  // consultation page, 65 KB of HTML, compresses in 5 ms either way); 7 and up take 4 to 16 times as long.
  app.use(compression({ brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } } }));
  // Hashed scripts and styles first, with only the headers that protect a script or style: the
  // others concern documents, and at 20 files a page they were 13 KB of a first visit on 2G.
  app.use(
    "/assets",
    assetHeaders,
    servePrecompressed("build/client/assets"),
    express.static("build/client/assets", assetOptions),
  );
  app.use(securityHeaders({ https }));
  app.use(express.static("build/client", { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: (req, res) =>
        ({
          clientAddress: req.ip,
          cspNonce: res.locals.cspNonce as string,
          csrfToken: () => csrf.token(req, res),
          // Remix's client-side navigations and fetchers ask for `<path>.data`; anything else is a page.
          documentRequest: !req.path.endsWith(".data"),
          renderOnly: {},
        }) satisfies AppLoadContext,
      // Set: the public address. Unset: whatever address this server was reached at is the site.
      configuredOrigin: process.env.BASE_URL ? new URL(env.BASE_URL).origin : null,
      csrf,
      renderRefusal: entry.renderRefusal,
    }),
  );

  const server = app.listen(env.PORT, () => {
    console.log(`Baraza is serving on http://localhost:${env.PORT}`);
  });

  stopGracefullyOnSignal(server, entry.shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
