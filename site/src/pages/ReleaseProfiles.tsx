import { useSignal } from "@preact/signals";
import { api } from "../api";
import { type ReleaseProfile, settingsApi } from "../api/settings";
import { ErrorMessage } from "../components/ErrorMessage";
import { FieldError, invalidProps, problemAt } from "../components/FieldError";
import { useStackedTableLabels } from "../components/stackedTables";
import { EditDeleteCell, TableHead } from "../components/TableParts";
import { TagChecks } from "../components/TagChecks";
import { useResource } from "../components/useResource";
import { tagLabels } from "../state/reference";

type Draft = Omit<ReleaseProfile, "id"> & { id?: number };
const NEW: Draft = { name: "", enabled: true, required: [], ignored: [], indexerId: 0, tags: [] };

const termsOf = (text: string) =>
  text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

/** Release profiles: terms a release must and must not contain, by tag and indexer. */
export function ReleaseProfiles() {
  const { data, error: loadError, reload } = useResource((signal) => settingsApi.releaseProfiles.list(signal), []);
  const { data: indexers } = useResource(() => api.indexers.list(), []);
  const editing = useSignal<Draft | undefined>(undefined);
  const error = useSignal<unknown>(undefined);
  useStackedTableLabels("release-profiles");
  const indexerName = (id: number) =>
    id === 0 ? "Any indexer" : (indexers.value?.find((i) => i.id === id)?.name ?? `Indexer #${id}`);
  const profiles = data.value ?? [];
  return (
    <section id="release-profiles" aria-labelledby="release-heading" class="settings-section">
      <h2 id="release-heading">Release profiles</h2>
      {data.value && profiles.length === 0 && <p class="muted">No release profiles.</p>}
      {profiles.length > 0 && (
        <table class="plain" aria-label="Release profiles">
          <TableHead columns={["Name", "Must contain", "Must not contain", "Indexer", "Tags", "Enabled"]} actions />
          <tbody>
            {profiles.map((p) => (
              <tr key={p.id}>
                <td>{p.name || "Unnamed"}</td>
                <td>{p.required.join(", ") || "—"}</td>
                <td>{p.ignored.join(", ") || "—"}</td>
                <td>{indexerName(p.indexerId)}</td>
                <td>{p.tags.map((t) => tagLabels.value.get(t) ?? `#${t}`).join(", ") || "Every movie"}</td>
                <td>{p.enabled ? "Yes" : "No"}</td>
                <EditDeleteCell
                  what={`release profile ${p.name || p.id}`}
                  onEdit={() => (editing.value = p)}
                  onDelete={async () => {
                    error.value = undefined;
                    await settingsApi.releaseProfiles.remove(p.id).catch((e) => (error.value = e));
                    reload();
                  }}
                />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing.value ? (
        <ReleaseProfileForm
          key={editing.value.id ?? "new"}
          initial={editing.value}
          indexers={(indexers.value ?? []).map((i) => ({ id: i.id as number, name: i.name }))}
          onDone={() => {
            editing.value = undefined;
            reload();
          }}
        />
      ) : (
        <button type="button" onClick={() => (editing.value = NEW)}>
          Add release profile
        </button>
      )}
      <ErrorMessage error={error.value ?? loadError.value} />
    </section>
  );
}

function ReleaseProfileForm({
  initial,
  indexers,
  onDone,
}: {
  initial: Draft;
  indexers: { id: number; name: string }[];
  onDone: () => void;
}) {
  const draft = useSignal<Draft>(initial);
  const error = useSignal<unknown>(undefined);
  const set = (changes: Partial<Draft>) => {
    draft.value = { ...draft.value, ...changes };
  };
  const save = async (event: Event) => {
    event.preventDefault();
    error.value = undefined;
    try {
      const { id, ...body } = draft.value;
      if (id) await settingsApi.releaseProfiles.update({ ...body, id });
      else await settingsApi.releaseProfiles.add(body);
      onDone();
    } catch (e) {
      error.value = e;
    }
  };
  return (
    <form class="editor" aria-label={initial.id ? "Edit release profile" : "Add release profile"} onSubmit={save}>
      <div class="editor-fields">
        <div class="field grow">
          <label for="release-name">Name</label>
          <input
            id="release-name"
            type="text"
            value={draft.value.name ?? ""}
            onInput={(e) => set({ name: e.currentTarget.value })}
          />
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={draft.value.enabled}
            onChange={(e) => set({ enabled: e.currentTarget.checked })}
          />
          Enabled
        </label>
        <TermsField name="required" label="Must contain" initial={initial} error={error.value} set={set} />
        <TermsField name="ignored" label="Must not contain" initial={initial} error={error.value} set={set} />
        <div class="field">
          <label for="release-indexer">Indexer</label>
          <select
            id="release-indexer"
            value={String(draft.value.indexerId)}
            onChange={(e) => set({ indexerId: Number(e.currentTarget.value) })}
          >
            <option value="0">Any indexer</option>
            {indexers.map((i) => (
              <option key={i.id} value={String(i.id)}>
                {i.name}
              </option>
            ))}
          </select>
          <FieldError id="release-indexerId-error" message={problemAt(error.value, "body.indexerId")} />
        </div>
      </div>
      <TagChecks idPrefix="release" value={draft.value.tags} onChange={(tags) => set({ tags })} />
      <div class="actions">
        <button type="submit">Save release profile</button>
        <button type="button" class="ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
      <ErrorMessage error={error.value} />
    </form>
  );
}

/** Terms typed comma-separated; the list is what is sent. */
function TermsField({
  name,
  label,
  initial,
  error,
  set,
}: {
  name: "required" | "ignored";
  label: string;
  initial: Draft;
  error: unknown;
  set: (changes: Partial<Draft>) => void;
}) {
  const problem = problemAt(error, `body.${name}`);
  return (
    <div class="field grow">
      <label for={`release-${name}`}>{label}</label>
      <input
        id={`release-${name}`}
        type="text"
        placeholder="comma-separated; /regex/ allowed"
        // Uncontrolled: a trailing comma being typed must survive re-renders.
        defaultValue={initial[name].join(", ")}
        onInput={(e) => set({ [name]: termsOf(e.currentTarget.value) })}
        {...invalidProps(`release-${name}-error`, problem)}
      />
      <FieldError id={`release-${name}-error`} message={problem} />
    </div>
  );
}
