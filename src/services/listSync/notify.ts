import type { ServiceContext } from "../context";
import { notify } from "../notifications";
import type { ImportListRow, SyncOutcome } from "./outcome";

/** Movies named in one "movie added" notification; a bigger import says how many more. */
const NAMED_MOVIES = 100;

/**
 * What a finished sync tells the notification targets: "movie added" (which list, which movies)
 * when it added any, to targets with onMovieAdded; the sync summary (added/removed/unchanged
 * counts) to targets with onImportListSync — each as the list's own switch allows (notifyOnMovieAdded,
 * notifyOnSyncSummary). A target that fails is logged, never fails the sync.
 */
export async function notifyListSync(ctx: ServiceContext, list: ImportListRow, outcome: SyncOutcome) {
  const importList = { id: list.id, name: list.name, implementation: list.implementation };
  const added = outcome.addedMovies ?? [];
  const sends: Promise<unknown>[] = [];
  if (added.length > 0 && list.notifyOnMovieAdded) {
    const named = added.slice(0, NAMED_MOVIES).map((m) => `${m.title} (${m.year})`);
    const more = added.length > NAMED_MOVIES ? ` and ${added.length - NAMED_MOVIES} more` : "";
    sends.push(
      notify(ctx, "movieAdded", {
        message: `${list.name} added ${named.join(", ")}${more}`,
        addMethod: "list",
        importList,
        movies: added.slice(0, NAMED_MOVIES),
        moviesAdded: added.length,
      }),
    );
  }
  const unchanged = outcome.unchanged ? outcome.found : Math.max(0, outcome.found - outcome.added - outcome.updated);
  if (list.notifyOnSyncSummary)
    sends.push(
      notify(ctx, "importListSync", {
        message: `${list.name} synced: ${outcome.added} added, ${outcome.removed} removed, ${unchanged} unchanged`,
        importList,
        status: outcome.status,
        found: outcome.found,
        added: outcome.added,
        removed: outcome.removed,
        updated: outcome.updated,
        unchanged,
        excluded: outcome.excluded,
        existing: outcome.existing,
      }),
    );
  for (const result of await Promise.allSettled(sends)) {
    if (result.status === "rejected")
      ctx.logger.warn("list sync notification failed", { listId: list.id, error: String(result.reason) });
  }
}
