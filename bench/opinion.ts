/**
 * `npm run bench:opinion`: the opinion-group method (app/opinion) on synthetic sparse vote
 * matrices of 1k × 50, 10k × 200 and 50k × 2,000, 10 % of cells voted.
 *
 * Each size runs in a fresh child process so that its memory figures are its own. The child
 * builds the vote list (not timed), then measures two phases:
 * 1. the matrix build from the vote list: time, and the matrix's size (typed arrays allocated);
 * 2. the method on that matrix (PCA, k-means, silhouette, representative statements,
 *    consensus), after the vote list is released: time, and the peak resident memory above the
 *    baseline, sampled every 2 ms by a worker thread. Releasing the list first matters: half a
 *    gigabyte of vote objects being compacted by the garbage collector moves the resident size
 *    by more than the method uses.
 * The total is what `computeOpinionGroups(votes)` costs. The parent prints one table and how
 * time grows with the number of votes.
 *
 * The votes have structure, as real ones do: four latent opinion groups, each participant
 * following their group's side 75 % of the time, the other side 15 %, passing 10 %. How many
 * statements a participant votes on is uniform between 1 and twice the mean, the mean being 10 %
 * of the statements, so at 50 statements most participants stay below the 7 votes needed to be
 * placed, as early in a real consultation.
 *
 * Options: --sizes 1000x50,10000x200,50000x2000, --seed 7, --groups 4 (0: votes without any
 * structure, the PCA's worst case: no leading direction stands out, so it iterates to its cap).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { buildVoteMatrix, computeOpinionGroupsFromMatrix, type OpinionVote } from "~/opinion/index";
import { nextIndex, nextUnit, seededRandom } from "~/opinion/random";

interface Figures {
  participants: number;
  statements: number;
  votes: number;
  placed: number;
  groups: number;
  inputHeapMb: number;
  buildMs: number;
  matrixMb: number;
  buildHeapDeltaMb: number;
  methodMs: number;
  methodPeakRssDeltaMb: number;
}

const MB = 1024 * 1024;

/** The synthetic votes: see the header for their shape. */
function syntheticVotes(
  participants: number,
  statements: number,
  opinionGroups: number,
  seed: number,
): OpinionVote<string, number>[] {
  const random = seededRandom(seed);
  // With no opinion groups every vote is a coin toss (and a tenth of them passes).
  const sides = Int8Array.from({ length: Math.max(opinionGroups, 1) * statements }, () =>
    opinionGroups === 0 ? 0 : nextUnit(random) < 0.5 ? 1 : -1,
  );
  const maxPerParticipant = Math.max(1, Math.round(0.2 * statements) - 1);
  const deck = Int32Array.from({ length: statements }, (_, j) => j);
  const votes: OpinionVote<string, number>[] = [];
  for (let i = 0; i < participants; i++) {
    const participantId = `p-${i.toString(36).padStart(8, "0")}`;
    const group = opinionGroups === 0 ? 0 : i % opinionGroups;
    const count = 1 + nextIndex(random, maxPerParticipant);
    for (let n = 0; n < count; n++) {
      // A partial Fisher–Yates draw: `count` distinct statements.
      const pick = n + nextIndex(random, statements - n);
      const j = deck[pick]!;
      deck[pick] = deck[n]!;
      deck[n] = j;
      const roll = nextUnit(random);
      const planted = sides[group * statements + j]! || (nextUnit(random) < 0.5 ? 1 : -1);
      const side = roll < 0.75 ? planted : roll < 0.9 ? -planted : 0;
      votes.push({ participantId, statementId: j + 1, value: side > 0 ? "agree" : side < 0 ? "disagree" : "pass" });
    }
  }
  return votes;
}

