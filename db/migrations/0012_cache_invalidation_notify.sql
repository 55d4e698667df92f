-- In-memory caches (app/cache.server.ts) of consultations and of members' roles and suspensions
-- are dropped when these rows change: every write, whichever code or tool makes it, notifies the
-- channel "baraza_cache" when its transaction commits (docs/decisions/0022-…, 0023-…).
-- Payloads: 'consultation:<id>' and 'actor:<user id>'.
CREATE OR REPLACE FUNCTION baraza_notify_cache() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kind text := TG_ARGV[0];
  column_name text := TG_ARGV[1];
  old_key text;
  new_key text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_key := to_jsonb(OLD) ->> column_name;
    IF old_key IS NOT NULL THEN PERFORM pg_notify('baraza_cache', kind || ':' || old_key); END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_key := to_jsonb(NEW) ->> column_name;
    IF new_key IS NOT NULL AND new_key IS DISTINCT FROM old_key THEN
      PERFORM pg_notify('baraza_cache', kind || ':' || new_key);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consultation_notify_cache AFTER INSERT OR UPDATE OR DELETE ON "consultation"
  FOR EACH ROW EXECUTE FUNCTION baraza_notify_cache('consultation', 'id');
--> statement-breakpoint
CREATE TRIGGER institution_follow_notify_cache AFTER INSERT OR UPDATE OR DELETE ON "institution_follow"
  FOR EACH ROW EXECUTE FUNCTION baraza_notify_cache('consultation', 'consultation_id');
--> statement-breakpoint
CREATE TRIGGER user_notify_cache AFTER UPDATE OR DELETE ON "user"
  FOR EACH ROW EXECUTE FUNCTION baraza_notify_cache('actor', 'id');
--> statement-breakpoint
CREATE TRIGGER user_role_notify_cache AFTER INSERT OR UPDATE OR DELETE ON "user_role"
  FOR EACH ROW EXECUTE FUNCTION baraza_notify_cache('actor', 'user_id');
--> statement-breakpoint
CREATE TRIGGER consultation_moderator_notify_cache AFTER INSERT OR UPDATE OR DELETE ON "consultation_moderator"
  FOR EACH ROW EXECUTE FUNCTION baraza_notify_cache('actor', 'user_id');
--> statement-breakpoint
CREATE TRIGGER institution_member_notify_cache AFTER INSERT OR UPDATE OR DELETE ON "institution_member"
  FOR EACH ROW EXECUTE FUNCTION baraza_notify_cache('actor', 'user_id');
--> statement-breakpoint
CREATE TRIGGER suspension_notify_cache AFTER INSERT OR UPDATE OR DELETE ON "suspension"
  FOR EACH ROW EXECUTE FUNCTION baraza_notify_cache('actor', 'user_id');
