import { useSignal } from "@preact/signals";
import { type MovieFile, movieDetailApi } from "../../api/movieDetail";
import { ConfirmButton } from "../ConfirmButton";
import { ErrorMessage } from "../ErrorMessage";
import { formatBytes, formatDateTime } from "../format";
import { StatusNote } from "../StatusNote";
import { useResource } from "../useResource";

/** One file: its name, quality, languages, size, custom formats and a confirmed delete. */
function FileRow({ file, onDeleted }: { file: MovieFile; onDeleted: () => void }) {
  const deleting = useSignal(false);
  const error = useSignal<unknown>(undefined);
  const name = file.relativePath.split(/[\\/]/).pop() ?? file.relativePath;
  const remove = async () => {
    deleting.value = true;
    error.value = undefined;
    try {
      await movieDetailApi.deleteFile(file.id);
      onDeleted();
    } catch (e) {
      error.value = e;
    } finally {
      deleting.value = false;
    }
  };
  return (
    <tr>
      <td class="path wrap" title={file.path}>
        {name}
      </td>
      <td>
        {file.quality.quality.name}
        {file.qualityCutoffNotMet && <span class="badge warn">Cutoff not met</span>}
      </td>
      <td>{file.languages.map((l) => l.name).join(", ") || "—"}</td>
      <td>{formatBytes(file.size)}</td>
      <td>
        {file.customFormats.map((f) => f.name).join(", ") || "—"} ({file.customFormatScore})
      </td>
      <td>{formatDateTime(file.dateAdded)}</td>
      <td>
        <ConfirmButton label="Delete" description={`Delete file ${name}`} busy={deleting.value} onConfirm={remove} />
        <ErrorMessage error={error.value} />
      </td>
    </tr>
  );
}

/**
 * The movie's files (`/moviefile`). Deleting one has the download client holding it delete it
 * with its data; a client that cannot is said so and the file stays.
 */
export function MovieFilesTab({ movieId, onChanged }: { movieId: number; onChanged: () => void }) {
  const { data, error, reload } = useResource((signal) => movieDetailApi.files(movieId, signal), [movieId]);
  const deleted = useSignal(false);
  const files = data.value;
  if (error.value) return <ErrorMessage error={error.value} />;
  if (!files) return <p class="muted">Loading…</p>;
  const afterDelete = () => {
    deleted.value = true;
    reload();
    onChanged();
  };
  return (
    <>
      <StatusNote message={deleted.value && "File deleted"} />
      {files.length === 0 ? (
        <p class="muted">No file yet.</p>
      ) : (
        <table class="plain" aria-label="Movie files">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Quality</th>
              <th scope="col">Languages</th>
              <th scope="col">Size</th>
              <th scope="col">Custom formats</th>
              <th scope="col">Added</th>
              <th scope="col">Delete</th>
            </tr>
          </thead>
          <tbody>
            {files.map((file) => (
              <FileRow key={file.id} file={file} onDeleted={afterDelete} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
