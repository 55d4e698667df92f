/** Starts a server script (the app, or the baseline) on a free loopback port and waits until it answers. */
import { spawn } from "node:child_process";
import { freePort } from "../tests/support/server";

export interface BenchServer {
  url: string;
  /** Stops the process (once; later calls wait for the same exit). */
  stop: () => Promise<number | null>;
}

export async function startProcess(
  script: string,
  env: Record<string, string>,
  nodeOptions: readonly string[] = [],
): Promise<BenchServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeOptions, "--import", "tsx", script], {
    env: { ...process.env, BASE_URL: "", DATABASE_URL: "", SMTP_URL: "", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`${script} exited (${exitCode}) before serving:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${script} did not answer within 120 s:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    stop: () => {
      if (exitCode === undefined && !child.killed) child.kill("SIGTERM");
      return exited;
    },
  };
}
