import { z } from "zod";
import type { ListRequest } from "../../source";

/**
 * IMDbListSettings: which IMDb list to read. `listId` is a public list (`ls…`), a user whose
 * watchlist is public (`ur…`), or a chart: `top250` or `moviemeter` (Most Popular; Radarr calls it
 * `popular`, which is accepted too). A pasted IMDb address is reduced to its id.
 */

const IMDB_CHARTS = { top250: "/chart/top/", moviemeter: "/chart/moviemeter/" } as const;

const CHART_ALIASES: Record<string, ImdbChart> = {
  top250: "top250",
  top: "top250",
  moviemeter: "moviemeter",
  popular: "moviemeter",
};

type ImdbChart = keyof typeof IMDB_CHARTS;

function isChart(listId: string): listId is ImdbChart {
  return Object.hasOwn(IMDB_CHARTS, listId);
}

const LIST_ID = /^ls\d{5,12}$/;
const USER_ID = /^ur\d{5,12}$/;

/** The canonical id for what a user typed or pasted (an id or an imdb.com address). */
export function normalizeImdbListId(input: string): string {
  const value = input.trim();
  const lower = value.toLowerCase();
  if (Object.hasOwn(CHART_ALIASES, lower)) return CHART_ALIASES[lower];
  const chart = /\/chart\/(top|moviemeter)\b/i.exec(value);
  if (chart) return CHART_ALIASES[chart[1].toLowerCase()];
  const list = /(?:^|\/)(ls\d+)(?:[/?#]|$)/i.exec(value);
  if (list) return list[1].toLowerCase();
  const user = /(?:^|\/)(ur\d+)(?:[/?#]|$)/i.exec(value);
  if (user) return user[1].toLowerCase();
  return value;
}

function isValidImdbListId(listId: string): boolean {
  return isChart(listId) || LIST_ID.test(listId) || USER_ID.test(listId);
}

export const imdbListSettingsSchema = z.object({
  listId: z.string().trim().min(1, "Enter an IMDb list id").transform(normalizeImdbListId).refine(isValidImdbListId, {
    message:
      "List ID must be 'top250', 'moviemeter' (or 'popular'), an IMDb list id like 'ls12345678' or an IMDb user id like 'ur12345678' whose watchlist is public",
  }),
});
export type ImdbListSettings = z.infer<typeof imdbListSettingsSchema>;

const PAGE_HEADERS = { Accept: "text/html,application/xhtml+xml", "Accept-Language": "en-US,en;q=0.9" };

/** The page of a list, watchlist or chart; lists and watchlists have 250 titles a page. */
export function imdbPageRequest(listId: string, imdbUrl: string, page = 1): ListRequest {
  const path = isChart(listId)
    ? IMDB_CHARTS[listId]
    : listId.startsWith("ur")
      ? `/user/${listId}/watchlist`
      : `/list/${listId}/`;
  const query = page > 1 && !isChart(listId) ? `?page=${page}` : "";
  return { service: "imdb", url: `${imdbUrl}${path}${query}`, headers: PAGE_HEADERS };
}

/** The page number a request asked for (`?page=N`, 1 when absent). */
export function imdbPageNumber(url: string): number {
  const page = Number(new URL(url).searchParams.get("page") ?? "1");
  return Number.isInteger(page) && page >= 1 ? page : 1;
}
