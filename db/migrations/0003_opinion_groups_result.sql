CREATE TABLE "opinion_groups_result" (
	"consultation_id" integer PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"vote_count" integer NOT NULL,
	"participant_count" integer NOT NULL,
	"result" jsonb NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "opinion_groups_result" ADD CONSTRAINT "opinion_groups_result_consultation_id_consultation_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultation"("id") ON DELETE cascade ON UPDATE no action;