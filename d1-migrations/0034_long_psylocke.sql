CREATE TABLE `notification_status` (
	`notification_id` integer PRIMARY KEY NOT NULL,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`last_failure_kind` text,
	`last_failure_at` text,
	`last_success_at` text,
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE cascade
);
