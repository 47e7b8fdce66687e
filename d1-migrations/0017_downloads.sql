CREATE TABLE `blocklist` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movie_id` integer NOT NULL,
	`source_title` text NOT NULL,
	`indexer` text,
	`protocol` text NOT NULL,
	`info_hash` text,
	`download_id` text,
	`quality` text NOT NULL,
	`custom_format_ids` text NOT NULL,
	`languages` text NOT NULL,
	`size` integer,
	`reason` text NOT NULL,
	`message` text,
	`date` text NOT NULL,
	`blocked_until` text,
	`retry_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `blocklist_movie_idx` ON `blocklist` (`movie_id`);--> statement-breakpoint
CREATE INDEX `blocklist_hash_idx` ON `blocklist` (`info_hash`);--> statement-breakpoint
CREATE INDEX `blocklist_until_idx` ON `blocklist` (`blocked_until`);--> statement-breakpoint
CREATE TABLE `download_clients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`implementation` text NOT NULL,
	`protocol` text NOT NULL,
	`settings` text NOT NULL,
	`enable` integer DEFAULT true NOT NULL,
	`priority` integer DEFAULT 1 NOT NULL,
	`remove_completed_downloads` integer DEFAULT true NOT NULL,
	`remove_failed_downloads` integer DEFAULT true NOT NULL,
	`tags` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `download_clients_name_unique` ON `download_clients` (`name`);--> statement-breakpoint
CREATE TABLE `downloads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movie_id` integer NOT NULL,
	`download_client_id` integer NOT NULL,
	`download_id` text NOT NULL,
	`title` text NOT NULL,
	`indexer` text NOT NULL,
	`protocol` text NOT NULL,
	`quality` text NOT NULL,
	`custom_format_ids` text NOT NULL,
	`custom_format_score` integer DEFAULT 0 NOT NULL,
	`languages` text NOT NULL,
	`size` integer DEFAULT 0 NOT NULL,
	`sizeleft` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`tracked_download_state` text NOT NULL,
	`tracked_download_status` text DEFAULT 'ok' NOT NULL,
	`status_messages` text NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`eta` integer,
	`error_message` text,
	`failure_kind` text,
	`retry_count` integer DEFAULT 0 NOT NULL,
	`next_retry_at` text,
	`stalled_since` text,
	`release` text NOT NULL,
	`source` text NOT NULL,
	`output_path` text,
	`grabbed_at` text NOT NULL,
	`completed_at` text,
	`imported_at` text,
	`dead_lettered_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`download_client_id`) REFERENCES `download_clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `downloads_state_idx` ON `downloads` (`tracked_download_state`,`download_client_id`);--> statement-breakpoint
CREATE INDEX `downloads_movie_idx` ON `downloads` (`movie_id`,`tracked_download_state`);--> statement-breakpoint
CREATE INDEX `downloads_client_download_idx` ON `downloads` (`download_client_id`,`download_id`);--> statement-breakpoint
CREATE TABLE `movie_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movie_id` integer NOT NULL,
	`relative_path` text NOT NULL,
	`path` text NOT NULL,
	`size` integer DEFAULT 0 NOT NULL,
	`quality` text NOT NULL,
	`custom_format_ids` text NOT NULL,
	`custom_format_score` integer DEFAULT 0 NOT NULL,
	`languages` text NOT NULL,
	`release_group` text,
	`edition` text,
	`scene_name` text,
	`download_client_id` integer,
	`download_id` text,
	`date_added` text NOT NULL,
	FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `movie_files_movie_unique` ON `movie_files` (`movie_id`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `on_download_failure` integer DEFAULT false NOT NULL;