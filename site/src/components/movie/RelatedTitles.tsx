import { useSignal } from "@preact/signals";
import { api } from "../../api";
import { movieDetailApi, type RelatedKind, type RelatedMovie } from "../../api/movieDetail";
import { Link } from "../../router";
import { invalidateLibrary } from "../../state/library";
import { profileNames, qualityProfiles, rootFolders } from "../../state/reference";
import { ErrorMessage } from "../ErrorMessage";
import { defaultChoices, type MovieChoices } from "../MovieChoices";
import { AVAILABILITY_LABELS } from "../movieLabels";
import { TitlePoster } from "../Poster";
import { useResource } from "../useResource";

const HEADINGS: Record<RelatedKind, string> = { similar: "Similar titles", recommendations: "Recommended" };

/** The add form's defaults in words, shown before the add so nothing is hidden: "HD-1080p · /movies · monitored · Released". */
function choicesInWords(choices: MovieChoices): string {
  return [
    profileNames.value.get(choices.qualityProfileId) ?? `profile #${choices.qualityProfileId}`,
    choices.rootFolderPath,
    choices.monitored ? "monitored" : "unmonitored",
    `minimum availability ${AVAILABILITY_LABELS[choices.minimumAvailability]}`,
    "no search yet",
  ].join(" · ");
}

/** Add with the Add movie page's defaults, after a confirmation that names them. */
function AddRelated({ movie }: { movie: RelatedMovie }) {
  const confirming = useSignal(false);
  const adding = useSignal(false);
  const added = useSignal<number | undefined>(undefined);
  const error = useSignal<unknown>(undefined);
  const choices = defaultChoices(qualityProfiles.value, rootFolders.value);
  const label = `${movie.title}${movie.year ? ` (${movie.year})` : ""}`;
  if (added.value !== undefined) return <Link href={`/movie/${added.value}`}>In library: open</Link>;
  if (!choices.rootFolderPath) return <span class="muted">Add a root folder in Settings to add titles</span>;
  const add = async () => {
    adding.value = true;
    error.value = undefined;
    try {
      const created = await api.movies.add({
        tmdbId: movie.tmdbId,
        title: movie.title,
        ...choices,
        addOptions: { searchForMovie: false, monitor: "movieOnly", addMethod: "manual" },
      });
      added.value = created.id;
      invalidateLibrary();
    } catch (e) {
      error.value = e;
    } finally {
      adding.value = false;
      confirming.value = false;
    }
  };
  const words = choicesInWords(choices);
  return (
    <>
      {confirming.value ? (
        <fieldset class="confirm related-confirm">
          <legend class="visually-hidden">Add {label}</legend>
          <span>Add with {words}?</span>
          <button type="button" class="primary" disabled={adding.value} onClick={add}>
            {adding.value ? "Adding…" : "Yes, add"}
          </button>
          <button
            type="button"
            class="ghost"
            onClick={() => {
              confirming.value = false;
            }}
          >
            Cancel
          </button>
        </fieldset>
      ) : (
        <button
          type="button"
          aria-label={`Add ${label}`}
          title={`Adds with ${words}`}
          onClick={() => {
            confirming.value = true;
          }}
        >
          Add
        </button>
      )}
      <ErrorMessage error={error.value} />
    </>
  );
}

function RelatedCard({ movie }: { movie: RelatedMovie }) {
  const poster = movie.images.find((i) => i.coverType === "poster")?.url ?? null;
  const rating = movie.ratings.tmdb.value;
  return (
    <li class="related-card">
      <TitlePoster url={poster} title={movie.title} />
      <span class="related-title">
        {movie.movieId !== null ? <Link href={`/movie/${movie.movieId}`}>{movie.title}</Link> : movie.title}{" "}
        <span class="muted">{movie.year || ""}</span>
      </span>
      {rating > 0 && <span class="muted">★ {rating.toFixed(1)}</span>}
      {movie.movieId !== null && <span class="badge ok">In library</span>}
      {movie.movieId === null && movie.isExcluded && <span class="badge">Excluded</span>}
      {movie.movieId === null && !movie.isExcluded && <AddRelated movie={movie} />}
    </li>
  );
}

/** TMDb's similar or recommended titles for the movie, each opened when in the library, else added in one confirmed click. */
export function RelatedTitles({ movieId, kind }: { movieId: number; kind: RelatedKind }) {
  const { data, error } = useResource((signal) => movieDetailApi.related(movieId, kind, signal), [movieId, kind]);
  const movies = data.value;
  const headingId = `related-${kind}-heading`;
  return (
    <section aria-labelledby={headingId} class="related-titles">
      <h2 id={headingId}>{HEADINGS[kind]}</h2>
      <ErrorMessage error={error.value} />
      {!movies && !error.value && <p class="muted">Loading…</p>}
      {movies?.length === 0 && <p class="muted">TMDb has none for this movie.</p>}
      {movies && movies.length > 0 && (
        <ul class="related-row" aria-label={HEADINGS[kind]}>
          {movies.map((m) => (
            <RelatedCard key={m.tmdbId} movie={m} />
          ))}
        </ul>
      )}
    </section>
  );
}
