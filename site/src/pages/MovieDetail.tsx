import { type Signal, useSignal } from "@preact/signals";
import { ApiError, api, type Movie, type MovieEdit } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatBytes, formatDate, formatRuntime } from "../components/format";
import { InteractiveSearch } from "../components/InteractiveSearch";
import { ListProvenance } from "../components/ListProvenance";
import { MovieChoicesFields } from "../components/MovieChoices";
import { MovieActions } from "../components/movie/MovieActions";
import { MovieCollection } from "../components/movie/MovieCollection";
import { MovieTabs } from "../components/movie/MovieTabs";
import { RelatedTitles } from "../components/movie/RelatedTitles";
import { AVAILABILITY_LABELS, STATUS_LABELS } from "../components/movieLabels";
import { Facts } from "../components/ParseResult";
import { imageUrl, Poster } from "../components/Poster";
import { StatusNote } from "../components/StatusNote";
import { useResource } from "../components/useResource";
import { WhereToWatch } from "../components/WhereToWatch";
import { Link, navigate } from "../router";
import { invalidateLibrary } from "../state/library";
import { loadReference, profileNames, qualityProfiles, rootFolders, tagLabels, tags } from "../state/reference";

const editOf = (movie: Movie): MovieEdit => ({
  monitored: movie.monitored,
  qualityProfileId: movie.qualityProfileId,
  minimumAvailability: movie.minimumAvailability,
  rootFolderPath: movie.rootFolderPath ?? "",
  path: movie.path ?? "",
  tags: movie.tags,
});

/** The folder's own name: what stays when the movie moves to another root folder. */
const folderName = (movie: Movie, path: string) =>
  movie.folder || path.split(/[\\/]/).filter(Boolean).pop() || movie.title;

/**
 * One movie: its metadata; search (automatic and interactive), refresh, rename preview and the
 * trailer; its files, history, titles and credits in tabs; the edit form and delete; its
 * collection and TMDb's similar and recommended titles.
 */
export function MovieDetail({ id }: { id: number }) {
  // Profile, folder and tag names; the page shows ids without them.
  useResource(() => loadReference(), []);
  const { data: movie, error: loadError, reload } = useResource(() => api.movies.get(id), [id]);

  if (loadError.value) {
    const missing = loadError.value instanceof ApiError && loadError.value.status === 404;
    return (
      <section class="page">
        <h1>{missing ? "Movie not found" : "The movie could not be loaded"}</h1>
        <ErrorMessage error={loadError.value} />
        <Link href="/">Back to the library</Link>
      </section>
    );
  }
  const m = movie.value;
  if (!m) return <p class="page muted">Loading…</p>;

  return (
    <article class="movie-detail">
      <MovieHero movie={m} id={id} />

      <MovieActions movie={{ ...m, id }} onChanged={reload} />

      <WhereToWatch tmdbId={m.tmdbId} title={m.title} unmonitoredFor={m.streamingUnmonitoredService} />

      <InteractiveSearch movieId={id} title={m.title} />

      <MovieTabs movieId={id} onChanged={reload} />

      <div class="detail-columns">
        <MovieFacts movie={m} />

        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">Edit</h2>
          <EditForm key={m.id} id={id} movie={movie} />

          <DeleteMovie id={id} title={m.title} />
        </section>
      </div>

      {m.collection && <MovieCollection collection={m.collection} />}
      <RelatedTitles movieId={id} kind="similar" />
      <RelatedTitles movieId={id} kind="recommendations" />
    </article>
  );
}

/** The poster over the fanart, the title, badges, tags, where it came from, overview and links. */
function MovieHero({ movie: m, id }: { movie: Movie; id: number }) {
  const fanart = imageUrl(m, "fanart");
  return (
    <header class="movie-hero" style={fanart ? { backgroundImage: `url("${fanart}")` } : undefined}>
      <div class="hero-shade">
        <Poster movie={m} class="large" />
        <div class="hero-text">
          <h1>
            {m.title} <span class="year">({m.year || "unknown year"})</span>
          </h1>
          {m.originalTitle && m.originalTitle !== m.title && <p class="muted">{m.originalTitle}</p>}
          <p class="chips">
            <span class={`badge ${m.monitored ? "ok" : ""}`}>{m.monitored ? "Monitored" : "Unmonitored"}</span>
            <span class={`badge ${m.hasFile ? "ok" : "warn"}`}>{m.hasFile ? "Downloaded" : "Missing"}</span>
            {m.tags.map((t) => (
              <span key={t} class="chip">
                {tagLabels.value.get(t) ?? `#${t}`}
              </span>
            ))}
          </p>
          <ListProvenance movieId={id} />
          <p class="overview">{m.overview || "No overview."}</p>
          <p class="links">
            <a href={`https://www.themoviedb.org/movie/${m.tmdbId}`} target="_blank" rel="noreferrer">
              TMDb {m.tmdbId}
            </a>
            {m.imdbId && (
              <a href={`https://www.imdb.com/title/${m.imdbId}/`} target="_blank" rel="noreferrer">
                IMDb {m.imdbId}
              </a>
            )}
          </p>
        </div>
      </div>
    </header>
  );
}

