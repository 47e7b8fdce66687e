import { movieDetailApi } from "../../api/movieDetail";
import { ErrorMessage } from "../ErrorMessage";
import { useResource } from "../useResource";

/**
 * The TMDb collection the movie belongs to, with its movies and which of them the library has,
 * and a link to the collection on TMDb.
 */
export function MovieCollection({ collection }: { collection: { title: string; tmdbId: number } }) {
  const { data, error } = useResource(
    (signal) => movieDetailApi.collection(collection.tmdbId, signal),
    [collection.tmdbId],
  );
  const found = data.value;
  return (
    <section aria-labelledby="collection-heading" class="movie-collection">
      <h2 id="collection-heading">Collection</h2>
      <p>
        <a href={`https://www.themoviedb.org/collection/${collection.tmdbId}`} target="_blank" rel="noreferrer">
          {collection.title}
        </a>
        {found && (
          <span class="muted">
            {" "}
            · {found.movies.filter((m) => m.isExisting).length} of {found.movies.length} in the library
            {found.monitored ? " · monitored" : ""}
          </span>
        )}
      </p>
      <ErrorMessage error={error.value} />
      {found && found.movies.length > 0 && (
        <ul class="chips" aria-label={`Movies of ${collection.title}`}>
          {found.movies.map((m) => (
            <li key={m.tmdbId} class={`chip ${m.isExisting ? "ok" : ""}`}>
              {m.title} {m.year ? `(${m.year})` : ""}
              {m.isExisting ? " ✓" : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
