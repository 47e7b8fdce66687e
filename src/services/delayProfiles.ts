import type { Database } from "../db/client";
import {
  type DelayProfileRow,
  delayProfileRepository,
  type NewDelayProfileRow,
  tagsOfMovie,
} from "../db/repositories/profiles";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";

/** Radarr's delay profiles: id 1 is the default (no tags, last); the others apply by tag, in order. */

const DEFAULT_DELAY_PROFILE_ID = 1;

export type DelayProfileInput = Omit<NewDelayProfileRow, "id" | "order">;

function validate(id: number | null, input: DelayProfileInput, others: readonly DelayProfileRow[]) {
  if (!input.enableUsenet && !input.enableTorrent)
    throw invalidInput("body.enableUsenet", "Either Usenet or Torrent should be enabled");
  const tags = input.tags;
  if (id === DEFAULT_DELAY_PROFILE_ID && tags.length)
    throw invalidInput("body.tags", "The default delay profile applies to every movie and takes no tags");
  if (id !== DEFAULT_DELAY_PROFILE_ID && tags.length === 0) throw invalidInput("body.tags", "'Tags' must not be empty");
  const used = others.find((p) => p.id !== id && p.tags.some((t) => tags.includes(t)));
  if (used) throw invalidInput("body.tags", `One or more tags is used in another profile (delay profile ${used.id})`);
}

/**
 * Radarr's DelayProfileService.Reorder: `id` moves right after `afterId` (to the top without
 * one); the others keep their relative order and the default stays last. The new orders by id.
 */
function reorderedPositions(all: readonly DelayProfileRow[], id: number, afterId?: number) {
  const moving = all.find((p) => p.id === id);
  if (!moving) return [];
  const after = afterId === undefined ? undefined : all.find((p) => p.id === afterId);
  const afterOrder = !after ? 0 : moving.order < after.order ? after.order - 1 : after.order;
  let afterCount = afterOrder + 2;
  const changes: { id: number; order: number }[] = [];
  for (const profile of all) {
    if (profile.id === DEFAULT_DELAY_PROFILE_ID) continue;
    let order = profile.order;
    if (profile.id === id) order = afterOrder + 1;
    else if (profile.id === after?.id) order = afterOrder;
    else if (profile.order > afterOrder) order = afterCount++;
    else if (profile.order > moving.order) order = profile.order - 1;
    changes.push({ id: profile.id, order });
  }
  return changes;
}

/** The profile of a movie with these tags: the first in order sharing a tag, else the default. */
export function bestForTags(all: readonly DelayProfileRow[], tags: readonly number[]): DelayProfileRow | undefined {
  return [...all]
    .sort((a, b) => a.order - b.order)
    .find((p) => p.tags.length === 0 || p.tags.some((t) => tags.includes(t)));
}

/** The delay profile that applies to a library movie. */
export async function delayProfileForMovie(db: Database, movieId: number): Promise<DelayProfileRow | undefined> {
  const [all, tags] = await Promise.all([delayProfileRepository(db).list(), tagsOfMovie(db, movieId)]);
  return bestForTags(all, tags);
}

export function delayProfileService(db: Database) {
  const repo = delayProfileRepository(db);
  const get = async (id: number): Promise<DelayProfileRow> => {
    const row = await repo.get(id);
    if (!row) throw resourceNotFound(`Delay profile ${id}`);
    return row;
  };
  return {
    list: () => repo.list(),
    get,

    async add(input: DelayProfileInput): Promise<DelayProfileRow> {
      const all = await repo.list();
      validate(null, input, all);
      // Radarr numbers a new profile by the count: after the tagged ones, before the default.
      return repo.create({ ...input, order: all.length });
    },

    async update(id: number, input: DelayProfileInput): Promise<DelayProfileRow> {
      await get(id);
      validate(id, input, await repo.list());
      return (await repo.update(id, input)) as DelayProfileRow;
    },

    async remove(id: number): Promise<void> {
      if (id === DEFAULT_DELAY_PROFILE_ID) throw invalidInput("id", "Cannot delete global delay profile");
      if (!(await repo.delete(id))) throw resourceNotFound(`Delay profile ${id}`);
      const rest = await repo.list();
      await repo.reorder(
        rest.flatMap((p, i) =>
          p.id === DEFAULT_DELAY_PROFILE_ID || p.order === i + 1 ? [] : [{ id: p.id, order: i + 1 }],
        ),
      );
    },

    /** Moves a profile after another (or first) and answers every profile in order. */
    async reorder(id: number, afterId?: number): Promise<DelayProfileRow[]> {
      await get(id);
      if (afterId !== undefined) await get(afterId);
      const all = await repo.list();
      const changes = reorderedPositions(all, id, afterId);
      await repo.reorder(changes.filter((c) => all.find((p) => p.id === c.id)?.order !== c.order));
      return repo.list();
    },
  };
}
