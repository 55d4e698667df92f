/**
 * Only https, so payloads and signatures never travel in clear and cannot be read on the way.
 * Plain http is accepted only to the loopback address 127.0.0.1, and only when the caller says so
 * (the server allows it under NODE_ENV=test, for the receiver the tests start).
 */
export function isAllowedWebhookUrl(value: string, allowLoopbackHttp: boolean): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === "https:") return url.hostname.length > 0;
  return allowLoopbackHttp && url.protocol === "http:" && url.hostname === "127.0.0.1";
}
