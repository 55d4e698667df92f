/**
 * The per-request Content-Security-Policy nonce, made by the server's edge (server/security-headers.ts)
 * and handed to React by entry.server. The browser hides a nonce from scripts once the page has
 * loaded, so in the browser it is empty; React does not compare it when hydrating.
 */
import { createContext, useContext } from "react";

export const NonceContext = createContext("");

export function useNonce(): string {
  return useContext(NonceContext);
}
