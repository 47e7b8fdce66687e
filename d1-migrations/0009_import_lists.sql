CREATE TABLE `import_lists` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`implementation` text NOT NULL,
	`config_contract` text NOT NULL,
	`settings` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`enable_auto` integer DEFAULT true NOT NULL,
	`monitor` text NOT NULL,
	`minimum_availability` text NOT NULL,
	`quality_profile_id` integer NOT NULL,
	`root_folder_path` text NOT NULL,
	`tags` text NOT NULL,
	`search_on_add` integer DEFAULT false NOT NULL,
	`list_order` integer DEFAULT 0 NOT NULL,
	`sync_interval_minutes` integer NOT NULL,
	`last_sync_at` text,
	`next_sync_at` text,
	`last_content_hash` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`quality_profile_id`) REFERENCES `quality_profiles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_lists_name_unique` ON `import_lists` (`name`);--> statement-breakpoint
CREATE INDEX `import_lists_due_idx` ON `import_lists` (`enabled`,`next_sync_at`);--> statement-breakpoint
CREATE TABLE `list_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`list_id` integer NOT NULL,
	`item_key` text NOT NULL,
	`tmdb_id` integer,
	`imdb_id` text,
	`title` text NOT NULL,
	`year` integer DEFAULT 0 NOT NULL,
	`metadata` text NOT NULL,
	`status` text NOT NULL,
	`movie_id` integer,
	`first_seen_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `import_lists`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `list_items_list_key_unique` ON `list_items` (`list_id`,`item_key`);--> statement-breakpoint
CREATE INDEX `list_items_tmdb_idx` ON `list_items` (`tmdb_id`);--> statement-breakpoint
CREATE INDEX `list_items_status_idx` ON `list_items` (`list_id`,`status`);--> statement-breakpoint
CREATE TABLE `list_sync_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`list_id` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`failure_kind` text,
	`enqueued_at` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `import_lists`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `list_sync_jobs_status_idx` ON `list_sync_jobs` (`status`,`list_id`);--> statement-breakpoint
CREATE TABLE `list_sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`list_id` integer NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	`duration_ms` integer,
	`found` integer DEFAULT 0 NOT NULL,
	`added` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`removed` integer DEFAULT 0 NOT NULL,
	`excluded` integer DEFAULT 0 NOT NULL,
	`existing` integer DEFAULT 0 NOT NULL,
	`upstream_requests` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT false NOT NULL,
	`errors` text NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `import_lists`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `list_sync_runs_list_idx` ON `list_sync_runs` (`list_id`,`id`);--> statement-breakpoint
CREATE TABLE `movie_provenance` (
	`movie_id` integer NOT NULL,
	`list_id` integer NOT NULL,
	`list_name` text NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`movie_id`, `list_id`),
	FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`list_id`) REFERENCES `import_lists`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `movie_provenance_list_idx` ON `movie_provenance` (`list_id`);