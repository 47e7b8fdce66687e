import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import {
  ApiError,
  api,
  type CsvSyncResult,
  type ImportList,
  type ListItemPage,
  type ListItemStatus,
  type ListSyncJob,
  type ListSyncRun,
} from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import {
  failureKindInWords,
  formatCount,
  formatDate,
  formatDateTime,
  formatDuration,
  formatInterval,
  LIST_ITEM_STATUS_LABELS,
  SYNC_RUN_BADGES,
  SYNC_RUN_LABELS,
} from "../components/format";
import { ListEditor } from "../components/ListEditor";
import { ListSyncButton } from "../components/ListSyncButton";
import { Link, navigate } from "../router";
import { invalidateLibrary } from "../state/library";
import { listSyncsFinished } from "../state/listSync";

const ITEMS_PAGE_SIZE = 25;

/** One import list: sync now, its sync history, what it holds, its queue jobs, CSV upload and settings. */
export function ListDetail({ id }: { id: number }) {
  const list = useSignal<ImportList | undefined>(undefined);
  const loadError = useSignal<unknown>(undefined);
  /** Bumped after a sync or an upload so every section fetches again. */
  const changes = useSignal(0);

  useEffect(() => {
    api.importLists.get(id).then(
      (l) => {
        list.value = l;
      },
      (e) => {
        loadError.value = e;
      },
    );
  }, [id, changes.value, listSyncsFinished.value]);

  if (loadError.value) {
    const missing = loadError.value instanceof ApiError && loadError.value.status === 404;
    return (
      <section class="page">
        <h1>{missing ? "List not found" : "The list could not be loaded"}</h1>
        <ErrorMessage error={loadError.value} />
        <Link href="/lists">Back to the lists</Link>
      </section>
    );
  }
  const l = list.value;
  if (!l) return <p class="page muted">Loading…</p>;
  const version = changes.value + listSyncsFinished.value;

  return (
    <section class="page list-detail">
      <p class="breadcrumb">
        <Link href="/lists">Import lists</Link>
      </p>
      <h1>{l.name}</h1>
      <p class="muted">
        {l.implementationName} · {l.enabled ? "enabled" : "disabled"} ·{" "}
        {l.enabled && l.enableAuto ? `syncs every ${formatInterval(l.syncIntervalMinutes)}` : "manual sync only"} · last
        sync {formatDateTime(l.lastSyncAt)}
        {l.enabled && l.enableAuto && ` · next ${formatDateTime(l.nextSyncAt)}`}
      </p>
      <div class="actions">
        <ListSyncButton listId={id} listName={l.name} />
      </div>
      {l.implementation === "IMDbCsvImport" && (
        <CsvUpload
          listId={id}
          onSynced={() => {
            changes.value++;
          }}
        />
      )}
      <SyncHistory listId={id} version={version} />
      <ListItems listId={id} version={version} />
      <QueueJobs listId={id} version={version} />
      <section aria-labelledby="settings-heading" class="settings-section">
        <h2 id="settings-heading" class="visually-hidden">
          List settings
        </h2>
        <ListEditor
          key={l.id}
          initial={l}
          onSaved={(saved) => {
            list.value = saved;
          }}
          onDeleted={() => navigate("/lists")}
        />
      </section>
    </section>
  );
}

