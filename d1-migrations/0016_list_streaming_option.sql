ALTER TABLE `import_lists` ADD `streaming_option` text DEFAULT 'ignore' NOT NULL;--> statement-breakpoint
ALTER TABLE `list_sync_runs` ADD `streaming_skipped` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `list_sync_runs` ADD `streaming_unmonitored` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `movies` ADD `streaming_unmonitored_service` text;