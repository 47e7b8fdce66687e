CREATE TABLE `commands` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`trigger` text NOT NULL,
	`message` text,
	`result` text,
	`queued` text NOT NULL,
	`started` text,
	`ended` text
);
--> statement-breakpoint
CREATE INDEX `commands_name_idx` ON `commands` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `commands_status_idx` ON `commands` (`status`);