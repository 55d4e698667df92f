/** The points ballot's action, on the consultation page. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { formFailure } from "~/web/form-failures.server";
import { respondSuccess } from "~/web/respond.server";
import { parseBallotForm, saveBallot } from "~/participation/ballot.server";
import { participationRefusal } from "~/participation/refusal.server";
import { rateLimitResponse, refusalResponse, type ConsultationContext } from "~/web/consultation-context.server";

export async function handleBallot(
  context: ConsultationContext,
  formData: FormData,
  args: Pick<ActionFunctionArgs, "request" | "context">,
  returnTo: string,
) {
  const budget = context.consultation.ballotBudget;
  if (budget === null) return formFailure(formData, { fieldErrors: {}, formError: "ballot:errors.noBallot" }, 404);
  const refusal = await participationRefusal(context, "ballot.allocate");
  if (refusal) return refusalResponse(formData, refusal);
  const { actor } = context;
  if (actor.kind !== "member") return refusalResponse(formData, { reason: "sign-in" });

  const parsed = parseBallotForm(formData);
  if (!parsed.ok) {
    const status = Object.keys(parsed.fieldErrors).length > 0 ? 400 : 404;
    return formFailure(formData, { fieldErrors: parsed.fieldErrors, formError: parsed.formError }, status);
  }

  const limited = await rateLimitResponse({ ...context, actor }, args.request, args.context, formData, {
    member: "ballotPerMember",
    address: "ballotPerAddress",
  });
  if (limited) return limited;

  const result = await saveBallot(context.db, {
    consultationId: context.consultation.id,
    userId: actor.userId,
    budget,
    allocations: parsed.allocations,
  });
  if (!result.ok) {
    return result.reason === "over-budget"
      ? formFailure(
          formData,
          { fieldErrors: {}, formError: "ballot:errors.overBudget", formErrorValues: { budget, total: result.total } },
          400,
        )
      : formFailure(formData, { fieldErrors: {}, formError: "ballot:errors.unknownPriority" }, 404);
  }
  const spent = parsed.allocations.reduce((sum, allocation) => sum + allocation.points, 0);
  return respondSuccess(formData, {
    redirectTo: returnTo,
    flash: { message: "ballot:flash.saved", values: { count: spent, budget } },
    result: { spent },
  });
}
