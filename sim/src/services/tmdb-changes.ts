import type { Hono } from "hono";
import { nowIso } from "../clock";
import { addDays, allMovies } from "../data/catalogue";
import { hashString } from "../data/prng";

/**
 * TMDb's movie change feed, `GET /3/movie/changes?start_date=&end_date=&page=`: the ids of movies
 * edited in a window of at most 14 days (default: the last 24 hours), 100 a page, as
 * `{ results: [{ id, adult }], page, total_pages, total_results }`. In the simulator a movie is
 * edited on a day when a stable hash of (id, day) falls in DAILY_CHANGE_PER_MILLE of its range,
 * and on its release day (new release dates, certifications); nothing changes after SIM_NOW's day.
 */
const DAILY_CHANGE_PER_MILLE = 20;
const PER_PAGE = 100;
const MAX_DAYS = 14;
const MAX_PAGE = 1000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The catalogue's movies edited on `day` (YYYY-MM-DD). */
function moviesChangedOn(day: string): number[] {
  if (day > nowIso().slice(0, 10)) return [];
  return allMovies()
    .filter((m) => m.releaseDate === day || hashString(`${m.id}:${day}`) % 1000 < DAILY_CHANGE_PER_MILLE)
    .map((m) => m.id);
}

function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (let day = start; day <= end && days.length <= MAX_DAYS; day = addDays(day, 1)) days.push(day);
  return days;
}

export function mountTmdbChangesRoute(app: Hono, error: (status: number, code?: number) => Response): void {
  app.get("/3/movie/changes", (c) => {
    const today = nowIso().slice(0, 10);
    const end = c.req.query("end_date") || today;
    const start = c.req.query("start_date") || addDays(end, -1);
    const page = Number(c.req.query("page") ?? "1");
    if (!DAY.test(start) || !DAY.test(end) || start > end) return error(422, 5);
    const days = daysBetween(start, end);
    if (days.length > MAX_DAYS) return error(422, 5);
    if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) return error(400, 22);
    const ids = [...new Set(days.flatMap(moviesChangedOn))].sort((a, b) => a - b);
    return c.json({
      results: ids.slice((page - 1) * PER_PAGE, page * PER_PAGE).map((id) => ({ id, adult: false })),
      page,
      total_pages: Math.max(1, Math.ceil(ids.length / PER_PAGE)),
      total_results: ids.length,
    });
  });
}
