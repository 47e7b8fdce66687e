import * as clock from "../clock";
import type { Database } from "../db/client";
import { type CommandRow, commandChunkRepository, commandRepository } from "../db/repositories/commands";
import { MovieRepository } from "../db/repositories/movies";
import { Failure, invalidInput, resourceNotFound } from "../domain/failures/failure";

/** The commands run so far, as the API lists them. */
export function commandLog(db: Database) {
  const repo = commandRepository(db);
  return {
    /** The last 100 commands, newest first. */
    recent: () => repo.recent(100),

    async get(id: number): Promise<CommandRow> {
      const row = await repo.get(id);
      if (!row) throw resourceNotFound(`Command ${id}`);
      return row;
    },

    /**
     * Cancels a queued or running command: a queued one never starts, a running one stops at its
     * next chunk (the chunk in hand finishes its item). An ended command is a conflict, as in Radarr.
     */
    async cancel(id: number): Promise<void> {
      await this.get(id);
      if (!(await commandChunkRepository(db).cancel(id, clock.nowIso())))
        throw new Failure("conflict", "Unable to cancel task");
    },
  };
}

/**
 * A command naming movies must name library movies: unknown ids are a 400 naming them now, not
 * a command that fails later with nothing to show for them.
 */
export async function assertMoviesExist(db: Database, body: unknown): Promise<void> {
  const ids = (body as { movieIds?: unknown }).movieIds;
  if (!Array.isArray(ids) || ids.length === 0) return;
  const wanted = [...new Set(ids as number[])];
  const found = await new MovieRepository(db).existingIds(wanted);
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length === 0) return;
  const more = missing.length > 20 ? ` and ${missing.length - 20} more` : "";
  throw invalidInput("body.movieIds", `Movie ${missing.slice(0, 20).join(", ")}${more} not in the library`);
}

/** The latest run of each command name (for the task list). */
export async function lastRuns(db: Database, names: readonly string[]): Promise<Map<string, CommandRow>> {
  const out = new Map<string, CommandRow>();
  for (const name of names) {
    const row = await commandRepository(db).latestNamed(name);
    if (row) out.set(name, row);
  }
  return out;
}
