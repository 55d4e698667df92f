/** The benchmark's client loop over keep-alive loopback connections, and the record of what was acknowledged. */
import http from "node:http";

export interface BenchMember {
  id: string;
  cookie: string;
  /** The address this member posts from (X-Forwarded-For). */
  address: string;
  /** The form token the member's pages carry (server/csrf.ts); it rests on a cookie in `cookie`. */
  formToken: string;
}

export interface PlannedVote {
  priorityId: number;
  value: string;
}

export interface Target {
  url: string;
  path: string;
  body: (member: BenchMember, vote: PlannedVote) => string;
  headers: (member: BenchMember) => Record<string, string>;
  acknowledged: (status: number) => boolean;
}

/**
 * The last acknowledged value per member × priority. A pair whose request failed without an answer
 * we can trust (a 5xx, a dropped connection) is marked uncertain and left out of the comparison.
 */
export class Ledger {
  private readonly values = new Map<string, string>();
  private readonly uncertain = new Set<string>();

  private static key(memberId: string | null, priorityId: number) {
    return `${memberId}/${priorityId}`;
  }

  record(memberId: string, priorityId: number, outcome: { value: string } | "refused" | "unknown") {
    const key = Ledger.key(memberId, priorityId);
    if (outcome === "unknown") this.uncertain.add(key);
    else if (outcome !== "refused") this.values.set(key, outcome.value);
  }

  get size(): number {
    return this.values.size;
  }

  /** What differs between the stored rows and the acknowledged votes; empty when they agree. */
  compare(rows: ReadonlyArray<{ userId: string | null; priorityId: number; value: string }>): string[] {
    const problems: string[] = [];
    const stored = new Set<string>();
    for (const row of rows) {
      const key = Ledger.key(row.userId, row.priorityId);
      stored.add(key);
      if (this.uncertain.has(key)) continue;
      const acknowledged = this.values.get(key);
      if (acknowledged === undefined) problems.push(`${key} stored (${row.value}) but never acknowledged`);
      else if (acknowledged !== row.value) problems.push(`${key} stored ${row.value}, acknowledged ${acknowledged}`);
    }
    for (const key of this.values.keys()) {
      if (!stored.has(key) && !this.uncertain.has(key)) problems.push(`${key} acknowledged but not stored`);
    }
    return problems;
  }
}

export interface DriveResult {
  count: number;
  elapsedMs: number;
  latenciesMs: number[];
  /** Answers that were not acknowledgements, by status (0: no answer). */
  refusals: Map<number, number>;
}

function post(agent: http.Agent, url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          // As a browser posting a form of the page it shows: the server refuses other origins.
          origin: url.origin,
          ...headers,
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.once("end", () => resolve(response.statusCode ?? 0));
        response.once("error", reject);
      },
    );
    request.once("error", reject);
    request.end(body);
  });
}

/**
 * `clients` concurrent clients post `count` votes in all. Each client has its own members, so no
 * member × priority pair is ever in flight twice: the last acknowledged value is the one that
 * must be stored.
 */
export async function driveVotes(
  target: Target,
  options: { members: readonly BenchMember[]; clients: number; count: number; ledger: Ledger },
  plan: () => PlannedVote,
): Promise<DriveResult> {
  const { members, clients, count, ledger } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const url = new URL(target.path, target.url);
  const latenciesMs: number[] = [];
  const refusals = new Map<number, number>();
  let issued = 0;

  async function client(index: number) {
    const own = members.filter((_, i) => i % clients === index);
    if (own.length === 0) return;
    while (issued < count) {
      issued++;
      const member = own[Math.floor(Math.random() * own.length)]!;
      const vote = plan();
      const started = performance.now();
      let status = 0;
      try {
        status = await post(agent, url, target.body(member, vote), target.headers(member));
      } catch {
        // no answer: counted below as status 0
      }
      latenciesMs.push(performance.now() - started);
      if (target.acknowledged(status)) {
        ledger.record(member.id, vote.priorityId, { value: vote.value });
      } else {
        refusals.set(status, (refusals.get(status) ?? 0) + 1);
        ledger.record(member.id, vote.priorityId, status >= 400 && status < 500 ? "refused" : "unknown");
      }
    }
  }

  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { count: latenciesMs.length, elapsedMs, latenciesMs, refusals };
}

export function summarize(result: DriveResult) {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  const refused = [...result.refusals].map(([status, n]) => `${n}× ${status || "no answer"}`).join(", ");
  return {
    votesPerSecond: result.count / (result.elapsedMs / 1000),
    p50: percentile(50),
    p95: percentile(95),
    p99: percentile(99),
    refused: refused || "none",
  };
}
