CREATE INDEX `movies_in_cinemas_idx` ON `movies` (`in_cinemas`);--> statement-breakpoint
CREATE INDEX `movies_digital_release_idx` ON `movies` (`digital_release`);--> statement-breakpoint
CREATE INDEX `movies_physical_release_idx` ON `movies` (`physical_release`);