/** The flag form's action, for comments (priority page) and proposals (proposals page). */
import type { ActionFunctionArgs } from "@remix-run/node";
import { formFailure } from "~/web/form-failures.server";
import { respondSuccess } from "~/web/respond.server";
import { participationRefusal } from "~/participation/refusal.server";
import { rateLimitResponse, refusalResponse, type ConsultationContext } from "~/web/consultation-context.server";
import { flagContent, flagForm } from "~/participation/flags.server";
import { parseSubmission } from "~/web/forms.server";

const failureMessages = {
  "unknown-item": ["participation:errors.unknownItem", 404],
  "own-item": ["participation:flag.errors.ownItem", 403],
  "already-flagged": ["participation:flag.errors.alreadyFlagged", 409],
} as const;

export async function handleFlag(
  context: ConsultationContext,
  formData: FormData,
  args: Pick<ActionFunctionArgs, "request" | "context">,
  returnTo: (target: { targetType: string; targetId: number }) => string,
) {
  // Flagging is taking part: the same phase and suspension rules as commenting.
  const refusal = await participationRefusal(context, "comment.create");
  if (refusal) return refusalResponse(formData, refusal);
  const { actor } = context;
  if (actor.kind !== "member") return refusalResponse(formData, { reason: "sign-in" });

  const parsed = parseSubmission(flagForm, formData);
  if (!parsed.ok) return parsed.answer;

  const limited = await rateLimitResponse({ ...context, actor }, args.request, args.context, formData, {
    member: "flagPerMember",
    address: "flagPerAddress",
  });
  if (limited) return limited;

  const result = await flagContent(context.db, {
    ...parsed.data,
    consultationId: context.consultation.id,
    reporterId: actor.userId,
  });
  if (!result.ok) {
    const [message, status] = failureMessages[result.reason];
    return formFailure(formData, { fieldErrors: {}, formError: message }, status);
  }
  return respondSuccess(formData, {
    redirectTo: returnTo(parsed.data),
    flash: { message: "participation:flag.flagged" },
    result: { targetType: parsed.data.targetType, targetId: parsed.data.targetId },
  });
}
