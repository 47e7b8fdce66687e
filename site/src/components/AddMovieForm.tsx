import type { Signal } from "@preact/signals";
import { api } from "../api";
import { Link } from "../router";
import { qualityProfiles, rootFolders, tags } from "../state/reference";
import { ErrorMessage } from "./ErrorMessage";
import { type MovieChoices, MovieChoicesFields } from "./MovieChoices";

/** Adds a movie as the form chose (no search on add: the user searches from its page). */
export const addChosenMovie = (movie: { tmdbId: number; title: string }, choices: MovieChoices) =>
  api.movies.add({
    tmdbId: movie.tmdbId,
    title: movie.title,
    ...choices,
    addOptions: { searchForMovie: false, monitor: choices.monitored ? "movieOnly" : "none", addMethod: "manual" },
  });

/**
 * The choices a movie is added with, defaults shown and editable: monitoring, profile, minimum
 * availability, root folder, tags. Add movie and Discover's movie page both add through it.
 */
export function AddMovieForm({
  title,
  choices,
  adding,
  error,
  onAdd,
  onCancel,
}: {
  title: string;
  choices: Signal<MovieChoices>;
  adding: boolean;
  error: unknown;
  onAdd: () => void;
  onCancel: () => void;
}) {
  return (
    <form
      class="add-form"
      aria-label={`Add ${title}`}
      onSubmit={(e) => {
        e.preventDefault();
        onAdd();
      }}
    >
      <MovieChoicesFields
        value={choices.value}
        onChange={(patch) => {
          choices.value = { ...choices.value, ...patch };
        }}
        profiles={qualityProfiles.value}
        rootFolders={rootFolders.value}
        tags={tags.value}
      />
      {rootFolders.value.length === 0 && (
        <p class="hint">
          No root folder yet: <Link href="/settings">add one in Settings</Link>.
        </p>
      )}
      <ErrorMessage error={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={adding || !choices.value.rootFolderPath}>
          {adding ? "Adding…" : "Add movie"}
        </button>
        <button type="button" class="ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
