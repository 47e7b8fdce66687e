DROP INDEX `movies_sort_title_idx`;--> statement-breakpoint
DROP INDEX `movies_year_idx`;--> statement-breakpoint
DROP INDEX `movies_added_idx`;--> statement-breakpoint
DROP INDEX `movies_rating_idx`;--> statement-breakpoint
DROP INDEX `movies_size_idx`;--> statement-breakpoint
CREATE INDEX `movies_popularity_idx` ON `movies` (`popularity`,`sort_title`,`id`,`monitored`,`has_file`,`status`,`quality_profile_id`,`year`);--> statement-breakpoint
CREATE INDEX `movies_sort_title_idx` ON `movies` (`sort_title`,`id`,`monitored`,`has_file`,`status`,`quality_profile_id`,`year`);--> statement-breakpoint
CREATE INDEX `movies_year_idx` ON `movies` (`year`,`sort_title`,`id`,`monitored`,`has_file`,`status`,`quality_profile_id`);--> statement-breakpoint
CREATE INDEX `movies_added_idx` ON `movies` (`added`,`sort_title`,`id`,`monitored`,`has_file`,`status`,`quality_profile_id`,`year`);--> statement-breakpoint
CREATE INDEX `movies_rating_idx` ON `movies` (`rating`,`sort_title`,`id`,`monitored`,`has_file`,`status`,`quality_profile_id`,`year`);--> statement-breakpoint
CREATE INDEX `movies_size_idx` ON `movies` (`size_on_disk`,`sort_title`,`id`,`monitored`,`has_file`,`status`,`quality_profile_id`,`year`);--> statement-breakpoint
-- Search over every title a movie has (issue 17): an FTS5 index with the trigram tokenizer, so a
-- search of 3 or more characters is an index lookup with the same substring meaning the paged
-- search always had (clean titles: folded, letters and digits only). One row per movie, rowid =
-- movies.id, kept in sync by the triggers below. `titles` holds the clean title, the original
-- title (lower case, common punctuation and spaces removed; the tokenizer folds case and
-- diacritics) and each alternate title's clean title, separated by spaces so no match spans two.
CREATE VIRTUAL TABLE movie_search USING fts5(titles, tokenize = 'trigram case_sensitive 0 remove_diacritics 1');
--> statement-breakpoint
INSERT INTO movie_search (rowid, titles)
  SELECT id, clean_title
    || CASE WHEN original_title = title THEN '' ELSE ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(original_title, ' ', ''), '.', ''), ',', ''), ':', ''), '-', ''), '''', ''), '!', ''), '?', ''), '&', ''), '’', '')) END
    || coalesce((SELECT ' ' || group_concat(json_extract(t.value, '$.cleanTitle'), ' ') FROM json_each(metadata, '$.alternateTitles') t), '')
  FROM movies;
--> statement-breakpoint
CREATE TRIGGER movie_search_insert AFTER INSERT ON movies BEGIN
  INSERT INTO movie_search (rowid, titles) VALUES (new.id, new.clean_title
    || CASE WHEN new.original_title = new.title THEN '' ELSE ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new.original_title, ' ', ''), '.', ''), ',', ''), ':', ''), '-', ''), '''', ''), '!', ''), '?', ''), '&', ''), '’', '')) END
    || coalesce((SELECT ' ' || group_concat(json_extract(t.value, '$.cleanTitle'), ' ') FROM json_each(new.metadata, '$.alternateTitles') t), ''));
END;
--> statement-breakpoint
CREATE TRIGGER movie_search_update AFTER UPDATE OF title, original_title, clean_title, metadata ON movies BEGIN
  UPDATE movie_search SET titles = new.clean_title
    || CASE WHEN new.original_title = new.title THEN '' ELSE ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new.original_title, ' ', ''), '.', ''), ',', ''), ':', ''), '-', ''), '''', ''), '!', ''), '?', ''), '&', ''), '’', '')) END
    || coalesce((SELECT ' ' || group_concat(json_extract(t.value, '$.cleanTitle'), ' ') FROM json_each(new.metadata, '$.alternateTitles') t), '')
  WHERE rowid = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER movie_search_delete AFTER DELETE ON movies BEGIN DELETE FROM movie_search WHERE rowid = old.id; END;
