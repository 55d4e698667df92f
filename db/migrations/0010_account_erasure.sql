CREATE TABLE "account_erasure" (
	"user_id" text PRIMARY KEY NOT NULL,
	"keep_comments" boolean NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "comment" ALTER COLUMN "author_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "account_erasure" ADD CONSTRAINT "account_erasure_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_erasure_due_idx" ON "account_erasure" USING btree ("due_at");--> statement-breakpoint
-- The moderation record stays append-only, with one exception: erasing a member's account
-- (app/accounts/erasure.server.ts, docs/decisions/0020-account-erasure.md) may take the person out
-- of a decision — who it was about, who took it, the moderator's note and the details — while the
-- decision itself (what, where, when, why) stays. Only inside a transaction that set
-- `baraza.erasure` to 'on' with set_config(…, true), and only those columns, only towards less.
CREATE OR REPLACE FUNCTION moderation_action_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND coalesce(current_setting('baraza.erasure', true), '') = 'on'
     AND NEW.id = OLD.id
     AND NEW.consultation_id = OLD.consultation_id
     AND NEW.target_type = OLD.target_type
     AND NEW.action = OLD.action
     AND NEW.reason IS NOT DISTINCT FROM OLD.reason
     AND NEW.automatic = OLD.automatic
     AND NEW.created_at = OLD.created_at
     AND (NEW.target_id = OLD.target_id OR NEW.target_id = 'erased')
     AND (NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id OR NEW.actor_id IS NULL)
     AND (NEW.note IS NOT DISTINCT FROM OLD.note OR NEW.note IS NULL)
     AND (NEW.details IS NOT DISTINCT FROM OLD.details OR NEW.details IS NULL)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'moderation_action is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
