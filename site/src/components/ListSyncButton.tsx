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

/** "Sync now" for one list, with the command's progress beside it until it ends. */
export function ListSyncButton({ listId, listName }: { listId: number; listName: string }) {
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
