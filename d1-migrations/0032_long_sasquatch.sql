CREATE TABLE `hdbits_analyzer_collections` (
	`indexer_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`since` text NOT NULL,
	`next_page` integer DEFAULT 0 NOT NULL,
	`pages` integer DEFAULT 0 NOT NULL,
	`releases` integer DEFAULT 0 NOT NULL,
	`oldest_reached` text,
	`next_request_at` text,
	`command_id` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`started_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`indexer_id`) REFERENCES `indexers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `hdbits_analyzer_groups` (
	`release_group` text PRIMARY KEY NOT NULL,
	`score` integer NOT NULL,
	`reputation` text NOT NULL,
	`computed_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `hdbits_analyzer_releases` (
	`indexer_id` integer NOT NULL,
	`torrent_id` integer NOT NULL,
	`info_hash` text NOT NULL,
	`name` text NOT NULL,
	`release_group` text NOT NULL,
	`quality_id` integer DEFAULT 0 NOT NULL,
	`resolution` integer DEFAULT 0 NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`codec` text DEFAULT '' NOT NULL,
	`size` integer NOT NULL,
	`seeders` integer NOT NULL,
	`leechers` integer NOT NULL,
	`times_completed` integer NOT NULL,
	`freeleech` integer NOT NULL,
	`internal` integer NOT NULL,
	`exclusive` integer NOT NULL,
	`origin` integer DEFAULT 0 NOT NULL,
	`imdb_id` text,
	`uploaded_at` text NOT NULL,
	`collected_at` text NOT NULL,
	PRIMARY KEY(`indexer_id`, `torrent_id`),
	FOREIGN KEY (`indexer_id`) REFERENCES `indexers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `hdbits_analyzer_releases_group_idx` ON `hdbits_analyzer_releases` (`release_group`);