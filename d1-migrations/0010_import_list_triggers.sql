-- updated_at kept by triggers on the import list tables (recursive triggers are off in SQLite,
-- so the inner UPDATE does not fire the trigger again).
CREATE TRIGGER import_lists_updated_at AFTER UPDATE ON import_lists BEGIN UPDATE import_lists SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = NEW.id; END;
--> statement-breakpoint
CREATE TRIGGER list_items_updated_at AFTER UPDATE ON list_items BEGIN UPDATE list_items SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = NEW.id; END;
--> statement-breakpoint
CREATE TRIGGER list_sync_jobs_updated_at AFTER UPDATE ON list_sync_jobs BEGIN UPDATE list_sync_jobs SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = NEW.id; END;
