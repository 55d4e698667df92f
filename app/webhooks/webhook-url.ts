/**
 * Which addresses webhooks may be sent to. Only https, so payloads and signatures never travel in
 * clear; and never inside a private network (loopback, private ranges, link-local with the cloud
 * metadata service, CGNAT, unique-local IPv6, `localhost`, `*.internal`…), so a webhook cannot make
 * the server probe or call what only it can reach (SSRF). The names a URL gives are checked here; the
 * addresses they resolve to are checked again at delivery (`webhook-post.server.ts`).
 *
 * IPv6 has several ways to carry an IPv4 address, and a gateway on the path may turn them back into
 * IPv4: each is judged by the IPv4 address it carries (well-known NAT64, IPv4-mapped, IPv4-translated)
 * or refused whole when what it reaches cannot be known from the address (6to4, Teredo, local NAT64,
 * whose mapping is the operator's own).
 */
import { BlockList, isIP } from "node:net";

const internalIPv4 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network", 0.0.0.0 included
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, with the cloud metadata service 169.254.169.254
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.88.99.0", 24], // 6to4 relay anycast: a relay into whatever network answers it
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, with the broadcast address
] as const) {
  internalIPv4.addSubnet(network, prefix, "ipv4");
}

const internalIPv6 = new BlockList();
for (const [network, prefix] of [
  ["::", 96], // unspecified, loopback ::1 and the deprecated IPv4-compatible addresses
  ["64:ff9b:1::", 48], // local-use NAT64 (RFC 8215): the operator decides which IPv4 it reaches
  ["100::", 64], // discard-only
  ["2001::", 32], // Teredo: tunnels to an IPv4 address the prefix hides
  ["2002::", 16], // 6to4: tunnels to the IPv4 address in bits 16–48, whatever it is
  ["fc00::", 7], // unique-local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed inside some networks)
  ["ff00::", 8], // multicast
] as const) {
  internalIPv6.addSubnet(network, prefix, "ipv6");
}

/**
 * Prefixes (first 96 bits, as 6 groups) after which the last 32 bits are an IPv4 address a translator
 * delivers to: well-known NAT64 (RFC 6052), IPv4-mapped and IPv4-translated (RFC 6145).
 */
const ipv4CarryingPrefixes = [
  [0x64, 0xff9b, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0xffff],
  [0, 0, 0, 0, 0xffff, 0],
];

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted IPv4 split in two). */
function ipv6Groups(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const text = dotted
    ? address.slice(0, dotted.index) +
      [(Number(dotted[1]) << 8) | Number(dotted[2]), (Number(dotted[3]) << 8) | Number(dotted[4])]
        .map((group) => group.toString(16))
        .join(":")
    : address;
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const before = parse(head);
  if (tail === undefined) return before;
  const after = parse(tail);
  return [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after];
}

/** The IPv4 address a translator would deliver an IPv6 address to, or null when it carries none. */
export function embeddedIPv4(address: string): string | null {
  const groups = ipv6Groups(address.replace(/%.*$/, "")); // without a zone index (fe80::1%eth0)
  const carries = ipv4CarryingPrefixes.some((prefix) => prefix.every((group, index) => groups[index] === group));
  if (!carries) return null;
  const [high = 0, low = 0] = groups.slice(6);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

/** True for an IP address on the public internet; false for internal ones and for anything not an IP address. */
export function isPublicAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 0) return false;
  if (version === 4) return !internalIPv4.check(address, "ipv4");
  if (internalIPv6.check(address, "ipv6")) return false;
  const carried = embeddedIPv4(address);
  return carried === null || !internalIPv4.check(carried, "ipv4");
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
