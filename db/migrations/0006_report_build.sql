CREATE TYPE "public"."report_build_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "report_build" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_build_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"consultation_id" integer NOT NULL,
	"locale" text NOT NULL,
	"status" "report_build_status" DEFAULT 'queued' NOT NULL,
	"stage" text,
	"progress" integer DEFAULT 0 NOT NULL,
	"requested_by_id" text,
	"error" text,
	"pdf" "bytea",
	"byte_size" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "report_build" ADD CONSTRAINT "report_build_consultation_id_consultation_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_build" ADD CONSTRAINT "report_build_requested_by_id_user_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_build_consultation_idx" ON "report_build" USING btree ("consultation_id","locale","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_build_pending_unique" ON "report_build" USING btree ("consultation_id","locale") WHERE "report_build"."status" in ('queued', 'running');