CREATE TABLE `import_exclusions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tmdb_id` integer NOT NULL,
	`movie_title` text NOT NULL,
	`movie_year` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_exclusions_tmdb_id_unique` ON `import_exclusions` (`tmdb_id`);--> statement-breakpoint
CREATE TABLE `movie_genres` (
	`movie_id` integer NOT NULL,
	`genre` text NOT NULL,
	PRIMARY KEY(`movie_id`, `genre`),
	FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `movie_genres_genre_idx` ON `movie_genres` (`genre`,`movie_id`);--> statement-breakpoint
CREATE TABLE `movie_tags` (
	`movie_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`movie_id`, `tag_id`),
	FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `movie_tags_tag_idx` ON `movie_tags` (`tag_id`,`movie_id`);--> statement-breakpoint
CREATE TABLE `movies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tmdb_id` integer NOT NULL,
	`imdb_id` text,
	`title` text NOT NULL,
	`original_title` text NOT NULL,
	`sort_title` text NOT NULL,
	`clean_title` text NOT NULL,
	`year` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`runtime` integer DEFAULT 0 NOT NULL,
	`in_cinemas` text,
	`physical_release` text,
	`digital_release` text,
	`monitored` integer DEFAULT true NOT NULL,
	`minimum_availability` text NOT NULL,
	`quality_profile_id` integer NOT NULL,
	`root_folder_path` text NOT NULL,
	`path` text NOT NULL,
	`has_file` integer DEFAULT false NOT NULL,
	`size_on_disk` integer DEFAULT 0 NOT NULL,
	`rating` real DEFAULT 0 NOT NULL,
	`popularity` real DEFAULT 0 NOT NULL,
	`genres` text NOT NULL,
	`metadata` text NOT NULL,
	`add_options` text,
	`added` text NOT NULL,
	`last_info_sync` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`quality_profile_id`) REFERENCES `quality_profiles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `movies_tmdb_id_unique` ON `movies` (`tmdb_id`);--> statement-breakpoint
CREATE INDEX `movies_imdb_id_idx` ON `movies` (`imdb_id`);--> statement-breakpoint
CREATE INDEX `movies_sort_title_idx` ON `movies` (`sort_title`,`id`);--> statement-breakpoint
CREATE INDEX `movies_year_idx` ON `movies` (`year`,`sort_title`);--> statement-breakpoint
CREATE INDEX `movies_added_idx` ON `movies` (`added`,`id`);--> statement-breakpoint
CREATE INDEX `movies_rating_idx` ON `movies` (`rating`,`id`);--> statement-breakpoint
CREATE INDEX `movies_size_idx` ON `movies` (`size_on_disk`,`id`);--> statement-breakpoint
CREATE INDEX `movies_monitored_idx` ON `movies` (`monitored`,`sort_title`);--> statement-breakpoint
CREATE INDEX `movies_has_file_idx` ON `movies` (`has_file`,`sort_title`);--> statement-breakpoint
CREATE INDEX `movies_status_idx` ON `movies` (`status`,`sort_title`);--> statement-breakpoint
CREATE INDEX `movies_quality_profile_idx` ON `movies` (`quality_profile_id`,`sort_title`);--> statement-breakpoint
CREATE TABLE `quality_definitions` (
	`id` integer PRIMARY KEY NOT NULL,
	`quality_id` integer NOT NULL,
	`title` text NOT NULL,
	`weight` integer NOT NULL,
	`min_size` real,
	`max_size` real,
	`preferred_size` real
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quality_definitions_quality_id_unique` ON `quality_definitions` (`quality_id`);--> statement-breakpoint
CREATE TABLE `quality_profiles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`upgrade_allowed` integer DEFAULT false NOT NULL,
	`cutoff` integer NOT NULL,
	`items` text NOT NULL,
	`min_format_score` integer DEFAULT 0 NOT NULL,
	`cutoff_format_score` integer DEFAULT 0 NOT NULL,
	`min_upgrade_format_score` integer DEFAULT 1 NOT NULL,
	`format_items` text NOT NULL,
	`language` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quality_profiles_name_unique` ON `quality_profiles` (`name`);--> statement-breakpoint
CREATE TABLE `root_folders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`path` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `root_folders_path_unique` ON `root_folders` (`path`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`label` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_label_unique` ON `tags` (`label`);