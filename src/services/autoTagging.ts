import type { Database } from "../db/client";
import { type AutoTagRow, autoTagRepository, type MovieTagChange } from "../db/repositories/autoTags";
import { MovieRepository, type MovieWithTags } from "../db/repositories/movies";
import { tagRepository } from "../db/repositories/tags";
import { Failure, invalidInput, resourceNotFound } from "../domain/failures/failure";
import { type AutoTagDraft, type AutoTagSubject, autoTagChanges, validateAutoTag } from "../domain/library/autoTagging";
import type { MovieStatus } from "../domain/library/movieStatus";

export type { AutoTagRow };

/** Auto tagging rules (Radarr's AutoTaggingService): unique names, known tags, valid conditions. */
export function autoTagService(db: Database) {
  const repo = autoTagRepository(db);

  async function validated(draft: AutoTagDraft, id?: number): Promise<AutoTagDraft> {
    const problems = validateAutoTag(draft);
    if (problems.length) {
      throw new Failure("invalidInput", `Validation failed: body.${problems[0].path}: ${problems[0].message}`, {
        fields: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
      });
    }
    const clash = await repo.byName(draft.name);
    if (clash && clash.id !== id) throw invalidInput("body.name", `An auto tag named '${draft.name}' already exists`);
    const tags = [...new Set(draft.tags)];
    const found = await tagRepository(db).existingIds(tags);
    const missing = tags.filter((tag) => !found.has(tag));
    if (missing.length) throw invalidInput("body.tags", `Tag ${missing.join(", ")} does not exist`);
    return { ...draft, tags };
  }

  return {
    list: () => repo.list(),

    async get(id: number): Promise<AutoTagRow> {
      const row = await repo.get(id);
      if (!row) throw resourceNotFound(`Auto tag ${id}`);
      return row;
    },

    add: async (draft: AutoTagDraft) => repo.create(await validated(draft)),

    async update(id: number, draft: AutoTagDraft): Promise<AutoTagRow> {
      if (!(await repo.get(id))) throw resourceNotFound(`Auto tag ${id}`);
      const row = await repo.update(id, await validated(draft, id));
      if (!row) throw resourceNotFound(`Auto tag ${id}`);
      return row;
    },

    async remove(id: number): Promise<void> {
      if (!(await repo.delete(id))) throw resourceNotFound(`Auto tag ${id}`);
    },
  };
}

/** What the conditions read of a library movie. */
function subjectOf(movie: MovieWithTags): AutoTagSubject {
  return {
    monitored: movie.monitored,
    qualityProfileId: movie.qualityProfileId,
    rootFolderPath: movie.rootFolderPath,
    tags: movie.tags,
    year: movie.year,
    runtime: movie.runtime,
    status: movie.status as MovieStatus,
    genres: movie.genres,
    keywords: movie.metadata.keywords ?? [],
    studio: movie.metadata.studio ?? "",
    originalLanguageId: movie.metadata.originalLanguage?.id ?? 0,
  };
}

/**
 * Applies the auto tagging rules to these movies (Radarr's MovieService.UpdateTags): the tags of
 * matching rules are added, those of rules that stopped matching and remove automatically taken
 * off, in one transaction. Resolves with the number of movies whose tags changed.
 */
export async function applyAutoTags(db: Database, movieIds: readonly number[]): Promise<number> {
  const repo = autoTagRepository(db);
  const rules = await repo.list();
  if (rules.length === 0 || movieIds.length === 0) return 0;
  const movies = await new MovieRepository(db).byIds([...movieIds]);
  const changes: MovieTagChange[] = [];
  for (const movie of movies) {
    const { add, remove } = autoTagChanges(rules, subjectOf(movie));
    if (add.length || remove.length) changes.push({ movieId: movie.id, add, remove });
  }
  await repo.applyTagChanges(changes);
  return changes.length;
}

/** The rules applied to the library movies with these TMDb ids (movies a list sync just added). */
export async function applyAutoTagsToAdded(db: Database, tmdbIds: number[]): Promise<number> {
  if (tmdbIds.length === 0 || (await autoTagRepository(db).list()).length === 0) return 0;
  return applyAutoTags(db, [...(await new MovieRepository(db).idsByTmdbIds(tmdbIds)).values()]);
}

/** Movies one page of the library-wide walk reads at once. */
const LIBRARY_PAGE = 200;

/** One page of the walk over the library: the rules applied to the movies after `afterId`. */
export async function applyAutoTagsToPage(
  db: Database,
  afterId: number,
): Promise<{ lastId: number | undefined; examined: number; changed: number }> {
  const ids = await autoTagRepository(db).movieIdsAfter(afterId, LIBRARY_PAGE);
  const changed = await applyAutoTags(db, ids);
  return { lastId: ids.at(-1), examined: ids.length, changed };
}

/** The library's size, for the walk's progress. */
export const libraryMovieCount = (db: Database) => autoTagRepository(db).movieCount();
