/** A list's sync activity: its past runs and its jobs on the sync queue. */
import { api, type ListSyncJob, type ListSyncRun } from "../api";
import { ErrorMessage } from "./ErrorMessage";
import { failureKindInWords } from "./failureKinds";
import { formatCount, formatDateTime, formatDuration } from "./format";
import { useResource } from "./useResource";

export const SYNC_RUN_LABELS: Record<ListSyncRun["status"], string> = {
  started: "Running",
  success: "Success",
  partial: "Partial",
  failed: "Failed",
};
export const SYNC_RUN_BADGES: Record<ListSyncRun["status"], string> = {
  started: "",
  success: "ok",
  partial: "warn",
  failed: "error",
};

/** A list's last 20 syncs: what each found, added and removed, and its errors. */
export function SyncHistory({ listId, version }: { listId: number; version: number }) {
  const { data: runs, error } = useResource(() => api.importLists.history(listId, 20), [listId, version]);
  return (
    <section aria-labelledby="history-heading" class="settings-section">
      <h2 id="history-heading">Sync history</h2>
      <ErrorMessage error={error.value} />
      {runs.value === undefined && !error.value && <p class="muted">Loading…</p>}
      {runs.value?.length === 0 && <p class="muted">Not synced yet.</p>}
      {runs.value && runs.value.length > 0 && (
        <table class="plain" aria-label="Sync history">
          <thead>
            <tr>
              <th>Started</th>
              <th>Trigger</th>
              <th>Status</th>
              <th>Found</th>
              <th>Added</th>
              <th>Updated</th>
              <th>Removed</th>
              <th>Excluded</th>
              <th>Existing</th>
              <th>Requests</th>
              <th>Duration</th>
              <th>Errors</th>
            </tr>
          </thead>
          <tbody>
            {runs.value.map((run) => (
              <tr key={run.id}>
                <td>{formatDateTime(run.startedAt)}</td>
                <td>{run.trigger}</td>
                <td>
                  <span class={`badge ${SYNC_RUN_BADGES[run.status]}`}>{SYNC_RUN_LABELS[run.status]}</span>
                  {run.unchanged && <span class="muted"> unchanged</span>}
                </td>
                <td>{formatCount(run.found)}</td>
                <td>{formatCount(run.added)}</td>
                <td>{formatCount(run.updated)}</td>
                <td>{formatCount(run.removed)}</td>
                <td>{formatCount(run.excluded)}</td>
                <td>{formatCount(run.existing)}</td>
                <td>{formatCount(run.upstreamRequests)}</td>
                <td>{formatDuration(run.durationMs)}</td>
                <td class="qualities">
                  {run.errors.length === 0 ? (
                    <span class="muted">None</span>
                  ) : (
                    <ul class="run-errors">
                      {run.errors.map((e, i) => (
                        <li key={i}>
                          {failureKindInWords(e.kind)}: {e.message}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const JOB_LABELS: Record<ListSyncJob["status"], string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  retrying: "Retrying",
  deadLettered: "Dead-lettered",
};
const JOB_BADGES: Record<ListSyncJob["status"], string> = {
  queued: "",
  running: "",
  succeeded: "ok",
  retrying: "warn",
  deadLettered: "error",
};

/** Scheduled and retried syncs on the queue for this list; dead-lettered ones gave up after the last retry. */
export function QueueJobs({ listId, version }: { listId: number; version: number }) {
  const { data: jobs, error } = useResource(
    async () => (await api.importLists.jobs()).filter((j) => j.listId === listId),
    [listId, version],
  );
  return (
    <section aria-labelledby="jobs-heading" class="settings-section">
      <h2 id="jobs-heading">Queue jobs</h2>
      <ErrorMessage error={error.value} />
      {jobs.value === undefined && !error.value && <p class="muted">Loading…</p>}
      {jobs.value?.length === 0 && <p class="muted">No recent queued syncs for this list.</p>}
      {jobs.value && jobs.value.length > 0 && (
        <table class="plain" aria-label="Queue jobs">
          <thead>
            <tr>
              <th>Enqueued</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Failure</th>
              <th>Last error</th>
            </tr>
          </thead>
          <tbody>
            {jobs.value.map((job) => (
              <tr key={job.id}>
                <td>{formatDateTime(job.enqueuedAt)}</td>
                <td>
                  <span class={`badge ${JOB_BADGES[job.status]}`}>{JOB_LABELS[job.status]}</span>
                </td>
                <td>{job.attempts}</td>
                <td>{job.failureKind ?? "—"}</td>
                <td class="qualities">{job.lastError ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
