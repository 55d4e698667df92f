CREATE TYPE "public"."phone_gateway" AS ENUM('africastalking', 'twilio', 'webhook');--> statement-breakpoint
CREATE TABLE "outbox_sms" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_sms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"dedupe_key" text NOT NULL,
	"gateway" "phone_gateway" NOT NULL,
	"to_number" text NOT NULL,
	"body" text NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_sms_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "phone" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "phone_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"number_hash" text NOT NULL,
	"country_code" text,
	"language" text,
	"user_id" text,
	"stopped_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "phone_number_hash_unique" UNIQUE("number_hash")
);
--> statement-breakpoint
CREATE TABLE "phone_message" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "phone_message_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"gateway" "phone_gateway" NOT NULL,
	"message_id" text NOT NULL,
	"phone_id" integer NOT NULL,
	"reply" text NOT NULL,
	"held" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "phone" ADD CONSTRAINT "phone_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_message" ADD CONSTRAINT "phone_message_phone_id_phone_id_fk" FOREIGN KEY ("phone_id") REFERENCES "public"."phone"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_sms_due_idx" ON "outbox_sms" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "phone_user_idx" ON "phone" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "phone_message_once" ON "phone_message" USING btree ("gateway","message_id");--> statement-breakpoint
CREATE INDEX "phone_message_phone_idx" ON "phone_message" USING btree ("phone_id","created_at");--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD CONSTRAINT "ballot_allocation_phone_id_phone_id_fk" FOREIGN KEY ("phone_id") REFERENCES "public"."phone"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment" ADD CONSTRAINT "comment_phone_id_phone_id_fk" FOREIGN KEY ("phone_id") REFERENCES "public"."phone"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote" ADD CONSTRAINT "vote_phone_id_phone_id_fk" FOREIGN KEY ("phone_id") REFERENCES "public"."phone"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "vote_one_per_phone_per_priority" ON "vote" USING btree ("priority_id","phone_id");--> statement-breakpoint
ALTER TABLE "ballot_allocation" ADD CONSTRAINT "ballot_allocation_one_per_phone_per_priority" UNIQUE("priority_id","phone_id");