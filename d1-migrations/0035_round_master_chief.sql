CREATE TABLE `announced_events` (
	`key` text PRIMARY KEY NOT NULL,
	`announced_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `health_check_results` (
	`source` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`message` text NOT NULL,
	`wiki_url` text DEFAULT '' NOT NULL,
	`since` text NOT NULL
);
