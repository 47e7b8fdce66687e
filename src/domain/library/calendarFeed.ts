/**
 * Radarr's iCal feed (Radarr.ics) as RFC 5545 text: one all-day event per release (cinemas,
 * digital, physical) of each movie, with Radarr's UIDs (`Radarr_movie_<id>_<type>`), so a calendar
 * app that subscribed to Radarr keeps its events when pointed here.
 */

export const CALENDAR_RELEASE_TYPES = ["cinemaRelease", "digitalRelease", "physicalRelease"] as const;
export type CalendarReleaseType = (typeof CALENDAR_RELEASE_TYPES)[number];

export interface CalendarFeedMovie {
  id: number;
  title: string;
  overview: string;
  studio: string;
  status: string;
  inCinemas?: string | null;
  digitalRelease?: string | null;
  physicalRelease?: string | null;
}

const EVENTS: { type: CalendarReleaseType; date: keyof CalendarFeedMovie; uid: string; summary: string }[] = [
  { type: "cinemaRelease", date: "inCinemas", uid: "_cinemas", summary: "(Theatrical Release)" },
  { type: "digitalRelease", date: "digitalRelease", uid: "_digital", summary: "(Digital Release)" },
  { type: "physicalRelease", date: "physicalRelease", uid: "_physical", summary: "(Physical Release)" },
];

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + one space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; continuation lines 74 after their leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** `20260107T093000Z` from an ISO instant. */
function utcStamp(iso: string): string {
  return `${iso.replace(/[-:]/g, "").replace(/\.\d+/, "").slice(0, 15)}Z`;
}

/** `20260107` (the UTC date) from an ISO instant. */
function utcDate(iso: string): string {
  return iso.slice(0, 10).replace(/-/g, "");
}

/** The next day's date, for an all-day event's exclusive DTEND. */
function nextDate(iso: string): string {
  const day = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return utcDate(day.toISOString());
}

function eventLines(movie: CalendarFeedMovie, event: (typeof EVENTS)[number], stamp: string): string[] {
  const date = movie[event.date] as string | null | undefined;
  if (!date) return [];
  return [
    "BEGIN:VEVENT",
    `UID:Radarr_movie_${movie.id}${event.uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${utcDate(date)}`,
    `DTEND;VALUE=DATE:${nextDate(date)}`,
    `STATUS:${movie.status === "announced" ? "TENTATIVE" : "CONFIRMED"}`,
    `SUMMARY:${escapeText(`${movie.title} ${event.summary}`)}`,
    ...(movie.overview ? [`DESCRIPTION:${escapeText(movie.overview)}`] : []),
    ...(movie.studio ? [`CATEGORIES:${escapeText(movie.studio)}`] : []),
    "END:VEVENT",
  ];
}

/** The feed for these movies (in the order given), stamped `nowIso`; `types` empty means every release. */
export function calendarFeed(movies: CalendarFeedMovie[], types: CalendarReleaseType[], nowIso: string): string {
  const stamp = utcStamp(nowIso);
  const wanted = EVENTS.filter((e) => types.length === 0 || types.includes(e.type));
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//radarr.video//Radarr//EN",
    "NAME:Radarr Movies Calendar",
    "X-WR-CALNAME:Radarr Movies Calendar",
    ...movies.flatMap((movie) => wanted.flatMap((event) => eventLines(movie, event, stamp))),
    "END:VCALENDAR",
  ];
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
