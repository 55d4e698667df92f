import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/platform/env.server";

describe("parseEnv", () => {
  it("needs no configuration at all: embedded database, port 3000", () => {
    const env = parseEnv({ DATA_DIR: "memory://" });
    expect(env.PORT).toBe(3000);
    expect(env.databaseMode).toBe("embedded");
    expect(env.BASE_URL).toBe("http://localhost:3000");
    expect(env.AUTH_SECRET).toHaveLength(64);
    // Durable commits unless asked otherwise (docs/decisions/0030).
    expect(env.PGLITE_FSYNC).toBe("on");
    expect(parseEnv({ DATA_DIR: "memory://", PGLITE_FSYNC: "off" }).PGLITE_FSYNC).toBe("off");
  });

  it("uses a PostgreSQL server when DATABASE_URL is set", () => {
    const env = parseEnv({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/baraza" });
    expect(env.databaseMode).toBe("server");
  });

  it.each([
    [{ DATABASE_URL: "nonsense" }, /^Invalid configuration: DATABASE_URL must be a URL like postgres:\/\//],
    [{ DATABASE_URL: "mysql://localhost/db" }, /DATABASE_URL/],
    [{ PORT: "eighty" }, /^Invalid configuration: PORT /],
    [{ PORT: "70000" }, /PORT must be a port number/],
    [{ BASE_URL: "ftp://example.org" }, /BASE_URL must be an http\(s\) URL/],
    [{ AUTH_SECRET: "short" }, /AUTH_SECRET must be at least 32 characters/],
    [{ SMTP_URL: "mail.example.org" }, /SMTP_URL must be a URL like smtp:\/\//],
    [{ PGLITE_FSYNC: "sometimes" }, /PGLITE_FSYNC must be "on" or "off"/],
  ])("refuses %o with one readable line", (source, message) => {
    const attempt = () => parseEnv({ DATA_DIR: "memory://", ...source });
    expect(attempt).toThrow(EnvError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain("\n");
    }
  });

  it("refuses to start a production server deployment without a secret", () => {
    expect(() =>
      parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/baraza" }),
    ).toThrow(/AUTH_SECRET is required/);
  });

  it("keeps a generated secret in the data directory, the same on every start", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "baraza-env-"));
    try {
      const first = parseEnv({ DATA_DIR: dataDir }).AUTH_SECRET;
      const second = parseEnv({ DATA_DIR: dataDir }).AUTH_SECRET;
      expect(first).toBe(second);
      expect(fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8")).toBe(first);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
