CREATE TABLE "comment_pending_edit" (
	"comment_id" integer PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"signals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comment_pending_edit_body_length" CHECK (char_length(body) between 1 and 5000)
);
--> statement-breakpoint
ALTER TABLE "comment_pending_edit" ADD CONSTRAINT "comment_pending_edit_comment_id_comment_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comment"("id") ON DELETE cascade ON UPDATE no action;