/** A worker thread recording the highest resident set size (RSS is per process) since the last reset. */
function startRssSampler(): { reset: () => void; stop: () => Promise<number> } {
  const shared = new SharedArrayBuffer(16);
  const flag = new Int32Array(shared, 0, 1);
  const peak = new Float64Array(shared, 8, 1);
  const worker = new Worker(
    `const { workerData } = require("node:worker_threads");
     const flag = new Int32Array(workerData, 0, 1);
     const peak = new Float64Array(workerData, 8, 1);
     while (Atomics.load(flag, 0) === 0) {
       peak[0] = Math.max(peak[0], process.memoryUsage.rss());
       Atomics.wait(flag, 0, 0, 2);
     }`,
    { eval: true, workerData: shared },
  );
  return {
    reset: () => (peak[0] = 0),
    stop: async () => {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      await new Promise((resolve) => worker.once("exit", resolve));
      return peak[0]!;
    },
  };
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Collects garbage until the resident size stops falling: freed pages go back to the system
 * only gradually, and a baseline taken before that would hide the next phase's own memory.
 */
async function settleMemory(): Promise<void> {
  let previous = Infinity;
  for (let round = 0; round < 20; round++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rss = process.memoryUsage.rss();
    if (previous - rss < MB) return;
    previous = rss;
  }
}

async function measure(
  participants: number,
  statements: number,
  opinionGroups: number,
  seed: number,
): Promise<Figures> {
  const sampler = startRssSampler();
  await settleMemory();
  const empty = process.memoryUsage();
  let votes: OpinionVote<string, number>[] | null = syntheticVotes(participants, statements, opinionGroups, seed);
  const voteCount = votes.length;
  await settleMemory();
  const beforeBuild = process.memoryUsage();
  const started = performance.now();
  const matrix = buildVoteMatrix(votes);
  const built = performance.now();
  const afterBuild = process.memoryUsage();
  votes = null;
  await settleMemory();
  const beforeMethod = process.memoryUsage();
  sampler.reset();
  const methodStarted = performance.now();
  const result = computeOpinionGroupsFromMatrix(matrix);
  const finished = performance.now();
  const peakRss = Math.max(await sampler.stop(), process.memoryUsage.rss());
  return {
    participants,
    statements,
    votes: voteCount,
    placed: result.participantsPlaced,
    groups: result.status === "ok" ? result.groups.length : 0,
    inputHeapMb: (beforeBuild.heapUsed - empty.heapUsed) / MB,
    buildMs: built - started,
    matrixMb: (afterBuild.arrayBuffers - beforeBuild.arrayBuffers) / MB,
    buildHeapDeltaMb: (afterBuild.heapUsed - beforeBuild.heapUsed) / MB,
    methodMs: finished - methodStarted,
    methodPeakRssDeltaMb: (peakRss - beforeMethod.rss) / MB,
  };
}

function runChild(participants: number, statements: number, opinionGroups: number, seed: number): Figures {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(
    process.execPath,
    [
      "--expose-gc",
      "--no-memory-reducer",
      "--max-old-space-size=8192",
      "--import",
      "tsx",
      script,
      "--child",
      `${participants}x${statements}`,
      "--seed",
      String(seed),
      "--groups",
      String(opinionGroups),
    ],
    { encoding: "utf8", maxBuffer: 16 * MB },
  );
  if (child.status !== 0) throw new Error(`${participants} × ${statements} failed:\n${child.stderr}${child.stdout}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Figures;
}

function parseSize(size: string): [number, number] {
  const [participants, statements] = size.split("x").map(Number);
  if (!participants || !statements) throw new Error(`Bad size ${size}: expected e.g. 1000x50`);
  return [participants, statements];
}

const format = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function printTable(rows: readonly Figures[]): void {
  const total = (row: Figures) => row.buildMs + row.methodMs;
  console.log(
    "| participants × statements | votes | placed | groups | matrix build | method | total | ns per vote | matrix | build heap Δ | method peak RSS Δ |",
  );
  console.log("| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |");
  for (const row of rows) {
    console.log(
      `| ${format(row.participants)} × ${format(row.statements)} | ${format(row.votes)} | ${format(row.placed)} | ${row.groups} | ` +
        `${format(row.buildMs)} ms | ${format(row.methodMs)} ms | ${format(total(row))} ms | ${format((total(row) * 1e6) / row.votes)} | ` +
        `${format(row.matrixMb, 1)} MB | ${format(row.buildHeapDeltaMb, 1)} MB | ${format(row.methodPeakRssDeltaMb, 1)} MB |`,
    );
  }
  console.log("\nGrowth from one size to the next:");
  for (let n = 1; n < rows.length; n++) {
    const [previous, current] = [rows[n - 1]!, rows[n]!];
    console.log(
      `  ${format(previous.participants)} × ${format(previous.statements)} → ${format(current.participants)} × ${format(current.statements)}: ` +
        `votes ×${format(current.votes / previous.votes, 1)}, time ×${format(total(current) / total(previous), 1)}, ` +
        `matrix ×${format(current.matrixMb / Math.max(previous.matrixMb, 1e-9), 1)}, ` +
        `method peak RSS Δ ×${format(current.methodPeakRssDeltaMb / Math.max(previous.methodPeakRssDeltaMb, 1e-9), 1)}`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: "string" },
      sizes: { type: "string", default: "1000x50,10000x200,50000x2000" },
      seed: { type: "string", default: "7" },
      groups: { type: "string", default: "4" },
    },
  });
  const seed = Number(values.seed);
  const opinionGroups = Number(values.groups);
  if (values.child) {
    const [participants, statements] = parseSize(values.child);
    console.log(JSON.stringify(await measure(participants, statements, opinionGroups, seed)));
    return;
  }
  const rows: Figures[] = [];
  for (const size of values.sizes.split(",")) {
    const [participants, statements] = parseSize(size);
    const figures = runChild(participants, statements, opinionGroups, seed);
    console.log(
      `${format(participants)} × ${format(statements)}: ${format(figures.votes)} votes in ` +
        `${format(figures.buildMs + figures.methodMs)} ms (input list ${format(figures.inputHeapMb)} MB of heap)`,
    );
    rows.push(figures);
  }
  console.log(`\nNode ${process.version}, ${opinionGroups} planted opinion groups, seed ${seed}.\n`);
  printTable(rows);
}

await main();
