/**
 * Issue 13 item 2 with item 9: the staff demo accounts come enrolled with this install's TOTP
 * secret (kept beside the data, mode 600), so a newcomer passes the second step with
 * `npm run demo:code`, which the first-start message names.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { signIn } from "~/accounts/accounts.server";
import { getEnv } from "~/platform/env.server";
import { action as secondStepAction } from "~/routes/_auth+/sign-in_.two-factor";
import { loader as staffLoader } from "~/routes/_staff+/staff._index";
import { seedDemo } from "~db/seed/demo";
import { demoStaffPassword, staffPasswordNotice, staffSeedOptions } from "~db/seed/staff-password";
import { call, cookieFrom } from "../support/actions";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

describe("the staff demo accounts' second factor", () => {
  it("is made per install, kept with mode 600, announced, and passes the second step", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "baraza-demo-2fa-"));
    try {
      const staff = demoStaffPassword({
        DATA_DIR: dataDir,
        DEMO_STAFF_PASSWORD: undefined,
        DEMO_STAFF_TOTP_SECRET: undefined,
      });
      expect(staff.totpFile).toBe(path.join(dataDir, "demo-staff-totp-secret"));
      expect(fs.statSync(staff.totpFile!).mode & 0o777).toBe(0o600);
      expect(staff.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
      expect(
        demoStaffPassword({ DATA_DIR: dataDir, DEMO_STAFF_PASSWORD: undefined, DEMO_STAFF_TOTP_SECRET: undefined })
          .totpSecret,
      ).toBe(staff.totpSecret);
      expect(staffPasswordNotice(staff)).toContain("npm run demo:code");

      await seedDemo(db(), { participants: 10, ...staffSeedOptions(staff, getEnv()) });
      const first = await signIn(new Request("http://localhost/sign-in", { method: "POST" }), {
        email: "admin@demo.baraza.africa",
        password: staff.password,
        address: "10.6.0.1",
      });
      expect(first).toMatchObject({ ok: true, secondFactor: true });
      const pending = cookieFrom((first as { headers: Headers }).headers);
      const code = new TOTP({ secret: Secret.fromBase32(staff.totpSecret) }).generate();
      const passed = await call(secondStepAction, {
        path: "/sign-in/two-factor",
        params: {},
        fields: { kind: "totp", code, redirectTo: "/staff" },
        cookie: pending,
      });
      expect(passed.status).toBe(302);
      const cookie = cookieFrom(passed.headers);
      expect((await call(staffLoader, { path: "/staff", params: {}, cookie })).status).toBe(200);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
