import type { Context, MiddlewareHandler } from "hono";
import { addDays, catalogueReferenceDate, type Movie } from "../data/catalogue";
import { type TraktTrendingShow, traktTrendingShows } from "../data/discovery-trending";
import {
  BOX_OFFICE_SIZE,
  editTraktList,
  matchesFilters,
  movieYear,
  resetTraktListEdits,
  TRAKT_SIM_USER,
  TRAKT_WATCHED_PERIODS,
  type TraktChartFilters,
  type TraktChartName,
  type TraktListDefinition,
  type TraktUserData,
  type TraktWatchedPeriod,
  traktChart,
  traktIds,
  traktList,
  traktListUpdatedAt,
  traktTrendingWatchers,
  traktUser,
  traktWatchedChart,
} from "../data/lists-trakt";
import { createService } from "./service";
import { acceptsAccessToken, registerTraktOAuth } from "./trakt-oauth";

/**
 * Trakt API v2 (api.trakt.tv) as import lists and trending read it: user lists, watchlist,
 * collection and watch history, the movie charts and trending shows, with Trakt's JSON shapes, its paging (`page` and `limit`
 * query parameters; X-Pagination-Page, -Limit, -Page-Count and -Item-Count headers; `limit`
 * clamped to 250) and its status codes: 403 without a `trakt-api-key` (any non-empty client id is
 * accepted), 401 for a private list or profile without its owner's token, or for a token that is
 * not `Bearer trakt-sim-token` (which belongs to the user `sim`) or one issued by the
 * OAuth routes (trakt-oauth.ts), and 404 for unknown users/lists. A list's summary
 * (GET /users/{id}/lists/{list_id}) carries its item_count and updated_at; the control route
 * POST /trakt/__lists/demo-edited/edit changes that list's items (and so its summary).
 */

const TRAKT_ERRORS: Record<number, { error: string; error_description: string }> = {
  400: { error: "bad_request", error_description: "Request couldn't be parsed" },
  401: { error: "unauthorized", error_description: "OAuth must be provided, or it does not give access to this" },
  403: { error: "forbidden", error_description: "Invalid API key or unapproved app" },
  404: { error: "not_found", error_description: "Method exists, but no record found" },
  429: { error: "rate_limit_exceeded", error_description: "Rate Limit Exceeded" },
};

export function traktError(status: number): Response {
  const body = TRAKT_ERRORS[status] ?? { error: "server_error", error_description: "Server Error" };
  const headers = new Headers({ "content-type": "application/json; charset=utf-8" });
  if (status === 429) {
    headers.set(
      "X-Ratelimit",
      JSON.stringify({ name: "UNAUTHED_API_GET_LIMIT", period: 300, limit: 1000, remaining: 0 }),
    );
  }
  return new Response(JSON.stringify(body), { status, headers });
}

export const trakt = createService({
  name: "trakt",
  description:
    "Trakt API v2 (api.trakt.tv): user lists, watchlist, collection, watched history, trending/popular/anticipated/box office/most watched movies, trending shows",
  errorResponse: (status) => traktError(status),
});

/** Trakt's documented default page size when `limit` is not sent, and its maximum. */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 250;

/** The user a request's token belongs to: null without a token. Invalid tokens never get here. */
function viewerOf(c: Context): string | null {
  return c.req.header("Authorization") ? TRAKT_SIM_USER : null;
}

const requireApiKey: MiddlewareHandler = async (c, next) => {
  if (!c.req.header("trakt-api-key")?.trim()) return traktError(403);
  const authorization = c.req.header("Authorization");
  if (authorization !== undefined && !acceptsAccessToken(authorization)) return traktError(401);
  await next();
};

function unauthorizedPrivateUser(): Response {
  const response = traktError(401);
  response.headers.set("X-Private-User", "true");
  return response;
}

/** The user a path names ("me" is the token's owner), or the error Trakt answers instead. */
function userFor(c: Context, username: string): TraktUserData | Response {
  const viewer = viewerOf(c);
  const name = username === "me" ? viewer : username;
  if (name === null) return traktError(401);
  const user = traktUser(name);
  if (!user) return traktError(404);
  if (user.private && viewer !== user.username) return unauthorizedPrivateUser();
  return user;
}

function positiveInt(raw: string | undefined): number | undefined {
  return raw && /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined;
}

