import type { Movie } from "../api";

/**
 * The calendar's periods and events, on UTC calendar days ("2026-12-07"), as the server dates
 * releases. Weeks start on the day Settings › UI names (firstDayOfWeek: 0 Sunday, Radarr's
 * default, or 1 Monday).
 */

export const CALENDAR_VIEWS = ["month", "week", "agenda"] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export const RELEASE_TYPES = ["cinema", "digital", "physical"] as const;
export type ReleaseType = (typeof RELEASE_TYPES)[number];
export const RELEASE_LABELS: Record<ReleaseType, string> = {
  cinema: "In cinemas",
  digital: "Digital release",
  physical: "Physical release",
};

export type EventStatus = "downloaded" | "missing" | "unmonitored";
export const STATUS_LABELS: Record<EventStatus, string> = {
  downloaded: "Downloaded",
  missing: "Missing",
  unmonitored: "Unmonitored",
};

export interface CalendarEvent {
  day: string;
  type: ReleaseType;
  status: EventStatus;
  movie: Movie;
}

export interface Period {
  /** The first day shown and the day after the last (exclusive). */
  start: string;
  end: string;
  /** The days shown, in order (a month's grid includes the weeks' days outside it). */
  days: string[];
  title: string;
}

const DAY_MS = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
const addDays = (day: string, n: number) => toDay(msOf(day) + n * DAY_MS);
export const todayUtc = () => toDay(Date.now());
export const isDay = (value: string | null) =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(msOf(value));

/** The day of week (0 Sunday … 6 Saturday) weeks start on. */
export type FirstDayOfWeek = number;

function weekStart(day: string, firstDay: FirstDayOfWeek): string {
  return addDays(day, -((new Date(msOf(day)).getUTCDay() - firstDay + 7) % 7));
}

function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function daysFrom(start: string, end: string): string[] {
  const days: string[] = [];
  for (let day = start; day < end; day = addDays(day, 1)) days.push(day);
  return days;
}

const monthTitle = (day: string) =>
  new Date(msOf(day)).toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
export const dayTitle = (day: string, options: Intl.DateTimeFormatOptions = {}) =>
  new Date(msOf(day)).toLocaleDateString("en-US", {
    weekday: "short",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
    ...options,
  });

/** The period a view shows around `anchor`: its month's whole weeks, its week, or its month's days. */
export function periodOf(view: CalendarView, anchor: string, firstDay: FirstDayOfWeek = 0): Period {
  if (view === "week") {
    const start = weekStart(anchor, firstDay);
    const end = addDays(start, 7);
    return { start, end, days: daysFrom(start, end), title: `Week of ${dayTitle(start, { year: "numeric" })}` };
  }
  const first = monthStart(anchor);
  const next = monthStart(addDays(first, 31));
  if (view === "agenda") return { start: first, end: next, days: daysFrom(first, next), title: monthTitle(first) };
  const start = weekStart(first, firstDay);
  const end = weekStart(addDays(next, 6), firstDay);
  return { start, end, days: daysFrom(start, end), title: monthTitle(first) };
}

/** The anchor of the period before (-1) or after (+1) the one shown. */
export function shiftAnchor(view: CalendarView, anchor: string, step: -1 | 1): string {
  if (view === "week") return addDays(anchor, 7 * step);
  const first = monthStart(anchor);
  return step === 1 ? monthStart(addDays(first, 31)) : monthStart(addDays(first, -1));
}

function statusOf(movie: Movie): EventStatus {
  if (movie.hasFile) return "downloaded";
  return movie.monitored ? "missing" : "unmonitored";
}

/** One event per release date of each movie that falls in the period, by day then type. */
export function eventsIn(movies: readonly Movie[], period: Period): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const movie of movies) {
    const dates: Record<ReleaseType, string | undefined> = {
      cinema: movie.inCinemas,
      digital: movie.digitalRelease,
      physical: movie.physicalRelease,
    };
    for (const type of RELEASE_TYPES) {
      const day = dates[type]?.slice(0, 10);
      if (day && day >= period.start && day < period.end) events.push({ day, type, status: statusOf(movie), movie });
    }
  }
  return events.sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      RELEASE_TYPES.indexOf(a.type) - RELEASE_TYPES.indexOf(b.type) ||
      a.movie.sortTitle.localeCompare(b.movie.sortTitle),
  );
}
