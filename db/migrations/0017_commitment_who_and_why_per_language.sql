-- A commitment's "who" and "why" (its status reasons) become per-language maps like its "what"
-- (decision 0003). The existing texts were written in no recorded language: they are kept under
-- the consultation's default language, the one its staff texts are written in first. USING cannot
-- look up another table, so the texts go under a placeholder key first and are moved just after.
ALTER TABLE "commitment" ALTER COLUMN "who" SET DATA TYPE jsonb USING jsonb_build_object('_', "who");--> statement-breakpoint
ALTER TABLE "commitment" ALTER COLUMN "status_reason" SET DATA TYPE jsonb USING CASE WHEN "status_reason" IS NULL THEN NULL ELSE jsonb_build_object('_', "status_reason") END;--> statement-breakpoint
ALTER TABLE "commitment_status_change" ALTER COLUMN "reason" SET DATA TYPE jsonb USING CASE WHEN "reason" IS NULL THEN NULL ELSE jsonb_build_object('_', "reason") END;--> statement-breakpoint
UPDATE "commitment" c SET
  "who" = jsonb_build_object(co."default_locale", c."who" ->> '_'),
  "status_reason" = CASE WHEN c."status_reason" IS NULL THEN NULL ELSE jsonb_build_object(co."default_locale", c."status_reason" ->> '_') END
FROM "institutional_response" r JOIN "consultation" co ON co."id" = r."consultation_id"
WHERE r."id" = c."response_id";--> statement-breakpoint
UPDATE "commitment_status_change" h SET "reason" = jsonb_build_object(co."default_locale", h."reason" ->> '_')
FROM "commitment" c JOIN "institutional_response" r ON r."id" = c."response_id" JOIN "consultation" co ON co."id" = r."consultation_id"
WHERE c."id" = h."commitment_id" AND h."reason" IS NOT NULL;