/** One page of `items` with Trakt's pagination headers. */
function paged<T>(c: Context, items: readonly T[], shape: (item: T, index: number) => unknown): Response {
  const page = positiveInt(c.req.query("page")) ?? 1;
  const limit = Math.min(MAX_LIMIT, positiveInt(c.req.query("limit")) ?? DEFAULT_LIMIT);
  const start = (page - 1) * limit;
  const body = items.slice(start, start + limit).map((item, offset) => shape(item, start + offset));
  return c.json(body, 200, {
    "X-Pagination-Page": String(page),
    "X-Pagination-Limit": String(limit),
    "X-Pagination-Page-Count": String(Math.max(1, Math.ceil(items.length / limit))),
    "X-Pagination-Item-Count": String(items.length),
  });
}

function movieBody(movie: Movie) {
  return { title: movie.title, year: movieYear(movie), ids: traktIds(movie) };
}

/** A timestamp some days before the reference day, so listed/collected/watched dates are stable. */
function daysAgo(days: number, time = "20:15:00.000Z"): string {
  return `${addDays(catalogueReferenceDate(), -days)}T${time}`;
}

function listItemBody(listId: number) {
  return (movie: Movie, index: number) => ({
    rank: index + 1,
    id: listId * 100_000 + index + 1,
    listed_at: daysAgo(1 + (index % 1_500)),
    notes: null,
    type: "movie",
    movie: movieBody(movie),
  });
}

const WATCHLIST_SORTS: Record<string, (items: readonly Movie[]) => Movie[]> = {
  rank: (items) => [...items],
  // Items are listed newest first, so "added" reverses rank order.
  added: (items) => [...items].reverse(),
  released: (items) => [...items].sort((a, b) => b.releaseDate.localeCompare(a.releaseDate) || a.id - b.id),
  title: (items) => [...items].sort((a, b) => a.title.localeCompare(b.title) || a.id - b.id),
};

function range(raw: string | undefined, pattern: RegExp): { from: number; to: number } | undefined {
  const match = raw ? pattern.exec(raw) : null;
  if (!match) return undefined;
  const from = Number(match[1]);
  return { from, to: match[2] === undefined ? from : Number(match[2]) };
}

function list(raw: string | undefined): string[] | undefined {
  const values = raw
    ?.split(",")
    .map((value) => value.trim().toLowerCase())
    .filter(Boolean);
  return values?.length ? values : undefined;
}

function chartFilters(c: Context): TraktChartFilters {
  return {
    genres: list(c.req.query("genres")),
    years: range(c.req.query("years"), /^(\d{4})(?:-(\d{4}))?$/),
    ratings: range(c.req.query("ratings"), /^(\d{1,3})-(\d{1,3})$/),
    certifications: list(c.req.query("certifications")),
  };
}

const app = trakt.app;
trakt.reset = resetTraktListEdits;
// OAuth takes the client id in the body, not the trakt-api-key header: its routes come first.
registerTraktOAuth(app);

// Simulator control: edit the editable demo list (drops its first 10 movies, adds 20 at its end).
app.post("/__lists/:list/edit", (c) => {
  const found = traktList(traktUser(TRAKT_SIM_USER) as TraktUserData, c.req.param("list"));
  if (!found?.editable) return c.json({ message: "Only the editable demo list can be edited" }, 404);
  const edits = editTraktList();
  return c.json({ edits, itemCount: found.movies().length, updatedAt: traktListUpdatedAt(found) });
});

app.use("*", requireApiKey);

/** A list as Trakt describes it (GET /users/{id}/lists/{list_id}). */
function listSummaryBody(list: TraktListDefinition, user: TraktUserData) {
  const updatedAt = traktListUpdatedAt(list);
  return {
    name: list.name,
    description: `${list.name} (demo data)`,
    privacy: list.privacy,
    share_link: `https://trakt.tv/lists/${list.traktId}`,
    type: "personal",
    display_numbers: false,
    allow_comments: true,
    sort_by: "rank",
    sort_how: "asc",
    created_at: daysAgo(400),
    updated_at: updatedAt,
    item_count: list.movies().length,
    comment_count: 0,
    likes: 0,
    ids: { trakt: list.traktId, slug: list.slug },
    user: {
      username: user.username,
      private: user.private,
      name: user.username,
      vip: false,
      ids: { slug: user.username },
    },
  };
}

app.get("/users/:username/lists/:list", (c) => {
  const user = userFor(c, c.req.param("username"));
  if (user instanceof Response) return user;
  const found = traktList(user, c.req.param("list"));
  if (!found) return traktError(404);
  if (found.privacy === "private" && viewerOf(c) !== user.username) return traktError(401);
  return c.json(listSummaryBody(found, user));
});