function SyncHistory({ listId, version }: { listId: number; version: number }) {
  const runs = useSignal<ListSyncRun[] | undefined>(undefined);
  const error = useSignal<unknown>(undefined);
  useEffect(() => {
    api.importLists.history(listId, 20).then(
      (r) => {
        runs.value = r;
      },
      (e) => {
        error.value = e;
      },
    );
  }, [listId, version]);
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

const ITEM_STATUSES = Object.keys(LIST_ITEM_STATUS_LABELS) as ListItemStatus[];

function ListItems({ listId, version }: { listId: number; version: number }) {
  const status = useSignal<ListItemStatus | "">("");
  const page = useSignal(1);
  const items = useSignal<ListItemPage | undefined>(undefined);
  const error = useSignal<unknown>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    api.importLists
      .items(
        listId,
        { page: page.value, pageSize: ITEMS_PAGE_SIZE, status: status.value || undefined },
        controller.signal,
      )
      .then(
        (result) => {
          items.value = result;
          error.value = undefined;
        },
        (e) => {
          if ((e as Error).name !== "AbortError") error.value = e;
        },
      );
    return () => controller.abort();
  }, [listId, version, status.value, page.value]);

  const result = items.value;
  const pages = result ? Math.max(1, Math.ceil(result.totalRecords / result.pageSize)) : 1;
  return (
    <section aria-labelledby="items-heading" class="settings-section">
      <div class="section-head">
        <h2 id="items-heading">Items</h2>
        <label class="field">
          <span>Item status</span>
          <select
            value={status.value}
            onChange={(e) => {
              status.value = e.currentTarget.value as ListItemStatus | "";
              page.value = 1;
            }}
          >
            <option value="">All</option>
            {ITEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {LIST_ITEM_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        {result && (
          <span role="status" class="muted">
            {formatCount(result.totalRecords)} {result.totalRecords === 1 ? "item" : "items"}
          </span>
        )}
      </div>
      <ErrorMessage error={error.value} />
      {result === undefined && !error.value && <p class="muted">Loading…</p>}
      {result?.records.length === 0 && (
        <p class="muted">{status.value ? "No items with this status." : "The list holds no items yet."}</p>
      )}
      {result && result.records.length > 0 && (
        <table class="plain" aria-label="List items">
          <thead>
            <tr>
              <th>Title</th>
              <th>Year</th>
              <th>Ids</th>
              <th>Status</th>
              <th>First seen</th>
            </tr>
          </thead>
          <tbody>
            {result.records.map((item) => (
              <tr key={item.id}>
                <td>{item.movieId ? <Link href={`/movie/${item.movieId}`}>{item.title}</Link> : item.title}</td>
                <td>{item.year || "—"}</td>
                <td class="muted">
                  {[item.tmdbId && `TMDb ${item.tmdbId}`, item.imdbId].filter(Boolean).join(" · ") || "—"}
                </td>
                <td>
                  <span class={`item-status status-${item.status}`}>{LIST_ITEM_STATUS_LABELS[item.status]}</span>
                </td>
                <td>{formatDate(item.firstSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result && pages > 1 && (
        <nav class="pager" aria-label="Item pages">
          <button
            type="button"
            disabled={page.value <= 1}
            onClick={() => {
              page.value--;
            }}
          >
            Previous
          </button>
          <span>
            Page {page.value} of {pages}
          </span>
          <button
            type="button"
            disabled={page.value >= pages}
            onClick={() => {
              page.value++;
            }}
          >
            Next
          </button>
        </nav>
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
function QueueJobs({ listId, version }: { listId: number; version: number }) {
  const jobs = useSignal<ListSyncJob[] | undefined>(undefined);
  const error = useSignal<unknown>(undefined);
  useEffect(() => {
    api.importLists.jobs().then(
      (all) => {
        jobs.value = all.filter((j) => j.listId === listId);
      },
      (e) => {
        error.value = e;
      },
    );
  }, [listId, version]);
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

/** Syncs an IMDb CSV list from an export file the user picks (IMDb → list → Export). */
function CsvUpload({ listId, onSynced }: { listId: number; onSynced: () => void }) {
  const file = useSignal<File | undefined>(undefined);
  const uploading = useSignal(false);
  const result = useSignal<CsvSyncResult | undefined>(undefined);
  const error = useSignal<unknown>(undefined);

  const upload = async (event: Event) => {
    event.preventDefault();
    if (!file.value) return;
    uploading.value = true;
    error.value = undefined;
    result.value = undefined;
    try {
      result.value = await api.importLists.uploadCsv(listId, await file.value.text());
      invalidateLibrary();
      onSynced();
    } catch (e) {
      error.value = e;
    } finally {
      uploading.value = false;
    }
  };

  const r = result.value;
  return (
    <section aria-labelledby="csv-heading" class="settings-section">
      <h2 id="csv-heading">Upload an IMDb export</h2>
      <p class="hint">
        On IMDb, open the list or watchlist and choose Export; upload the CSV file here to sync the list from it.
      </p>
      <form class="inline-form" aria-label="Upload IMDb CSV" onSubmit={upload}>
        <label class="field grow">
          <span>IMDb CSV export</span>
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              file.value = e.currentTarget.files?.[0];
              result.value = undefined;
            }}
          />
        </label>
        <button type="submit" disabled={!file.value || uploading.value}>
          {uploading.value ? "Uploading…" : "Upload and sync"}
        </button>
      </form>
      <ErrorMessage error={error.value} />
      {r && (
        <p role="status" class="test-result">
          <span class={`badge ${SYNC_RUN_BADGES[r.status]}`}>{SYNC_RUN_LABELS[r.status]}</span> Found{" "}
          {formatCount(r.found)}, added {formatCount(r.added)}, already in library {formatCount(r.existing)}, removed{" "}
          {formatCount(r.removed)}
          {r.skipped
            ? `, ${formatCount(r.skipped)} ${r.skipped === 1 ? "row" : "rows"} skipped (not movies or incomplete)`
            : ""}{" "}
          in {formatDuration(r.durationMs)}.
        </p>
      )}
    </section>
  );
}
