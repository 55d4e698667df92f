/**
 * Issue 13 items 9 and 12, through the real pages and better-auth: staff must enrol a second
 * factor (TOTP with recovery codes) before staff pages open, signing in then asks for it, and a
 * revoked session (sign-out everywhere, a single revoked device, a password change) stops at once.
 */
import { Secret, TOTP } from "otpauth";
import { beforeAll, describe, expect, it } from "vitest";
import { getSessionUser } from "~/platform/auth.server";
import { action as securityAction, loader as securityLoader } from "~/routes/_member+/account.security";
import { action as twoFactorAction } from "~/routes/_member+/account.two-factor";
import { action as secondStepAction } from "~/routes/_auth+/sign-in_.two-factor";
import { loader as staffLoader } from "~/routes/_staff+/staff._index";
import { userRole } from "~db/schema";
import { call, cookieFrom, signInMember, signUpMember, MEMBER_PASSWORD } from "../support/actions";
import { setupTestDatabase } from "../support/database";
import { signIn } from "~/accounts/accounts.server";

const db = setupTestDatabase();

const signedIn = async (cookie: string) => getSessionUser(new Request("http://localhost/", { headers: { cookie } }));

/** The cookie header after a response replaced some cookies. */
function merge(cookie: string, headers: Headers): string {
  const jar = new Map(cookie.split("; ").map((pair) => [pair.split("=")[0]!, pair] as const));
  for (const line of headers.getSetCookie()) {
    const pair = line.split(";")[0]!;
    const name = pair.split("=")[0]!;
    if (/max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join("; ");
}

const codeFor = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) }).generate();

interface Enrolled {
  email: string;
  userId: string;
  cookie: string;
  secret: string;
  recoveryCodes: string[];
}

/** An admin who enrols through the page, as a person would. */
async function enrolAdmin(): Promise<Enrolled & { otherDevice: string }> {
  const admin = await signUpMember("Admin");
  await db().insert(userRole).values({ userId: admin.userId, role: "admin" });
  const otherDevice = await signInMember(admin.email);
  const started = await call(twoFactorAction, {
    path: "/account/two-factor",
    params: {},
    fields: { intent: "start", password: MEMBER_PASSWORD },
    cookie: admin.cookie,
  });
  expect(started.status).toBe(200);
  const { enrolment } = started.body as {
    enrolment: { totpURI: string; secret: string; recoveryCodes: string[]; qrSvg: string };
  };
  expect(enrolment.totpURI).toMatch(/^otpauth:\/\/totp\/Baraza:/);
  expect(enrolment.qrSvg).toMatch(/^<svg/);
  expect(enrolment.recoveryCodes).toHaveLength(10);
  const confirmed = await call(twoFactorAction, {
    path: "/account/two-factor?redirectTo=%2Fstaff",
    params: {},
    fields: {
      intent: "confirm",
      code: codeFor(enrolment.secret),
      totpURI: enrolment.totpURI,
      recoveryCodes: enrolment.recoveryCodes.join(" "),
    },
    cookie: admin.cookie,
  });
  expect(confirmed.status).toBe(302);
  expect(confirmed.headers.get("location")).toBe("/staff");
  return {
    email: admin.email,
    userId: admin.userId,
    cookie: merge(admin.cookie, confirmed.headers),
    secret: enrolment.secret,
    recoveryCodes: enrolment.recoveryCodes,
    otherDevice,
  };
}

let enrolled: Awaited<ReturnType<typeof enrolAdmin>>;

beforeAll(async () => {
  enrolled = await enrolAdmin();
});

describe("staff without a second factor (item 9)", () => {
  it("are sent to enrol one, not refused, before a staff page opens", async () => {
    const admin = await signUpMember("Unenrolled admin");
    await db().insert(userRole).values({ userId: admin.userId, role: "admin" });
    const answer = await call(staffLoader, { path: "/staff", params: {}, cookie: admin.cookie });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/account/two-factor?required=1&redirectTo=%2Fstaff");
  });

  it("a wrong first code leaves the second factor off and shows the same secret again", async () => {
    const admin = await signUpMember("Clumsy admin");
    const started = await call(twoFactorAction, {
      path: "/account/two-factor",
      params: {},
      fields: { intent: "start", password: MEMBER_PASSWORD },
      cookie: admin.cookie,
    });
    const { enrolment } = started.body as { enrolment: { totpURI: string; secret: string } };
    const wrong = String((Number(codeFor(enrolment.secret)) + 1) % 1_000_000).padStart(6, "0");
    const refused = await call(twoFactorAction, {
      path: "/account/two-factor",
      params: {},
      fields: { intent: "confirm", code: wrong, totpURI: enrolment.totpURI, recoveryCodes: "" },
      cookie: admin.cookie,
    });
    expect(refused.body).toMatchObject({
      fieldErrors: { code: "security:errors.invalidCode" },
      enrolment: { secret: enrolment.secret },
    });
    const wrongPassword = await call(twoFactorAction, {
      path: "/account/two-factor",
      params: {},
      fields: { intent: "start", password: "not the password" },
      cookie: admin.cookie,
    });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body).toMatchObject({ fieldErrors: { password: "security:errors.wrongPassword" } });
  });
});