function MovieFacts({ movie: m }: { movie: Movie }) {
  const rating = m.ratings.tmdb;
  const facts: [string, string][] = [
    ["Status", STATUS_LABELS[m.status]],
    ["Runtime", formatRuntime(m.runtime)],
    ["Certification", m.certification || "—"],
    ["Genres", m.genres.join(", ") || "—"],
    [
      "Rating",
      rating?.value ? `${rating.value.toFixed(1)} (${rating.votes.toLocaleString("en-US")} votes, TMDb)` : "—",
    ],
    ["Studio", m.studio || "—"],
    ["Collection", m.collection?.title ?? "—"],
    ["In cinemas", formatDate(m.inCinemas)],
    ["Digital release", formatDate(m.digitalRelease)],
    ["Physical release", formatDate(m.physicalRelease)],
    ["Quality profile", profileNames.value.get(m.qualityProfileId) ?? `#${m.qualityProfileId}`],
    ["Minimum availability", AVAILABILITY_LABELS[m.minimumAvailability]],
    ["Available", m.isAvailable ? "Yes" : "Not yet"],
    ["File", m.hasFile ? formatBytes(m.sizeOnDisk) : "Missing"],
    ["Path", m.path ?? "—"],
    ["Added", formatDate(m.added)],
  ];
  return (
    <section aria-labelledby="facts-heading">
      <h2 id="facts-heading">Details</h2>
      <Facts facts={facts} />
    </section>
  );
}

/** The movie's profile, folder, availability, tags and path, saved together. */
function EditForm({ id, movie }: { id: number; movie: Signal<Movie | undefined> }) {
  const m = movie.value as Movie;
  const form = useSignal(editOf(m));
  const saving = useSignal(false);
  const saveError = useSignal<unknown>(undefined);
  const saved = useSignal(false);
  const edit = form.value;

  const save = async (event: Event) => {
    event.preventDefault();
    saving.value = true;
    saveError.value = undefined;
    saved.value = false;
    try {
      const updated = await api.movies.update(id, edit);
      movie.value = updated;
      form.value = editOf(updated);
      saved.value = true;
      invalidateLibrary();
    } catch (error) {
      saveError.value = error;
    } finally {
      saving.value = false;
    }
  };

  return (
    <form class="edit-form" onSubmit={save}>
      <MovieChoicesFields
        value={edit}
        onChange={(patch) => {
          const next = { ...edit, ...patch };
          if (patch.rootFolderPath !== undefined && patch.rootFolderPath !== edit.rootFolderPath) {
            next.path = `${patch.rootFolderPath.replace(/[\\/]+$/, "")}/${folderName(m, edit.path)}`;
          }
          form.value = next;
          saved.value = false;
        }}
        profiles={qualityProfiles.value}
        rootFolders={rootFolders.value}
        tags={tags.value}
      />
      <label class="field">
        <span>Path</span>
        <input
          type="text"
          value={edit.path}
          onInput={(e) => {
            form.value = { ...edit, path: e.currentTarget.value };
            saved.value = false;
          }}
        />
      </label>
      <ErrorMessage error={saveError.value} />
      <div class="actions">
        <button type="submit" class="primary" disabled={saving.value}>
          {saving.value ? "Saving…" : "Save"}
        </button>
        <StatusNote message={saved.value && "Saved"} />
      </div>
    </form>
  );
}

/** Delete, after a confirmation that can add an import exclusion. */
function DeleteMovie({ id, title }: { id: number; title: string }) {
  const confirmingDelete = useSignal(false);
  const addExclusion = useSignal(false);
  const deleting = useSignal(false);
  const deleteError = useSignal<unknown>(undefined);

  const remove = async () => {
    deleting.value = true;
    deleteError.value = undefined;
    try {
      await api.movies.remove(id, { deleteFiles: false, addImportExclusion: addExclusion.value });
      invalidateLibrary();
      navigate("/");
    } catch (error) {
      deleteError.value = error;
      deleting.value = false;
    }
  };

  return (
    <>
      <h2>Delete</h2>
      {confirmingDelete.value ? (
        <fieldset class="danger-zone">
          <legend class="visually-hidden">Confirm delete</legend>
          <p>
            Remove <strong>{title}</strong> from the library? Files on the download client's host are left alone.
          </p>
          <label class="check">
            <input
              type="checkbox"
              checked={addExclusion.value}
              onChange={(e) => {
                addExclusion.value = e.currentTarget.checked;
              }}
            />
            Add import exclusion (lists will not add it again)
          </label>
          <ErrorMessage error={deleteError.value} />
          <div class="actions">
            <button type="button" class="danger" disabled={deleting.value} onClick={remove}>
              {deleting.value ? "Deleting…" : "Yes, delete"}
            </button>
            <button
              type="button"
              class="ghost"
              onClick={() => {
                confirmingDelete.value = false;
              }}
            >
              Keep it
            </button>
          </div>
        </fieldset>
      ) : (
        <button
          type="button"
          class="danger"
          onClick={() => {
            confirmingDelete.value = true;
          }}
        >
          Delete movie
        </button>
      )}
    </>
  );
}
