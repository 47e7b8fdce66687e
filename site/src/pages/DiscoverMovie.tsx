import { useSignal } from "@preact/signals";
import { type DiscoverMovie as DiscoverMovieDetails, discoverApi } from "../api/discover";
import { AddMovieForm, addChosenMovie } from "../components/AddMovieForm";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatCount, formatRuntime } from "../components/format";
import { defaultChoices, type MovieChoices } from "../components/MovieChoices";
import { TitlePoster } from "../components/Poster";
import { OfferChips, regionName } from "../components/streaming";
import { useResource } from "../components/useResource";
import { Link } from "../router";
import { invalidateLibrary } from "../state/library";
import { loadReference, qualityProfiles, rootFolders } from "../state/reference";

/**
 * Discover's page for any movie, in the library or not: overview, ratings, cast, trailer, where
 * to watch, and either a link to the library movie or the add form with its choices shown.
 */
export function DiscoverMovie({ tmdbId }: { tmdbId: number }) {
  const { data, error } = useResource((signal) => discoverApi.movie(tmdbId, signal), [tmdbId]);
  const movie = data.value;
  if (!movie) {
    return (
      <section class="page discover-movie">
        <ErrorMessage error={error.value} />
        {!error.value && <p class="muted">Loading…</p>}
      </section>
    );
  }
  const meta = [
    movie.year ? String(movie.year) : undefined,
    movie.certification ?? undefined,
    movie.runtime ? formatRuntime(movie.runtime) : undefined,
    movie.genres.join(", ") || undefined,
  ].filter(Boolean);
  return (
    <section class="page discover-movie">
      <p>
        <Link href="/discover">← Discover</Link>
      </p>
      <div class="discover-hero">
        <TitlePoster url={movie.posterUrl} title={movie.title} class="large" />
        <div class="discover-hero-text">
          <h1>{movie.title}</h1>
          {movie.tagline && <p class="tagline">{movie.tagline}</p>}
          <p class="meta">{meta.join(" · ")}</p>
          <p class="ratings">
            TMDb ★ {movie.ratings.tmdb.value.toFixed(1)}{" "}
            <span class="muted">({formatCount(movie.ratings.tmdb.votes)} votes)</span>
          </p>
          <p class="overview">{movie.overview || "No overview yet."}</p>
          <Credits movie={movie} />
          {movie.trailer && (
            <p>
              <a href={`https://www.youtube.com/watch?v=${movie.trailer.key}`} target="_blank" rel="noreferrer">
                ▶ Watch the trailer
              </a>
            </p>
          )}
          <LibraryAction movie={movie} />
        </div>
      </div>
      <WhereToWatchSection movie={movie} />
      <CastList movie={movie} />
      <p class="muted attribution-note">
        Movie data from TMDb; streaming availability from JustWatch. This product uses the TMDB API but is not endorsed
        or certified by TMDB.
      </p>
    </section>
  );
}

function Credits({ movie }: { movie: DiscoverMovieDetails }) {
  const lines: [string, string][] = [];
  if (movie.directors.length) lines.push(["Directed by", movie.directors.join(", ")]);
  if (movie.studios.length) lines.push(["Studios", movie.studios.join(", ")]);
  if (movie.collection) lines.push(["Collection", movie.collection.name]);
  if (lines.length === 0) return null;
  return (
    <dl class="discover-credits">
      {lines.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "In library" with a link to the library movie, else Add… opening the add form with its defaults. */
function LibraryAction({ movie }: { movie: DiscoverMovieDetails }) {
  const added = useSignal<number | null>(movie.movieId);
  const open = useSignal(false);
  const choices = useSignal<MovieChoices>(defaultChoices([], []));
  const adding = useSignal(false);
  const addError = useSignal<unknown>(undefined);
  const reference = useResource(() => loadReference(), []);

  if (added.value !== null) {
    return (
      <p class="in-library">
        <span class="badge ok">In library</span> <Link href={`/movie/${added.value}`}>Open {movie.title}</Link>
      </p>
    );
  }
  if (!open.value) {
    return (
      <p>
        <button
          type="button"
          class="primary"
          onClick={() => {
            choices.value = defaultChoices(qualityProfiles.value, rootFolders.value);
            open.value = true;
          }}
          disabled={reference.loading.value}
        >
          Add…
        </button>
        <ErrorMessage error={reference.error.value} />
      </p>
    );
  }
  const add = async () => {
    adding.value = true;
    addError.value = undefined;
    try {
      const saved = await addChosenMovie(movie, choices.value);
      added.value = saved.id ?? null;
      invalidateLibrary();
    } catch (e) {
      addError.value = e;
    } finally {
      adding.value = false;
    }
  };
  return (
    <AddMovieForm
      title={movie.title}
      choices={choices}
      adding={adding.value}
      error={addError.value}
      onAdd={() => void add()}
      onCancel={() => {
        open.value = false;
      }}
    />
  );
}

function WhereToWatchSection({ movie }: { movie: DiscoverMovieDetails }) {
  const watch = movie.watch;
  return (
    <section class="discover-section" aria-label="Where to watch">
      <h2>Where to watch{watch ? ` in ${regionName(watch.region)}` : ""}</h2>
      {!watch && <p class="muted">Streaming availability could not be read right now.</p>}
      {watch && !watch.available && <p class="muted">Not offered by any streaming service there yet.</p>}
      {watch?.available && <OfferChips title={movie.title} offers={watch.offers} link={watch.link} />}
    </section>
  );
}

function CastList({ movie }: { movie: DiscoverMovieDetails }) {
  if (movie.cast.length === 0) return null;
  return (
    <section class="discover-section" aria-label="Cast">
      <h2>Cast</h2>
      <ul class="discover-cast" data-scroll-x>
        {movie.cast.map((person) => (
          <li key={person.personTmdbId}>
            <TitlePoster url={person.profileUrl} title={person.name} class="profile" />
            <span class="card-title">{person.name}</span>
            {person.character && <span class="card-meta">{person.character}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
