ALTER TABLE `movie_files` ADD `media_info` text;--> statement-breakpoint
-- The movie resource embeds its file: a movie file write moves the library version too (see 0003), so the cached whole-library list is rebuilt.
CREATE TRIGGER movie_files_version_insert AFTER INSERT ON movie_files BEGIN UPDATE library_state SET version = version + 1 + abs(random() % 1000000) WHERE key = 'movies'; END;
--> statement-breakpoint
CREATE TRIGGER movie_files_version_update AFTER UPDATE ON movie_files BEGIN UPDATE library_state SET version = version + 1 + abs(random() % 1000000) WHERE key = 'movies'; END;
--> statement-breakpoint
CREATE TRIGGER movie_files_version_delete AFTER DELETE ON movie_files BEGIN UPDATE library_state SET version = version + 1 + abs(random() % 1000000) WHERE key = 'movies'; END;
