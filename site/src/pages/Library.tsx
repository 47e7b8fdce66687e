import { useComputed } from "@preact/signals";
import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatCount } from "../components/format";
import { LibraryCommands, SelectionBar } from "../components/LibraryActions";
import { LibraryFilterBar, LibraryToolbar, SORT_KEYS } from "../components/LibraryControls";
import { StateLegend, useQueuedMovies } from "../components/LibraryStatus";
import { MassEditor } from "../components/MassEditor";
import { MovieTable, TABLE_HEADER_HEIGHT, TABLE_ROW_HEIGHT } from "../components/MovieTable";
import { shownColumns } from "../components/movieColumns";
import { OVERVIEW_ROW_HEIGHT, OverviewList } from "../components/OverviewList";
import { PosterGrid, posterColumns, posterRowHeight } from "../components/PosterGrid";
import { useUrlState } from "../components/useUrlState";
import { useViewport, visibleRange } from "../components/useVirtualWindow";
import { Link } from "../router";
import {
  activeFilterCount,
  ensureRows,
  filters,
  invalidateLibrary,
  LIBRARY_URL_KEYS,
  type LibraryView,
  libraryFromQuery,
  libraryToQuery,
  loaded,
  movieAt,
  NO_FILTERS,
  queryKey,
  rememberView,
  savedScrollTop,
  searchText,
  setFilter,
  setSearch,
  sortDirection,
  sortKey,
  totalRecords,
  view,
} from "../state/library";
import { chosenColumns, type PosterSize, posterSize } from "../state/libraryPrefs";
import { selected, selecting, toggleRow } from "../state/librarySelection";
import { profileNames, qualityProfiles, tagLabels, tags } from "../state/reference";

/** Horizontal padding of the scroll area, which the poster columns must fit inside. */
const GRID_PADDING = 16;
/** Scrolling fast past many pages should fetch only where the user stops. */
const FETCH_DELAY_MS = 60;

/** How a view lays out its rows: items per row, each row's height, the list's top offset, the overscan. */
function layoutOf(view: LibraryView, width: number, size: PosterSize) {
  if (view === "table") return { columns: 1, rowHeight: TABLE_ROW_HEIGHT, listTop: TABLE_HEADER_HEIGHT, overscan: 8 };
  if (view === "overview") return { columns: 1, rowHeight: OVERVIEW_ROW_HEIGHT, listTop: 0, overscan: 3 };
  return {
    columns: posterColumns(width - 2 * GRID_PADDING, size),
    rowHeight: posterRowHeight(size),
    listTop: GRID_PADDING,
    overscan: 2,
  };
}

