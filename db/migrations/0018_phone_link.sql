CREATE TABLE "phone_link_code" (
	"user_id" text PRIMARY KEY NOT NULL,
	"number_hash" text NOT NULL,
	"country_code" text,
	"last_digits" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox_sms" ALTER COLUMN "gateway" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_sms" ALTER COLUMN "to_number" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "phone" ADD COLUMN "last_digits" text;--> statement-breakpoint
ALTER TABLE "phone_link_code" ADD CONSTRAINT "phone_link_code_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;