/** The vote form's action, shared by the consultation page and the priority page. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { clientAddress } from "~/web/request.server";
import { formFailure, parseForm, rateLimitedFailure } from "~/web/form-failures.server";
import { respondSuccess } from "~/web/respond.server";
import { participationRefusal } from "~/participation/refusal.server";
import { refusalResponse, type ConsultationContext } from "~/web/consultation-context.server";
import { castVoteTogether } from "~/participation/vote-writer.server";
import { voteForm } from "~/participation/votes.server";

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

  // The rate limits are counted and the vote written with the other votes arriving meanwhile: two
  // statements for the whole group (decision 0029).
  const result = await castVoteTogether(
    context.db,
    {
      consultationId: context.consultation.id,
      priorityId: parsed.data.priorityId,
      userId: actor.userId,
      value: parsed.data.value,
    },
    [
      ["votePerMember", actor.userId],
      ["votePerAddress", clientAddress(args.request, args.context)],
    ],
  );
  if (!result.ok && result.reason === "rate-limited") {
    return rateLimitedFailure(formData, result.retryAfterSeconds, "participation:errors.rateLimited");
  }
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
