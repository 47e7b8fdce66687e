import { z } from "zod";
import { Failure } from "../../../failures/failure";
import type { ImportListSource, ListItem, ListRequest } from "../../source";
import { externalIds } from "./guids";

/**
 * Plex Watchlist (Radarr's PlexImport): the account watchlist from Plex's discover provider,
 * `GET {PLEX_DISCOVER_URL}/library/sections/watchlist/all`, authorised by the account token in
 * `X-Plex-Token`, paged with `X-Plex-Container-Start`/`X-Plex-Container-Size` until `totalSize`.
 * Only `type: "movie"` entries are kept; their imdb:// and tmdb:// guids become the item's ids.
 */

export const PLEX_WATCHLIST_PAGE_SIZE = 100;

const plexListSettingsSchema = z.object({
  accessToken: z.string().trim().min(1, "Sign in with Plex (or paste your Plex token) to read your watchlist"),
});
export type PlexListSettings = z.infer<typeof plexListSettingsSchema>;

/** The discover provider's watchlist answer (JSON), only the fields read here. */
const plexWatchlistResponseSchema = z.object({
  MediaContainer: z.object({
    offset: z.number().int().optional(),
    totalSize: z.number().int().optional(),
    size: z.number().int().optional(),
    Metadata: z
      .array(
        z.object({
          ratingKey: z.string().optional(),
          guid: z.string().optional(),
          type: z.string(),
          title: z.string(),
          year: z.number().int().optional(),
          Guid: z.array(z.object({ id: z.string() })).optional(),
        }),
      )
      .optional(),
  }),
});

export function plexWatchlistRequest(plexDiscoverUrl: string, accessToken: string, start: number): ListRequest {
  const query = new URLSearchParams({
    includeFields: "title,type,year,ratingKey",
    includeElements: "Guid",
    includeGuids: "1",
    excludeElements: "Image",
    sort: "watchlistedAt:desc",
    "X-Plex-Container-Start": String(start),
    "X-Plex-Container-Size": String(PLEX_WATCHLIST_PAGE_SIZE),
  });
  return {
    service: "plex",
    url: `${plexDiscoverUrl}/library/sections/watchlist/all?${query}`,
    // The token goes in a header, so it never shows in a logged URL.
    headers: {
      Accept: "application/json",
      "X-Plex-Token": accessToken,
      "X-Plex-Product": "Radarr Edge",
      "X-Plex-Client-Identifier": "radarr-edge",
    },
  };
}

export interface PlexWatchlistPage {
  items: ListItem[];
  /** Where the next page starts, or undefined on the last page. */
  nextStart?: number;
}

/** Reads one page of the watchlist JSON. `start` is where the request asked the page to start. */
export function parsePlexWatchlist(text: string, start: number): PlexWatchlistPage {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Failure("parseError", "Plex sent a watchlist that is not valid JSON");
  }
  const parsed = plexWatchlistResponseSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Failure(
      "parseError",
      `Plex sent an unexpected watchlist (${issue?.path.join(".") || "body"}: ${issue?.message})`,
    );
  }
  const container = parsed.data.MediaContainer;
  const metadata = container.Metadata ?? [];
  const items = metadata.flatMap((entry): ListItem[] => {
    if (entry.type !== "movie") return [];
    const ids = externalIds((entry.Guid ?? []).map((guid) => guid.id));
    if (!ids.imdbId && !ids.tmdbId) return [];
    return [
      {
        ...ids,
        title: entry.title,
        year: entry.year ?? 0,
        metadata: { ...(entry.ratingKey ? { plexRatingKey: entry.ratingKey } : {}) },
      },
    ];
  });
  const nextStart = (container.offset ?? start) + metadata.length;
  const more =
    metadata.length > 0 &&
    (container.totalSize !== undefined ? nextStart < container.totalSize : metadata.length >= PLEX_WATCHLIST_PAGE_SIZE);
  return { items, nextStart: more ? nextStart : undefined };
}

export const plexWatchlistSource: ImportListSource<PlexListSettings> = {
  implementation: "PlexImport",
  implementationName: "Plex Watchlist",
  configContract: "PlexListSettings",
  minRefreshIntervalMinutes: 6 * 60,
  requestsPerSecond: 5,
  settings: plexListSettingsSchema,
  fields: [
    {
      name: "accessToken",
      label: "Access Token",
      type: "textbox",
      privacy: "apiKey",
      helpText: "Your Plex account token (X-Plex-Token), from signing in with Plex",
    },
  ],

  firstRequest: (settings, env) => plexWatchlistRequest(env.plexDiscoverUrl, settings.accessToken, 0),

  parse(response, settings, env) {
    const start = Number(new URL(response.url).searchParams.get("X-Plex-Container-Start") ?? "0") || 0;
    const page = parsePlexWatchlist(response.text, start);
    return {
      items: page.items,
      next:
        page.nextStart === undefined
          ? undefined
          : plexWatchlistRequest(env.plexDiscoverUrl, settings.accessToken, page.nextStart),
    };
  },
};
