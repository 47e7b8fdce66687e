CREATE TABLE `api_key_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`key_hash` text NOT NULL,
	`sealed_key` text NOT NULL,
	`created_at` text NOT NULL,
	`retired_secret_hash` text NOT NULL
);
