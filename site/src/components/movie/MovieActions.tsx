import { useSignal } from "@preact/signals";
import type { Movie } from "../../api";
import { CommandButton } from "./CommandButton";
import { RenamePreview } from "./RenamePreview";
import { Trailer } from "./Trailer";

interface Props {
  movie: Movie & { id: number };
  /** Reads the movie again (after a refresh or a search changed it). */
  onChanged: () => void;
}

/** The movie page's toolbar: automatic search, refresh, the rename preview and the trailer. */
export function MovieActions({ movie, onChanged }: Props) {
  const renaming = useSignal(false);
  return (
    <section aria-label="Movie actions" class="movie-actions">
      <div class="actions">
        <CommandButton
          label="Search"
          description={`Search for ${movie.title} automatically`}
          class="primary"
          name="MoviesSearch"
          body={{ movieIds: [movie.id] }}
          onEnd={onChanged}
        />
        <CommandButton
          label="Refresh"
          description={`Refresh ${movie.title} from TMDb`}
          name="RefreshMovie"
          body={{ movieIds: [movie.id] }}
          onEnd={onChanged}
        />
        <button
          type="button"
          aria-expanded={renaming.value}
          onClick={() => {
            renaming.value = !renaming.value;
          }}
        >
          Rename preview
        </button>
        <Trailer youTubeId={movie.youTubeTrailerId} title={movie.title} />
      </div>
      {renaming.value && movie.hasFile && <RenamePreview movieId={movie.id} />}
      {renaming.value && !movie.hasFile && <p class="muted">No file to rename yet.</p>}
    </section>
  );
}
