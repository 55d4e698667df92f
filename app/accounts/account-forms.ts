/** The account forms' fields, validated with messages that are i18n keys (namespace auth). */
import { z } from "zod";
import { trimmedText } from "~/platform/zod-fields";

const email = trimmedText(1, 254, "auth:errors.emailRequired", "auth:errors.emailInvalid").pipe(
  z.email({ error: "auth:errors.emailInvalid" }),
);

const newPassword = z
  .string({ error: "auth:errors.passwordTooShort" })
  .min(8, "auth:errors.passwordTooShort")
  .max(128, "auth:errors.passwordTooLong");

export const signInForm = z.object({
  email,
  password: z.string({ error: "auth:errors.passwordRequired" }).min(1, "auth:errors.passwordRequired"),
  redirectTo: z.string().optional(),
});

export const signUpForm = z.object({
  name: trimmedText(1, 80, "auth:errors.nameRequired", "auth:errors.nameTooLong"),
  email,
  password: newPassword,
  redirectTo: z.string().optional(),
});

export const forgotPasswordForm = z.object({ email });

export const resetPasswordForm = z.object({
  token: z.string().min(1, "auth:errors.resetLinkInvalid"),
  password: newPassword,
});

export const resendVerificationForm = z.object({ email });

export const verifyEmailForm = z.object({ token: z.string().min(1, "auth:emailCheck.linkInvalid") });

/** Where sign-up sends everyone: the sign-in page, saying a confirmation link is on its way. */
export function signInAfterSignUp(redirectTo: string): string {
  const query = new URLSearchParams({ signedUp: "1" });
  if (redirectTo !== "/") query.set("redirectTo", redirectTo);
  return `/sign-in?${query.toString()}`;
}
