-- The moderation record is append-only: decisions are added, never rewritten or erased.
-- Enforced here, in the database, so no code path (or hand-written SQL) can get round it.
CREATE OR REPLACE FUNCTION moderation_action_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'moderation_action is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER moderation_action_no_update_or_delete
  BEFORE UPDATE OR DELETE ON moderation_action
  FOR EACH ROW EXECUTE FUNCTION moderation_action_append_only();
--> statement-breakpoint
CREATE TRIGGER moderation_action_no_truncate
  BEFORE TRUNCATE ON moderation_action
  FOR EACH STATEMENT EXECUTE FUNCTION moderation_action_append_only();
