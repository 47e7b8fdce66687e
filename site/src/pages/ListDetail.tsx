import { useSignal } from "@preact/signals";
import { ApiError, api, type CsvSyncResult } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatCount, formatDateTime, formatDuration, formatInterval } from "../components/format";
import { ListEditor } from "../components/ListEditor";
import { ListItems } from "../components/ListItems";
import { QueueJobs, SYNC_RUN_BADGES, SYNC_RUN_LABELS, SyncHistory } from "../components/ListSyncActivity";
import { ListSyncButton } from "../components/ListSyncButton";
import { useResource } from "../components/useResource";
import { Link, navigate } from "../router";
import { invalidateLibrary } from "../state/library";
import { listSyncsFinished } from "../state/listSync";

/** One import list: sync now, its sync history, what it holds, its queue jobs, CSV upload and settings. */
export function ListDetail({ id }: { id: number }) {
  /** Bumped after a sync or an upload so every section fetches again. */
  const changes = useSignal(0);
  const { data: list, error: loadError } = useResource(
    () => api.importLists.get(id),
    [id, changes.value, listSyncsFinished.value],
  );

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
      {l.syncWaitingForBudget && (
        <p role="status" class="badge warning">
          Sync waiting for budget until {formatDateTime(l.syncWaitingForBudget.until)}: {l.syncWaitingForBudget.reason}.
          Nothing of it is applied until every page is read.
        </p>
      )}
      <div class="actions">
        <ListSyncButton listId={id} listName={l.name} forcible={l.syncSkipsUnchanged} />
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
