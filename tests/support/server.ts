/**
 * Starts the real production server (`npm start`'s server/start.js) as a child process on a free port, with its
 * own data directory, and stops it. Used by the end-to-end tests and the process-level tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface RunningServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function makeDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "baraza-test-"));
}

/** Runs `npm start`'s entry point with the given environment; resolves when it exits. */
export function runServerProcess(
  env: Record<string, string | undefined>,
  cwd?: string,
): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ["server/start.js"], {
    cwd,
    // Vitest's own BASE_URL ("/") and NODE_ENV ("test") must not leak into the server.
    env: { ...process.env, NODE_ENV: "production", BASE_URL: "", DATABASE_URL: "", SMTP_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function startServer(
  /** cwd: another copy of the app to serve (bench/light.ts serves the commit before a change). */
  options: { dataDir?: string; env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = options.dataDir ?? makeDataDir();
  const { child, output, exited } = runServerProcess(
    { PORT: String(port), DATA_DIR: dataDir, ...options.env },
    options.cwd,
  );
  const url = `http://127.0.0.1:${port}`;
  // 150 s unless told otherwise (E2E_SERVER_START_SECONDS): on a machine shared by many builds the
  // first start (migrations, demo seed) can take longer.
  const startSeconds = Number(process.env.E2E_SERVER_START_SECONDS ?? 150);
  const deadline = Date.now() + startSeconds * 1000;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) throw new Error(`The server exited (${exitCode}) before serving:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server did not answer within ${startSeconds} s:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    dataDir,
    process: child,
    output,
    stop: async (signal = "SIGTERM") => {
      if (exitCode === undefined) child.kill(signal);
      return exited;
    },
  };
}
