/**
 * Which addresses webhooks may be sent to. Only https, so payloads and signatures never travel in
 * clear; and never inside a private network (loopback, private ranges, link-local with the cloud
 * metadata service, CGNAT, unique-local IPv6, `localhost`, `*.internal`…), so a webhook cannot make
 * the server probe or call what only it can reach (SSRF). The names a URL gives are checked here; the
 * addresses they resolve to are checked again at delivery (`webhook-post.server.ts`).
 */
import { BlockList, isIP } from "node:net";

const internalAddresses = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network", 0.0.0.0 included
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, with the cloud metadata service 169.254.169.254
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, with the broadcast address
] as const) {
  internalAddresses.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 96], // unspecified, loopback ::1 and the deprecated IPv4-compatible addresses
  ["64:ff9b::", 96], // NAT64, which could reach private IPv4 addresses
  ["fc00::", 7], // unique-local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed inside some networks)
  ["ff00::", 8], // multicast
] as const) {
  internalAddresses.addSubnet(network, prefix, "ipv6");
}

/** True for an IP address on the public internet; false for internal ones and for anything not an IP address. */
export function isPublicAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 0) return false;
  // IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) are checked against the IPv4 ranges by BlockList.
  return !internalAddresses.check(address, version === 4 ? "ipv4" : "ipv6");
}

const internalNameSuffixes = ["localhost", "internal", "local", "home.arpa"];

/** Host names that name a machine of a private network, whatever they resolve to. */
function isInternalName(hostname: string): boolean {
  // No dot: a single label the resolver completes with its search domains, i.e. a local machine.
  if (!hostname.includes(".")) return true;
  return internalNameSuffixes.some((suffix) => hostname === suffix || hostname.endsWith(`.${suffix}`));
}

/** `URL.hostname` without the brackets of an IPv6 literal and the trailing dot of a fully qualified name. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.+$/, "");
}

/**
 * The one exception to the rules above: plain http to 127.0.0.1, for the receiver the tests start,
 * and only when the caller says so (the server does under NODE_ENV=test only).
 */
export function isTestReceiver(url: URL, allowTestReceiver: boolean): boolean {
  return allowTestReceiver && url.protocol === "http:" && url.hostname === "127.0.0.1";
}

export type WebhookUrlProblem = "invalid" | "internal";

/** Why a webhook may not be sent to `value`: not an https URL, or an address inside a private network; null when it may. */
export function webhookUrlProblem(value: string, allowTestReceiver: boolean): WebhookUrlProblem | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "invalid";
  }
  if (url.username || url.password) return "invalid";
  if (isTestReceiver(url, allowTestReceiver)) return null;
  if (url.protocol !== "https:" || url.hostname === "") return "invalid";
  const hostname = bareHostname(url);
  if (isIP(hostname) !== 0) return isPublicAddress(hostname) ? null : "internal";
  return isInternalName(hostname) ? "internal" : null;
}
