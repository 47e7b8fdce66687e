import * as clock from "../clock";
import type { Database } from "../db/client";
import type { RawMovie } from "../db/repositories/movies";
import { movieViewRepository, type WantedPageQuery } from "../db/repositories/movieViews";
import { tagRepository } from "../db/repositories/tags";
import { invalidInput } from "../domain/failures/failure";
import { type CalendarReleaseType, calendarFeed } from "../domain/library/calendarFeed";
import type { MovieMetadata } from "../domain/library/movieMetadata";
import { moviesJson } from "./movieResource";
import { cutoffUnmetMovieIds } from "./releaseSearch/wanted";

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a wanted page asks for; `sortKey` is echoed as the client sent it (`movieMetadata.sortTitle`). */
type WantedQuery = WantedPageQuery & { echoSortKey: string };

/** Radarr's paging envelope (MovieResourcePagingResource) as JSON, the records spliced in as text. */
async function pageJson(
  db: Database,
  query: WantedQuery,
  page: { rows: RawMovie[]; totalRecords: number },
): Promise<string> {
  const envelope = JSON.stringify({
    page: query.page,
    pageSize: query.pageSize,
    sortKey: query.echoSortKey,
    sortDirection: query.sortDirection,
    totalRecords: page.totalRecords,
  });
  return `${envelope.slice(0, -1)},"records":${await moviesJson(db, page.rows, clock.now())}}`;
}

/** Radarr's Wanted → Missing page. */
export async function wantedMissingJson(db: Database, query: WantedQuery): Promise<string> {
  return pageJson(db, query, await movieViewRepository(db).missingPage(query));
}

/** Radarr's Wanted → Cutoff Unmet page: movies with a file below their profile's cutoff. */
export async function wantedCutoffJson(db: Database, query: WantedQuery): Promise<string> {
  const ids = await cutoffUnmetMovieIds(db, query.monitored);
  return pageJson(
    db,
    query,
    ids.length ? await movieViewRepository(db).pageOfIds(ids, query) : { rows: [], totalRecords: 0 },
  );
}

/**
 * Radarr's `tags` query parameter: comma-separated tag ids or labels (its TagService.GetTag takes
 * either); an unknown tag is a 400 naming it.
 */
async function tagIds(db: Database, tags: string | undefined): Promise<number[]> {
  const names = (tags ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  const repo = tagRepository(db);
  const ids: number[] = [];
  for (const name of names) {
    const tag = /^\d+$/.test(name) ? await repo.get(Number(name)) : await repo.byLabel(name);
    if (!tag) throw invalidInput("query.tags", `Tag '${name}' does not exist`);
    ids.push(tag.id);
  }
  return ids;
}

export interface CalendarQuery {
  start?: string;
  end?: string;
  unmonitored: boolean;
  tags?: string;
}

/** Midnight UTC of today plus `days`. */
const dayFromToday = (days: number) => new Date(Date.parse(`${clock.todayUtc()}T00:00:00Z`) + days * DAY_MS);

function instant(value: string | undefined, fallback: Date, field: string): string {
  if (value === undefined || value === "") return fallback.toISOString();
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw invalidInput(`query.${field}`, `${field} must be a date (ISO 8601)`);
  return new Date(time).toISOString();
}

async function calendarMovies(db: Database, query: CalendarQuery): Promise<RawMovie[]> {
  // Radarr's defaults: from today to two days later.
  const start = instant(query.start, dayFromToday(0), "start");
  const end = instant(query.end, dayFromToday(2), "end");
  if (start > end) throw invalidInput("query.end", "end must not be before start");
  return movieViewRepository(db).between(start, end, query.unmonitored, await tagIds(db, query.tags));
}

/** GET /calendar: the movies with a release in the range, as MovieResource JSON. */
export async function calendarJson(db: Database, query: CalendarQuery): Promise<string> {
  return moviesJson(db, await calendarMovies(db, query), clock.now());
}

export interface CalendarFeedQuery {
  pastDays: number;
  futureDays: number;
  unmonitored: boolean;
  tags?: string;
  releaseTypes: CalendarReleaseType[];
}

/** Radarr.ics: `pastDays` before today to `futureDays` after, the movies in the order they were added. */
export async function calendarFeedText(db: Database, query: CalendarFeedQuery): Promise<string> {
  const movies = await calendarMovies(db, {
    start: dayFromToday(-query.pastDays).toISOString(),
    end: dayFromToday(query.futureDays).toISOString(),
    unmonitored: query.unmonitored,
    tags: query.tags,
  });
  const byAdded = [...movies].sort(
    (a, b) => a.columns.added.localeCompare(b.columns.added) || a.columns.id - b.columns.id,
  );
  const feedMovies = byAdded.map(({ columns, metadataJson }) => {
    const metadata = JSON.parse(metadataJson) as Partial<MovieMetadata>;
    return {
      ...columns,
      overview: metadata.overview ?? "",
      studio: metadata.studio ?? "",
    };
  });
  return calendarFeed(feedMovies, query.releaseTypes, clock.nowIso());
}
