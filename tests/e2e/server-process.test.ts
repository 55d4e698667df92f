/**
 * The server as a process: a bad configuration stops it with one line, data survives a restart
 * (also after a hard kill), and two servers never share one embedded data directory.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_MEMBER_PASSWORD } from "~db/seed/demo";
import { dataDirsForThisFile } from "../support/data-dirs";
import { FormClient } from "../support/form-client";
import { freePort, runServerProcess, startServer, type RunningServer } from "../support/server";

const newDataDir = dataDirsForThisFile();

async function signUp(server: RunningServer, email: string): Promise<Response> {
  return new FormClient(server.url).post("/sign-up", { name: "Persistent", email, password: "a good long password" });
}

async function signInStatus(server: RunningServer, email: string, password: string): Promise<number> {
  return (await new FormClient(server.url).post("/sign-in", { email, password })).status;
}

async function signIn(server: RunningServer, email: string): Promise<Response> {
  return new FormClient(server.url).post("/sign-in", { email, password: "a good long password" });
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

  it("serves production by default: no stack trace or server path in any error answer", async () => {
    // NODE_ENV left unset, exactly as `npm start` runs on a fresh clone.
    const server = await startServer({ dataDir: newDataDir(), env: { NODE_ENV: undefined } });
    try {
      const probes = [
        "/c/%E0%A4%A", // a malformed escape: Express answers 400
        "/c/regional-production?_data=routes%2Fno-such-route", // an unknown route id: Remix answers 500
        "/_root.data?index",
        "/c/regional-production/p/not-a-number",
      ];
      for (const probe of probes) {
        const body = await (await fetch(`${server.url}${probe}`)).text();
        expect(body, probe).not.toContain(process.cwd());
        expect(body, probe).not.toMatch(/\bat \S+ \(|node_modules/);
      }
    } finally {
      await server.stop();
    }
  });

  it("makes a staff password for the install on first start, prints it once and keeps it readable by its owner only", async () => {
    const dataDir = newDataDir();
    const first = await startServer({ dataDir, env: { DEMO_STAFF_PASSWORD: undefined } });
    const file = path.join(dataDir, "demo-staff-password");
    let password: string;
    try {
      password = fs.readFileSync(file, "utf8").trim();
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(first.output()).toContain(password);
      expect(first.output()).toContain(file);
      expect(await signInStatus(first, "admin@demo.baraza.africa", password)).toBe(302);
      expect(await signInStatus(first, "admin@demo.baraza.africa", DEMO_MEMBER_PASSWORD)).not.toBe(302);
      expect(await signInStatus(first, "member@demo.baraza.africa", DEMO_MEMBER_PASSWORD)).toBe(302);
    } finally {
      await first.stop();
    }
    const second = await startServer({ dataDir, env: { DEMO_STAFF_PASSWORD: undefined } });
    try {
      expect(second.output()).not.toContain(password);
    } finally {
      await second.stop();
    }
  });
});
