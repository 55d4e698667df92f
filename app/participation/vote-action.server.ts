/** The vote form's action, shared by the consultation page and the priority page. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { formFailure, parseForm } from "../utils/forms.server";
import { respondSuccess } from "../utils/respond.server";
import { participationRefusal, rateLimitResponse, refusalResponse, type ConsultationContext } from "./context.server";
import { castVote, voteForm } from "./votes.server";

export async function handleVote(
  context: ConsultationContext,
  formData: FormData,
  args: Pick<ActionFunctionArgs, "request" | "context">,
  returnTo: (priorityId: number) => string,
) {
  const refusal = await participationRefusal(context, "priority.vote");
  if (refusal) return refusalResponse(formData, refusal);
  const { actor } = context;
  if (actor.kind !== "member") return refusalResponse(formData, { reason: "sign-in" });

  const parsed = parseForm(voteForm, formData);
  if (!parsed.ok)
    return formFailure(formData, { fieldErrors: parsed.fieldErrors, formError: firstError(parsed.fieldErrors) }, 400);

  const limited = await rateLimitResponse({ ...context, actor }, args.request, args.context, formData, {
    member: "votePerMember",
    address: "votePerAddress",
  });
  if (limited) return limited;

  const result = await castVote(context.db, {
    consultationId: context.consultation.id,
    priorityId: parsed.data.priorityId,
    userId: actor.userId,
    value: parsed.data.value,
  });
  if (!result.ok) {
    return formFailure(formData, { fieldErrors: {}, formError: "participation:errors.unknownPriority" }, 404);
  }
  return respondSuccess(formData, {
    redirectTo: returnTo(parsed.data.priorityId),
    flash: { message: `participation:flash.voted.${parsed.data.value}` },
    result: { priorityId: parsed.data.priorityId, value: parsed.data.value },
  });
}

function firstError(fieldErrors: Record<string, string>): string | undefined {
  return Object.values(fieldErrors)[0];
}
