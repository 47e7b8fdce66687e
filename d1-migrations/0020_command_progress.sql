ALTER TABLE `commands` ADD `cursor` text;--> statement-breakpoint
ALTER TABLE `commands` ADD `chunks` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `commands` ADD `progress_done` integer;--> statement-breakpoint
ALTER TABLE `commands` ADD `progress_total` integer;--> statement-breakpoint
ALTER TABLE `commands` ADD `heartbeat` text;