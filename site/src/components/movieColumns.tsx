import type { ComponentChildren } from "preact";
import type { Movie, SortKey } from "../api";
import { formatBytes, formatDate, formatRuntime } from "./format";
import { libraryState, StateBadge } from "./LibraryStatus";
import { AVAILABILITY_LABELS, STATUS_LABELS } from "./movieLabels";

/** What a cell may need beyond its movie. */
export interface CellContext {
  profileNames: Map<number, string>;
  tagLabels: Map<number, string>;
  queued: ReadonlySet<number>;
}

export interface MovieColumn {
  key: string;
  label: string;
  /** Its width; the title takes what is left. */
  rem: number;
  /** Sorted by the server when its header is pressed. */
  sort?: SortKey;
  /** Still shown on a phone (title, year and library status fit 390 px). */
  phone?: true;
  cell: (movie: Movie, context: CellContext) => ComponentChildren;
}

const dash = (value: ComponentChildren) => value || "—";
const fixed = (value: number | undefined) => (value ? value.toFixed(1) : "—");

/** The columns the chooser offers, in the table's order; the title is always first and not among them. */
export const MOVIE_COLUMNS: MovieColumn[] = [
  { key: "year", label: "Year", rem: 4.5, sort: "year", phone: true, cell: (m) => dash(m.year) },
  {
    key: "state",
    label: "Library",
    rem: 8.5,
    phone: true,
    cell: (m, c) => <StateBadge state={libraryState(m, c.queued)} />,
  },
  {
    key: "status",
    label: "Status",
    rem: 7,
    cell: (m) => <span class={`status status-${m.status}`}>{STATUS_LABELS[m.status]}</span>,
  },
  {
    key: "profile",
    label: "Quality profile",
    rem: 10.5,
    cell: (m, c) => c.profileNames.get(m.qualityProfileId) ?? `#${m.qualityProfileId}`,
  },
  {
    key: "monitored",
    label: "Monitored",
    rem: 8,
    cell: (m) => (m.monitored ? "Monitored" : <span class="muted">Unmonitored</span>),
  },
  {
    key: "file",
    label: "File",
    rem: 6.5,
    sort: "size",
    cell: (m) => (m.hasFile ? formatBytes(m.sizeOnDisk) : <span class="missing">Missing</span>),
  },
  { key: "rating", label: "Rating", rem: 5, sort: "rating", cell: (m) => fixed(m.ratings.tmdb?.value) },
  {
    key: "tags",
    label: "Tags",
    rem: 12,
    cell: (m, c) =>
      m.tags.map((id) => (
        <span key={id} class="chip">
          {c.tagLabels.get(id) ?? `#${id}`}
        </span>
      )),
  },
  { key: "added", label: "Added", rem: 8, sort: "added", cell: (m) => formatDate(m.added) },
  { key: "popularity", label: "Popularity", rem: 7, sort: "popularity", cell: (m) => fixed(m.popularity) },
  {
    key: "availability",
    label: "Min. availability",
    rem: 9,
    cell: (m) => AVAILABILITY_LABELS[m.minimumAvailability],
  },
  { key: "runtime", label: "Runtime", rem: 6, cell: (m) => (m.runtime ? formatRuntime(m.runtime) : "—") },
  { key: "studio", label: "Studio", rem: 10, cell: (m) => dash(m.studio) },
  { key: "genres", label: "Genres", rem: 12, cell: (m) => dash(m.genres.join(", ")) },
  { key: "path", label: "Path", rem: 16, cell: (m) => dash(m.path) },
];

export const DEFAULT_COLUMNS = ["year", "state", "status", "profile", "monitored", "file", "rating", "tags"];

/** The chosen columns in the table's order (unknown keys, from an older version, are dropped). */
export function shownColumns(chosen: readonly string[] | undefined): MovieColumn[] {
  const keys = new Set(chosen ?? DEFAULT_COLUMNS);
  return MOVIE_COLUMNS.filter((c) => keys.has(c.key));
}
