/**
 * An unexpected console.error fails the test that caused it. A test expecting one says so with
 * `expectConsoleError(pattern)` first.
 */
import { afterEach, beforeEach, expect, vi } from "vitest";

let expected: RegExp[] = [];
let unexpected: string[] = [];

export function expectConsoleError(pattern: RegExp): void {
  expected.push(pattern);
}

beforeEach(() => {
  expected = [];
  unexpected = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    const message = args.map((arg) => (arg instanceof Error ? (arg.stack ?? arg.message) : String(arg))).join(" ");
    if (!expected.some((pattern) => pattern.test(message))) unexpected.push(message);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  expect(unexpected, "unexpected console.error during the test").toEqual([]);
});
