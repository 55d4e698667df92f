/**
 * The moderation queue's forms: one intent per decision, plus a bulk form. Each checks the
 * permission, validates with zod (translated messages), then calls the domain.
 */
import { z } from "zod";
import { commentThemes, moderationReasons, suspensionPeriodsInDays } from "~db/schema";
import type { ConsultationContext } from "~/web/consultation-context.server";
import { editCommentForm } from "~/participation/comments.server";
import type { Action } from "~/platform/permissions.server";
import { requireConsultationAbility } from "~/web/guard.server";
import { formFailure, parseForm } from "~/web/form-failures.server";
import { backTo, respondSuccess } from "~/web/respond.server";
import { maxRowId, rowId } from "~/platform/zod-fields";
import {
  approveItem,
  approveProposalAsPriority,
  decideEdit,
  decideInBulk,
  dismissFlags,
  hideItem,
  liftSuspension,
  mergeProposal,
  redactComment,
  rejectProposal,
  restoreItem,
  suspendMember,
  tagComment,
  type DecisionFailure,
  type DecisionResult,
  type Decider,
} from "~/moderation/decisions.server";
import { bulkDecisions, queueItemTypes } from "~/moderation/options";

/** Moderation pages answer a visitor with the sign-in page and anyone else not allowed with 403. */
export function requireModeration(
  context: ConsultationContext,
  request: Request,
  action: Extract<Action, "moderation.queue" | "moderation.act" | "member.suspend">,
): Decider {
  const member = requireConsultationAbility(request, context, action);
  return { consultationId: context.scope.id, actorId: member.userId };
}

const unknownItem = "moderation:errors.unknownItem";
const note = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z.string().trim().max(1000, "moderation:errors.noteTooLong").optional(),
);
const reason = z.enum(moderationReasons, { error: "moderation:errors.reasonRequired" });
const item = {
  targetType: z.enum(queueItemTypes, { error: unknownItem }),
  targetId: rowId(unknownItem),
  note,
};

const forms = {
  approve: z.object(item),
  restore: z.object(item),
  "dismiss-flags": z.object(item),
  "approve-edit": z.object({ ...item, targetType: z.literal("comment", { error: unknownItem }) }),
  "reject-edit": z.object({ ...item, targetType: z.literal("comment", { error: unknownItem }) }),
  hide: z.object({ ...item, reason }),
  reject: z.object({ ...item, targetType: z.literal("proposal", { error: unknownItem }), reason }),
  "approve-as-priority": z.object({ ...item, targetType: z.literal("proposal", { error: unknownItem }) }),
  merge: z.object({
    ...item,
    targetType: z.literal("proposal", { error: unknownItem }),
    intoId: rowId("moderation:errors.mergeTargetRequired"),
  }),
  tag: z.object({
    ...item,
    targetType: z.literal("comment", { error: unknownItem }),
    theme: z.array(z.enum(commentThemes, { error: "moderation:errors.unknownTheme" })),
  }),
  redact: z.object({
    ...item,
    targetType: z.literal("comment", { error: unknownItem }),
    body: editCommentForm.shape.body,
  }),
  suspend: z.object({
    userId: z.string({ error: "moderation:errors.unknownMember" }).min(1, "moderation:errors.unknownMember"),
    days: z.coerce
      .number({ error: "moderation:errors.periodRequired" })
      .refine(
        (days) => (suspensionPeriodsInDays as readonly number[]).includes(days),
        "moderation:errors.periodRequired",
      ),
    reason,
    note,
  }),
  "lift-suspension": z.object({ suspensionId: rowId(unknownItem), note }),
  bulk: z
    .object({
      item: z
        .array(
          z
            .string()
            .regex(/^(comment|proposal):\d{1,10}$/, unknownItem)
            .refine((value) => Number(value.split(":")[1]) <= maxRowId, unknownItem),
        )
        .min(1, "moderation:errors.noneSelected")
        .max(100, "moderation:errors.tooManySelected"),
      bulkAction: z.enum(bulkDecisions, { error: "moderation:errors.bulkActionRequired" }),
      reason: z.preprocess((value) => (value === "" ? undefined : value), reason.optional()),
      note,
    })
    .refine((input) => !["hide", "reject"].includes(input.bulkAction) || input.reason !== undefined, {
      path: ["reason"],
      message: "moderation:errors.reasonRequired",
    }),
};

type Intent = keyof typeof forms;

const failures: Record<DecisionFailure, readonly [string, number, string?]> = {
  "unknown-item": [unknownItem, 404],
  "not-applicable": ["moderation:errors.notApplicable", 409],
  "unknown-priority": ["moderation:errors.mergeTargetRequired", 400, "intoId"],
  "unknown-member": ["moderation:errors.unknownMember", 404],
};

