import { type Signal, useSignal } from "@preact/signals";
import { api, type ImportList, type ImportListInput, type ImportListTestResult } from "../api";
import { loadReference, qualityProfiles, rootFolders } from "../state/reference";
import { problemAt } from "./FieldError";
import { AddedMoviesSection, EditorFooter, SyncingSection } from "./ListEditorSections";
import { defaultChoices } from "./MovieChoices";
import { PlexSignIn } from "./PlexSignIn";
import { NameField, SettingFields } from "./SettingFields";
import { useResource } from "./useResource";

/** The body the API takes for a list: everything the user chose, fields as `{name, value}`. */
export function listInput(list: ImportList): ImportListInput {
  return {
    name: list.name,
    implementation: list.implementation,
    configContract: list.configContract,
    fields: list.fields.map(({ name, value }) => ({ name, value })),
    enabled: list.enabled,
    enableAuto: list.enableAuto,
    monitor: list.monitor,
    minimumAvailability: list.minimumAvailability,
    qualityProfileId: list.qualityProfileId,
    rootFolderPath: list.rootFolderPath,
    searchOnAdd: list.searchOnAdd,
    notifyOnMovieAdded: list.notifyOnMovieAdded,
    notifyOnSyncSummary: list.notifyOnSyncSummary,
    streamingOption: list.streamingOption ?? "ignore",
    tags: list.tags,
    listOrder: list.listOrder,
    syncIntervalMinutes: list.syncIntervalMinutes,
  };
}

/** "New TMDb Collection list", but "New TMDb List" (never "New TMDb List list"). */
const newListTitle = (source: string) => (/\blists?$/i.test(source) ? `New ${source}` : `New ${source} list`);

interface Props {
  /** A saved list, or a schema template for a new one. */
  initial: ImportList;
  onSaved: (list: ImportList) => void;
  onDeleted?: () => void;
  onCancel?: () => void;
}

/**
 * An import list's settings: the source's own fields (rendered by type from the schema) and the
 * options every list has. Test reads the list upstream without saving; the server's complaints
 * show at the fields they name.
 */
export function ListEditor({ initial, onSaved, onDeleted, onCancel }: Props) {
  const draft = useSignal(initial);
  // The editor's one failure: the reference data's, then the last action's.
  const error = useReferenceDefaults(draft);
  const { busy, saved, tested, save, test, remove } = useListActions({ initial, draft, error, onSaved, onDeleted });
  const list = draft.value;
  // A template's id is 0 (as in Radarr): not saved yet.
  const isNew = !initial.id;
  const idPrefix = `list-${initial.id || "new"}`;

  const change = (patch: Partial<ImportList>) => {
    draft.value = { ...draft.value, ...patch };
    saved.value = false;
    tested.value = undefined;
  };
  const setField = (name: string, value: unknown) =>
    change({ fields: list.fields.map((f) => (f.name === name ? { ...f, value } : f)) });
  /** Body checks name `body.x`; reference checks (profile, folder, tags) name just `x`. */
  const problem = (name: string) => problemAt(error.value, `body.${name}`) ?? problemAt(error.value, name);

  return (
    <form
      class="editor list-editor"
      aria-label={isNew ? newListTitle(initial.implementationName) : `Edit ${initial.name}`}
      // The server checks every value and its complaints show at the fields; the browser's own
      // checks would stop a save before the user sees them.
      noValidate
      onSubmit={save}
    >
      <h2>{isNew ? newListTitle(initial.implementationName) : "Settings"}</h2>
      <NameField idPrefix={idPrefix} value={list.name} problem={problem("name")} onInput={(name) => change({ name })} />

      <SettingFields
        legend={initial.implementationName}
        noun="source"
        fields={list.fields}
        idPrefix={idPrefix}
        error={error.value}
        setField={setField}
      />
      {list.implementation === "PlexImport" && <PlexSignIn onToken={(token) => setField("accessToken", token)} />}

      <AddedMoviesSection list={list} idPrefix={idPrefix} change={change} problem={problem} />

      <SyncingSection
        list={list}
        source={initial.implementationName}
        idPrefix={idPrefix}
        change={change}
        problem={problem}
      />

      <EditorFooter
        error={error.value}
        tested={tested.value}
        busy={busy.value}
        saved={saved.value}
        name={isNew ? undefined : initial.name}
        onTest={test}
        onCancel={onCancel}
        onRemove={remove}
      />
    </form>
  );
}

/** Loads the reference data; a template names no profile or folder yet, so then fills in Add movie's defaults. */
function useReferenceDefaults(draft: Signal<ImportList>) {
  return useResource(async () => {
    await loadReference();
    // Add movie's defaults, never "Any", which would let a big list grab CAM releases.
    const d = draft.peek();
    const defaults = defaultChoices(qualityProfiles.value, rootFolders.value);
    const patch: Partial<ImportList> = {};
    if (!qualityProfiles.value.some((p) => p.id === d.qualityProfileId) && defaults.qualityProfileId)
      patch.qualityProfileId = defaults.qualityProfileId;
    if (!d.rootFolderPath && defaults.rootFolderPath) patch.rootFolderPath = defaults.rootFolderPath;
    if (Object.keys(patch).length) draft.value = { ...d, ...patch };
  }, []).error;
}

type Busy = "" | "saving" | "testing" | "deleting";

/** Saving, testing and deleting the list as drafted, each under `busy` with its failure in `error`. */
function useListActions({
  initial,
  draft,
  error,
  onSaved,
  onDeleted,
}: Pick<Props, "initial" | "onSaved" | "onDeleted"> & { draft: Signal<ImportList>; error: Signal<unknown> }) {
  const busy = useSignal<Busy>("");
  const saved = useSignal(false);
  const tested = useSignal<ImportListTestResult | undefined>(undefined);
  const list = draft.value;
  const run = async (action: "saving" | "testing" | "deleting", work: () => Promise<void>) => {
    busy.value = action;
    error.value = undefined;
    saved.value = false;
    tested.value = undefined;
    try {
      await work();
    } catch (e) {
      error.value = e;
    } finally {
      busy.value = "";
    }
  };

  const save = (event: Event) => {
    event.preventDefault();
    void run("saving", async () => {
      const result = initial.id
        ? await api.importLists.update(initial.id, listInput(list))
        : await api.importLists.add(listInput(list));
      draft.value = result;
      saved.value = true;
      onSaved(result);
    });
  };
  const test = () =>
    run("testing", async () => {
      // A saved list's id: the server then keeps its stored secrets and its own name is no clash.
      tested.value = await api.importLists.test({ ...listInput(list), id: initial.id });
    });
  const remove = () =>
    run("deleting", async () => {
      await api.importLists.remove(initial.id as number);
      onDeleted?.();
    });
  return { busy, saved, tested, save, test, remove };
}
