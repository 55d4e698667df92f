/**
 * Calling route actions and loaders the way Remix does, with a real session cookie, and reading
 * their answers whatever form they take (a Response, a redirect, `data()` with a status).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { desc, eq } from "drizzle-orm";
import { signIn, signUp, verifyEmail } from "~/accounts/accounts.server";
import { getDb } from "~/platform/db.server";
import { outboxMail, user } from "~db/schema";

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
    /** A multipart post (a file upload), instead of `fields`. */
    formData?: FormData;
    cookie?: string;
  },
): Promise<Answer> {
  const posts = options.fields ?? options.formData;
  const init: RequestInit = { method: options.method ?? (posts ? "POST" : "GET"), headers: {} };
  if (options.cookie) (init.headers as Record<string, string>).cookie = options.cookie;
  if (options.fields) {
    init.body = new URLSearchParams(
      Object.entries(options.fields).flatMap(([name, value]) => [value].flat().map((v) => [name, v])),
    );
  }
  if (options.formData) init.body = options.formData;
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
export const MEMBER_PASSWORD = "a good long password";

/** The last mail queued to `email`, as its recipient reads it. */
export async function lastMailTo(email: string): Promise<{ subject: string; textBody: string } | undefined> {
  const [mail] = await (
    await getDb()
  )
    .select({ subject: outboxMail.subject, textBody: outboxMail.textBody })
    .from(outboxMail)
    .where(eq(outboxMail.toAddress, email))
    .orderBy(desc(outboxMail.id))
    .limit(1);
  return mail;
}

/** The link in the last mail queued to `email`: a confirmation or reset link. */
export async function lastMailedLink(email: string): Promise<URL> {
  const link = (await lastMailTo(email))?.textBody.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no link was mailed to ${email}`);
  return new URL(link);
}

/** The cookie header a browser would send after an answer that set cookies. */
export function cookieFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .filter((line) => !/max-age=0/i.test(line))
    .map((line) => line.split(";")[0])
    .join("; ");
}

/**
 * Signs up a new member who confirms their address through the mailed link (which signs them in)
 * and returns the cookie header their browser would send, and their e-mail.
 */
export async function signUpMember(name = "Member"): Promise<{ cookie: string; email: string; userId: string }> {
  const email = `member-${process.pid}-${++members}-${Date.now()}@example.org`;
  const request = new Request("http://localhost/sign-up", { method: "POST" });
  const result = await signUp(
    request,
    { name, email, password: MEMBER_PASSWORD, language: "en", address: `10.9.${members % 250}.1` },
    // Fixtures measure no timing: the fixed sign-up time (issue 13 item 11) would only slow the suite.
    { answerMs: 0 },
  );
  if (!result.ok) throw new Error(`could not sign up ${email}: ${result.reason}`);
  const token = (await lastMailedLink(email)).searchParams.get("token") ?? "";
  const verified = await verifyEmail(new Request("http://localhost/verify-email", { method: "POST" }), token);
  if (!verified.ok) throw new Error(`could not confirm ${email}`);
  const [row] = await (await getDb()).select({ id: user.id }).from(user).where(eq(user.email, email));
  if (!row) throw new Error(`signed up ${email}, but no account was stored`);
  return { cookie: cookieFrom(verified.headers), email, userId: row.id };
}

/** Signs a member made by `signUpMember` in once more: a second session, with its own cookie. */
export async function signInMember(email: string, password = MEMBER_PASSWORD): Promise<string> {
  const result = await signIn(new Request("http://localhost/sign-in", { method: "POST" }), {
    email,
    password,
    address: `10.8.${++members % 250}.1`,
  });
  if (!result.ok) throw new Error(`could not sign ${email} in: ${result.reason}`);
  return cookieFrom(result.headers);
}
