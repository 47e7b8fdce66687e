import { and, eq, isNotNull } from "drizzle-orm";
import type { Database } from "../client";
import { importLists, listItems } from "../schema";

/** What the enabled import lists hold (with a TMDb id), one row per list and movie. */
export function listMovieRepository(db: Database) {
  return {
    enabledListItems: () =>
      db
        .select({
          listId: listItems.listId,
          tmdbId: listItems.tmdbId,
          imdbId: listItems.imdbId,
          title: listItems.title,
          year: listItems.year,
          metadata: listItems.metadata,
        })
        .from(listItems)
        .innerJoin(importLists, eq(importLists.id, listItems.listId))
        .where(and(eq(importLists.enabled, true), isNotNull(listItems.tmdbId))),
  };
}
