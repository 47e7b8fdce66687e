import { useComputed } from "@preact/signals";
import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatCount } from "../components/format";
import { LibraryFilterBar, LibraryToolbar, SORT_KEYS } from "../components/LibraryControls";
import { MovieTable, TABLE_HEADER_HEIGHT, TABLE_ROW_HEIGHT } from "../components/MovieTable";
import { POSTER_ROW_HEIGHT, PosterGrid, posterColumns } from "../components/PosterGrid";
import { useUrlState } from "../components/useUrlState";
import { useViewport, visibleRange } from "../components/useVirtualWindow";
import { Link } from "../router";
import {
  activeFilterCount,
  ensureRows,
  filters,
  invalidateLibrary,
  LIBRARY_URL_KEYS,
  libraryFromQuery,
  libraryToQuery,
  loaded,
  movieAt,
  NO_FILTERS,
  queryKey,
  savedScrollTop,
  searchText,
  setFilter,
  setSearch,
  sortDirection,
  sortKey,
  totalRecords,
  view,
} from "../state/library";
import { profileNames, qualityProfiles, tagLabels, tags } from "../state/reference";

/** Horizontal padding of the scroll area, which the poster columns must fit inside. */
const GRID_PADDING = 16;
/** Scrolling fast past many pages should fetch only where the user stops. */
const FETCH_DELAY_MS = 60;

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
  const isTable = view.value === "table";

  const columns = isTable ? 1 : posterColumns(viewport.width - 2 * GRID_PADDING);
  const rowHeight = isTable ? TABLE_ROW_HEIGHT : POSTER_ROW_HEIGHT;
  const listTop = isTable ? TABLE_HEADER_HEIGHT : GRID_PADDING;
  const shifted = { ...viewport, scrollTop: Math.max(0, viewport.scrollTop - listTop) };
  // Until the first page tells the total, assume the view is full so its rows get requested.
  const rowCount =
    total === undefined ? Math.ceil((shifted.scrollTop + viewport.height) / rowHeight) : Math.ceil(total / columns);
  const range = visibleRange(shifted, rowHeight, rowCount, isTable ? 8 : 2);
  const firstItem = range.start * columns;
  const endItem = range.end * columns;

  useEffect(() => {
    if (total === undefined) {
      ensureRows(firstItem, endItem);
      return;
    }
    const timer = setTimeout(() => ensureRows(firstItem, endItem), FETCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key, loadedKey, total, firstItem, endItem]);

  useScrollPosition(ref, key, total, viewport.scrollTop);

  const at = (index: number) => movieAt(rows, index);
  return (
    <section class="library">
      <LibraryControls />
      <ListStatus total={total} />
      <div class={`scroller ${isTable ? "" : "posters"}`} ref={ref}>
        {total === 0 ? (
          <EmptyLibrary filtered={activeFilterCount.value > 0 || searchText.value.trim() !== ""} />
        ) : isTable ? (
          <MovieTable
            total={total ?? 0}
            start={range.start}
            end={Math.min(range.end, total ?? 0)}
            movieAt={at}
            profileNames={profileNames.value}
            tagLabels={tagLabels.value}
            sortKey={sortKey.value}
            sortDirection={sortDirection.value}
            onSort={(key) => {
              sortDirection.value =
                key === sortKey.value && sortDirection.value === "ascending" ? "descending" : "ascending";
              sortKey.value = key;
            }}
          />
        ) : (
          <PosterGrid
            total={total ?? 0}
            columns={columns}
            startRow={range.start}
            endRow={Math.min(range.end, Math.ceil((total ?? 0) / columns))}
            movieAt={at}
          />
        )}
      </div>
    </section>
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
        onView={(v) => {
          view.value = v;
        }}
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
