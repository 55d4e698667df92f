/**
 * The priority page's comment forms: post (or reply), edit, delete, endorse, and flag a comment.
 * Each answers like the vote form: refusal, validation, rate limit, then the domain.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { can, type Member } from "~/platform/permissions.server";
import { formFailure, parseForm } from "~/web/form-failures.server";
import { backTo, respondSuccess } from "~/web/respond.server";
import {
  commentForm,
  commentIdForm,
  deleteComment,
  editComment,
  editCommentForm,
  editWindowMinutes,
  endorseComment,
  withdrawEndorsement,
  findPriorityComment,
  postComment,
  statusOnPosting,
} from "~/participation/comments.server";
import { participationRefusal } from "~/participation/refusal.server";
import { rateLimitResponse, refusalResponse, type ConsultationContext } from "~/web/consultation-context.server";
import { handleFlag } from "~/web/flag-action.server";

/** A post to one priority's page. */
export interface CommentPagePost {
  context: ConsultationContext;
  priorityId: number;
  formData: FormData;
  args: Pick<ActionFunctionArgs, "request" | "context">;
}

const failures = {
  "unknown-priority": ["participation:errors.unknownPriority", 404],
  "unknown-comment": ["comments:errors.unknownComment", 404],
  "too-deep": ["comments:errors.tooDeep", 400],
  "not-yours": ["comments:errors.notYours", 403],
  "window-closed": ["comments:errors.editWindowOver", 403],
  "own-comment": ["comments:errors.ownEndorse", 403],
  "already-endorsed": ["comments:errors.alreadyEndorsed", 409],
  "not-endorsed": ["comments:errors.notEndorsed", 409],
} as const;

/** A malformed comment id means a tampered form: answered like an unknown comment. */
function invalidForm(formData: FormData, fieldErrors: Record<string, string>) {
  const idError = fieldErrors.commentId ?? fieldErrors.parentId;
  if (idError) return formFailure(formData, { fieldErrors, formError: idError }, 404);
  return formFailure(formData, { fieldErrors });
}

function refuse(formData: FormData, reason: keyof typeof failures) {
  const [message, status] = failures[reason];
  const formErrorValues = reason === "window-closed" ? { count: editWindowMinutes } : undefined;
  return formFailure(formData, { fieldErrors: {}, formError: message, formErrorValues }, status);
}

type CommentAction = "comment.create" | "comment.endorse" | "comment.delete";

/** The member taking part, or the answer refusing them (signed out, not open, suspended). */
async function participant({ context, formData }: CommentPagePost, action: CommentAction) {
  // Deleting one's own words is allowed whenever the consultation can be read (see permissions).
  const refusal = action === "comment.delete" ? null : await participationRefusal(context, action);
  if (refusal) return { refused: refusalResponse(formData, refusal) };
  if (context.actor.kind !== "member") return { refused: refusalResponse(formData, { reason: "sign-in" }) };
  return { refused: null, actor: context.actor };
}

/** Writing (post, edit, delete) is limited tightly; endorsing, a single click, more generously. */
function limitCommenting(
  { context, formData, args }: CommentPagePost,
  actor: Member,
  kind: "write" | "endorse" = "write",
) {
  return rateLimitResponse(
    { ...context, actor },
    args.request,
    args.context,
    formData,
    kind === "write"
      ? { member: "commentPerMember", address: "commentPerAddress" }
      : { member: "endorsePerMember", address: "endorsePerAddress" },
  );
}

/**
 * What every comment form checks first, in this order: who may act, the form, the rate limit. The
 * member and the form's values, or the answer refusing the post.
 */
async function admitCommentPost<S extends z.ZodType>(
  post: CommentPagePost,
  form: S,
  action: CommentAction,
): Promise<{ refused: ReturnType<typeof formFailure> } | { refused: null; actor: Member; data: z.infer<S> }> {
  const member = await participant(post, action);
  if (member.refused) return member;
  const parsed = parseForm(form, post.formData);
  if (!parsed.ok) return { refused: invalidForm(post.formData, parsed.fieldErrors) };
  const limited = await limitCommenting(post, member.actor, action === "comment.endorse" ? "endorse" : "write");
  if (limited) return { refused: limited };
  return { refused: null, actor: member.actor, data: parsed.data };
}

const commentAnchor = (commentId: number) => `comment-${commentId}`;

