CREATE TABLE `watchmode_id_map` (
	`watchmode_id` integer PRIMARY KEY NOT NULL,
	`tmdb_id` integer,
	`tmdb_type` text,
	`imdb_id` text,
	`title` text NOT NULL,
	`year` integer
);
--> statement-breakpoint
CREATE INDEX `watchmode_id_map_tmdb_idx` ON `watchmode_id_map` (`tmdb_type`,`tmdb_id`);--> statement-breakpoint
CREATE TABLE `watchmode_id_map_staging` (
	`watchmode_id` integer PRIMARY KEY NOT NULL,
	`tmdb_id` integer,
	`tmdb_type` text,
	`imdb_id` text,
	`title` text NOT NULL,
	`year` integer
);
