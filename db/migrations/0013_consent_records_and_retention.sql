CREATE TABLE "consent_record" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consent_record_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" text NOT NULL,
	"purpose" text NOT NULL,
	"wording_version" text NOT NULL,
	"given" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_policy" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"sessions_days" integer DEFAULT 30 NOT NULL,
	"rate_limit_days" integer DEFAULT 30 NOT NULL,
	"mail_days" integer DEFAULT 30 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "retention_policy_single_row" CHECK ("retention_policy"."id" = 1),
	CONSTRAINT "retention_policy_days" CHECK ("retention_policy"."sessions_days" between 1 and 3650 and "retention_policy"."rate_limit_days" between 1 and 3650 and "retention_policy"."mail_days" between 1 and 3650)
);
--> statement-breakpoint
ALTER TABLE "consent_record" ADD CONSTRAINT "consent_record_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_policy" ADD CONSTRAINT "retention_policy_updated_by_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_record_user_idx" ON "consent_record" USING btree ("user_id","purpose","at");--> statement-breakpoint
-- Choices made before records were kept (a statistics consent given, e-mail notifications turned
-- off): one record each, wording version 0, dated at the profile's last save.
INSERT INTO "consent_record" ("user_id", "purpose", "wording_version", "given", "at")
SELECT "user_id", 'statistics', '0', true, "updated_at" FROM "profile" WHERE "stats_consent";--> statement-breakpoint
INSERT INTO "consent_record" ("user_id", "purpose", "wording_version", "given", "at")
SELECT "user_id", 'notifications', '0', false, "updated_at" FROM "profile" WHERE NOT "notify_by_email";
