CREATE TABLE `delay_profiles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enable_usenet` integer DEFAULT true NOT NULL,
	`enable_torrent` integer DEFAULT true NOT NULL,
	`preferred_protocol` text DEFAULT 'usenet' NOT NULL,
	`usenet_delay` integer DEFAULT 0 NOT NULL,
	`torrent_delay` integer DEFAULT 0 NOT NULL,
	`bypass_if_highest_quality` integer DEFAULT false NOT NULL,
	`bypass_if_above_custom_format_score` integer DEFAULT false NOT NULL,
	`minimum_custom_format_score` integer DEFAULT 0 NOT NULL,
	`order` integer NOT NULL,
	`tags` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pending_releases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movie_id` integer NOT NULL,
	`title` text NOT NULL,
	`indexer` text NOT NULL,
	`protocol` text NOT NULL,
	`publish_date` text NOT NULL,
	`quality` text NOT NULL,
	`custom_format_ids` text NOT NULL,
	`custom_format_score` integer DEFAULT 0 NOT NULL,
	`languages` text NOT NULL,
	`size` integer DEFAULT 0 NOT NULL,
	`release` text NOT NULL,
	`source` text NOT NULL,
	`reason` text DEFAULT 'delay' NOT NULL,
	`added` text NOT NULL,
	FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pending_releases_movie_idx` ON `pending_releases` (`movie_id`);--> statement-breakpoint
CREATE TABLE `release_profiles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text,
	`enabled` integer DEFAULT true NOT NULL,
	`required` text NOT NULL,
	`ignored` text NOT NULL,
	`indexer_id` integer DEFAULT 0 NOT NULL,
	`tags` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `delay_profiles` (`id`, `enable_usenet`, `enable_torrent`, `preferred_protocol`, `usenet_delay`, `torrent_delay`, `bypass_if_highest_quality`, `bypass_if_above_custom_format_score`, `minimum_custom_format_score`, `order`, `tags`) VALUES (1, 1, 1, 'usenet', 0, 0, 0, 0, 0, 2147483647, '[]');
