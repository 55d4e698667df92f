/**
 * POSTs one webhook delivery, refusing internal targets after DNS resolution. The address a name
 * resolves to is checked inside the socket's own `lookup`, and the socket connects to exactly that
 * address: a name that answers a public address to a first lookup and a private one to the next
 * (DNS rebinding) cannot slip between the check and the connection.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOptions } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { bareHostname, isPublicAddress, isTestReceiver, webhookUrlProblem } from "~/webhooks/webhook-url";

const requestTimeoutMs = 10_000;

/** A delivery no retry can help: it fails at once. */
export class UndeliverableWebhook extends Error {
  override name = "UndeliverableWebhook";
}

/** The target is inside a private network: the delivery fails at once, without a request. */
export class RefusedWebhookTarget extends UndeliverableWebhook {
  override name = "RefusedWebhookTarget";
}

export type WebhookPost = (request: {
  url: string;
  body: string;
  headers: Record<string, string>;
}) => Promise<{ status: number }>;

/** Resolves every address of a name, as `dns.lookup(hostname, { all: true })` does. */
export type ResolveAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** A socket `lookup` that answers only when every address of the name is public. */
export function checkedLookup(resolveAll: ResolveAll): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolveAll(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      const internal = addresses.find((entry) => !isPublicAddress(entry.address));
      if (internal || addresses.length === 0) {
        const reason = internal ? `${internal.address}, an internal address` : "no address";
        return callback(new RefusedWebhookTarget(`refused: ${hostname} resolves to ${reason}`), "");
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * The function `deliverDueWebhooks` sends with. `allowTestReceiver` lets plain http reach 127.0.0.1
 * (see `isTestReceiver`); `resolveAll` is the resolver, replaced in tests by one that answers what they need.
 */
export function createWebhookPoster(options: { allowTestReceiver: boolean; resolveAll?: ResolveAll }): WebhookPost {
  const agent = new https.Agent({ lookup: checkedLookup(options.resolveAll ?? dnsLookup) });
  return ({ url, body, headers }) => {
    const target = new URL(url);
    if (isTestReceiver(target, options.allowTestReceiver)) return send(http.request, target, { headers }, body);
    // Checked again for URLs stored before these rules, and for IP literals, which a socket
    // connects to without calling `lookup`.
    if (webhookUrlProblem(url, false) !== null) {
      return Promise.reject(new RefusedWebhookTarget(`refused: ${bareHostname(target)} is not a public https address`));
    }
    return send(https.request, target, { headers, agent }, body);
  };
}

function send(
  request: typeof http.request,
  url: URL,
  options: http.RequestOptions,
  body: string,
): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { ...options, method: "POST", signal: AbortSignal.timeout(requestTimeoutMs) });
    outgoing.on("error", reject);
    // Redirects are not followed: a 3xx is an answer like any other (and not a 2xx).
    outgoing.on("response", (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0 });
    });
    outgoing.end(body);
  });
}
