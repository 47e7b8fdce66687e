CREATE TABLE `alternative_titles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movie_id` integer NOT NULL,
	`title` text NOT NULL,
	`source_type` text DEFAULT 'tmdb' NOT NULL,
	FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alternative_titles_movie_title_unique` ON `alternative_titles` (`movie_id`,`title`);--> statement-breakpoint
CREATE TABLE `collections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tmdb_id` integer NOT NULL,
	`title` text NOT NULL,
	`sort_title` text NOT NULL,
	`overview` text DEFAULT '' NOT NULL,
	`images` text NOT NULL,
	`parts` text,
	`monitored` integer DEFAULT false NOT NULL,
	`quality_profile_id` integer NOT NULL,
	`root_folder_path` text NOT NULL,
	`minimum_availability` text DEFAULT 'released' NOT NULL,
	`search_on_add` integer DEFAULT false NOT NULL,
	`tags` text NOT NULL,
	`added` text NOT NULL,
	`last_info_sync` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `collections_tmdb_id_unique` ON `collections` (`tmdb_id`);--> statement-breakpoint
CREATE TABLE `movie_credits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movie_id` integer NOT NULL,
	`credit_tmdb_id` text NOT NULL,
	`person_tmdb_id` integer NOT NULL,
	`person_name` text NOT NULL,
	`type` text NOT NULL,
	`department` text,
	`job` text,
	`character` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`profile_path` text,
	`synced_at` text NOT NULL,
	FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `movie_credits_movie_credit_unique` ON `movie_credits` (`movie_id`,`credit_tmdb_id`);