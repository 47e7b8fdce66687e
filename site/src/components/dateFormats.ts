import { uiSettings } from "../state/uiSettings";

/**
 * Dates and times as Settings › UI says (shortDateFormat, longDateFormat, timeFormat,
 * showRelativeDates), in Radarr's moment-style patterns: YYYY, MMMM, MMM, MM, M, DD, D, dddd,
 * ddd, HH, H, hh, h, mm, a, and "(:mm)" (the minutes only when not on the hour). Read from the one
 * shared copy of the settings, so a page re-renders when they are saved.
 */

// Radarr's defaults (the server's uiSettingsSchema), until the saved settings arrive.
const DEFAULTS = {
  shortDateFormat: "MMM D YYYY",
  longDateFormat: "dddd, MMMM D YYYY",
  timeFormat: "h(:mm)a",
  showRelativeDates: true,
};

const TOKENS = /\(:mm\)|YYYY|MMMM|MMM|MM|M|dddd|ddd|DD|D|HH|H|hh|h|mm|a|A/g;
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const DAY_MS = 86_400_000;

interface Parts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hours: number;
  minutes: number;
}

/** A date's parts in UTC (calendar days, as the server dates releases) or the browser's zone. */
function partsOf(date: Date, utc: boolean): Parts {
  return utc
    ? {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth(),
        day: date.getUTCDate(),
        weekday: date.getUTCDay(),
        hours: date.getUTCHours(),
        minutes: date.getUTCMinutes(),
      }
    : {
        year: date.getFullYear(),
        month: date.getMonth(),
        day: date.getDate(),
        weekday: date.getDay(),
        hours: date.getHours(),
        minutes: date.getMinutes(),
      };
}

const pad = (n: number) => String(n).padStart(2, "0");

function token(t: string, p: Parts): string {
  const hours12 = p.hours % 12 || 12;
  const values: Record<string, string> = {
    YYYY: String(p.year),
    MMMM: MONTHS[p.month],
    MMM: MONTHS[p.month].slice(0, 3),
    MM: pad(p.month + 1),
    M: String(p.month + 1),
    dddd: WEEKDAYS[p.weekday],
    ddd: WEEKDAYS[p.weekday].slice(0, 3),
    DD: pad(p.day),
    D: String(p.day),
    HH: pad(p.hours),
    H: String(p.hours),
    hh: pad(hours12),
    h: String(hours12),
    mm: pad(p.minutes),
    a: p.hours < 12 ? "am" : "pm",
    A: p.hours < 12 ? "AM" : "PM",
    "(:mm)": p.minutes ? `:${pad(p.minutes)}` : "",
  };
  return values[t] ?? t;
}

/** A date written in a pattern ("MMM D YYYY" → "Dec 7 2026"). */
function formatPattern(date: Date, pattern: string, utc: boolean): string {
  const parts = partsOf(date, utc);
  return pattern.replace(TOKENS, (t) => token(t, parts));
}

function formats() {
  return { ...DEFAULTS, ...uiSettings.value };
}

/** "Today", "Yesterday" or "Tomorrow" for a day near now (with relative dates on), else undefined. */
function relativeDay(date: Date, utc: boolean): string | undefined {
  if (!formats().showRelativeDates) return undefined;
  const dayNumber = (d: Date) => {
    const p = partsOf(d, utc);
    return Date.UTC(p.year, p.month, p.day) / DAY_MS;
  };
  const offset = dayNumber(date) - dayNumber(new Date());
  return ({ [-1]: "Yesterday", 0: "Today", 1: "Tomorrow" } as Record<number, string>)[offset];
}

/** A calendar day (UTC) in the short date format, or Today / Yesterday / Tomorrow. */
export function shortDate(date: Date): string {
  return relativeDay(date, true) ?? formatPattern(date, formats().shortDateFormat, true);
}

/** A calendar day (UTC) in the long date format ("Monday, December 7 2026"). */
export function longDate(date: Date): string {
  return formatPattern(date, formats().longDateFormat, true);
}

/** An instant in the browser's time zone: its day (short format or relative) and time. */
export function shortDateTime(date: Date): string {
  const { shortDateFormat, timeFormat } = formats();
  const day = relativeDay(date, false) ?? formatPattern(date, shortDateFormat, false);
  return `${day} ${formatPattern(date, timeFormat, false)}`;
}
