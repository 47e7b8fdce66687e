import { useSignal } from "@preact/signals";
import type { Movie } from "../api";
import { api } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatCount, formatDate, formatDateTime } from "../components/format";
import { SortButton } from "../components/MovieTable";
import { Pager } from "../components/Pager";
import { useResource } from "../components/useResource";
import { useUrlState } from "../components/useUrlState";
import { Link } from "../router";
import { SearchProgress, useSearchCommand } from "./WantedSearch";

export type WantedTab = "missing" | "cutoff";

const TABS: Record<WantedTab, { label: string; searchAll: string; empty: string }> = {
  missing: { label: "Missing", searchAll: "MissingMoviesSearch", empty: "No monitored movie is missing a file." },
  cutoff: {
    label: "Cutoff Unmet",
    searchAll: "CutoffUnmetMoviesSearch",
    empty: "Every monitored movie's file has reached its profile's cutoff.",
  },
};

const PAGE_SIZE = 20;
/** A listed movie's id (the resource types it optional: a movie not added yet has none). */
const idOf = (movie: Movie) => movie.id ?? 0;
const SORT_KEYS = ["sortTitle", "year", "inCinemas", "digitalRelease", "physicalRelease", "lastSearchTime"] as const;
type SortKey = (typeof SORT_KEYS)[number];
type Direction = "ascending" | "descending";

const COLUMNS: { label: string; sort: SortKey; cell: (m: Movie) => string }[] = [
  { label: "Title", sort: "sortTitle", cell: (m) => m.title },
  { label: "Year", sort: "year", cell: (m) => (m.year ? String(m.year) : "—") },
  { label: "In cinemas", sort: "inCinemas", cell: (m) => formatDate(m.inCinemas) },
  { label: "Digital", sort: "digitalRelease", cell: (m) => formatDate(m.digitalRelease) },
  { label: "Physical", sort: "physicalRelease", cell: (m) => formatDate(m.physicalRelease) },
  { label: "Last searched", sort: "lastSearchTime", cell: (m) => formatDateTime(m.lastSearchTime) },
];

/**
 * Wanted: the monitored movies without a file (Missing) or below their profile's cutoff (Cutoff
 * Unmet), a page at a time from the server, sorted by any column. Rows can be selected and
 * searched, or the whole list searched; the search command's progress shows as it runs.
 */
export function Wanted({ tab }: { tab: WantedTab }) {
  const { page, sortKey, direction, sortBy, data, error, loading, reload } = useWantedPage(tab);
  const selected = useSignal<ReadonlySet<number>>(new Set());
  const search = useSearchCommand(reload);
  const records = data.value?.records ?? [];
  const total = data.value?.totalRecords ?? 0;
  const chosen = records.filter((m) => selected.value.has(idOf(m)));

  const toggle = (ids: number[], on: boolean) => {
    const next = new Set(selected.value);
    for (const id of ids)
      if (on) next.add(id);
      else next.delete(id);
    selected.value = next;
  };

  return (
    <section class="page wanted-page">
      <nav aria-label="Wanted" class="settings-nav">
        {(Object.keys(TABS) as WantedTab[]).map((name) => (
          <Link key={name} href={`/wanted/${name}`} class="tab" aria-current={name === tab ? "page" : undefined}>
            {TABS[name].label}
          </Link>
        ))}
      </nav>
      <h1>Wanted: {TABS[tab].label}</h1>
      <div class="toolbar">
        <button
          type="button"
          disabled={chosen.length === 0 || search.busy}
          onClick={() => search.run("MoviesSearch", { movieIds: chosen.map(idOf) })}
        >
          Search selected{chosen.length ? ` (${chosen.length})` : ""}
        </button>
        <button
          type="button"
          class="primary"
          disabled={total === 0 || search.busy}
          onClick={() => search.run(TABS[tab].searchAll)}
        >
          Search all {TABS[tab].label.toLowerCase()}
        </button>
      </div>
      <SearchProgress command={search.command.value} error={search.error.value} />
      <ErrorMessage error={error.value} />
      <p class="muted" role="status" aria-label="Wanted count">
        {loading.value && !data.value ? "Loading…" : `${formatCount(total)} ${total === 1 ? "movie" : "movies"}`}
      </p>
      {data.value && total === 0 ? (
        <p class="muted">{TABS[tab].empty}</p>
      ) : (
        <WantedTable
          label={TABS[tab].label}
          records={records}
          selected={selected.value}
          sortKey={sortKey.value}
          direction={direction.value}
          onSort={sortBy}
          onToggle={toggle}
        />
      )}
      <Pager page={page} totalRecords={total} pageSize={PAGE_SIZE} label="Wanted pages" />
    </section>
  );
}

/** The page shown, its sort (both kept in the URL) and the server's answer for them. */
function useWantedPage(tab: WantedTab) {
  const page = useSignal(1);
  const sortKey = useSignal<SortKey>("sortTitle");
  const direction = useSignal<Direction>("ascending");
  useUrlState(
    ["page", "sortKey", "sortDirection"],
    () => ({
      page: page.value > 1 ? String(page.value) : undefined,
      sortKey: sortKey.value === "sortTitle" ? undefined : sortKey.value,
      sortDirection: direction.value === "ascending" ? undefined : direction.value,
    }),
    (query) => {
      page.value = Math.max(1, Number(query.get("page")) || 1);
      sortKey.value = SORT_KEYS.find((k) => k === query.get("sortKey")) ?? "sortTitle";
      direction.value = query.get("sortDirection") === "descending" ? "descending" : "ascending";
    },
  );
  const resource = useResource(
    (signal) =>
      api.wanted(
        tab,
        { page: page.value, pageSize: PAGE_SIZE, sortKey: sortKey.value, sortDirection: direction.value },
        signal,
      ),
    [tab, page.value, sortKey.value, direction.value],
  );
  const sortBy = (key: SortKey) => {
    direction.value = sortKey.value === key && direction.value === "ascending" ? "descending" : "ascending";
    sortKey.value = key;
    page.value = 1;
  };
  return { page, sortKey, direction, sortBy, ...resource };
}

interface TableProps {
  label: string;
  records: Movie[];
  selected: ReadonlySet<number>;
  sortKey: SortKey;
  direction: Direction;
  onSort: (key: SortKey) => void;
  onToggle: (ids: number[], on: boolean) => void;
}

function WantedTable({ label, records, selected, sortKey, direction, onSort, onToggle }: TableProps) {
  const allOnPage = records.length > 0 && records.every((m) => selected.has(idOf(m)));
  return (
    <table class="plain wanted-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">
            <input
              type="checkbox"
              aria-label="Select every movie on this page"
              checked={allOnPage}
              onChange={(e) => onToggle(records.map(idOf), e.currentTarget.checked)}
            />
          </th>
          {COLUMNS.map((c) => (
            <th key={c.label} scope="col" aria-sort={c.sort === sortKey ? direction : undefined}>
              <SortButton label={c.label} active={c.sort === sortKey} onClick={() => onSort(c.sort)} />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {records.map((movie) => (
          <tr key={idOf(movie)}>
            <td>
              <input
                type="checkbox"
                aria-label={`Select ${movie.title}`}
                checked={selected.has(idOf(movie))}
                onChange={(e) => onToggle([idOf(movie)], e.currentTarget.checked)}
              />
            </td>
            {COLUMNS.map((c) =>
              c.sort === "sortTitle" ? (
                <td key={c.label} class="title-cell">
                  <Link href={`/movie/${movie.id}`}>{movie.title}</Link>
                </td>
              ) : (
                <td key={c.label}>{c.cell(movie)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
