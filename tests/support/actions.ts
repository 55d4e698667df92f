/**
 * Calling route actions and loaders the way Remix does, with a real session cookie, and reading
 * their answers whatever form they take (a Response, a redirect, `data()` with a status).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { signIn, signUp } from "~/accounts/accounts.server";
import { getDb } from "~/db.server";
import { user } from "../../db/schema";

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

type RouteFunction = (args: ActionFunctionArgs | LoaderFunctionArgs) => unknown;

async function normalize(result: unknown): Promise<Answer> {
  if (result instanceof Response) {
    const text = await result.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: result.status, body, headers: result.headers };
  }
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const { data, init } = result as { data: unknown; init?: ResponseInit | null };
    return { status: init?.status ?? 200, body: data, headers: new Headers(init?.headers) };
  }
  return { status: 200, body: result, headers: new Headers() };
}

/** Runs a route function, turning a thrown Response into an answer as Remix would. */
export async function call(
  fn: RouteFunction,
  options: {
    path: string;
    params: Record<string, string>;
    method?: "GET" | "POST";
    /** A list posts the field once per value, as ticked checkboxes do. */
    fields?: Record<string, string | string[]>;
    cookie?: string;
  },
): Promise<Answer> {
  const init: RequestInit = { method: options.method ?? (options.fields ? "POST" : "GET"), headers: {} };
  if (options.cookie) (init.headers as Record<string, string>).cookie = options.cookie;
  if (options.fields) {
    init.body = new URLSearchParams(
      Object.entries(options.fields).flatMap(([name, value]) => [value].flat().map((v) => [name, v])),
    );
  }
  const request = new Request(`http://localhost${options.path}`, init);
  try {
    return await normalize(await fn({ request, params: options.params, context: {} }));
  } catch (thrown) {
    if (thrown instanceof Response) return normalize(thrown);
    throw thrown;
  }
}

let members = 0;

/** The password of every member `signUpMember` makes. */
export const TEST_MEMBER_PASSWORD = "a good long password";

/** The cookie header of a new session of a member made by `signUpMember`, as another device would hold. */
export async function signInMember(email: string, password = TEST_MEMBER_PASSWORD): Promise<string> {
  const result = await signIn(new Request("http://localhost/sign-in", { method: "POST" }), {
    email,
    password,
    address: `10.8.${++members % 250}.1`,
  });
  if (!result.ok) throw new Error(`could not sign in ${email}: ${result.reason}`);
  return cookieHeader(result.headers);
}

/** The cookie header a browser would send back after these Set-Cookie headers. */
export function cookieHeader(headers: Headers): string {
  return headers
    .getSetCookie()
    .filter((line) => !/max-age=0/i.test(line))
    .map((line) => line.split(";")[0])
    .join("; ");
}

/** Signs up a new member and returns the cookie header their browser would send, and their e-mail. */
export async function signUpMember(name = "Member"): Promise<{ cookie: string; email: string; userId: string }> {
  const email = `member-${process.pid}-${++members}-${Date.now()}@example.org`;
  const result = await signUp(new Request("http://localhost/sign-up", { method: "POST" }), {
    name,
    email,
    password: TEST_MEMBER_PASSWORD,
    language: "en",
    address: `10.9.${members % 250}.1`,
  });
  if (!result.ok) throw new Error(`could not sign up ${email}: ${result.reason}`);
  const cookie = result.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const [row] = await (await getDb()).select({ id: user.id }).from(user).where(eq(user.email, email));
  if (!row) throw new Error(`signed up ${email}, but no account was stored`);
  return { cookie, email, userId: row.id };
}
