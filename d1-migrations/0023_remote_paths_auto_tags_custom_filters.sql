CREATE TABLE `auto_tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`remove_tags_automatically` integer DEFAULT false NOT NULL,
	`tags` text NOT NULL,
	`specifications` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `auto_tags_name_unique` ON `auto_tags` (`name`);--> statement-breakpoint
CREATE TABLE `custom_filters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`label` text NOT NULL,
	`filters` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `remote_path_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`host` text NOT NULL,
	`remote_path` text NOT NULL,
	`local_path` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `remote_path_mappings_host_remote_unique` ON `remote_path_mappings` (`host`,`remote_path`);