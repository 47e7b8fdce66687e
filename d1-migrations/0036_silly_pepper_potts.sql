ALTER TABLE `log_entries` ADD `correlation_id` text;--> statement-breakpoint
CREATE INDEX `log_entries_correlation_idx` ON `log_entries` (`correlation_id`);