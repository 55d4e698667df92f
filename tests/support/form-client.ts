/**
 * Posting forms to a running server the way a browser without JavaScript does: cookies kept, the
 * `Origin` of the page the form was on, and the form token that page carried (server/csrf.ts). Plain
 * `fetch` posts are refused with 403 since issue 13, item 4.
 */
import { csrfFieldName } from "~/security/fields";
import { demoPassword, demoStaffCode } from "./demo-passwords";

export class FormClient {
  private readonly cookies = new Map<string, string>();
  private token = "";

  constructor(readonly baseURL: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get formToken(): string {
    return this.token;
  }

  private keepCookies(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator);
      if (/max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(separator + 1));
    }
  }

  /** Opens a page (as a browser would before posting its form) and keeps its cookies and token. */
  async open(path = "/sign-in"): Promise<Response> {
    const response = await fetch(new URL(path, this.baseURL), {
      headers: { cookie: this.cookieHeader },
      redirect: "manual",
    });
    this.keepCookies(response);
    const html = await response.clone().text();
    const token = new RegExp(`name="${csrfFieldName}" value="([^"]*)"`).exec(html)?.[1];
    if (token) this.token = token;
    return response;
  }

  /**
   * Posts `fields` to `path` from a page of the site; `headers` can stand in for another site's
   * page (a foreign `Origin`). Keeps the cookies the answer sets, and then the new page's token.
   */
  async post(
    path: string,
    fields: Record<string, string>,
    options: { headers?: Record<string, string>; withToken?: boolean } = {},
  ): Promise<Response> {
    if (!this.token) await this.open();
    const body = new URLSearchParams(fields);
    if (options.withToken ?? true) body.set(csrfFieldName, this.token);
    const response = await fetch(new URL(path, this.baseURL), {
      method: "POST",
      body,
      headers: { origin: new URL(this.baseURL).origin, cookie: this.cookieHeader, ...options.headers },
      redirect: "manual",
    });
    this.keepCookies(response);
    // Signing in or out changes the session the token is tied to: take the new page's token.
    if (response.headers.getSetCookie().length > 0) await this.open("/");
    return response;
  }

  /** Signs a demo account in as its pages would, passing a staff account's second step (decision 0026). */
  async signInDemo(email: string, password = demoPassword(email)): Promise<Response> {
    const answer = await this.post("/sign-in", { email, password });
    if (!answer.headers.get("location")?.startsWith("/sign-in/two-factor")) return answer;
    await this.open("/sign-in/two-factor");
    return this.post("/sign-in/two-factor", { kind: "totp", code: demoStaffCode() });
  }
}
