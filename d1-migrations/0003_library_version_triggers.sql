-- Every write to the library moves library_state.movies by a random step (see src/db/schema.ts
-- libraryState): a random step keeps two different histories from reaching the same version.
INSERT INTO library_state (key, version) VALUES ('movies', 0);
--> statement-breakpoint
CREATE TRIGGER movies_version_insert AFTER INSERT ON movies BEGIN UPDATE library_state SET version = version + 1 + abs(random() % 1000000) WHERE key = 'movies'; END;
--> statement-breakpoint
CREATE TRIGGER movies_version_update AFTER UPDATE ON movies BEGIN UPDATE library_state SET version = version + 1 + abs(random() % 1000000) WHERE key = 'movies'; END;
--> statement-breakpoint
CREATE TRIGGER movies_version_delete AFTER DELETE ON movies BEGIN UPDATE library_state SET version = version + 1 + abs(random() % 1000000) WHERE key = 'movies'; END;
--> statement-breakpoint
CREATE TRIGGER movie_tags_version_insert AFTER INSERT ON movie_tags BEGIN UPDATE library_state SET version = version + 1 + abs(random() % 1000000) WHERE key = 'movies'; END;
--> statement-breakpoint
CREATE TRIGGER movie_tags_version_delete AFTER DELETE ON movie_tags BEGIN UPDATE library_state SET version = version + 1 + abs(random() % 1000000) WHERE key = 'movies'; END;
