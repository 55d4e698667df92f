/**
 * The server as a process: a bad configuration stops it with one line, data survives a restart
 * (also after a hard kill), and two servers never share one embedded data directory.
 */
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, makeDataDir, runServerProcess, startServer, type RunningServer } from "../support/server";

const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function newDataDir() {
  const dir = makeDataDir();
  dataDirs.push(dir);
  return dir;
}

async function signUp(server: RunningServer, email: string): Promise<Response> {
  return fetch(`${server.url}/sign-up`, {
    method: "POST",
    body: new URLSearchParams({ name: "Persistent", email, password: "a good long password" }),
    redirect: "manual",
  });
}

async function signIn(server: RunningServer, email: string): Promise<Response> {
  return fetch(`${server.url}/sign-in`, {
    method: "POST",
    body: new URLSearchParams({ email, password: "a good long password" }),
    redirect: "manual",
  });
}

describe("the server process", () => {
  it("stops with one clear line and a non-zero exit on DATABASE_URL=nonsense", async () => {
    const { exited, output } = runServerProcess({ DATABASE_URL: "nonsense", PORT: String(await freePort()) });
    expect(await exited).not.toBe(0);
    const lines = output().trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/^Invalid configuration: DATABASE_URL must be a URL like postgres:\/\//),
    ]);
  });

  it.each(["SIGTERM", "SIGKILL"] as const)(
    "keeps what was written when stopped with %s and started again",
    async (signal) => {
      const dataDir = newDataDir();
      const email = `persistent-${signal.toLowerCase()}@example.org`;
      const first = await startServer({ dataDir });
      expect((await signUp(first, email)).status).toBe(302);
      await first.stop(signal);

      const second = await startServer({ dataDir });
      try {
        const response = await signIn(second, email);
        expect(response.status).toBe(302);
        expect(response.headers.get("set-cookie")).toMatch(/session_token/);
        // The demo was loaded once, on the first start only.
        expect(second.output()).not.toContain("Loaded the demo consultation");
      } finally {
        await second.stop();
      }
    },
  );

  it("refuses to open a data directory another server is using", async () => {
    const dataDir = newDataDir();
    const first = await startServer({ dataDir });
    try {
      const { exited, output } = runServerProcess({ DATA_DIR: dataDir, PORT: String(await freePort()) });
      expect(await exited).not.toBe(0);
      expect(output()).toMatch(/is in use by another Baraza process \(PID \d+\)/);
      // The first server is unharmed.
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    } finally {
      await first.stop();
    }
  });
});
