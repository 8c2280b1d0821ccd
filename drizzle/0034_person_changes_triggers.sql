-- When each person last changed (ADR 073): kept here, by the database, so that no write path can forget it.
-- Statement triggers with transition tables: an import of 100,000 people costs one insert a statement, not a row.
-- A copy or restore (platform/db/copy.ts) sets groundswell.copying for its transaction: the copied rows keep
-- their own times.
CREATE FUNCTION person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('groundswell.copying', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO person_changes (person_id, modified_at, deleted_at)
    SELECT DISTINCT id, now(), NULL::timestamptz FROM changed
  ON CONFLICT (person_id) DO UPDATE SET modified_at = now(), deleted_at = NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION person_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('groundswell.copying', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO person_changes (person_id, modified_at, deleted_at)
    SELECT DISTINCT id, now(), now() FROM changed
  ON CONFLICT (person_id) DO UPDATE SET modified_at = now(), deleted_at = now();
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A subscription or a tag changed: the person changed. A person deleted keeps their deletion (the cascade to these
-- rows runs before the person's own statement trigger, which then marks them deleted).
CREATE FUNCTION person_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('groundswell.copying', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO person_changes (person_id, modified_at, deleted_at)
    SELECT DISTINCT supporter_id, now(), NULL::timestamptz FROM changed
  ON CONFLICT (person_id) DO UPDATE SET modified_at = now();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER supporters_inserted AFTER INSERT ON supporters REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION person_changed();
--> statement-breakpoint
CREATE TRIGGER supporters_updated AFTER UPDATE ON supporters REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION person_changed();
--> statement-breakpoint
CREATE TRIGGER supporters_deleted AFTER DELETE ON supporters REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION person_deleted();
--> statement-breakpoint
CREATE TRIGGER subscriptions_inserted AFTER INSERT ON subscriptions REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION person_part_changed();
--> statement-breakpoint
CREATE TRIGGER subscriptions_updated AFTER UPDATE ON subscriptions REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION person_part_changed();
--> statement-breakpoint
CREATE TRIGGER subscriptions_deleted AFTER DELETE ON subscriptions REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION person_part_changed();
--> statement-breakpoint
CREATE TRIGGER supporter_tags_inserted AFTER INSERT ON supporter_tags REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION person_part_changed();
--> statement-breakpoint
CREATE TRIGGER supporter_tags_updated AFTER UPDATE ON supporter_tags REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION person_part_changed();
--> statement-breakpoint
CREATE TRIGGER supporter_tags_deleted AFTER DELETE ON supporter_tags REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION person_part_changed();
--> statement-breakpoint
INSERT INTO person_changes (person_id, modified_at) SELECT id, updated_at FROM supporters
  ON CONFLICT (person_id) DO NOTHING;
