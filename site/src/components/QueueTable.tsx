import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { api, type QueueItem } from "../api";
import { Link } from "../router";
import { ErrorMessage } from "./ErrorMessage";
import { failureKindInWords } from "./failureKinds";
import { formatBytes, formatCount, formatDateTimeRelative, inWords } from "./format";
import { Pager } from "./Pager";
import { useClientRefresh } from "./useClientRefresh";
import { useResource } from "./useResource";

/** Where a queue item is (Radarr's tracked download state). */
const QUEUE_STATE_LABELS: Record<string, string> = {
  grabPending: "Waiting for the download client",
  downloading: "Downloading",
  importPending: "Waiting to import",
  importing: "Importing",
  failedPending: "Failed",
  imported: "Imported",
  failed: "Failed",
  removed: "Removed",
};

/** A .NET TimeSpan ("01:02:03", "1.02:03:04") as a person says it: "1h 02m", "3m 04s", "1d 2h". */
function formatTimeLeft(span: string | undefined): string {
  if (!span) return "—";
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(span);
  if (!match) return span;
  const [days, hours, minutes, seconds] = [match[1] ?? "0", match[2], match[3], match[4]].map(Number);
  if (days) return `${days}d ${hours}h`;
  if (hours) return `${hours}h ${String(minutes).padStart(2, "0")}m`;
  if (minutes) return `${minutes}m ${String(seconds).padStart(2, "0")}s`;
  return `${seconds}s`;
}

const PAGE_SIZE = 20;
/** How often the queue is read again while the page is visible. */
const QUEUE_REFRESH_MS = 3000;
/** How often the download clients are polled while the queue is watched. */
const CLIENT_POLL_MS = 10_000;

const STATUS_BADGES = { ok: "ok", warning: "warning", error: "error" } as const;

/**
 * The download queue: progress, state, time left and problems, read every few seconds while
 * the download clients are polled every ten (and on Refresh), so it moves while watched.
 */
