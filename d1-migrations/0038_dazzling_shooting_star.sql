CREATE TABLE `notification_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notification_id` integer NOT NULL,
	`notification_name` text NOT NULL,
	`event` text NOT NULL,
	`payload` text NOT NULL,
	`summary` text NOT NULL,
	`failure_kind` text NOT NULL,
	`failure_message` text NOT NULL,
	`attempts` integer NOT NULL,
	`first_attempt_at` text NOT NULL,
	`last_attempt_at` text NOT NULL,
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notification_failures_notification_idx` ON `notification_failures` (`notification_id`);