export async function handlePostComment(post: CommentPagePost) {
  const { context, formData, priorityId, args } = post;
  const member = await admitCommentPost(post, commentForm, "comment.create");
  if (member.refused) return member.refused;

  const parentId = member.data.parentId ?? null;
  const result = await postComment(context.db, {
    ...member.data,
    parentId,
    consultationId: context.consultation.id,
    priorityId,
    authorId: member.actor.userId,
    status: statusOnPosting(context.consultation.moderationMode),
  });
  if (!result.ok) {
    if (result.reason === "duplicate") {
      return formFailure(formData, { fieldErrors: { body: "comments:errors.duplicate" } }, 409);
    }
    return refuse(formData, result.reason);
  }
  // A reply lands where its thread is (same sort, filters, page); a new thread opens the newest first.
  const url = new URL(args.request.url);
  return respondSuccess(formData, {
    redirectTo:
      parentId === null
        ? `${url.pathname}#${commentAnchor(result.id)}`
        : backTo(args.request, commentAnchor(result.id)),
    flash: { message: result.status === "pending" ? "comments:flash.pending" : "comments:flash.posted" },
    result: { commentId: result.id, status: result.status },
  });
}

/** Edit and delete act on the member's own comment: found here, owned per the permissions. */
async function ownComment(
  post: CommentPagePost,
  actor: Member,
  commentId: number,
  action: "comment.edit" | "comment.delete",
) {
  const { context, priorityId } = post;
  const target = await findPriorityComment(context.db, {
    consultationId: context.consultation.id,
    priorityId,
    commentId,
  });
  if (!target || (target.status !== "published" && target.status !== "pending")) return "unknown-comment" as const;
  if (!can(actor, action, { consultation: context.scope, authorId: target.authorId })) return "not-yours" as const;
  return null;
}

export async function handleEditComment(post: CommentPagePost) {
  const { context, formData, priorityId, args } = post;
  const member = await admitCommentPost(post, editCommentForm, "comment.create");
  if (member.refused) return member.refused;

  const { commentId, body } = member.data;
  const notOwn = await ownComment(post, member.actor, commentId, "comment.edit");
  if (notOwn) return refuse(formData, notOwn);
  const ref = { consultationId: context.consultation.id, priorityId, commentId };
  const result = await editComment(context.db, { ...ref, authorId: member.actor.userId, body });
  if (!result.ok) return refuse(formData, result.reason);
  return respondSuccess(formData, {
    redirectTo: backTo(args.request, commentAnchor(commentId)),
    flash: { message: result.awaitingReview ? "comments:flash.editAwaitingReview" : "comments:flash.edited" },
    result: { commentId, awaitingReview: result.awaitingReview },
  });
}

export async function handleDeleteComment(post: CommentPagePost) {
  const { context, formData, priorityId, args } = post;
  const member = await admitCommentPost(post, commentIdForm, "comment.delete");
  if (member.refused) return member.refused;

  const { commentId } = member.data;
  const notOwn = await ownComment(post, member.actor, commentId, "comment.delete");
  if (notOwn) return refuse(formData, notOwn);
  const ref = { consultationId: context.consultation.id, priorityId, commentId };
  const result = await deleteComment(context.db, { ...ref, authorId: member.actor.userId });
  if (!result.ok) return refuse(formData, result.reason);
  return respondSuccess(formData, {
    redirectTo: backTo(args.request, commentAnchor(commentId)),
    flash: { message: "comments:flash.deleted" },
    result: { commentId },
  });
}

/** Endorsing a comment, or taking one's endorsement back: the same member, limits and answer. */
export async function handleEndorseComment(post: CommentPagePost, change: "endorse" | "withdraw" = "endorse") {
  const { context, formData, priorityId, args } = post;
  const member = await admitCommentPost(post, commentIdForm, "comment.endorse");
  if (member.refused) return member.refused;

  const { commentId } = member.data;
  const ref = { consultationId: context.consultation.id, priorityId, commentId, userId: member.actor.userId };
  const result =
    change === "endorse" ? await endorseComment(context.db, ref) : await withdrawEndorsement(context.db, ref);
  if (!result.ok) return refuse(formData, result.reason);
  return respondSuccess(formData, {
    redirectTo: backTo(args.request, commentAnchor(commentId)),
    flash: { message: change === "endorse" ? "comments:flash.endorsed" : "comments:flash.endorsementWithdrawn" },
    result: { commentId },
  });
}

/** The shared flag action, for comments of this priority only. */
export async function handleCommentFlag(post: CommentPagePost) {
  const { context, formData, priorityId, args } = post;
  const targetId = commentIdForm.shape.commentId.safeParse(formData.get("targetId"));
  const target =
    formData.get("targetType") === "comment" && targetId.success
      ? await findPriorityComment(context.db, {
          consultationId: context.consultation.id,
          priorityId,
          commentId: targetId.data,
        })
      : null;
  if (!target) return formFailure(formData, { fieldErrors: {}, formError: "participation:errors.unknownItem" }, 404);
  return handleFlag(context, formData, args, ({ targetId }) => backTo(args.request, commentAnchor(targetId)));
}
