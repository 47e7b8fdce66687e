import { useSignal } from "@preact/signals";
import { api, errorMessage, type Movie } from "../api";
import { useResource } from "./useResource";

const SEARCH_DELAY_MS = 250;

interface Props {
  label: string;
  value: Movie | undefined;
  onChange: (movie: Movie | undefined) => void;
}

/** The library's movies whose titles match `term` (debounced); none while a movie is picked. */
function useMovieSearch(term: string, value: Movie | undefined) {
  const { data: results, error } = useResource(
    term && !value
      ? (signal) =>
          api.movies
            .paged({ page: 1, pageSize: 20, sortKey: "title", sortDirection: "ascending", search: term }, signal)
            .then((page) => page.records)
      : undefined,
    [term, value],
    { delayMs: SEARCH_DELAY_MS },
  );
  return { results, error };
}

/** Chooses one movie of the library by searching its titles (the server's paged search). */
export function MoviePicker({ label, value, onChange }: Props) {
  const search = useSignal("");
  const term = search.value.trim();
  const { results, error } = useMovieSearch(term, value);

  if (value) {
    return (
      <div class="field movie-picker">
        <span>{label}</span>
        <div class="picked">
          <strong>
            {value.title} ({value.year || "unknown year"})
          </strong>
          <button
            type="button"
            class="ghost"
            onClick={() => {
              onChange(undefined);
              search.value = "";
            }}
          >
            Clear movie
          </button>
        </div>
      </div>
    );
  }
  return (
    <div class="field movie-picker">
      <label for="movie-picker-search">{label}</label>
      <input
        id="movie-picker-search"
        type="search"
        placeholder="Search the library"
        autocomplete="off"
        value={search.value}
        onInput={(e) => {
          search.value = e.currentTarget.value;
        }}
      />
      {error.value !== undefined && <span class="field-error">{errorMessage(error.value)}</span>}
      {results.value && (
        <ul class="picker-results" aria-label="Matching movies">
          {results.value.length === 0 && <li class="muted">No movie in the library matches “{term}”.</li>}
          {results.value.map((m) => (
            <li key={m.id}>
              <button type="button" class="link" onClick={() => onChange(m)}>
                {m.title} ({m.year || "unknown year"})
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
