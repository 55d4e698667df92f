/**
 * Issue 13, item 6: the header set of server/security-headers.ts, behind https and over plain http
 * (the production server over http is checked in tests/e2e/security-headers.test.ts).
 */
import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { securityHeaders } from "../../server/security-headers";

async function headersOf(https: boolean): Promise<Headers> {
  const app = express();
  app.use(securityHeaders({ https }));
  app.get("/", (_req, res) => void res.send("ok"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return (await fetch(`http://127.0.0.1:${port}/`)).headers;
  } finally {
    server.close();
  }
}

describe("security headers", () => {
  it("ask for https for a year, and upgrade stray http requests, when the site is served over https", async () => {
    const headers = await headersOf(true);
    expect(headers.get("strict-transport-security")).toMatch(/^max-age=31536000/);
    expect(headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("send no HSTS and no upgrade over plain http (a local install would lock itself out)", async () => {
    const headers = await headersOf(false);
    expect(headers.get("strict-transport-security")).toBeNull();
    expect(headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });

  it("make a new nonce for every request", async () => {
    const nonce = (headers: Headers) => /'nonce-([^']+)'/.exec(headers.get("content-security-policy") ?? "")?.[1];
    const [first, second] = [nonce(await headersOf(false)), nonce(await headersOf(false))];
    expect(first).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(second).not.toBe(first);
  });
});
