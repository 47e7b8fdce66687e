CREATE TABLE `custom_formats` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`include_when_renaming` integer DEFAULT false NOT NULL,
	`specifications` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `custom_formats_name_unique` ON `custom_formats` (`name`);--> statement-breakpoint
CREATE TABLE `movie_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movie_id` integer NOT NULL,
	`event_type` text NOT NULL,
	`source_title` text NOT NULL,
	`from_quality` text,
	`to_quality` text NOT NULL,
	`from_format_score` integer,
	`to_format_score` integer DEFAULT 0 NOT NULL,
	`custom_format_ids` text NOT NULL,
	`languages` text NOT NULL,
	`download_id` text,
	`data` text NOT NULL,
	`date` text NOT NULL,
	FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `movie_history_movie_idx` ON `movie_history` (`movie_id`,`date`);--> statement-breakpoint
CREATE INDEX `movie_history_date_idx` ON `movie_history` (`date`);