import { useSignal } from "@preact/signals";
import type { MinimumAvailability, MovieEditorEdit } from "../api";
import { libraryApi } from "../api/library";
import { invalidateLibrary } from "../state/library";
import { clearSelection, selected } from "../state/librarySelection";
import { qualityProfiles, rootFolders } from "../state/reference";
import { ErrorMessage } from "./ErrorMessage";
import { formatCount } from "./format";
import { AVAILABILITY_LABELS } from "./movieLabels";
import { TagChecks } from "./TagChecks";

type TagMode = NonNullable<MovieEditorEdit["applyTags"]>;

/** The editor's fields; "" is "no change". */
interface Choices {
  monitored: "" | "true" | "false";
  qualityProfileId: string;
  minimumAvailability: "" | MinimumAvailability;
  rootFolderPath: string;
  tags: number[];
  applyTags: TagMode;
}

const NO_CHANGE: Choices = {
  monitored: "",
  qualityProfileId: "",
  minimumAvailability: "",
  rootFolderPath: "",
  tags: [],
  applyTags: "add",
};

/** The PUT /movie/editor body for the chosen movies: only the fields given a value. */
function editOf(ids: number[], c: Choices): MovieEditorEdit {
  return {
    movieIds: ids,
    monitored: c.monitored === "" ? undefined : c.monitored === "true",
    qualityProfileId: c.qualityProfileId ? Number(c.qualityProfileId) : undefined,
    minimumAvailability: c.minimumAvailability || undefined,
    rootFolderPath: c.rootFolderPath || undefined,
    ...(c.tags.length ? { tags: c.tags, applyTags: c.applyTags } : {}),
  };
}

const hasChange = (c: Choices) =>
  c.monitored !== "" ||
  c.qualityProfileId !== "" ||
  c.minimumAvailability !== "" ||
  c.rootFolderPath !== "" ||
  c.tags.length > 0;

/** Select mode's editor: set monitoring, profile, availability, root folder and tags on the chosen movies, or delete them. */
export function MassEditor() {
  const choices = useSignal<Choices>(NO_CHANGE);
  const busy = useSignal(false);
  const error = useSignal<unknown>(undefined);
  const done = useSignal("");
  const ids = [...selected.value];
  const c = choices.value;
  const set = <K extends keyof Choices>(name: K, value: Choices[K]) => {
    choices.value = { ...choices.value, [name]: value };
  };
  const run = async (action: () => Promise<unknown>, message: string) => {
    busy.value = true;
    error.value = undefined;
    done.value = "";
    try {
      await action();
      done.value = message;
      choices.value = NO_CHANGE;
      invalidateLibrary();
    } catch (e) {
      error.value = e;
      invalidateLibrary();
    } finally {
      busy.value = false;
    }
  };
  const count = `${formatCount(ids.length)} ${ids.length === 1 ? "movie" : "movies"}`;
  return (
    <section class="mass-editor" aria-label="Edit the selected movies">
      <div class="mass-fields">
        <EditorFields choices={c} set={set} />
        <button
          type="button"
          class="primary"
          disabled={busy.value || ids.length === 0 || !hasChange(c)}
          onClick={() => run(() => libraryApi.editMany(editOf(ids, c)), `Saved ${count}`)}
        >
          Apply to {count}
        </button>
        <DeleteMovies
          count={count}
          disabled={busy.value || ids.length === 0}
          onDelete={(options) =>
            run(async () => {
              await libraryApi.removeMany({ movieIds: ids, ...options });
              clearSelection();
            }, `Deleted ${count}`)
          }
        />
      </div>
      <p class="muted" role="status">
        {done.value}
      </p>
      <ErrorMessage error={error.value} />
    </section>
  );
}

function EditorFields({
  choices: c,
  set,
}: {
  choices: Choices;
  set: <K extends keyof Choices>(name: K, value: Choices[K]) => void;
}) {
  return (
    <>
      <label class="field">
        <span>Monitor</span>
        <select value={c.monitored} onChange={(e) => set("monitored", e.currentTarget.value as Choices["monitored"])}>
          <option value="">No change</option>
          <option value="true">Monitored</option>
          <option value="false">Unmonitored</option>
        </select>
      </label>
      <label class="field">
        <span>Set quality profile</span>
        <select value={c.qualityProfileId} onChange={(e) => set("qualityProfileId", e.currentTarget.value)}>
          <option value="">No change</option>
          {qualityProfiles.value.map((p) => (
            <option key={p.id} value={String(p.id)}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>Minimum availability</span>
        <select
          value={c.minimumAvailability}
          onChange={(e) => set("minimumAvailability", e.currentTarget.value as Choices["minimumAvailability"])}
        >
          <option value="">No change</option>
          {(Object.keys(AVAILABILITY_LABELS) as MinimumAvailability[]).map((a) => (
            <option key={a} value={a}>
              {AVAILABILITY_LABELS[a]}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>Root folder</span>
        <select value={c.rootFolderPath} onChange={(e) => set("rootFolderPath", e.currentTarget.value)}>
          <option value="">No change</option>
          {rootFolders.value.map((f) => (
            <option key={f.id} value={f.path}>
              {f.path}
            </option>
          ))}
        </select>
      </label>
      <TagChecks idPrefix="mass-editor" value={c.tags} onChange={(tags) => set("tags", tags)} />
      <label class="field">
        <span>Apply tags</span>
        <select value={c.applyTags} onChange={(e) => set("applyTags", e.currentTarget.value as TagMode)}>
          <option value="add">Add</option>
          <option value="remove">Remove</option>
          <option value="replace">Replace</option>
        </select>
      </label>
    </>
  );
}

/** Delete, asked once more with the two options: the files too, and an import exclusion. */
function DeleteMovies({
  count,
  disabled,
  onDelete,
}: {
  count: string;
  disabled: boolean;
  onDelete: (options: { deleteFiles: boolean; addImportExclusion: boolean }) => void;
}) {
  const asking = useSignal(false);
  const deleteFiles = useSignal(false);
  const addImportExclusion = useSignal(false);
  if (!asking.value) {
    return (
      <button
        type="button"
        class="danger"
        disabled={disabled}
        onClick={() => {
          asking.value = true;
        }}
      >
        Delete…
      </button>
    );
  }
  return (
    <fieldset class="confirm delete-confirm">
      <legend>Delete {count}?</legend>
      <label class="check">
        <input
          type="checkbox"
          checked={deleteFiles.value}
          onChange={(e) => {
            deleteFiles.value = e.currentTarget.checked;
          }}
        />
        Delete files
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={addImportExclusion.value}
          onChange={(e) => {
            addImportExclusion.value = e.currentTarget.checked;
          }}
        />
        Add import exclusion
      </label>
      <button
        type="button"
        class="danger"
        disabled={disabled}
        onClick={() => {
          asking.value = false;
          onDelete({ deleteFiles: deleteFiles.value, addImportExclusion: addImportExclusion.value });
        }}
      >
        Yes, delete {count}
      </button>
      <button
        type="button"
        class="ghost"
        onClick={() => {
          asking.value = false;
        }}
      >
        Cancel
      </button>
    </fieldset>
  );
}
