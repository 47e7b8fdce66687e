import type { Movie } from "../api";
import { Link } from "../router";
import { Poster } from "./Poster";

const CARD_WIDTH = 150;
const CARD_GAP = 16;
/** A 2:3 poster plus two lines of caption, and the gap below. */
export const POSTER_ROW_HEIGHT = 225 + 52 + CARD_GAP;

export function posterColumns(width: number) {
  return Math.max(1, Math.floor((width + CARD_GAP) / (CARD_WIDTH + CARD_GAP)));
}

interface Props {
  total: number;
  columns: number;
  startRow: number;
  endRow: number;
  movieAt: (index: number) => Movie | undefined;
}

/** The library as poster cards in rows; only the rows in view are rendered. */
export function PosterGrid({ total, columns, startRow, endRow, movieAt }: Props) {
  const rowCount = Math.ceil(total / columns);
  const rows = [];
  for (let row = startRow; row < endRow; row++) {
    const cards = [];
    for (let index = row * columns; index < Math.min(total, (row + 1) * columns); index++) {
      const movie = movieAt(index);
      cards.push(
        movie ? (
          <li key={index} class="card" data-index={index}>
            <Link href={`/movie/${movie.id}`}>
              <Poster movie={movie} />
              <span class="card-title">{movie.title}</span>
            </Link>
            <span class="card-meta">
              {movie.year || "—"}
              {movie.hasFile ? "" : " · Missing"}
            </span>
          </li>
        ) : (
          <li key={index} class="card pending" data-index={index}>
            <div class="poster poster-placeholder" />
            <span class="card-title">Loading…</span>
          </li>
        ),
      );
    }
    rows.push(
      <ul key={row} class="poster-row" style={{ transform: `translateY(${row * POSTER_ROW_HEIGHT}px)` }}>
        {cards}
      </ul>,
    );
  }
  return (
    <section class="poster-grid" aria-label="Movie posters" style={{ height: `${rowCount * POSTER_ROW_HEIGHT}px` }}>
      {rows}
    </section>
  );
}
