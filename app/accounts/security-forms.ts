/** The account-security forms' fields (decision 0026), with i18n keys of namespace security as messages. */
import { z } from "zod";

const password = z.string({ error: "security:errors.passwordRequired" }).min(1, "security:errors.passwordRequired");

/** Six digits from an authenticator app; spaces typed between groups are ignored. */
const appCode = z
  .string({ error: "security:errors.codeRequired" })
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(
    z
      .string()
      .min(1, "security:errors.codeRequired")
      .regex(/^\d{6}$/, "security:errors.codeFormat"),
  );

/** A recovery code as printed (xxxxx-xxxxx); case and spaces as typed. */
const recoveryCode = z
  .string({ error: "security:errors.codeRequired" })
  .transform((value) => value.trim())
  .pipe(z.string().min(1, "security:errors.codeRequired").max(40, "security:errors.recoveryCodeFormat"));

export const secondFactorStepForm = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("totp"), code: appCode, redirectTo: z.string().optional() }),
  z.object({ kind: z.literal("recovery"), code: recoveryCode, redirectTo: z.string().optional() }),
]);

export const startEnrolmentForm = z.object({ intent: z.literal("start"), password });

export const confirmEnrolmentForm = z.object({
  intent: z.literal("confirm"),
  code: appCode,
  // Echoed back so a mistyped code shows the same secret again; only ever shown to its owner.
  totpURI: z.string().startsWith("otpauth://totp/").max(500),
  recoveryCodes: z.string().max(1000).default(""),
});

export const disableSecondFactorForm = z.object({ intent: z.literal("disable"), password });

export const changePasswordForm = z.object({
  intent: z.literal("change-password"),
  currentPassword: password,
  newPassword: z
    .string({ error: "auth:errors.passwordTooShort" })
    .min(8, "auth:errors.passwordTooShort")
    .max(128, "auth:errors.passwordTooLong"),
});

export const revokeSessionForm = z.object({
  intent: z.literal("revoke-session"),
  sessionId: z.string().min(1).max(200),
});
