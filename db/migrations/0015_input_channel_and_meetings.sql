CREATE TYPE "public"."input_channel" AS ENUM('web', 'meeting', 'sms', 'ussd');--> statement-breakpoint
CREATE TYPE "public"."meeting_import_status" AS ENUM('preview', 'confirmed', 'undone');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('recorded', 'voided');--> statement-breakpoint
CREATE TABLE "consultation_facilitator" (
	"consultation_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"granted_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_facilitator_consultation_id_user_id_pk" PRIMARY KEY("consultation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meeting" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"consultation_id" integer NOT NULL,
	"facilitator_id" text,
	"held_on" date NOT NULL,
	"country" text NOT NULL,
	"place" text NOT NULL,
	"language" text NOT NULL,
	"people_present" integer NOT NULL,
	"method" text NOT NULL,
	"status" "meeting_status" DEFAULT 'recorded' NOT NULL,
	"voided_reason" text,
	"voided_by_id" text,
	"voided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_people_present_positive" CHECK ("meeting"."people_present" > 0)
);
--> statement-breakpoint
CREATE TABLE "meeting_import" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_import_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"consultation_id" integer NOT NULL,
	"uploaded_by_id" text,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"content_hash" text NOT NULL,
	"status" "meeting_import_status" DEFAULT 'preview' NOT NULL,
	"rows" jsonb NOT NULL,
	"row_errors" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"undone_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ballot_allocation" DROP CONSTRAINT "ballot_allocation_priority_id_user_id_pk";--> statement-breakpoint
ALTER TABLE "ballot_allocation" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "vote" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD COLUMN "id" bigint PRIMARY KEY NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "ballot_allocation_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD COLUMN "channel" "input_channel" DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD COLUMN "meeting_id" integer;--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD COLUMN "meeting_import_id" integer;--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD COLUMN "phone_id" integer;--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD COLUMN "meeting_ballot" integer;--> statement-breakpoint
ALTER TABLE "comment" ADD COLUMN "channel" "input_channel" DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE "comment" ADD COLUMN "meeting_id" integer;--> statement-breakpoint
ALTER TABLE "comment" ADD COLUMN "meeting_import_id" integer;--> statement-breakpoint
ALTER TABLE "comment" ADD COLUMN "phone_id" integer;--> statement-breakpoint
ALTER TABLE "vote" ADD COLUMN "channel" "input_channel" DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE "vote" ADD COLUMN "meeting_id" integer;--> statement-breakpoint
ALTER TABLE "vote" ADD COLUMN "meeting_import_id" integer;--> statement-breakpoint
ALTER TABLE "vote" ADD COLUMN "phone_id" integer;--> statement-breakpoint
ALTER TABLE "consultation_facilitator" ADD CONSTRAINT "consultation_facilitator_consultation_id_consultation_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_facilitator" ADD CONSTRAINT "consultation_facilitator_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_facilitator" ADD CONSTRAINT "consultation_facilitator_granted_by_id_user_id_fk" FOREIGN KEY ("granted_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_consultation_id_consultation_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_facilitator_id_user_id_fk" FOREIGN KEY ("facilitator_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_voided_by_id_user_id_fk" FOREIGN KEY ("voided_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_import" ADD CONSTRAINT "meeting_import_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_import" ADD CONSTRAINT "meeting_import_consultation_id_consultation_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_import" ADD CONSTRAINT "meeting_import_uploaded_by_id_user_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_facilitator_user_idx" ON "consultation_facilitator" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "meeting_consultation_idx" ON "meeting" USING btree ("consultation_id","held_on");--> statement-breakpoint
CREATE INDEX "meeting_facilitator_idx" ON "meeting" USING btree ("facilitator_id");--> statement-breakpoint
CREATE INDEX "meeting_import_meeting_idx" ON "meeting_import" USING btree ("meeting_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_import_confirmed_once" ON "meeting_import" USING btree ("consultation_id","content_hash") WHERE "meeting_import"."status" = 'confirmed';--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD CONSTRAINT "ballot_allocation_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD CONSTRAINT "ballot_allocation_meeting_import_id_meeting_import_id_fk" FOREIGN KEY ("meeting_import_id") REFERENCES "public"."meeting_import"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment" ADD CONSTRAINT "comment_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment" ADD CONSTRAINT "comment_meeting_import_id_meeting_import_id_fk" FOREIGN KEY ("meeting_import_id") REFERENCES "public"."meeting_import"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote" ADD CONSTRAINT "vote_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote" ADD CONSTRAINT "vote_meeting_import_id_meeting_import_id_fk" FOREIGN KEY ("meeting_import_id") REFERENCES "public"."meeting_import"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ballot_allocation_meeting_idx" ON "ballot_allocation" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "comment_meeting_idx" ON "comment" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "vote_meeting_idx" ON "vote" USING btree ("meeting_id");--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD CONSTRAINT "ballot_allocation_one_per_member_per_priority" UNIQUE("priority_id","user_id");--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD CONSTRAINT "ballot_allocation_one_per_paper_ballot_per_priority" UNIQUE("meeting_id","meeting_ballot","priority_id");--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD CONSTRAINT "ballot_allocation_meeting_ballot" CHECK (("ballot_allocation"."meeting_id" is null) = ("ballot_allocation"."meeting_ballot" is null) and ("ballot_allocation"."meeting_ballot" is null or "ballot_allocation"."meeting_ballot" > 0));--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD CONSTRAINT "ballot_allocation_has_source" CHECK ("ballot_allocation"."user_id" is not null or "ballot_allocation"."meeting_id" is not null or "ballot_allocation"."phone_id" is not null);--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD CONSTRAINT "ballot_allocation_meeting_channel" CHECK (("ballot_allocation"."channel" = 'meeting') = ("ballot_allocation"."meeting_id" is not null));--> statement-breakpoint
ALTER TABLE "comment" ADD CONSTRAINT "comment_meeting_channel" CHECK (("comment"."channel" = 'meeting') = ("comment"."meeting_id" is not null));--> statement-breakpoint
ALTER TABLE "vote" ADD CONSTRAINT "vote_has_source" CHECK ("vote"."user_id" is not null or "vote"."meeting_id" is not null or "vote"."phone_id" is not null);--> statement-breakpoint
ALTER TABLE "vote" ADD CONSTRAINT "vote_meeting_channel" CHECK (("vote"."channel" = 'meeting') = ("vote"."meeting_id" is not null));--> statement-breakpoint
-- A facilitator grant changes what its holder may do: drop the cached actor as for moderators (0012).
CREATE TRIGGER consultation_facilitator_notify_cache AFTER INSERT OR UPDATE OR DELETE ON "consultation_facilitator"
  FOR EACH ROW EXECUTE FUNCTION baraza_notify_cache('actor', 'user_id');
