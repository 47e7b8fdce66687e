import { useEffect, useState } from "preact/hooks";
import type { Movie, SortDirection, SortKey } from "../api";
import { Link } from "../router";
import { libraryId, libraryState } from "./LibraryStatus";
import type { CellContext, MovieColumn } from "./movieColumns";
import { SelectBox } from "./SelectBox";

export const TABLE_ROW_HEIGHT = 40;
export const TABLE_HEADER_HEIGHT = 36;
/** The title's least width; the table scrolls sideways (on a wide screen) rather than squeeze it. */
const TITLE_MIN_REM = 16;

interface Props {
  total: number;
  start: number;
  end: number;
  movieAt: (index: number) => Movie | undefined;
  /** The chosen columns after the title. */
  columns: MovieColumn[];
  context: CellContext;
  sortKey: SortKey;
  sortDirection: SortDirection;
  /** A sortable header pressed: its key again flips the direction, another starts ascending. */
  onSort: (key: SortKey) => void;
  /** In select mode, each row's check box; a shift-click chooses the range. */
  selection?: { isSelected: (id: number) => boolean; onToggle: (index: number, id: number, range: boolean) => void };
}

/**
 * The library as a real table that renders only rows start..end; spacer rows above and below
 * stand in for the rest, so the scrollbar still spans every movie.
 */
export function MovieTable(all: Props) {
  // On a phone only the title and the columns that fit (year, library status) are rendered.
  const narrow = useNarrow();
  const props = narrow ? { ...all, columns: all.columns.filter((c) => c.phone) } : all;
  const { total, start, end, movieAt, columns, selection } = props;
  const span = columns.length + 1 + (selection ? 1 : 0);
  const minRem = TITLE_MIN_REM + columns.reduce((sum, c) => sum + c.rem, 0) + (selection ? 3 : 0);
  const rows = [];
  for (let index = start; index < end; index++) {
    const movie = movieAt(index);
    rows.push(
      movie ? (
        <MovieRow key={index} index={index} movie={movie} {...props} />
      ) : (
        <tr key={index} class="pending" aria-rowindex={index + 2} data-index={index}>
          <td colSpan={span}>Loading…</td>
        </tr>
      ),
    );
  }
  return (
    <table aria-label="Movies" aria-rowcount={total + 1} class="movie-table" style={{ "--table-min": `${minRem}rem` }}>
      <colgroup>
        {selection && <col class="col-select" style={{ "--col-width": "3rem" }} />}
        <col class="col-title" />
        {columns.map((c) => (
          <col key={c.key} class={`col-${c.key}`} style={{ "--col-width": `${c.rem}rem` }} />
        ))}
      </colgroup>
      <Header {...props} />
      <tbody>
        <Spacer rows={start} span={span} />
        {rows}
        <Spacer rows={total - end} span={span} />
      </tbody>
    </table>
  );
}

function Header({ columns, sortKey, sortDirection, onSort, selection }: Props) {
  const sortable = (label: string, sort: SortKey) => (
    <SortButton label={label} active={sort === sortKey} onClick={() => onSort(sort)} />
  );
  return (
    <thead>
      <tr aria-rowindex={1}>
        {selection && (
          <th scope="col">
            <span class="visually-hidden">Select</span>
          </th>
        )}
        <th scope="col" aria-sort={sortKey === "title" ? sortDirection : undefined}>
          {sortable("Title", "title")}
        </th>
        {columns.map((c) => (
          <th key={c.key} scope="col" aria-sort={c.sort && c.sort === sortKey ? sortDirection : undefined}>
            {c.sort ? sortable(c.label, c.sort) : c.label}
          </th>
        ))}
      </tr>
    </thead>
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

function Spacer({ rows, span }: { rows: number; span: number }) {
  if (rows <= 0) return null;
  return (
    <tr class="spacer" style={{ height: `${rows * TABLE_ROW_HEIGHT}px` }}>
      <td colSpan={span} />
    </tr>
  );
}

function MovieRow({ index, movie, columns, context, selection }: Props & { index: number; movie: Movie }) {
  const state = libraryState(movie, context.queued);
  const chosen = selection?.isSelected(libraryId(movie)) ?? false;
  return (
    <tr
      class={`movie-row lib-row-${state}${chosen ? " selected" : ""}`}
      aria-rowindex={index + 2}
      aria-selected={selection ? chosen : undefined}
      data-index={index}
      data-movie-id={movie.id}
    >
      {selection && (
        <td class="select-cell">
          <SelectBox
            title={movie.title}
            checked={chosen}
            onToggle={(range) => selection.onToggle(index, libraryId(movie), range)}
          />
        </td>
      )}
      <td class="title-cell">
        <Link href={`/movie/${movie.id}`}>{movie.title}</Link>
      </td>
      {columns.map((c) => (
        <td key={c.key}>{c.cell(movie, context)}</td>
      ))}
    </tr>
  );
}

const PHONE_WIDTH = "(max-width: 640px)";

/** Whether the screen is phone-narrow (the stylesheet's breakpoint), following rotation and resizing. */
function useNarrow() {
  const [narrow, setNarrow] = useState(() => matchMedia(PHONE_WIDTH).matches);
  useEffect(() => {
    const query = matchMedia(PHONE_WIDTH);
    const onChange = () => setNarrow(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  return narrow;
}