app.get("/users/:username/lists/:list/items/:type?", (c) => {
  const user = userFor(c, c.req.param("username"));
  if (user instanceof Response) return user;
  const found = traktList(user, c.req.param("list"));
  if (!found) return traktError(404);
  if (found.privacy === "private" && viewerOf(c) !== user.username) return traktError(401);
  const type = c.req.param("type");
  // Demo lists hold movies only, so every other type is an empty page.
  const movies = type === undefined || type === "movies" || type === "movie" ? found.movies() : [];
  return paged(c, movies, listItemBody(found.traktId));
});

app.get("/users/:username/watchlist/:type/:sort?", (c) => {
  const user = userFor(c, c.req.param("username"));
  if (user instanceof Response) return user;
  const sort = WATCHLIST_SORTS[c.req.param("sort") ?? "rank"];
  if (!sort) return traktError(404);
  const movies = c.req.param("type") === "movies" ? sort(user.watchlist()) : [];
  return paged(c, movies, listItemBody(9));
});

app.get("/users/:username/collection/:type", (c) => {
  const user = userFor(c, c.req.param("username"));
  if (user instanceof Response) return user;
  const movies = c.req.param("type") === "movies" ? user.collection() : [];
  return paged(c, movies, (movie, index) => ({
    collected_at: daysAgo(1 + index * 3),
    updated_at: daysAgo(1 + index * 3),
    movie: movieBody(movie),
  }));
});

app.get("/users/:username/watched/:type", (c) => {
  const user = userFor(c, c.req.param("username"));
  if (user instanceof Response) return user;
  const movies = c.req.param("type") === "movies" ? user.watched() : [];
  return paged(c, movies, (movie, index) => ({
    plays: 1 + (index % 3),
    last_watched_at: daysAgo(1 + index * 2, "21:40:00.000Z"),
    last_updated_at: daysAgo(1 + index * 2, "21:40:00.000Z"),
    movie: movieBody(movie),
  }));
});

const CHART_BODIES: Record<Exclude<TraktChartName, "boxoffice">, (movie: Movie) => unknown> = {
  trending: (movie) => ({ watchers: traktTrendingWatchers(movie), movie: movieBody(movie) }),
  popular: movieBody,
  anticipated: (movie) => ({ list_count: Math.max(1, Math.round(movie.popularity * 40)), movie: movieBody(movie) }),
};

for (const [name, body] of Object.entries(CHART_BODIES) as [keyof typeof CHART_BODIES, (movie: Movie) => unknown][]) {
  app.get(`/movies/${name}`, (c) => {
    const filters = chartFilters(c);
    return paged(
      c,
      traktChart(name).filter((movie) => matchesFilters(movie, filters)),
      body,
    );
  });
}

const slugOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function trendingShowBody({ show, watchers, traktId, tvdbId }: TraktTrendingShow) {
  const year = show.firstAirDate ? Number(show.firstAirDate.slice(0, 4)) : null;
  return {
    watchers,
    show: {
      title: show.name,
      year,
      ids: { trakt: traktId, slug: `${slugOf(show.name)}-${traktId}`, tvdb: tvdbId, imdb: null, tmdb: show.id },
    },
  };
}

app.get("/shows/trending", (c) => paged(c, traktTrendingShows(), trendingShowBody));

// The weekend box office: always the top 10, unpaged, as Trakt serves it.
app.get("/movies/boxoffice", (c) =>
  c.json(
    traktChart("boxoffice")
      .slice(0, BOX_OFFICE_SIZE)
      .map((movie) => ({ revenue: Math.round(movie.popularity * 250_000), movie: movieBody(movie) })),
  ),
);

app.get("/movies/watched/:period?", (c) => {
  const period = (c.req.param("period") ?? "weekly") as TraktWatchedPeriod;
  if (!TRAKT_WATCHED_PERIODS.includes(period)) return traktError(404);
  const filters = chartFilters(c);
  return paged(
    c,
    traktWatchedChart(period).filter((movie) => matchesFilters(movie, filters)),
    (movie, index) => {
      const watchers = Math.max(1, Math.round(movie.popularity * 50) - index);
      return {
        watcher_count: watchers,
        play_count: watchers * 2,
        collected_count: Math.round(watchers / 2),
        movie: movieBody(movie),
      };
    },
  );
});
