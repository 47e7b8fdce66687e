CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`implementation` text NOT NULL,
	`settings` text NOT NULL,
	`on_grab` integer DEFAULT false NOT NULL,
	`on_download` integer DEFAULT false NOT NULL,
	`on_upgrade` integer DEFAULT false NOT NULL,
	`on_health_issue` integer DEFAULT true NOT NULL,
	`on_movie_added` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_name_unique` ON `notifications` (`name`);