/**
 * Durability of the embedded database (docs/decisions/0030-durable-votes-across-crashes.md).
 *
 * PGlite, as shipped, never makes a write durable against a power cut: it starts PostgreSQL with
 * `-F` (fsync off), and even without it the Emscripten NODEFS that holds its files on disk has no
 * `fsync` (so `fsync()` is a silent no-op) while `fdatasync()` is a stub returning 0. Committed
 * transactions do reach the operating system (each page is a synchronous `write`), which is why a
 * process killed with `kill -9` loses nothing; a kernel crash or a power cut can lose the last
 * seconds of acknowledged writes, or leave the WAL and the data files out of step.
 *
 * Here, by default, the embedded database is opened the way PostgreSQL runs on a server: `fsync`
 * on, the WAL flushed with `fsync()` at each commit (`wal_sync_method=fsync`, the one method that
 * reaches the file system layer), and that layer's `fsync` made a real `fsync(2)` of the host file.
 * `PGLITE_FSYNC=off` gives PGlite's own behaviour back, for throwaway data (speed over safety).
 */
import fs from "node:fs";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

type InitOptions = Parameters<NodeFS["init"]>[1];

interface EmscriptenStream {
  nfd?: number;
}

interface EmscriptenModule {
  NODEFS: {
    stream_ops: Record<string, unknown>;
    tryFSOperation: <T>(operation: () => T) => T;
  };
}

/** How many real fsync calls the embedded databases of this process made (for tests and benchmarks). */
export const fsyncCounter = { calls: 0 };

/** PGlite's NODEFS with a working `fsync`: the host file's own `fsync(2)`. */
export class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, options: InitOptions) {
    const result = await super.init(pg, options);
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [
      ...(Array.isArray(preRun) ? preRun : [preRun]),
      (module: EmscriptenModule) => {
        const nodefs = module.NODEFS;
        nodefs.stream_ops.fsync = (stream: EmscriptenStream) =>
          nodefs.tryFSOperation(() => {
            if (stream.nfd !== undefined) {
              fs.fsyncSync(stream.nfd);
              fsyncCounter.calls++;
            }
            return 0;
          });
      },
    ];
    return result;
  }
}

/** PGlite's options for a database directory on disk, durable unless `fsync` is "off". */
export function embeddedOptions(directory: string, fsync: "on" | "off"): PGliteOptions {
  if (fsync === "off") return { dataDir: directory };
  return {
    fs: new DurableNodeFS(directory),
    // Explicitly: PGlite's default, and what a durable sync needs (no fire-and-forget sync).
    relaxedDurability: false,
    startParams: [
      ...PGlite.defaultStartParams.filter((parameter) => parameter !== "-F"),
      "-c",
      "fsync=on",
      "-c",
      "wal_sync_method=fsync",
      "-c",
      "synchronous_commit=on",
    ],
  };
}