describe("enrolling (item 9)", () => {
  it("opens staff pages, and ends the sessions opened with the password alone", async () => {
    const answer = await call(staffLoader, { path: "/staff", params: {}, cookie: enrolled.cookie });
    expect(answer.status).toBe(200);
    expect(await signedIn(enrolled.otherDevice)).toBeNull();
  });

  it("makes signing in ask for the second step, passed with a code from the app", async () => {
    const first = await signIn(new Request("http://localhost/sign-in", { method: "POST" }), {
      email: enrolled.email,
      password: MEMBER_PASSWORD,
      address: "10.7.0.1",
    });
    expect(first).toMatchObject({ ok: true, secondFactor: true });
    const pending = cookieFrom((first as { headers: Headers }).headers);
    expect(await signedIn(pending)).toBeNull();

    const wrong = await call(secondStepAction, {
      path: "/sign-in/two-factor",
      params: {},
      fields: { kind: "totp", code: "12345", redirectTo: "/staff" },
      cookie: pending,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ fieldErrors: { code: "security:errors.codeFormat" } });

    const passed = await call(secondStepAction, {
      path: "/sign-in/two-factor",
      params: {},
      fields: { kind: "totp", code: codeFor(enrolled.secret), redirectTo: "/staff" },
      cookie: pending,
    });
    expect(passed.status).toBe(302);
    expect(passed.headers.get("location")).toBe("/staff");
    expect((await signedIn(merge(pending, passed.headers)))?.email).toBe(enrolled.email);
  });

  it("lets a recovery code pass the second step once", async () => {
    const code = enrolled.recoveryCodes[0]!;
    const attempt = async () => {
      const pending = cookieFrom(
        (
          (await signIn(new Request("http://localhost/sign-in", { method: "POST" }), {
            email: enrolled.email,
            password: MEMBER_PASSWORD,
            address: "10.7.0.2",
          })) as { headers: Headers }
        ).headers,
      );
      return call(secondStepAction, {
        path: "/sign-in/two-factor",
        params: {},
        fields: { kind: "recovery", code },
        cookie: pending,
      });
    };
    expect((await attempt()).status).toBe(302);
    const again = await attempt();
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ fieldErrors: { code: "security:errors.invalidCode" } });
  });
});

describe("revoked sessions stop at once (item 12)", () => {
  it("lists the member's sessions with their device, and signs one out by id", async () => {
    const member = await signUpMember("Two devices");
    const phone = await signInMember(member.email);
    const page = await call(securityLoader, { path: "/account/security", params: {}, cookie: member.cookie });
    const { sessions } = page.body as { sessions: Array<{ id: string; current: boolean; createdAt: string }> };
    expect(sessions).toHaveLength(2);
    expect(sessions[0]!.current).toBe(true);
    const answer = await call(securityAction, {
      path: "/account/security",
      params: {},
      fields: { intent: "revoke-session", sessionId: sessions[1]!.id },
      cookie: member.cookie,
    });
    expect(answer.status).toBe(302);
    expect(await signedIn(phone)).toBeNull();
    expect(await signedIn(member.cookie)).not.toBeNull();
    // Someone else's session is not theirs to end.
    const other = await signUpMember("Bystander");
    const otherPage = await call(securityLoader, { path: "/account/security", params: {}, cookie: other.cookie });
    const [otherSession] = (otherPage.body as { sessions: Array<{ id: string }> }).sessions;
    const refused = await call(securityAction, {
      path: "/account/security",
      params: {},
      fields: { intent: "revoke-session", sessionId: otherSession!.id },
      cookie: member.cookie,
    });
    expect(refused.status).toBe(404);
    expect(await signedIn(other.cookie)).not.toBeNull();
  });

  it("signing out everywhere else ends the other devices' sessions on their next request", async () => {
    const member = await signUpMember("Many devices");
    const laptop = await signInMember(member.email);
    expect(await signedIn(laptop)).not.toBeNull();
    const answer = await call(securityAction, {
      path: "/account/security",
      params: {},
      fields: { intent: "sign-out-others" },
      cookie: member.cookie,
    });
    expect(answer.status).toBe(302);
    expect(await signedIn(laptop)).toBeNull();
    expect(await signedIn(member.cookie)).not.toBeNull();
  });

  it("changing the password ends every other session; a wrong current password changes nothing", async () => {
    const member = await signUpMember("Password changer");
    const tablet = await signInMember(member.email);
    const wrong = await call(securityAction, {
      path: "/account/security",
      params: {},
      fields: { intent: "change-password", currentPassword: "not it", newPassword: "another good password" },
      cookie: member.cookie,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ fieldErrors: { currentPassword: "security:errors.wrongPassword" } });
    expect(await signedIn(tablet)).not.toBeNull();

    const changed = await call(securityAction, {
      path: "/account/security",
      params: {},
      fields: {
        intent: "change-password",
        currentPassword: MEMBER_PASSWORD,
        newPassword: "another good password",
      },
      cookie: member.cookie,
    });
    expect(changed.status).toBe(302);
    expect(await signedIn(tablet)).toBeNull();
    expect(await signedIn(member.cookie)).toBeNull();
    expect(await signedIn(merge(member.cookie, changed.headers))).not.toBeNull();
    expect(await signInMember(member.email, "another good password")).toContain("session_token");
  });
});
