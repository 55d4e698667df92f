/**
 * The boundary rule of eslint.config.js (decision 0041), run through ESLint's own API on code placed
 * as if in a domain folder: Remix, the web edge and building an answer are refused there, and the
 * same code is accepted in the edge. A rule that silently stopped matching would fail here.
 */
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const violation = `
import { redirect } from "@remix-run/node";
import { requireConsultationAbility } from "~/web/guard.server";
import { refusalStatus } from "../web/guard.server";

export function answer(ok: boolean) {
  if (ok) return Response.json({ ok, requireConsultationAbility, refusalStatus });
  if (!ok) throw new Response("Forbidden", { status: 403 });
  return redirect("/");
}
`;

const clean = `
import { eq } from "drizzle-orm";
import { priority } from "~db/schema";
import type { Database } from "~/platform/db.server";

/** A typed result, no answer: the edge decides what the web sees. */
export async function priorityExists(db: Database, id: number): Promise<boolean> {
  const rows = await db.select({ id: priority.id }).from(priority).where(eq(priority.id, id));
  return rows.length > 0;
}
`;

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

async function boundaryErrors(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-syntax")
    .map((m) => `${m.line}:${m.ruleId}`);
}

describe("the web boundary rule", () => {
  it("refuses Remix, the edge and building answers in a domain folder", async () => {
    expect(await boundaryErrors(violation, "app/moderation/violation.server.ts")).toEqual([
      "2:no-restricted-imports",
      "3:no-restricted-imports",
      "4:no-restricted-imports",
      "7:no-restricted-syntax",
      "8:no-restricted-syntax",
      "9:no-restricted-syntax",
    ]);
  });

  it("accepts a typed domain function", async () => {
    const [result] = await eslint.lintText(clean, { filePath: "app/participation/clean.server.ts" });
    expect(result?.messages).toEqual([]);
  });

  it("lets the web edge and the routes build answers", async () => {
    expect(await boundaryErrors(violation, "app/web/violation.server.ts")).toEqual([]);
    expect(await boundaryErrors(violation, "app/routes/violation.tsx")).toEqual([]);
  });
});
