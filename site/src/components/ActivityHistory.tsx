import { useSignal } from "@preact/signals";
import { api, type HistoryEventType, type HistoryRecord } from "../api";
import { Link } from "../router";
import { ErrorMessage } from "./ErrorMessage";
import { failureKindInWords } from "./failureKinds";
import { formatCount, formatDateTime } from "./format";
import { Pager } from "./Pager";
import { useResource } from "./useResource";

export const HISTORY_EVENT_LABELS: Record<HistoryEventType, string> = {
  grabbed: "Grabbed",
  downloadFolderImported: "Imported",
  downloadFailed: "Download failed",
  movieFileDeleted: "File deleted",
  upgraded: "Upgraded",
};

const PAGE_SIZE = 25;
const EVENT_TYPES = Object.keys(HISTORY_EVENT_LABELS) as HistoryEventType[];
export const EVENT_BADGES: Record<HistoryEventType, string> = {
  grabbed: "",
  downloadFolderImported: "ok",
  upgraded: "ok",
  downloadFailed: "error",
  movieFileDeleted: "warning",
};

/** What happened, newest first: grabs, imports, upgrades and failed downloads. */
export function ActivityHistory() {
  const page = useSignal(1);
  const eventType = useSignal<HistoryEventType | "">("");
  const { data, error } = useResource(
    (signal) =>
      api.history.paged(
        {
          page: page.value,
          pageSize: PAGE_SIZE,
          sortKey: "date",
          sortDirection: "descending",
          eventType: eventType.value || undefined,
        },
        signal,
      ),
    [page.value, eventType.value],
  );
  const history = data.value;
  return (
    <section aria-label="History" class="history">
      <div class="section-head">
        <label class="field">
          <span>Event</span>
          <select
            value={eventType.value}
            onChange={(e) => {
              eventType.value = e.currentTarget.value as HistoryEventType | "";
              page.value = 1;
            }}
          >
            <option value="">All events</option>
            {EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {HISTORY_EVENT_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        {history && (
          <span role="status" class="muted">
            {formatCount(history.totalRecords)} {history.totalRecords === 1 ? "event" : "events"}
          </span>
        )}
      </div>
      <ErrorMessage error={error.value} />
      {history === undefined && !error.value && <p class="muted">Loading…</p>}
      {history?.records.length === 0 && <p class="muted">Nothing has happened yet.</p>}
      {history && history.records.length > 0 && (
        <div class="table-scroll">
          <table class="plain history-table" aria-label="History events">
            <thead>
              <tr>
                <th>Date</th>
                <th>Event</th>
                <th>Movie</th>
                <th>Release</th>
                <th>Quality</th>
                <th>Score</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {history.records.map((event) => (
                <HistoryRow key={event.id} event={event} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {history && <Pager page={page} totalRecords={history.totalRecords} pageSize={PAGE_SIZE} label="History pages" />}
    </section>
  );
}

/** The event's data worth reading (indexer, client, reason…), as "name: value". */
const DETAIL_KEYS: Record<string, string> = {
  indexer: "Indexer",
  downloadClient: "Client",
  downloadClientName: "Client",
  reason: "Reason",
  message: "Message",
  importedPath: "Path",
  failureKind: "Kind",
};

/** A detail's value in words: failure kinds by their label; the client named by its name alone. */
function detailValue(key: string, data: Record<string, string | undefined>): string | undefined {
  const value = data[key];
  if (!value) return undefined;
  // downloadClient is the implementation ("QBittorrent"); the client's own name says more.
  if (key === "downloadClient" && data.downloadClientName) return undefined;
  if (key === "failureKind") return failureKindInWords(value);
  return value;
}

function HistoryRow({ event }: { event: HistoryRecord }) {
  const details = Object.entries(DETAIL_KEYS).flatMap(([key, label]) => {
    const value = detailValue(key, event.data);
    return value ? [`${label}: ${value}`] : [];
  });
  return (
    <tr>
      <td>{formatDateTime(event.date)}</td>
      <td>
        <span class={`badge ${EVENT_BADGES[event.eventType] ?? ""}`}>
          {HISTORY_EVENT_LABELS[event.eventType] ?? event.eventType}
        </span>
      </td>
      <td>
        <Link href={`/movie/${event.movieId}`}>
          {event.movie ? `${event.movie.title} (${event.movie.year})` : `Movie ${event.movieId}`}
        </Link>
      </td>
      <td class="release-title wrap">{event.sourceTitle}</td>
      <td>
        {event.fromQuality && event.fromQuality.quality.id !== event.quality.quality.id
          ? `${event.fromQuality.quality.name} → ${event.quality.quality.name}`
          : event.quality.quality.name}
      </td>
      <td>{event.customFormatScore}</td>
      <td class="muted wrap">{details.join(" · ") || "—"}</td>
    </tr>
  );
}
