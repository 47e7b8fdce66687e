DROP INDEX `movies_monitored_idx`;--> statement-breakpoint
DROP INDEX `movies_has_file_idx`;