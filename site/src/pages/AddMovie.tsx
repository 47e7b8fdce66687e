import { useSignal } from "@preact/signals";
import { api, type Movie } from "../api";
import { AddMovieForm, addChosenMovie } from "../components/AddMovieForm";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatRuntime } from "../components/format";
import { defaultChoices, type MovieChoices } from "../components/MovieChoices";
import { Poster } from "../components/Poster";
import { useResource } from "../components/useResource";
import { Link } from "../router";
import { invalidateLibrary } from "../state/library";
import { loadReference, qualityProfiles, rootFolders } from "../state/reference";

/**
 * Add movie: search TMDb through the server, then add one result with the chosen profile,
 * folder, availability and tags. Searching waits for Enter or the button, not every keystroke,
 * because each lookup spends the TMDb call budget.
 */
export function AddMovie() {
  const { term, results, searching, searchError, selected, choices, adding, addError, search, open, add } =
    useAddMovie();

  return (
    <section class="page add-movie">
      <h1>Add movie</h1>
      <form class="lookup" onSubmit={search}>
        <label class="field grow">
          <span>Search for a movie</span>
          <input
            type="search"
            placeholder="Title, tmdb:603 or an IMDb id like tt0133093"
            value={term.value}
            onInput={(e) => {
              term.value = e.currentTarget.value;
            }}
          />
        </label>
        <button type="submit" class="primary" disabled={searching.value || !term.value.trim()}>
          {searching.value ? "Searching…" : "Search"}
        </button>
      </form>
      <ErrorMessage error={searchError} />
      {results?.length === 0 && <p class="muted">No movies found for “{term.value}”.</p>}
      {results && results.length > 0 && (
        <ul class="lookup-results" aria-label="Search results">
          {results.map((movie) => (
            <li key={movie.tmdbId} class="lookup-result">
              <Poster movie={movie} class="small" />
              <div class="lookup-body">
                <h2>
                  {movie.title} <span class="year">({movie.year || "unknown year"})</span>
                </h2>
                <p class="meta">
                  {[movie.genres.join(", "), formatRuntime(movie.runtime)].filter((s) => s && s !== "—").join(" · ")}
                </p>
                <p class="overview">{movie.overview}</p>
                {movie.id ? (
                  <p class="in-library">
                    <span class="badge ok">Already in library</span>{" "}
                    <Link href={`/movie/${movie.id}`}>Open {movie.title}</Link>
                  </p>
                ) : selected.value === movie.tmdbId ? (
                  <AddMovieForm
                    title={movie.title}
                    choices={choices}
                    adding={adding.value}
                    error={addError.value}
                    onAdd={() => void add(movie)}
                    onCancel={() => {
                      selected.value = undefined;
                    }}
                  />
                ) : (
                  <button type="button" onClick={() => open(movie)}>
                    Add…
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Looking a movie up on TMDb and adding one result with the chosen settings. */
function useAddMovie() {
  const term = useSignal("");
  /** What was last searched for: a new object each search, so the same term searches again. */
  const asked = useSignal<{ term: string } | undefined>(undefined);
  const selected = useSignal<number | undefined>(undefined);
  const choices = useSignal<MovieChoices>(defaultChoices([], []));
  const adding = useSignal(false);
  const addError = useSignal<unknown>(undefined);

  const reference = useResource(() => loadReference(), []);
  const query = asked.value;
  const lookup = useResource(query && ((signal) => api.movies.lookup(query.term, signal)), [query]);
  const searching = lookup.loading;
  // Before the first search the only failure is the reference data's; a failed search shows no results.
  const searchError = query ? lookup.error.value : reference.error.value;
  const results = lookup.error.value ? undefined : lookup.data.value;

  const search = (event: Event) => {
    event.preventDefault();
    const text = term.value.trim();
    if (!text) return;
    selected.value = undefined;
    asked.value = { term: text };
  };

  const open = (movie: Movie) => {
    selected.value = movie.tmdbId;
    addError.value = undefined;
    choices.value = defaultChoices(qualityProfiles.value, rootFolders.value);
  };

  const add = async (movie: Movie) => {
    adding.value = true;
    addError.value = undefined;
    try {
      const added = await addChosenMovie(movie, choices.value);
      lookup.data.value = lookup.data.value?.map((m) => (m.tmdbId === movie.tmdbId ? { ...m, id: added.id } : m));
      selected.value = undefined;
      invalidateLibrary();
    } catch (error) {
      addError.value = error;
    } finally {
      adding.value = false;
    }
  };
  return { term, results, searching, searchError, selected, choices, adding, addError, search, open, add };
}
