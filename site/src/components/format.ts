/** How values read on screen; one place so every page words them the same. */
import { longDate, shortDate, shortDateTime } from "./dateFormats";

export const formatCount = (n: number) => n.toLocaleString("en-US");

/** A server's code name in words: "IndexerStatusCheck" → "Indexer status check". */
export const inWords = (code: string) =>
  code
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/^./, (first) => first.toUpperCase());

/** "an indexer", "a download client": the article English puts before a noun (by its first letter). */
export const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;

export function formatBytes(bytes: number): string {
  if (!bytes) return "0 B";
  const units = ["B", "KB", "MB", "GB", "TB"];
  const exponent = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)));
  const value = bytes / 1024 ** exponent;
  return `${value.toFixed(value >= 100 || exponent === 0 ? 0 : 1)} ${units[exponent]}`;
}

/** The site's one date format, Settings › UI's short date: "Dec 7 2026", or "Today". */
export function formatDate(iso: string | undefined | null): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1800) return "—";
  return shortDate(date);
}

/** A day in Settings › UI's long date format: "Monday, December 7 2026". */
export function formatLongDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "—" : longDate(date);
}

/** The site's one date-and-time format, Settings › UI's: "Dec 7 2026 2:05pm" (the browser's time zone). */
export function formatDateTime(iso: string | undefined | null): string {
  if (!iso) return "—";
  const date = new Date(iso);
  // Workers read the clock as 0 outside a request, so the epoch itself means "not known".
  if (Number.isNaN(date.getTime()) || date.getTime() <= 0) return "—";
  return shortDateTime(date);
}

const RELATIVE = new Intl.RelativeTimeFormat("en-GB", { numeric: "auto" });
const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** How far an instant is from now, in words: "in 5 minutes", "3 hours ago", "yesterday". */
function formatRelative(iso: string | undefined | null, now = Date.now()): string {
  const time = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(time) || time <= 0) return "";
  let amount = (time - now) / 1000;
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(amount) < size) return RELATIVE.format(Math.round(amount), unit);
    amount /= size;
  }
  return "";
}

/** The site's one date-and-time format with how far off it is: "7 Dec 2026, 14:05 (in 3 hours)". */
export function formatDateTimeRelative(iso: string | undefined | null): string {
  const relative = formatRelative(iso);
  return relative ? `${formatDateTime(iso)} (${relative})` : formatDateTime(iso);
}

export function formatRuntime(minutes: number): string {
  if (!minutes) return "—";
  const h = Math.floor(minutes / 60);
  return h ? `${h}h ${minutes % 60}m` : `${minutes}m`;
}

/** "850 ms", "12.4 s", "3m 05s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`;
}

/** Minutes as a person says them: "45 minutes", "6 hours", "1 day 12 hours". */
export function formatInterval(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [
    days && `${days} ${days === 1 ? "day" : "days"}`,
    hours && `${hours} ${hours === 1 ? "hour" : "hours"}`,
    rest && `${rest} ${rest === 1 ? "minute" : "minutes"}`,
  ].filter(Boolean);
  return parts.length ? parts.join(" ") : "0 minutes";
}
