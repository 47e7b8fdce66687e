import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { MINIMUM_AVAILABILITIES } from "../../../src/domain/library/movieStatus";
import {
  api,
  type ImportList,
  type ImportListInput,
  type ImportListTestResult,
  type ListMonitor,
  type ListStreamingOption,
  type MinimumAvailability,
} from "../api";
import { loadReference, qualityProfiles, rootFolders, tags } from "../state/reference";
import { ConfirmButton } from "./ConfirmButton";
import { ErrorMessage } from "./ErrorMessage";
import { FieldError, invalidProps, problemAt } from "./FieldError";
import { formatCount, formatInterval } from "./format";
import { ListFieldInput } from "./ListFieldInput";
import { defaultChoices } from "./MovieChoices";
import { AVAILABILITY_LABELS } from "./movieLabels";
import { LIST_STREAMING_LABELS } from "./streaming";

const MONITOR_LABELS: Record<ListMonitor, string> = {
  movieOnly: "Movie only",
  movieAndCollection: "Movie and collection",
  none: "None (add unmonitored)",
};

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
    streamingOption: list.streamingOption ?? "ignore",
    tags: list.tags,
    listOrder: list.listOrder,
    syncIntervalMinutes: list.syncIntervalMinutes,
  };
}

/** Radarr's TimeSpan ("12:00:00", "1.06:00:00") in minutes. */
function timeSpanMinutes(span: string): number {
  const match = /^(?:(\d+)\.)?(\d+):(\d+)/.exec(span);
  if (!match) return 0;
  return Number(match[1] ?? 0) * 1440 + Number(match[2]) * 60 + Number(match[3]);
}

/** "New TMDb Collection list", but "New TMDb List" (never "New TMDb List list"). */
const newListTitle = (source: string) => (/\blists?$/i.test(source) ? `New ${source}` : `New ${source} list`);

