/**
 * Dates as the site writes them with Settings › UI's defaults (short date "MMM D YYYY", time
 * "h(:mm)a", relative dates on): what a test expects a page to show for a date from the API.
 */
import { testClockNow } from "../../scripts/lib/clock.mjs";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY_MS = 86_400_000;
const RELATIVE = { [-1]: "Yesterday", 0: "Today", 1: "Tomorrow" };

/** A date's parts in UTC or this machine's zone (the browser's: both run here). */
function parts(date, utc) {
  return utc
    ? [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes()]
    : [date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes()];
}

function day(date, utc) {
  const [year, month, dayOfMonth] = parts(date, utc);
  const offset = dayNumber(date, utc) - dayNumber(new Date(testClockNow()), utc);
  return RELATIVE[offset] ?? `${MONTHS[month]} ${dayOfMonth} ${year}`;
}

function dayNumber(date, utc) {
  const [year, month, dayOfMonth] = parts(date, utc);
  return Date.UTC(year, month, dayOfMonth) / DAY_MS;
}

/** A calendar day (UTC): "Dec 5 2026", or Today / Yesterday / Tomorrow. */
export const siteDate = (iso) => day(new Date(iso), true);

/** An instant in the browser's zone: "Dec 5 2026 2:05pm", "Today 2pm". */
export function siteDateTime(iso) {
  const date = new Date(iso);
  const [, , , hours, minutes] = parts(date, false);
  const time = `${hours % 12 || 12}${minutes ? `:${String(minutes).padStart(2, "0")}` : ""}${hours < 12 ? "am" : "pm"}`;
  return `${day(date, false)} ${time}`;
}
