import type { Movie } from "../api";
import { Link } from "../router";
import { formatBytes, formatRuntime } from "./format";
import { libraryId, libraryState, StateBadge } from "./LibraryStatus";
import { Poster } from "./Poster";
import { SelectBox } from "./SelectBox";

/** A small poster's height, its padding and the gap: every overview row is this tall. */
export const OVERVIEW_ROW_HEIGHT = 138 + 2 * 8 + 8;

interface Props {
  total: number;
  start: number;
  end: number;
  movieAt: (index: number) => Movie | undefined;
  profileNames: Map<number, string>;
  queued: ReadonlySet<number>;
  selection?: { isSelected: (id: number) => boolean; onToggle: (index: number, id: number, range: boolean) => void };
}

/** The library as rows of poster, title, status and overview; only the rows in view are rendered. */
export function OverviewList({ total, start, end, movieAt, profileNames, queued, selection }: Props) {
  const rows = [];
  for (let index = start; index < end; index++) {
    const movie = movieAt(index);
    const top = { transform: `translateY(${index * OVERVIEW_ROW_HEIGHT}px)` };
    if (!movie) {
      rows.push(
        <li key={index} class="overview-row pending" data-index={index} style={top}>
          <div class="poster small poster-placeholder" />
          <span class="card-title">Loading…</span>
        </li>,
      );
      continue;
    }
    const chosen = selection?.isSelected(libraryId(movie)) ?? false;
    const state = libraryState(movie, queued);
    rows.push(
      <li
        key={index}
        class={`overview-row lib-row-${state}${chosen ? " selected" : ""}`}
        data-index={index}
        data-movie-id={movie.id}
        style={top}
      >
        {selection && (
          <SelectBox
            title={movie.title}
            checked={chosen}
            onToggle={(range) => selection.onToggle(index, libraryId(movie), range)}
          />
        )}
        <Poster movie={movie} class="small" />
        <div class="overview-text">
          <Link href={`/movie/${movie.id}`} class="card-title">
            {movie.title}
          </Link>
          <p class="overview-meta">
            <StateBadge state={state} />
            <span>{movie.year || "—"}</span>
            {movie.runtime > 0 && <span>{formatRuntime(movie.runtime)}</span>}
            <span>{profileNames.get(movie.qualityProfileId) ?? `#${movie.qualityProfileId}`}</span>
            {movie.hasFile && <span>{formatBytes(movie.sizeOnDisk)}</span>}
          </p>
          <p class="overview-body">{movie.overview || "No overview."}</p>
        </div>
      </li>,
    );
  }
  return (
    <ul class="overview-list" aria-label="Movie overviews" style={{ height: `${total * OVERVIEW_ROW_HEIGHT}px` }}>
      {rows}
    </ul>
  );
}
