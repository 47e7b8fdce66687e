import type { Movie, SortDirection, SortKey } from "../api";
import { Link } from "../router";
import { formatBytes } from "./format";
import { STATUS_LABELS } from "./movieLabels";

export const TABLE_ROW_HEIGHT = 40;
export const TABLE_HEADER_HEIGHT = 36;

/** The columns; those with a `sort` are sorted by the server when their header is pressed. */
const COLUMNS: { label: string; class: string; sort?: SortKey }[] = [
  { label: "Title", class: "col-title", sort: "title" },
  { label: "Year", class: "col-year", sort: "year" },
  { label: "Status", class: "col-status" },
  { label: "Quality profile", class: "col-profile" },
  { label: "Monitored", class: "col-monitored" },
  { label: "File", class: "col-file", sort: "size" },
  { label: "Rating", class: "col-rating", sort: "rating" },
  { label: "Tags", class: "col-tags" },
];

interface Props {
  total: number;
  start: number;
  end: number;
  movieAt: (index: number) => Movie | undefined;
  profileNames: Map<number, string>;
  tagLabels: Map<number, string>;
  sortKey: SortKey;
  sortDirection: SortDirection;
  /** A sortable header pressed: its key again flips the direction, another starts ascending. */
  onSort: (key: SortKey) => void;
}

/**
 * The library as a real table that renders only rows start..end; spacer rows above and below
 * stand in for the rest, so the scrollbar still spans every movie.
 */
export function MovieTable({
  total,
  start,
  end,
  movieAt,
  profileNames,
  tagLabels,
  sortKey,
  sortDirection,
  onSort,
}: Props) {
  const rows = [];
  for (let index = start; index < end; index++) {
    const movie = movieAt(index);
    rows.push(
      movie ? (
        <MovieRow key={index} index={index} movie={movie} profileNames={profileNames} tagLabels={tagLabels} />
      ) : (
        <tr key={index} class="pending" aria-rowindex={index + 2} data-index={index}>
          <td colSpan={COLUMNS.length}>Loading…</td>
        </tr>
      ),
    );
  }
  return (
    <table aria-label="Movies" aria-rowcount={total + 1} class="movie-table">
      <colgroup>
        {COLUMNS.map((c) => (
          <col key={c.label} class={c.class} />
        ))}
      </colgroup>
      <thead>
        <tr aria-rowindex={1}>
          {COLUMNS.map((c) => (
            <th key={c.label} scope="col" aria-sort={c.sort && c.sort === sortKey ? sortDirection : undefined}>
              {c.sort ? (
                <SortButton label={c.label} active={c.sort === sortKey} onClick={() => onSort(c.sort as SortKey)} />
              ) : (
                c.label
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <Spacer rows={start} />
        {rows}
        <Spacer rows={total - end} />
      </tbody>
    </table>
  );
}

/** A column header that sorts: a button, so the keyboard reaches it; the header's aria-sort says how. */
export function SortButton({ label, active, onClick }: { label: string; active: boolean; onClick: () => void }) {
  return (
    <button type="button" class={`sort-button${active ? " active" : ""}`} onClick={onClick}>
      {label}
    </button>
  );
}

function Spacer({ rows }: { rows: number }) {
  if (rows <= 0) return null;
  return (
    <tr class="spacer" style={{ height: `${rows * TABLE_ROW_HEIGHT}px` }}>
      <td colSpan={COLUMNS.length} />
    </tr>
  );
}

function MovieRow({
  index,
  movie,
  profileNames,
  tagLabels,
}: {
  index: number;
  movie: Movie;
  profileNames: Map<number, string>;
  tagLabels: Map<number, string>;
}) {
  const rating = movie.ratings.tmdb?.value;
  return (
    <tr class="movie-row" aria-rowindex={index + 2} data-index={index} data-movie-id={movie.id}>
      <td class="title-cell">
        <Link href={`/movie/${movie.id}`}>{movie.title}</Link>
      </td>
      <td>{movie.year || "—"}</td>
      <td>
        <span class={`status status-${movie.status}`}>{STATUS_LABELS[movie.status]}</span>
      </td>
      <td>{profileNames.get(movie.qualityProfileId) ?? `#${movie.qualityProfileId}`}</td>
      <td>{movie.monitored ? "Monitored" : <span class="muted">Unmonitored</span>}</td>
      <td>{movie.hasFile ? formatBytes(movie.sizeOnDisk) : <span class="missing">Missing</span>}</td>
      <td>{rating ? rating.toFixed(1) : "—"}</td>
      <td>
        {movie.tags.map((id) => (
          <span key={id} class="chip">
            {tagLabels.get(id) ?? `#${id}`}
          </span>
        ))}
      </td>
    </tr>
  );
}
