import type { Movie } from "../api";
import { Link } from "../router";
import { POSTER_SIZES, type PosterSize } from "../state/libraryPrefs";
import { LIBRARY_STATES, libraryId, libraryState } from "./LibraryStatus";
import { Poster } from "./Poster";
import { SelectBox } from "./SelectBox";

const CARD_GAP = 16;
/** Below the 2:3 poster: the status bar, the title, the year and the status lines. */
const CAPTION_HEIGHT = 6 + 72;

export function posterRowHeight(size: PosterSize) {
  return Math.round(POSTER_SIZES[size].width * 1.5) + CAPTION_HEIGHT + CARD_GAP;
}

export function posterColumns(width: number, size: PosterSize) {
  return Math.max(1, Math.floor((width + CARD_GAP) / (POSTER_SIZES[size].width + CARD_GAP)));
}

interface Props {
  total: number;
  columns: number;
  startRow: number;
  endRow: number;
  size: PosterSize;
  movieAt: (index: number) => Movie | undefined;
  queued: ReadonlySet<number>;
  selection?: { isSelected: (id: number) => boolean; onToggle: (index: number, id: number, range: boolean) => void };
}

/** The library as poster cards in rows; only the rows in view are rendered. */
export function PosterGrid({ total, columns, startRow, endRow, size, movieAt, queued, selection }: Props) {
  const rowCount = Math.ceil(total / columns);
  const rowHeight = posterRowHeight(size);
  const rows = [];
  for (let row = startRow; row < endRow; row++) {
    const cards = [];
    for (let index = row * columns; index < Math.min(total, (row + 1) * columns); index++) {
      const movie = movieAt(index);
      cards.push(
        movie ? (
          <Card key={index} index={index} movie={movie} queued={queued} selection={selection} />
        ) : (
          <li key={index} class="card pending" data-index={index}>
            <div class="poster poster-placeholder" />
            <span class="card-title">Loading…</span>
          </li>
        ),
      );
    }
    rows.push(
      <ul key={row} class="poster-row" style={{ transform: `translateY(${row * rowHeight}px)` }}>
        {cards}
      </ul>,
    );
  }
  return (
    <section
      class={`poster-grid size-${size}`}
      aria-label="Movie posters"
      style={{ height: `${rowCount * rowHeight}px`, "--card-width": `${POSTER_SIZES[size].width}px` }}
    >
      {rows}
    </section>
  );
}

function Card({
  index,
  movie,
  queued,
  selection,
}: { index: number; movie: Movie } & Pick<Props, "queued" | "selection">) {
  const state = libraryState(movie, queued);
  const { label, mark } = LIBRARY_STATES[state];
  const chosen = selection?.isSelected(libraryId(movie)) ?? false;
  return (
    <li class={`card lib-card-${state}${chosen ? " selected" : ""}`} data-index={index} data-movie-id={movie.id}>
      {selection && (
        <SelectBox
          title={movie.title}
          checked={chosen}
          onToggle={(range) => selection.onToggle(index, libraryId(movie), range)}
        />
      )}
      <Link href={`/movie/${movie.id}`}>
        <Poster movie={movie} />
        <span class="card-state" title={label} />
        <span class="card-title">{movie.title}</span>
      </Link>
      <span class="card-meta">{movie.year || "—"}</span>
      <span class={`card-meta lib-text lib-${state}`}>
        <span aria-hidden="true">{mark}</span> {label}
      </span>
    </li>
  );
}
