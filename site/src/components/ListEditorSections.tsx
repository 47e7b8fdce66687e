import { MINIMUM_AVAILABILITIES } from "../../../src/domain/library/movieStatus";
import type { ImportList, ImportListTestResult, ListMonitor, ListStreamingOption, MinimumAvailability } from "../api";
import { qualityProfiles, rootFolders, tags } from "../state/reference";
import { ConfirmButton } from "./ConfirmButton";
import { ErrorMessage } from "./ErrorMessage";
import { FieldError, invalidProps } from "./FieldError";
import { formatCount, formatInterval } from "./format";
import { TagChoices } from "./MovieChoices";
import { AVAILABILITY_LABELS } from "./movieLabels";
import { StatusNote } from "./StatusNote";
import { LIST_STREAMING_LABELS } from "./streaming";

/** The parts of the import list editor (ListEditor.tsx): each a section of its form. */

const MONITOR_LABELS: Record<ListMonitor, string> = {
  movieOnly: "Movie only",
  movieAndCollection: "Movie and collection",
  none: "None (add unmonitored)",
};
const MONITORS = Object.keys(MONITOR_LABELS) as ListMonitor[];
const STREAMING_OPTIONS = Object.keys(LIST_STREAMING_LABELS) as ListStreamingOption[];

/** Radarr's TimeSpan ("12:00:00", "1.06:00:00") in minutes. */
function timeSpanMinutes(span: string): number {
  const match = /^(?:(\d+)\.)?(\d+):(\d+)/.exec(span);
  if (!match) return 0;
  return Number(match[1] ?? 0) * 1440 + Number(match[2]) * 60 + Number(match[3]);
}

interface SectionProps {
  list: ImportList;
  idPrefix: string;
  change: (patch: Partial<ImportList>) => void;
  /** The server's complaint about a list property. */
  problem: (name: string) => string | undefined;
}

/** How the movies a list adds are added: monitoring, availability, profile, folder, streaming, tags. */
export function AddedMoviesSection(props: SectionProps) {
  const { idPrefix, problem } = props;
  return (
    <fieldset class="editor-section">
      <legend>Movies the list adds</legend>
      <div class="editor-fields">
        <MonitorFields {...props} />
        <PlacementFields {...props} />
        <StreamingFields {...props} />
      </div>
      <TagChoices tags={tags.value} chosen={props.list.tags} onChange={(chosen) => props.change({ tags: chosen })} />
      <FieldError id={`${idPrefix}-tags-error`} message={problem("tags")} />
    </fieldset>
  );
}

function MonitorFields({ list, idPrefix, change }: SectionProps) {
  return (
    <>
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
    </>
  );
}

function PlacementFields({ list, idPrefix, change, problem }: SectionProps) {
  const folderKnown = rootFolders.value.some((f) => f.path === list.rootFolderPath);
  return (
    <>
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
    </>
  );
}

function StreamingFields({ list, idPrefix, change }: SectionProps) {
  return (
    <>
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
      <label class="check">
        <input
          type="checkbox"
          checked={list.notifyOnMovieAdded}
          onChange={(e) => change({ notifyOnMovieAdded: e.currentTarget.checked })}
        />
        Notify of the movies it adds
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={list.notifyOnSyncSummary}
          onChange={(e) => change({ notifyOnSyncSummary: e.currentTarget.checked })}
        />
        Notify a summary of each sync
      </label>
    </>
  );
}

/** Whether and how often the list syncs, within the source's minimum interval. */
export function SyncingSection({ list, source, idPrefix, change, problem }: SectionProps & { source: string }) {
  const minimumInterval = timeSpanMinutes(list.minRefreshInterval);
  return (
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
          {source} lists sync at most every {formatInterval(minimumInterval)}.
          {Number.isFinite(list.syncIntervalMinutes) &&
            list.syncIntervalMinutes > 0 &&
            ` This one syncs every ${formatInterval(list.syncIntervalMinutes)}.`}
        </p>
      )}
    </fieldset>
  );
}

/** The editor's failure, test result, buttons and "Saved". */
export function EditorFooter({
  error,
  tested,
  busy,
  saved,
  name,
  onTest,
  onCancel,
  onRemove,
}: {
  error: unknown;
  tested: ImportListTestResult | undefined;
  busy: string;
  saved: boolean;
  /** A saved list's name, offered for deletion. */
  name: string | undefined;
  onTest: () => void;
  onCancel: (() => void) | undefined;
  onRemove: () => void;
}) {
  return (
    <>
      <ErrorMessage error={error} />
      {tested && (
        <p role="status" class="test-result">
          <span class="badge ok">Test passed</span> The list has {formatCount(tested.items)}{" "}
          {tested.items === 1 ? "movie" : "movies"} ({tested.pages} {tested.pages === 1 ? "page" : "pages"} read).
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy !== ""}>
          {busy === "saving" ? "Saving…" : "Save list"}
        </button>
        <button type="button" disabled={busy !== ""} onClick={onTest}>
          {busy === "testing" ? "Testing…" : "Test"}
        </button>
        {onCancel && (
          <button type="button" class="ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
        {name !== undefined && (
          <ConfirmButton
            label="Delete"
            description={`Delete list ${name}`}
            busy={busy === "deleting"}
            onConfirm={onRemove}
          />
        )}
        <StatusNote message={saved && "Saved"} />
      </div>
    </>
  );
}