/** The library: server-side search, sort and filters over a virtual list of every movie. */
export function Library() {
  useUrlState(LIBRARY_URL_KEYS, libraryToQuery, (query) =>
    libraryFromQuery(
      query,
      SORT_KEYS.map((s) => s.key),
    ),
  );
  const { ref, viewport } = useViewport<HTMLDivElement>();
  const key = queryKey.value;
  const rows = loaded.value;
  const loadedKey = useComputed(() => loaded.value.key).value;
  const total = totalRecords.value;
  const shownView = view.value;
  const { columns, rowHeight, listTop, overscan } = layoutOf(shownView, viewport.width, posterSize.value);
  const shifted = { ...viewport, scrollTop: Math.max(0, viewport.scrollTop - listTop) };
  // Until the first page tells the total, assume the view is full so its rows get requested.
  const rowCount =
    total === undefined ? Math.ceil((shifted.scrollTop + viewport.height) / rowHeight) : Math.ceil(total / columns);
  const range = visibleRange(shifted, rowHeight, rowCount, overscan);
  const firstItem = range.start * columns;
  const endItem = range.end * columns;

  useEffect(() => {
    if (total === undefined) {
      void ensureRows(firstItem, endItem);
      return;
    }
    const timer = setTimeout(() => void ensureRows(firstItem, endItem), FETCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key, loadedKey, total, firstItem, endItem]);

  useScrollPosition(ref, key, total, viewport.scrollTop);

  const at = (index: number) => movieAt(rows, index);
  return (
    <section class="library">
      <LibraryControls />
      {selecting.value && <SelectionBar total={total} />}
      {selecting.value && <MassEditor />}
      <ListStatus total={total} />
      <div class={`scroller ${shownView === "table" ? "" : shownView}`} ref={ref}>
        {total === 0 ? (
          <EmptyLibrary filtered={activeFilterCount.value > 0 || searchText.value.trim() !== ""} />
        ) : (
          <ShownView shown={shownView} total={total ?? 0} at={at} range={range} columns={columns} />
        )}
      </div>
    </section>
  );
}

/** The chosen view over the rows in range. */
function ShownView({
  shown,
  total,
  at,
  range,
  columns,
}: {
  shown: LibraryView;
  total: number;
  at: (index: number) => ReturnType<typeof movieAt>;
  range: { start: number; end: number };
  columns: number;
}) {
  const queued = useQueuedMovies();
  const selection = selecting.value
    ? {
        isSelected: (id: number) => selected.value.has(id),
        onToggle: (index: number, id: number, shift: boolean) => toggleRow(index, id, shift, (i) => at(i)?.id),
      }
    : undefined;
  if (shown === "table") {
    return (
      <MovieTable
        total={total}
        start={range.start}
        end={Math.min(range.end, total)}
        movieAt={at}
        columns={shownColumns(chosenColumns.value)}
        context={{ profileNames: profileNames.value, tagLabels: tagLabels.value, queued }}
        sortKey={sortKey.value}
        sortDirection={sortDirection.value}
        onSort={(key) => {
          sortDirection.value =
            key === sortKey.value && sortDirection.value === "ascending" ? "descending" : "ascending";
          sortKey.value = key;
        }}
        selection={selection}
      />
    );
  }
  if (shown === "overview") {
    return (
      <OverviewList
        total={total}
        start={range.start}
        end={Math.min(range.end, total)}
        movieAt={at}
        profileNames={profileNames.value}
        queued={queued}
        selection={selection}
      />
    );
  }
  return (
    <PosterGrid
      total={total}
      columns={columns}
      startRow={range.start}
      endRow={Math.min(range.end, Math.ceil(total / columns))}
      size={posterSize.value}
      movieAt={at}
      queued={queued}
      selection={selection}
    />
  );
}

/**
 * Back from a movie: return to where the list was, once its height is known again; a new query
 * starts at the top; and the position is remembered as the list scrolls.
 */
function useScrollPosition(ref: RefObject<HTMLDivElement>, key: string, total: number | undefined, scrollTop: number) {
  const pendingRestore = useRef(savedScrollTop.peek());
  useEffect(() => {
    if (total !== undefined && pendingRestore.current && ref.current) {
      ref.current.scrollTop = pendingRestore.current;
      pendingRestore.current = 0;
    }
  }, [total]);

  // A new query starts at the top.
  const previousKey = useRef(key);
  useEffect(() => {
    if (previousKey.current !== key && ref.current) ref.current.scrollTop = 0;
    previousKey.current = key;
  }, [key]);
  useEffect(() => {
    if (!pendingRestore.current) savedScrollTop.value = scrollTop;
  }, [scrollTop]);
}

/** The toolbar (search, sort, view) and the filters, over the library's shared state. */
function LibraryControls() {
  return (
    <>
      <LibraryToolbar
        search={searchText.value}
        onSearch={setSearch}
        sortKey={sortKey.value}
        onSortKey={(k) => {
          sortKey.value = k;
        }}
        sortDirection={sortDirection.value}
        onSortDirection={(d) => {
          sortDirection.value = d;
        }}
        view={view.value}
        onView={rememberView}
      />
      <LibraryFilterBar
        filters={filters.value}
        onFilter={setFilter}
        onClear={() => {
          filters.value = NO_FILTERS;
        }}
        onChoose={(chosen) => {
          filters.value = chosen;
        }}
        activeCount={activeFilterCount.value}
        profiles={qualityProfiles.value}
        tags={tags.value}
      />
    </>
  );
}

/** How many movies match, and a retry when loading them failed. */
function ListStatus({ total }: { total: number | undefined }) {
  const rows = loaded.value;
  return (
    <div class="list-status">
      <p role="status" class="count" aria-live="polite">
        {total === undefined ? "Loading movies…" : `${formatCount(total)} ${total === 1 ? "movie" : "movies"}`}
      </p>
      <StateLegend />
      <LibraryCommands />
      {rows.error && rows.key === queryKey.value && (
        <div class="inline-error">
          <ErrorMessage error={rows.error} />
          <button type="button" onClick={invalidateLibrary}>
            Retry
          </button>
        </div>
      )}
    </div>
  );
}

function EmptyLibrary({ filtered }: { filtered: boolean }) {
  if (filtered) {
    return (
      <div class="empty">
        <p>No movies match this search and these filters.</p>
        <button
          type="button"
          onClick={() => {
            filters.value = NO_FILTERS;
            setSearch("");
          }}
        >
          Show all movies
        </button>
      </div>
    );
  }
  return (
    <div class="empty">
      <p>The library is empty.</p>
      <Link href="/add" class="button primary">
        Add a movie
      </Link>
    </div>
  );
}
