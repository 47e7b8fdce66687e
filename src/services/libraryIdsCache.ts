import * as clock from "../clock";
import type { Database } from "../db/client";
import { MovieRepository } from "../db/repositories/movies";

/**
 * The library's movie ids by TMDb id, kept in this isolate's memory for the "in library" badges
 * of discovery pages (trending, coming soon), which are read far more often than the library is
 * written. The library version (moved by triggers on every movie write) is checked at most once
 * a second — one tiny D1 read — and the ids are reloaded only when it moved; a write through this
 * isolate drops them at once (see `forgetLibraryIds` in app.ts). A badge can lag a write made
 * through another isolate by up to RECHECK_MS.
 */
const RECHECK_MS = 1_000;

let held: { version: number; checkedAt: number; ids: Map<number, number> } | undefined;
let checking: Promise<Map<number, number>> | undefined;

export function libraryIdsByTmdbId(db: Database): Promise<Map<number, number>> {
  if (held && clock.now() - held.checkedAt < RECHECK_MS) return Promise.resolve(held.ids);
  checking ??= (async () => {
    const movies = new MovieRepository(db);
    try {
      const version = await movies.libraryVersion();
      if (held?.version === version) {
        held.checkedAt = clock.now();
        return held.ids;
      }
      const ids = await movies.allIdsByTmdbId();
      held = { version, checkedAt: clock.now(), ids };
      return ids;
    } finally {
      checking = undefined;
    }
  })();
  return checking;
}

/** Drops the held ids: after a write through this isolate, and between tests. */
export function forgetLibraryIds(): void {
  held = undefined;
}
