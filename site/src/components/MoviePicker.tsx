import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { api, errorMessage, type Movie } from "../api";

const SEARCH_DELAY_MS = 250;

interface Props {
  label: string;
  value: Movie | undefined;
  onChange: (movie: Movie | undefined) => void;
}

/** Chooses one movie of the library by searching its titles (the server's paged search). */
/** The library's movies whose titles match `term` (debounced); none while a movie is picked. */
function useMovieSearch(term: string, value: Movie | undefined) {
  const results = useSignal<Movie[] | undefined>(undefined);
  const error = useSignal<string | undefined>(undefined);
  useEffect(() => {
    if (!term || value) {
      results.value = undefined;
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.movies
        .paged({ page: 1, pageSize: 20, sortKey: "title", sortDirection: "ascending", search: term }, controller.signal)
        .then(
          (page) => {
            results.value = page.records;
            error.value = undefined;
          },
          (e) => {
            if ((e as Error).name !== "AbortError") error.value = errorMessage(e);
          },
        );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [term, value]);
  return { results, error };
}

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
      {error.value && <span class="field-error">{error.value}</span>}
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
