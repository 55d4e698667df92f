import { PassThrough } from "node:stream";
import type { AppLoadContext as RemixLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { PageResourcesContext, wantsSaveData, type PageResources } from "~/components/page-resources";
import { translationBundleHref, trackNamespaces } from "~/platform/i18n/bundles.server";
import { createI18nInstance, getLanguage } from "~/platform/i18n/i18n.server";
import type { AppLoadContext } from "~/web/request.server";
import { NonceContext } from "~/security/nonce";

// The production server (server/index.ts) calls these before it listens, and for refused posts.
export { boot, shutdown } from "~/platform/boot.server";
export { renderRefusal } from "~/security/refusal.server";

const streamTimeout = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: RemixLoadContext,
) {
  // Every inline script React and Remix write carries it; without the production server, none.
  const nonce = (loadContext as AppLoadContext).cspNonce ?? "";
  const language = await getLanguage(request);
  const i18n = await createI18nInstance(language);
  const usedNamespaces = trackNamespaces(i18n);
  // A browser saving data gets the page without scripts: every page reads, and every form posts,
  // without them. Caches must keep the two versions apart.
  responseHeaders.append("Vary", "Save-Data");
  const resources: PageResources = {
    scripts: !wantsSaveData(request.headers),
    translationsHref: () => translationBundleHref(language, usedNamespaces()),
    renderOnly: (loadContext as AppLoadContext).renderOnly ?? {},
  };

  // Crawlers get the whole page at once; people get the shell as soon as it is ready.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <NonceContext.Provider value={nonce}>
          <PageResourcesContext.Provider value={resources}>
            <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
          </PageResourcesContext.Provider>
        </NonceContext.Provider>
      </I18nextProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell are reported by onShellError; later ones are logged once here.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}
