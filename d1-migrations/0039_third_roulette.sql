ALTER TABLE `import_lists` ADD `last_upstream_version` text;--> statement-breakpoint
ALTER TABLE `import_lists` ADD `sync_waiting_until` text;--> statement-breakpoint
ALTER TABLE `import_lists` ADD `sync_waiting_reason` text;