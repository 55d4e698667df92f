/**
 * Security headers on every answer (issue 13, item 6; docs/decisions/0025): a strict
 * Content-Security-Policy whose only inline scripts are the ones carrying this request's nonce
 * (Remix's, given the nonce through the load context), no framing, no referrer beyond the origin
 * to other sites, no content sniffing, and HSTS when the site is served over https.
 */
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";

export function securityHeaders(options: { https: boolean }) {
  const nonce = (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce as string}'`;
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        // 'self' for the app's own modules (the modulepreload links Remix writes carry no nonce).
        "script-src": ["'self'", nonce],
        "script-src-attr": ["'none'"],
        // The result bars are sized by style attributes; scripts stay strict, styles cannot run code.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": options.https ? [] : null,
      },
    },
    strictTransportSecurity: options.https ? { maxAge: 365 * 24 * 60 * 60 } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    xFrameOptions: { action: "deny" },
    // The report PDF and exports are downloaded, never embedded elsewhere; keep the defaults.
    crossOriginEmbedderPolicy: false,
  });
  return [
    (_req: Request, res: Response, next: NextFunction) => {
      res.locals.cspNonce = randomBytes(16).toString("base64");
      next();
    },
    headers,
  ];
}

/**
 * Headers of the build's hashed assets (/assets/*): no sniffing them into another type, no use by
 * other sites. A script's or style's own Content-Security-Policy, framing and referrer headers do
 * nothing, so they are not sent (decision 0035).
 */
export function assetHeaders(_req: Request, res: Response, next: NextFunction) {
  res.set({ "X-Content-Type-Options": "nosniff", "Cross-Origin-Resource-Policy": "same-origin" });
  next();
}

/** A hashed file never changes: cached for a year, with nothing to revalidate against. */
export const assetOptions = { immutable: true, maxAge: "1y", etag: false, lastModified: false } as const;
