ALTER TABLE `import_lists` ADD `notify_on_movie_added` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `import_lists` ADD `notify_on_sync_summary` integer DEFAULT true NOT NULL;