const MONITORS = Object.keys(MONITOR_LABELS) as ListMonitor[];
const STREAMING_OPTIONS = Object.keys(LIST_STREAMING_LABELS) as ListStreamingOption[];

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
  const error = useSignal<unknown>(undefined);
  const busy = useSignal<"" | "saving" | "testing" | "deleting">("");
  const saved = useSignal(false);
  const tested = useSignal<ImportListTestResult | undefined>(undefined);
  const list = draft.value;
  const isNew = initial.id === undefined;
  const idPrefix = `list-${initial.id ?? "new"}`;

  useEffect(() => {
    loadReference().then(
      () => {
        // A template names no profile or folder yet: start from Add movie's defaults (never "Any",
        // which would let a big list grab CAM releases).
        const d = draft.peek();
        const defaults = defaultChoices(qualityProfiles.value, rootFolders.value);
        const patch: Partial<ImportList> = {};
        if (!qualityProfiles.value.some((p) => p.id === d.qualityProfileId) && defaults.qualityProfileId)
          patch.qualityProfileId = defaults.qualityProfileId;
        if (!d.rootFolderPath && defaults.rootFolderPath) patch.rootFolderPath = defaults.rootFolderPath;
        if (Object.keys(patch).length) draft.value = { ...d, ...patch };
      },
      (e) => {
        error.value = e;
      },
    );
  }, []);

  const change = (patch: Partial<ImportList>) => {
    draft.value = { ...draft.value, ...patch };
    saved.value = false;
    tested.value = undefined;
  };
  const setField = (name: string, value: unknown) =>
    change({ fields: list.fields.map((f) => (f.name === name ? { ...f, value } : f)) });
  /** Body checks name `body.x`; reference checks (profile, folder, tags) name just `x`. */
  const problem = (name: string) => problemAt(error.value, `body.${name}`) ?? problemAt(error.value, name);

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
      const result =
        initial.id === undefined
          ? await api.importLists.add(listInput(list))
          : await api.importLists.update(initial.id, listInput(list));
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

  const minimumInterval = timeSpanMinutes(list.minRefreshInterval);
  const byOrder = (a: { order?: number }, b: { order?: number }) => (a.order ?? 0) - (b.order ?? 0);
  const basic = [...list.fields].filter((f) => !f.advanced).sort(byOrder);
  const advanced = [...list.fields].filter((f) => f.advanced).sort(byOrder);
  const fieldInput = (f: ImportList["fields"][number]) => (
    <ListFieldInput
      key={f.name}
      id={`${idPrefix}-${f.name}`}
      field={f}
      problem={problemAt(error.value, `body.fields.${f.name}`)}
      onChange={(value) => setField(f.name, value)}
    />
  );
  const folderKnown = rootFolders.value.some((f) => f.path === list.rootFolderPath);
  const t = tested.value;

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
      <div class="editor-fields">
        <div class="field grow">
          <label for={`${idPrefix}-name`}>Name</label>
          <input
            id={`${idPrefix}-name`}
            type="text"
            value={list.name}
            onInput={(e) => change({ name: e.currentTarget.value })}
            {...invalidProps(`${idPrefix}-name-error`, problem("name"))}
          />
          <FieldError id={`${idPrefix}-name-error`} message={problem("name")} />
        </div>
      </div>

      <fieldset class="editor-section">
        <legend>{initial.implementationName}</legend>
        <div class="editor-fields">
          {basic.map(fieldInput)}
          {list.fields.length === 0 && <p class="muted">This source has no settings.</p>}
        </div>
        {advanced.length > 0 && (
          <details class="advanced">
            <summary>Advanced settings</summary>
            <div class="editor-fields">{advanced.map(fieldInput)}</div>
          </details>
        )}
        <FieldError id={`${idPrefix}-fields-error`} message={problemAt(error.value, "body.fields")} />
      </fieldset>

      <fieldset class="editor-section">
        <legend>Movies the list adds</legend>
        <div class="editor-fields">
          <div class="field">
            <label for={`${idPrefix}-monitor`}>Monitor</label>
            <select
              id={`${idPrefix}-monitor`}
              value={list.monitor}
              onChange={(e) => change({ monitor: e.currentTarget.value as ListMonitor })}
            >
              {MONITORS.map((m) => (
                <option key={m} value={m}>
                  {MONITOR_LABELS[m]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`${idPrefix}-availability`}>Minimum availability</label>
            <select
              id={`${idPrefix}-availability`}
              value={list.minimumAvailability}
              onChange={(e) => change({ minimumAvailability: e.currentTarget.value as MinimumAvailability })}
            >
              {MINIMUM_AVAILABILITIES.map((a) => (
                <option key={a} value={a}>
                  {AVAILABILITY_LABELS[a]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`${idPrefix}-profile`}>Quality profile</label>
            <select
              id={`${idPrefix}-profile`}
              value={String(list.qualityProfileId)}
              onChange={(e) => change({ qualityProfileId: Number(e.currentTarget.value) })}
              {...invalidProps(`${idPrefix}-profile-error`, problem("qualityProfileId"))}
            >
              {qualityProfiles.value.map((p) => (
                <option key={p.id} value={String(p.id)}>
                  {p.name}
                </option>
              ))}
            </select>
            <FieldError id={`${idPrefix}-profile-error`} message={problem("qualityProfileId")} />
          </div>
          <div class="field">
            <label for={`${idPrefix}-folder`}>Root folder</label>
            <select
              id={`${idPrefix}-folder`}
              value={list.rootFolderPath}
              onChange={(e) => change({ rootFolderPath: e.currentTarget.value })}
              {...invalidProps(`${idPrefix}-folder-error`, problem("rootFolderPath"))}
            >
              {!folderKnown && <option value={list.rootFolderPath}>{list.rootFolderPath || "No root folder"}</option>}
              {rootFolders.value.map((f) => (
                <option key={f.id} value={f.path}>
                  {f.path}
                </option>
              ))}
            </select>
            <FieldError id={`${idPrefix}-folder-error`} message={problem("rootFolderPath")} />
          </div>
          <div class="field">
            <label for={`${idPrefix}-streaming`}>When it streams on my services</label>
            <select
              id={`${idPrefix}-streaming`}
              value={list.streamingOption ?? "ignore"}
              onChange={(e) => change({ streamingOption: e.currentTarget.value as ListStreamingOption })}
            >
              {STREAMING_OPTIONS.map((o) => (
                <option key={o} value={o}>
                  {LIST_STREAMING_LABELS[o]}
                </option>
              ))}
            </select>
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={list.searchOnAdd}
              onChange={(e) => change({ searchOnAdd: e.currentTarget.checked })}
            />
            Search on add
          </label>
        </div>
        <fieldset class="tag-choices">
          <legend>Tags</legend>
          {tags.value.length === 0 && <span class="muted">No tags yet (add them in Settings)</span>}
          {tags.value.map((tag) => (
            <label key={tag.id} class="check">
              <input
                type="checkbox"
                checked={list.tags.includes(tag.id)}
                onChange={(e) =>
                  change({
                    tags: e.currentTarget.checked ? [...list.tags, tag.id] : list.tags.filter((id) => id !== tag.id),
                  })
                }
              />
              {tag.label}
            </label>
          ))}
        </fieldset>
        <FieldError id={`${idPrefix}-tags-error`} message={problem("tags")} />
      </fieldset>

      <fieldset class="editor-section">
        <legend>Syncing</legend>
        <div class="editor-fields">
          <label class="check">
            <input
              type="checkbox"
              checked={list.enabled}
              onChange={(e) => change({ enabled: e.currentTarget.checked })}
            />
            Enabled
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={list.enableAuto}
              onChange={(e) => change({ enableAuto: e.currentTarget.checked })}
            />
            Automatic sync
          </label>
          <div class="field">
            <label for={`${idPrefix}-interval`}>Sync interval (minutes)</label>
            <input
              id={`${idPrefix}-interval`}
              class="interval-input"
              type="number"
              min={minimumInterval || undefined}
              step="1"
              value={Number.isFinite(list.syncIntervalMinutes) ? String(list.syncIntervalMinutes) : ""}
              onInput={(e) => change({ syncIntervalMinutes: e.currentTarget.valueAsNumber })}
              {...invalidProps(`${idPrefix}-interval-error`, problem("syncIntervalMinutes"))}
            />
            <FieldError id={`${idPrefix}-interval-error`} message={problem("syncIntervalMinutes")} />
          </div>
        </div>
        {minimumInterval > 0 && (
          <p class="hint">
            {initial.implementationName} lists sync at most every {formatInterval(minimumInterval)}.
            {Number.isFinite(list.syncIntervalMinutes) &&
              list.syncIntervalMinutes > 0 &&
              ` This one syncs every ${formatInterval(list.syncIntervalMinutes)}.`}
          </p>
        )}
      </fieldset>

      <ErrorMessage error={error.value} />
      {t && (
        <p role="status" class="test-result">
          <span class="badge ok">Test passed</span> The list has {formatCount(t.items)}{" "}
          {t.items === 1 ? "movie" : "movies"} ({t.pages} {t.pages === 1 ? "page" : "pages"} read).
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy.value !== ""}>
          {busy.value === "saving" ? "Saving…" : "Save list"}
        </button>
        <button type="button" disabled={busy.value !== ""} onClick={test}>
          {busy.value === "testing" ? "Testing…" : "Test"}
        </button>
        {onCancel && (
          <button type="button" class="ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
        {!isNew && (
          <ConfirmButton
            label="Delete"
            description={`Delete list ${initial.name}`}
            busy={busy.value === "deleting"}
            onConfirm={remove}
          />
        )}
        {saved.value && (
          <span role="status" class="saved">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}
