/** How values read on screen; one place so every page words them the same. */
import type { MinimumAvailability, MovieStatus } from "../api";

export const STATUS_LABELS: Record<MovieStatus, string> = {
  tba: "TBA",
  announced: "Announced",
  inCinemas: "In cinemas",
  released: "Released",
  deleted: "Deleted",
};

export const AVAILABILITY_LABELS: Record<MinimumAvailability, string> = {
  tba: "TBA",
  announced: "Announced",
  inCinemas: "In cinemas",
  released: "Released",
};

/** TMDb's movie genres: the values the library's genre filter matches. */
export const GENRES = [
  "Action",
  "Adventure",
  "Animation",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Family",
  "Fantasy",
  "History",
  "Horror",
  "Music",
  "Mystery",
  "Romance",
  "Science Fiction",
  "TV Movie",
  "Thriller",
  "War",
  "Western",
];

export const formatCount = (n: number) => n.toLocaleString("en-US");

export function formatBytes(bytes: number): string {
  if (!bytes) return "0 B";
  const units = ["B", "KB", "MB", "GB", "TB"];
  const exponent = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)));
  const value = bytes / 1024 ** exponent;
  return `${value.toFixed(value >= 100 || exponent === 0 ? 0 : 1)} ${units[exponent]}`;
}

export function formatDate(iso: string | undefined | null): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1800) return "—";
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export function formatDateTime(iso: string | undefined | null): string {
  if (!iso) return "—";
  const date = new Date(iso);
  // Workers read the clock as 0 outside a request, so the epoch itself means "not known".
  if (Number.isNaN(date.getTime()) || date.getTime() <= 0) return "—";
  return date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

export function formatRuntime(minutes: number): string {
  if (!minutes) return "—";
  const h = Math.floor(minutes / 60);
  return h ? `${h}h ${minutes % 60}m` : `${minutes}m`;
}
