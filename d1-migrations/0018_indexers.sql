CREATE TABLE `hdbits_observations` (
	`info_hash` text PRIMARY KEY NOT NULL,
	`indexer_id` integer NOT NULL,
	`torrent_id` integer NOT NULL,
	`name` text NOT NULL,
	`release_group` text NOT NULL,
	`quality_id` integer DEFAULT 0 NOT NULL,
	`size` integer NOT NULL,
	`seeders` integer NOT NULL,
	`leechers` integer NOT NULL,
	`times_completed` integer NOT NULL,
	`internal` integer NOT NULL,
	`exclusive` integer NOT NULL,
	`freeleech` integer NOT NULL,
	`imdb_id` text,
	`runtime` integer DEFAULT 0 NOT NULL,
	`uploaded_at` text NOT NULL,
	`observed_at` text NOT NULL,
	FOREIGN KEY (`indexer_id`) REFERENCES `indexers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `hdbits_observations_group_idx` ON `hdbits_observations` (`release_group`);--> statement-breakpoint
CREATE TABLE `indexer_status` (
	`indexer_id` integer PRIMARY KEY NOT NULL,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`initial_failure_at` text,
	`most_recent_failure_at` text,
	`disabled_until` text,
	`last_error` text,
	`last_failure_kind` text,
	`capabilities` text,
	`caps_fetched_at` text,
	FOREIGN KEY (`indexer_id`) REFERENCES `indexers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `indexers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`implementation` text NOT NULL,
	`protocol` text NOT NULL,
	`settings` text NOT NULL,
	`enable_rss` integer DEFAULT true NOT NULL,
	`enable_automatic_search` integer DEFAULT true NOT NULL,
	`enable_interactive_search` integer DEFAULT true NOT NULL,
	`priority` integer DEFAULT 25 NOT NULL,
	`tags` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indexers_name_unique` ON `indexers` (`name`);