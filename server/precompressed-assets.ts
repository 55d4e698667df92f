/**
 * The build's hashed scripts and styles compressed once, at build time, with brotli at its highest
 * quality, and served as such to every browser that accepts brotli (docs/decisions/0050). The
 * `compression` middleware compresses on every request at brotli quality 4 (its default, fast
 * enough for pages); for files that never change, quality 11 is 10-15 % smaller again, which on
 * the consultation page is about 16 KB of a first visit.
 */
import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import type { NextFunction, Request, Response } from "express";
import type { Plugin } from "vite";

/** Text the browser receives as is; images and fonts in the build are compressed already. */
const compressible = /\.(js|mjs|css|svg|json|map)$/;
/** Below this, a compressed copy saves less than its Content-Encoding header costs. */
const minimumBytes = 1024;

export function compressFile(file: string) {
  const source = fs.readFileSync(file);
  if (source.length < minimumBytes) return;
  const compressed = brotliCompressSync(source, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
    },
  });
  if (compressed.length < source.length) fs.writeFileSync(`${file}.br`, compressed);
}

/** Vite plugin: after the client build is written, a `<file>.br` next to each compressible asset. */
export function precompressAssets(): Plugin {
  // Remix builds the client and then the server with the same plugins; only the client's assets are served.
  let serverBuild = false;
  return {
    name: "baraza-precompress-assets",
    apply: "build",
    configResolved(config) {
      serverBuild = Boolean(config.build.ssr);
    },
    writeBundle(options, bundle) {
      if (serverBuild || !options.dir) return;
      for (const fileName of Object.keys(bundle)) {
        if (compressible.test(fileName)) compressFile(path.join(options.dir, fileName));
      }
    },
  };
}

function acceptsBrotli(req: Request): boolean {
  return req.acceptsEncodings("br", "identity") === "br";
}

/**
 * Express middleware for the assets folder `root`: a request for a file that has a `.br` copy, from
 * a browser that accepts brotli, gets the copy with `Content-Encoding: br`. Which copies exist is
 * read once at start (the build does not change under a running server), so a request never makes
 * the server look on disk for a name it was sent.
 */
export function servePrecompressed(root: string) {
  const copies = new Set(
    fs.existsSync(root)
      ? fs
          .readdirSync(root)
          .filter((name) => name.endsWith(".br"))
          .map((name) => `/${name.slice(0, -".br".length)}`)
      : [],
  );
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    res.vary("Accept-Encoding");
    if (!copies.has(req.path) || !acceptsBrotli(req)) return next();
    // The type of the original file: serve-static keeps a Content-Type already set.
    res.type(path.extname(req.path));
    res.set("Content-Encoding", "br");
    req.url = `${req.path}.br`;
    next();
  };
}
