import { useSignal } from "@preact/signals";
import type { Command } from "../api";
import { libraryApi } from "../api/library";
import { useSearchCommand } from "../pages/WantedSearch";
import { filterQuery, invalidateLibrary } from "../state/library";
import { clearSelection, selected, selectIds, setSelecting } from "../state/librarySelection";
import { ErrorMessage } from "./ErrorMessage";
import { formatCount } from "./format";

/** The library's commands: every monitored missing movie searched, the library refreshed, the RSS feeds read. */
const ACTIONS = [
  {
    name: "MissingMoviesSearch",
    label: "Search all missing",
    doing: "Searching",
    hint: "Search the indexers for every monitored, available movie without a file",
  },
  {
    name: "RefreshMovie",
    label: "Refresh all",
    doing: "Refreshing",
    hint: "Refresh the metadata of every movie TMDb lists as changed, and of those due",
  },
  {
    name: "RssSync",
    label: "RSS sync",
    doing: "Reading RSS feeds",
    hint: "Read every RSS-enabled indexer's newest releases",
  },
] as const;

function progressText(command: Command, doing: string): string {
  if (command.status === "queued") return "Queued…";
  if (command.status === "started")
    return command.progress
      ? `${doing}… ${formatCount(command.progress.done)} of ${formatCount(command.progress.total)}`
      : `${doing}…`;
  if (command.status === "failed") return `Failed: ${command.message ?? "see System › Logs"}`;
  if (command.status === "cancelled") return "Cancelled";
  return command.message ? `Done: ${command.message}` : "Done";
}

/** One toolbar command: its button, and while it runs (polled every second) how far it got, then what it did. */
function CommandAction({ name, label, doing, hint }: (typeof ACTIONS)[number]) {
  const { command, error, run, busy } = useSearchCommand(invalidateLibrary);
  const current = command.value;
  return (
    <div class="library-action">
      <button type="button" title={hint} disabled={busy} onClick={() => run(name)}>
        {label}
      </button>
      {current && (
        <span class={`action-progress ${current.status}`} role="status" aria-label={`${label} progress`}>
          {current.progress && (
            <progress max={current.progress.total} value={current.progress.done} aria-hidden="true" />
          )}
          {progressText(current, doing)}
        </span>
      )}
      <ErrorMessage error={error.value} />
    </div>
  );
}

export function LibraryCommands() {
  return (
    <div class="library-actions">
      {ACTIONS.map((a) => (
        <CommandAction key={a.name} {...a} />
      ))}
    </div>
  );
}

/** Select mode's bar: how many are chosen, all that match the filters chosen at once, none, done. */
export function SelectionBar({ total }: { total: number | undefined }) {
  const loading = useSignal(false);
  const error = useSignal<unknown>(undefined);
  const count = selected.value.size;
  const selectAll = async () => {
    loading.value = true;
    error.value = undefined;
    try {
      selectIds(await libraryApi.ids(filterQuery()));
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  };
  return (
    <div class="selection-bar">
      <p class="count" aria-live="polite">
        {formatCount(count)} selected
      </p>
      <button type="button" disabled={loading.value || !total} onClick={selectAll}>
        {loading.value ? "Selecting…" : `Select all ${total === undefined ? "" : formatCount(total)}`}
      </button>
      <button type="button" class="ghost" disabled={count === 0} onClick={clearSelection}>
        Select none
      </button>
      <button type="button" class="ghost" onClick={() => setSelecting(false)}>
        Done
      </button>
      <ErrorMessage error={error.value} />
    </div>
  );
}