export function QueueTable() {
  const page = useSignal(1);
  const { data, error, reload } = useResource(
    async (signal) => {
      const [records, status] = await Promise.all([
        api.queue.paged({ page: page.value, pageSize: PAGE_SIZE, sortKey: "timeleft" }, signal),
        api.queue.status(),
      ]);
      return { ...records, status };
    },
    [page.value],
    { everyMs: QUEUE_REFRESH_MS },
  );
  const clients = useClientRefresh(CLIENT_POLL_MS, reload);
  const queue = data.value;
  const status = queue?.status;
  return (
    <section aria-label="Download queue" class="queue">
      <div class="section-head">
        {queue && (
          <span role="status" class="muted">
            {formatCount(queue.totalRecords)} {queue.totalRecords === 1 ? "item" : "items"} in the queue
          </span>
        )}
        {status?.errors && <span class="badge error">Some downloads have errors</span>}
        {status?.warnings && <span class="badge warning">Some downloads have warnings</span>}
        <button
          type="button"
          class="refresh-queue"
          title="Ask the download clients for their progress now"
          aria-busy={clients.refreshing.value}
          disabled={clients.refreshing.value}
          onClick={clients.refresh}
        >
          Refresh
        </button>
      </div>
      <ErrorMessage error={error.value ?? clients.error.value} />
      {queue === undefined && !error.value && <p class="muted">Loading…</p>}
      {queue?.records.length === 0 && <p class="muted">Nothing is downloading.</p>}
      {queue && queue.records.length > 0 && (
        <div class="table-scroll">
          <table class="plain queue-table" aria-label="Queue">
            <thead>
              <tr>
                <th>Movie</th>
                <th>Release</th>
                <th>Quality</th>
                <th>Status</th>
                <th>Progress</th>
                <th>Time left</th>
                <th>Size</th>
                <th>Client</th>
                <th>Problems</th>
                <th>
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {queue.records.map((item) => (
                <QueueRow key={item.id} item={item} onRemoved={reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {queue && <Pager page={page} totalRecords={queue.totalRecords} pageSize={PAGE_SIZE} label="Queue pages" />}
    </section>
  );
}

/** The item's problems: its failure, the client's error and status messages, each listed once. */
function queueProblems(item: QueueItem): string[] {
  // A message the client and the tracked state both carry is listed once.
  return [
    ...(item.failureKind
      ? [
          `${failureKindInWords(item.failureKind)}${item.retryCount ? ` (retry ${item.retryCount}${item.nextRetryAt ? `, next ${formatDateTimeRelative(item.nextRetryAt)}` : ""})` : ""}`,
        ]
      : []),
    ...(item.errorMessage ? [item.errorMessage] : []),
    ...item.statusMessages.flatMap((m) => (m.messages.length ? m.messages : [m.title])),
  ].filter((message, i, all) => all.indexOf(message) === i);
}

function ProblemsCell({ problems }: { problems: string[] }) {
  return (
    <td class="wrap">
      {problems.length ? (
        <ul class="problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : (
        <span class="muted">None</span>
      )}
    </td>
  );
}

function QueueRow({ item, onRemoved }: { item: QueueItem; onRemoved: () => void }) {
  const removing = useSignal(false);
  const percent = Math.round(item.progress * 1000) / 10;
  const state = QUEUE_STATE_LABELS[item.trackedDownloadState] ?? inWords(item.trackedDownloadState);
  const problems = queueProblems(item);
  return (
    <>
      <tr class={`queue-row status-${item.trackedDownloadStatus}`}>
        <td>
          {item.movie ? (
            <Link href={`/movie/${item.movieId}`}>
              {item.movie.title} ({item.movie.year})
            </Link>
          ) : (
            <Link href={`/movie/${item.movieId}`}>Movie {item.movieId}</Link>
          )}
        </td>
        <td class="release-title wrap">
          {item.title}
          <span class="muted"> · {item.indexer || "—"}</span>
        </td>
        <td>{item.quality.quality.name}</td>
        <td>
          <span class={`badge ${STATUS_BADGES[item.trackedDownloadStatus] ?? ""}`}>{state}</span>
          {/* The client's own word only when it adds something ("Downloading", not "downloading" again). */}
          {item.status.toLowerCase() !== state.toLowerCase() && <span class="muted"> {inWords(item.status)}</span>}
        </td>
        <td class="progress-cell">
          <progress max={100} value={percent} aria-label={`Progress of ${item.title}`} />
          <span>{percent.toFixed(percent === 100 ? 0 : 1)}%</span>
        </td>
        <td>{item.progress >= 1 ? "—" : formatTimeLeft(item.timeleft)}</td>
        <td>
          {formatBytes(item.size - item.sizeleft)} / {formatBytes(item.size)}
        </td>
        <td>{item.downloadClient}</td>
        <ProblemsCell problems={problems} />
        <td class="row-actions">
          <button
            type="button"
            class="ghost"
            aria-label={`Remove ${item.title}`}
            aria-expanded={removing.value}
            onClick={() => {
              removing.value = !removing.value;
            }}
          >
            Remove
          </button>
        </td>
      </tr>
      {removing.value && (
        <tr class="remove-row">
          <td colSpan={10}>
            <RemoveFromQueue
              item={item}
              onCancel={() => {
                removing.value = false;
              }}
              onRemoved={onRemoved}
            />
          </td>
        </tr>
      )}
    </>
  );
}

/** Remove asks first: from the download client too, and onto the blocklist or not. */
function RemoveFromQueue({
  item,
  onCancel,
  onRemoved,
}: {
  item: QueueItem;
  onCancel: () => void;
  onRemoved: () => void;
}) {
  const form = useRef<HTMLFieldSetElement>(null);
  // The question opens under its row, which may be below the fold: bring it into view.
  useEffect(() => form.current?.scrollIntoView({ block: "nearest", inline: "nearest" }), []);
  const removeFromClient = useSignal(true);
  const blocklist = useSignal(false);
  const skipRedownload = useSignal(false);
  const busy = useSignal(false);
  const error = useSignal<unknown>(undefined);
  const remove = async () => {
    busy.value = true;
    error.value = undefined;
    try {
      await api.queue.remove(item.id, {
        removeFromClient: removeFromClient.value,
        blocklist: blocklist.value,
        skipRedownload: blocklist.value && skipRedownload.value,
      });
      onRemoved();
    } catch (e) {
      error.value = e;
    } finally {
      busy.value = false;
    }
  };
  return (
    <fieldset ref={form} class="remove-options" aria-label={`Remove ${item.title} from the queue`}>
      <label class="check">
        <input
          type="checkbox"
          checked={removeFromClient.value}
          onChange={(e) => {
            removeFromClient.value = e.currentTarget.checked;
          }}
        />
        Remove from download client
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={blocklist.value}
          onChange={(e) => {
            blocklist.value = e.currentTarget.checked;
          }}
        />
        Add release to blocklist
      </label>
      {blocklist.value && (
        <label class="check">
          <input
            type="checkbox"
            checked={skipRedownload.value}
            onChange={(e) => {
              skipRedownload.value = e.currentTarget.checked;
            }}
          />
          Don't grab another release
        </label>
      )}
      <ErrorMessage error={error.value} />
      <div class="actions">
        <button type="button" class="danger" disabled={busy.value} onClick={remove}>
          {busy.value ? "Removing…" : "Remove"}
        </button>
        <button type="button" class="ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}
