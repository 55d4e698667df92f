/**
 * Issue 13 item 11: sign-up and password reset say nothing about whether an address has an account,
 * neither in their answer nor in how long they take. Timings come from 25 interleaved pairs of tries,
 * so that the shared machine's load falls on both sides alike (each sign-up takes its fixed 1.5 s, so
 * more pairs would cost minutes of CI for a median that hardly moves).
 */
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { requestPasswordReset } from "~/accounts/accounts.server";
import * as signUpPage from "~/routes/_auth+/sign-up";
import * as forgotPasswordPage from "~/routes/_auth+/forgot-password";
import { call, type Answer } from "../support/actions";
import { setupTestDatabase } from "../support/database";

setupTestDatabase();

const tries = 25;
/**
 * "The same timing to within a few milliseconds" (the issue); on a busy machine a password hash
 * alone can take a second, and the noise grows with it, hence the 1 %.
 */
const tolerance = (typical: number) => Math.max(5, typical / 100);

const signUpAs = (email: string) =>
  call(signUpPage.action, {
    path: "/sign-up",
    params: {},
    fields: { name: "Someone", email, password: "a long enough password", redirectTo: "/c/somewhere" },
  });

/** What a browser can tell apart: the status, where it is sent, the cookies set, the body. */
const visible = (answer: Answer) => ({
  status: answer.status,
  location: answer.headers.get("Location"),
  cookies: answer.headers.getSetCookie(),
  body: answer.body,
});

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe("account enumeration", () => {
  it("answers sign-up of a taken address exactly like a fresh one", async () => {
    const fresh = await signUpAs("first-comer@example.org");
    const taken = await signUpAs("FIRST-COMER@example.org");
    expect(visible(fresh)).toEqual(visible(taken));
    expect(fresh.status).toBe(302);
    expect(fresh.headers.get("Location")).toBe("/sign-in?signedUp=1&redirectTo=%2Fc%2Fsomewhere");
    expect(fresh.headers.getSetCookie()).toEqual([]);
  });

  it("answers a reset request the same way for an address with and without an account", async () => {
    const ask = (email: string) =>
      call(forgotPasswordPage.action, { path: "/forgot-password", params: {}, fields: { email } });
    expect(visible(await ask("first-comer@example.org"))).toEqual(visible(await ask("nobody-here@example.org")));
  });

  it("takes as long to sign up a taken address as a fresh one, and to ask a reset for either", async () => {
    const signUpTimes = { fresh: [] as number[], taken: [] as number[] };
    for (let i = 0; i < tries; i++) {
      const email = `timing-${i}@example.org`;
      signUpTimes.fresh.push(await timed(() => signUpAs(email)));
      signUpTimes.taken.push(await timed(() => signUpAs(email)));
    }
    const resetTimes = { existing: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < tries; i++) {
      const address = `10.11.${i}.1`;
      resetTimes.existing.push(await timed(() => requestPasswordReset({ email: `timing-${i}@example.org`, address })));
      resetTimes.unknown.push(await timed(() => requestPasswordReset({ email: `no-one-${i}@example.org`, address })));
    }
    // Each pair ran back to back under the same load: the median of the pairs' differences is what
    // an attacker timing many tries would see, without the machine's load swinging it.
    const gap = (a: number[], b: number[]) => median(a.map((value, i) => value - b[i]!));
    const result = {
      signUp: { fresh: median(signUpTimes.fresh), gap: gap(signUpTimes.fresh, signUpTimes.taken) },
      reset: { existing: median(resetTimes.existing), gap: gap(resetTimes.existing, resetTimes.unknown) },
    };
    console.info("account enumeration, medians in ms", result);
    expect(Math.abs(result.signUp.gap)).toBeLessThan(tolerance(result.signUp.fresh));
    expect(Math.abs(result.reset.gap)).toBeLessThan(tolerance(result.reset.existing));
  }, 300_000);
});
