import { isSyncing, listSyncs, syncList } from "../state/listSync";
import { formatCount } from "./format";

/** What the last manual sync of a list did, in a line: "Found 4, added 4, removed 0". */
function outcomeText(listId: number): string | undefined {
  const progress = listSyncs.value.get(listId);
  if (!progress) return undefined;
  if (progress.status === "failed") return `Sync failed: ${progress.message}`;
  const r = progress.result;
  if (progress.status === "completed" && r && r.found !== undefined)
    return `Synced: found ${formatCount(r.found)}, added ${formatCount(r.added ?? 0)}, removed ${formatCount(r.removed ?? 0)}`;
  return progress.message;
}

interface ListSyncButtonProps {
  listId: number;
  listName: string;
  /**
   * Also "Force full sync", for a list whose sync stops at "unchanged" when its source says so
   * (the list's syncSkipsUnchanged): reads every page anyway.
   */
  forcible?: boolean;
}

/** "Sync now" for one list (and "Force full sync" where it differs), with the command's progress beside it until it ends. */
export function ListSyncButton({ listId, listName, forcible = false }: ListSyncButtonProps) {
  const syncing = isSyncing(listId);
  const text = outcomeText(listId);
  const failed = listSyncs.value.get(listId)?.status === "failed";
  return (
    <span class="sync-now">
      <button
        type="button"
        aria-label={`Sync ${listName} now`}
        disabled={syncing}
        onClick={() => void syncList(listId)}
      >
        {syncing ? "Syncing…" : "Sync now"}
      </button>
      {forcible && (
        <button
          type="button"
          class="ghost"
          aria-label={`Force a full sync of ${listName}`}
          title="Read every page even when the list says nothing changed since the last sync"
          disabled={syncing}
          onClick={() => void syncList(listId, true)}
        >
          Force full sync
        </button>
      )}
      {text && (
        <span
          role="status"
          class={failed ? "sync-progress failed" : "sync-progress"}
          aria-label={`Sync of ${listName}`}
        >
          {text}
        </span>
      )}
    </span>
  );
}
