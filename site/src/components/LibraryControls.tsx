import { TMDB_MOVIE_GENRES } from "../../../src/integrations/tmdb/genres";
import type { QualityProfile, SortDirection, SortKey, Tag } from "../api";
import type { LibraryFilters, LibraryView } from "../state/library";
import { choosePosterSize, POSTER_SIZES, type PosterSize, posterSize } from "../state/libraryPrefs";
import { selecting, setSelecting } from "../state/librarySelection";
import { ColumnChooser } from "./ColumnChooser";
import { STATUS_LABELS } from "./movieLabels";
import { SavedFilters } from "./SavedFilters";

/** TMDb's movie genres (the server's one list of them): the values the library's genre filter matches. */
const GENRES = Object.values(TMDB_MOVIE_GENRES).sort();

export const SORT_KEYS: { key: SortKey; label: string }[] = [
  { key: "title", label: "Title" },
  { key: "year", label: "Year" },
  { key: "added", label: "Date added" },
  { key: "rating", label: "Rating" },
  { key: "size", label: "Size on disk" },
  { key: "popularity", label: "Popularity" },
];

interface ToolbarProps {
  search: string;
  onSearch: (text: string) => void;
  sortKey: SortKey;
  onSortKey: (key: SortKey) => void;
  sortDirection: SortDirection;
  onSortDirection: (direction: SortDirection) => void;
  view: LibraryView;
  onView: (view: LibraryView) => void;
}

/** Search, sort and view: the controls above the library list. */
export function LibraryToolbar(props: ToolbarProps) {
  return (
    <div class="toolbar">
      <label class="field grow">
        <span>Search</span>
        <input
          type="search"
          placeholder="Title, original title…"
          value={props.search}
          onInput={(e) => props.onSearch(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>Sort by</span>
        <select value={props.sortKey} onChange={(e) => props.onSortKey(e.currentTarget.value as SortKey)}>
          {SORT_KEYS.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>Direction</span>
        <select
          value={props.sortDirection}
          onChange={(e) => props.onSortDirection(e.currentTarget.value as SortDirection)}
        >
          <option value="ascending">Ascending</option>
          <option value="descending">Descending</option>
        </select>
      </label>
      <ViewChoices view={props.view} onView={props.onView} />
    </div>
  );
}

const VIEWS: { view: LibraryView; label: string }[] = [
  { view: "table", label: "Table" },
  { view: "posters", label: "Posters" },
  { view: "overview", label: "Overview" },
];

/** The view, what it shows (columns, poster size), and select mode. */
function ViewChoices({ view, onView }: Pick<ToolbarProps, "view" | "onView">) {
  return (
    <>
      <fieldset class="segmented">
        <legend class="visually-hidden">View</legend>
        {VIEWS.map((v) => (
          <button key={v.view} type="button" aria-pressed={view === v.view} onClick={() => onView(v.view)}>
            {v.label}
          </button>
        ))}
      </fieldset>
      {view === "table" ? (
        <ColumnChooser />
      ) : (
        view === "posters" && (
          <label class="field">
            <span>Poster size</span>
            <select value={posterSize.value} onChange={(e) => choosePosterSize(e.currentTarget.value as PosterSize)}>
              {(Object.keys(POSTER_SIZES) as PosterSize[]).map((size) => (
                <option key={size} value={size}>
                  {POSTER_SIZES[size].label}
                </option>
              ))}
            </select>
          </label>
        )
      )}
      <button type="button" aria-pressed={selecting.value} onClick={() => setSelecting(!selecting.value)}>
        Select
      </button>
    </>
  );
}

interface FilterProps {
  filters: LibraryFilters;
  onFilter: <K extends keyof LibraryFilters>(name: K, value: LibraryFilters[K]) => void;
  onClear: () => void;
  /** Replaces every filter at once (a saved filter chosen). */
  onChoose: (filters: LibraryFilters) => void;
  activeCount: number;
  profiles: QualityProfile[];
  tags: Tag[];
}

/** The server-side filters: each change refetches the list from its first page. */
export function LibraryFilterBar({ filters, onFilter, onClear, onChoose, activeCount, profiles, tags }: FilterProps) {
  return (
    <fieldset class="filters">
      <legend class="visually-hidden">Filters</legend>
      <StateFilters filters={filters} onFilter={onFilter} />
      <ChoiceFilters filters={filters} onFilter={onFilter} profiles={profiles} tags={tags} />
      <button type="button" class="ghost" disabled={activeCount === 0} onClick={onClear}>
        Clear filters
      </button>
      <SavedFilters filters={filters} onChoose={onChoose} />
    </fieldset>
  );
}

/** Monitored, file, status and the year range. */
function StateFilters({ filters, onFilter }: Pick<FilterProps, "filters" | "onFilter">) {
  return (
    <>
      <label class="field">
        <span>Monitored</span>
        <select
          value={filters.monitored}
          onChange={(e) => onFilter("monitored", e.currentTarget.value as LibraryFilters["monitored"])}
        >
          <option value="">Any</option>
          <option value="true">Monitored</option>
          <option value="false">Unmonitored</option>
        </select>
      </label>
      <label class="field">
        <span>File</span>
        <select
          value={filters.hasFile}
          onChange={(e) => onFilter("hasFile", e.currentTarget.value as LibraryFilters["hasFile"])}
        >
          <option value="">Any</option>
          <option value="true">Has file</option>
          <option value="false">Missing</option>
        </select>
      </label>
      <label class="field">
        <span>Status</span>
        <select
          value={filters.status}
          onChange={(e) => onFilter("status", e.currentTarget.value as LibraryFilters["status"])}
        >
          <option value="">Any</option>
          {(["tba", "announced", "inCinemas", "released"] as const).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label class="field year">
        <span>Year from</span>
        <input
          type="number"
          min={1800}
          max={2200}
          value={filters.yearFrom}
          onInput={(e) => onFilter("yearFrom", e.currentTarget.value)}
        />
      </label>
      <label class="field year">
        <span>Year to</span>
        <input
          type="number"
          min={1800}
          max={2200}
          value={filters.yearTo}
          onInput={(e) => onFilter("yearTo", e.currentTarget.value)}
        />
      </label>
    </>
  );
}

/** Genre, tag and quality profile. */
function ChoiceFilters({
  filters,
  onFilter,
  profiles,
  tags,
}: Omit<FilterProps, "onClear" | "onChoose" | "activeCount">) {
  return (
    <>
      <label class="field">
        <span>Genre</span>
        <select value={filters.genre} onChange={(e) => onFilter("genre", e.currentTarget.value)}>
          <option value="">Any</option>
          {GENRES.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>Tag</span>
        <select value={filters.tagId} onChange={(e) => onFilter("tagId", e.currentTarget.value)}>
          <option value="">Any</option>
          {tags.map((t) => (
            <option key={t.id} value={String(t.id)}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>Quality profile</span>
        <select value={filters.qualityProfileId} onChange={(e) => onFilter("qualityProfileId", e.currentTarget.value)}>
          <option value="">Any</option>
          {profiles.map((p) => (
            <option key={p.id} value={String(p.id)}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
