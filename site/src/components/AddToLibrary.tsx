import { useSignal } from "@preact/signals";
import { api, errorMessage } from "../api";
import { Link } from "../router";
import { invalidateLibrary } from "../state/library";
import { loadReference, qualityProfiles, rootFolders } from "../state/reference";
import { defaultChoices } from "./MovieChoices";

/**
 * One-click add for a movie seen in trending or coming soon: the Add movie page's defaults (the
 * HD-1080p profile, the first root folder, monitored, released) through the same POST /movie.
 * Shows "In library" when the movie is already there or once added.
 */
export function AddToLibrary({ tmdbId, title, inLibrary }: { tmdbId: number; title: string; inLibrary: boolean }) {
  const added = useSignal<number | undefined>(undefined);
  const adding = useSignal(false);
  const error = useSignal<string | undefined>(undefined);

  if (inLibrary || added.value !== undefined) {
    return (
      <span class="in-library">
        <span class="badge ok">In library</span>
        {added.value !== undefined && <Link href={`/movie/${added.value}`}>Open</Link>}
      </span>
    );
  }

  const add = async () => {
    adding.value = true;
    error.value = undefined;
    try {
      await loadReference();
      const choices = defaultChoices(qualityProfiles.value, rootFolders.value);
      if (!choices.rootFolderPath) {
        error.value = "No root folder yet: add one in Settings first";
        return;
      }
      const movie = await api.movies.add({
        tmdbId,
        title,
        ...choices,
        addOptions: { searchForMovie: false, monitor: "movieOnly", addMethod: "manual" },
      });
      added.value = movie.id;
      invalidateLibrary();
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      adding.value = false;
    }
  };

  return (
    <span class="add-to-library">
      <button type="button" disabled={adding.value} onClick={add} aria-label={`Add ${title} to library`}>
        {adding.value ? "Adding…" : "Add to library"}
      </button>
      {error.value && (
        <span class="field-error" role="alert">
          {error.value}
        </span>
      )}
    </span>
  );
}