export async function handleModerationPost(context: ConsultationContext, request: Request, formData: FormData) {
  const intent = String(formData.get("intent") ?? "");
  if (!(intent in forms)) {
    requireModeration(context, request, "moderation.act");
    return formFailure(formData, { fieldErrors: {}, formError: "participation:errors.unknownAction" }, 400);
  }
  const suspending = intent === "suspend" || intent === "lift-suspension";
  const who = requireModeration(context, request, suspending ? "member.suspend" : "moderation.act");
  const result = await decide(context, who, intent as Intent, formData);
  if ("fieldErrors" in result) {
    const idError = result.fieldErrors.targetId ?? result.fieldErrors.targetType ?? result.fieldErrors.suspensionId;
    if (idError) return formFailure(formData, { fieldErrors: result.fieldErrors, formError: idError }, 404);
    return formFailure(formData, { fieldErrors: result.fieldErrors });
  }
  if (!result.outcome.ok) {
    const [message, status, field] = failures[result.outcome.reason];
    return formFailure(
      formData,
      field ? { fieldErrors: { [field]: message } } : { fieldErrors: {}, formError: message },
      status,
    );
  }
  return respondSuccess(formData, {
    redirectTo: backTo(request, "queue"),
    flash: { message: `moderation:flash.${intent}`, values: { count: result.count } },
    result: { intent },
  });
}

async function decide(
  context: ConsultationContext,
  who: Decider,
  intent: Intent,
  formData: FormData,
): Promise<{ fieldErrors: Record<string, string> } | { outcome: DecisionResult; count: number }> {
  const { db } = context;
  const parse = <S extends z.ZodType>(schema: S) => parseForm(schema, formData, ["item", "theme"]);
  const one = (outcome: Promise<DecisionResult>) => outcome.then((resolved) => ({ outcome: resolved, count: 1 }));
  const ref = (input: { targetType: (typeof queueItemTypes)[number]; targetId: number }) => ({
    type: input.targetType,
    id: input.targetId,
  });
  switch (intent) {
    case "approve": {
      const parsed = parse(forms.approve);
      return parsed.ok ? one(approveItem(db, who, ref(parsed.data), parsed.data.note)) : parsed;
    }
    case "approve-as-priority": {
      const parsed = parse(forms["approve-as-priority"]);
      return parsed.ok ? one(approveProposalAsPriority(db, who, parsed.data.targetId, parsed.data.note)) : parsed;
    }
    case "restore": {
      const parsed = parse(forms.restore);
      return parsed.ok ? one(restoreItem(db, who, ref(parsed.data), parsed.data.note)) : parsed;
    }
    case "dismiss-flags": {
      const parsed = parse(forms["dismiss-flags"]);
      return parsed.ok ? one(dismissFlags(db, who, ref(parsed.data), parsed.data.note)) : parsed;
    }
    case "approve-edit":
    case "reject-edit": {
      const parsed = parse(forms[intent]);
      return parsed.ok ? one(decideEdit(db, who, parsed.data.targetId, intent, parsed.data.note)) : parsed;
    }
    case "hide": {
      const parsed = parse(forms.hide);
      return parsed.ok ? one(hideItem(db, who, ref(parsed.data), parsed.data.reason, parsed.data.note)) : parsed;
    }
    case "reject": {
      const parsed = parse(forms.reject);
      return parsed.ok
        ? one(rejectProposal(db, who, parsed.data.targetId, parsed.data.reason, parsed.data.note))
        : parsed;
    }
    case "merge": {
      const parsed = parse(forms.merge);
      return parsed.ok
        ? one(mergeProposal(db, who, parsed.data.targetId, parsed.data.intoId, parsed.data.note))
        : parsed;
    }
    case "tag": {
      const parsed = parse(forms.tag);
      return parsed.ok ? one(tagComment(db, who, parsed.data.targetId, [...new Set(parsed.data.theme)])) : parsed;
    }
    case "redact": {
      const parsed = parse(forms.redact);
      return parsed.ok ? one(redactComment(db, who, parsed.data.targetId, parsed.data.body, parsed.data.note)) : parsed;
    }
    case "suspend": {
      const parsed = parse(forms.suspend);
      return parsed.ok ? one(suspendMember(db, who, parsed.data)) : parsed;
    }
    case "lift-suspension": {
      const parsed = parse(forms["lift-suspension"]);
      return parsed.ok ? one(liftSuspension(db, who, parsed.data.suspensionId, parsed.data.note)) : parsed;
    }
    case "bulk": {
      const parsed = parse(forms.bulk);
      if (!parsed.ok) return parsed;
      const items = [...new Set(parsed.data.item)].map((value) => {
        const [type, id] = value.split(":") as [(typeof queueItemTypes)[number], string];
        return { type, id: Number(id) };
      });
      const outcome = await decideInBulk(db, who, items, parsed.data.bulkAction, parsed.data);
      return { outcome, count: items.length };
    }
  }
}
