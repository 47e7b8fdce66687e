/**
 * "Sync now" for import lists: runs the ImportListSync command for one list and follows it to the
 * end. Kept at module level so a sync started on the lists page still shows its progress on the
 * list's own page, and every page showing the list refreshes when it finishes.
 */
import { signal } from "@preact/signals";
import { api, type Command, errorMessage } from "../api";
import { invalidateLibrary } from "./library";

const POLL_MS = 400;

/**
 * One list's line in an ImportListSync command's result (`result.lists`); the command schema
 * declares `result` as a free record, and this is what the ImportListSync command puts there.
 */
interface ListSyncCommandResult {
  listId: number;
  status: string;
  found?: number;
  added?: number;
  removed?: number;
  error?: string;
}

export interface ListSyncProgress {
  status: Command["status"];
  /** The command's progress line ("Syncing Matrix (1 of 1)"), or why it failed. */
  message: string;
  /** This list's line of the finished command's result. */
  result?: ListSyncCommandResult;
}

/** The latest manual sync of each list, by list id. */
export const listSyncs = signal<ReadonlyMap<number, ListSyncProgress>>(new Map());
/** Bumped whenever a sync ends, so pages showing lists fetch them again. */
export const listSyncsFinished = signal(0);

const finished = (status: Command["status"]) => status === "completed" || status === "failed";

function record(listId: number, progress: ListSyncProgress) {
  listSyncs.value = new Map(listSyncs.value).set(listId, progress);
}

function progressOf(command: Command, listId: number): ListSyncProgress {
  const lines = (command.outcome?.lists ?? []) as ListSyncCommandResult[];
  const result = lines.find((line) => line.listId === listId);
  return {
    status: result?.status === "failed" ? "failed" : command.status,
    message: result?.error ?? command.message ?? (command.status === "queued" ? "Queued" : "Starting…"),
    result,
  };
}

export const isSyncing = (listId: number) => {
  const progress = listSyncs.value.get(listId);
  return progress !== undefined && !finished(progress.status);
};

/**
 * Starts a sync of the list and polls the command until it completes or fails. `force` reads
 * every page even when the list's source says nothing changed (ImportListSync's force).
 */
export async function syncList(listId: number, force = false): Promise<ListSyncProgress> {
  if (isSyncing(listId)) return listSyncs.peek().get(listId) as ListSyncProgress;
  record(listId, { status: "queued", message: "Queued" });
  let progress: ListSyncProgress;
  try {
    let command = await api.commands.run("ImportListSync", force ? { listId, force } : { listId });
    progress = progressOf(command, listId);
    record(listId, progress);
    while (!finished(command.status)) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      command = await api.commands.get(command.id);
      progress = progressOf(command, listId);
      record(listId, progress);
    }
  } catch (error) {
    progress = { status: "failed", message: errorMessage(error) };
    record(listId, progress);
  }
  invalidateLibrary();
  listSyncsFinished.value++;
  return progress;
}
