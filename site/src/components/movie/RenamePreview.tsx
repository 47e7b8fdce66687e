import { movieDetailApi } from "../../api/movieDetail";
import { ErrorMessage } from "../ErrorMessage";
import { useResource } from "../useResource";
import { CommandButton } from "./CommandButton";

/**
 * The movie's files whose names differ from the naming settings, each with the name it would
 * get, and the RenameFiles command that has their download client rename them.
 */
export function RenamePreview({ movieId }: { movieId: number }) {
  const { data, error, reload } = useResource((signal) => movieDetailApi.renamePreviews(movieId, signal), [movieId]);
  const previews = data.value;
  return (
    <section aria-labelledby="rename-heading" class="rename-preview">
      <h2 id="rename-heading">Rename preview</h2>
      <ErrorMessage error={error.value} />
      {previews?.length === 0 && <p class="muted">Every file is already named by the naming settings.</p>}
      {previews && previews.length > 0 && (
        <>
          <table class="plain" aria-label="Rename preview">
            <thead>
              <tr>
                <th scope="col">Now</th>
                <th scope="col">Renamed to</th>
              </tr>
            </thead>
            <tbody>
              {previews.map((p) => (
                <tr key={p.movieFileId}>
                  <td class="path">{p.existingPath}</td>
                  <td class="path">{p.newPath}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <CommandButton
            label="Rename files"
            description="Rename files"
            class="primary"
            name="RenameFiles"
            body={{ movieId, files: previews.map((p) => p.movieFileId) }}
            onEnd={reload}
          />
        </>
      )}
    </section>
  );
}
