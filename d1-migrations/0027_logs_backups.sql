CREATE TABLE `backup_chunks` (
	`backup_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`backup_id`, `seq`),
	FOREIGN KEY (`backup_id`) REFERENCES `backups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `backups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`size` integer NOT NULL,
	`time` text NOT NULL,
	`chunks` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `backups_name_unique` ON `backups` (`name`);--> statement-breakpoint
CREATE TABLE `log_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`time` text NOT NULL,
	`level` text NOT NULL,
	`logger` text NOT NULL,
	`message` text NOT NULL,
	`exception` text
);
--> statement-breakpoint
CREATE INDEX `log_entries_level_idx` ON `log_entries` (`level`,`id`);--> statement-breakpoint
CREATE INDEX `log_entries_time_idx` ON `log_entries` (`time`);