import { type Signal, useSignal } from "@preact/signals";
import { type LogLevel, type LogPage, systemApi } from "../api/system";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatDateTime } from "../components/format";
import { Pager } from "../components/Pager";
import { SystemNav } from "../components/SystemNav";
import { useResource } from "../components/useResource";
import { useUrlState } from "../components/useUrlState";

const PAGE_SIZE = 50;
const LEVELS: { value: LogLevel | ""; label: string }[] = [
  { value: "", label: "All levels" },
  { value: "info", label: "Info and above" },
  { value: "warn", label: "Warnings and errors" },
  { value: "error", label: "Errors only" },
];

/** The day files of the log store, each to download. */
function LogFiles() {
  const files = useResource((signal) => systemApi.logFiles(signal), []);
  const list = files.data.value;
  return (
    <section aria-labelledby="log-files-heading" class="settings-section">
      <h2 id="log-files-heading">Log files</h2>
      <ErrorMessage error={files.error.value} />
      {list?.length === 0 && <p class="muted">No log file yet.</p>}
      {list && list.length > 0 && (
        <table class="plain" aria-label="Log files">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Last written</th>
              <th scope="col">Download</th>
            </tr>
          </thead>
          <tbody>
            {list.map((file) => (
              <tr key={file.filename}>
                <td>{file.filename}</td>
                <td>{formatDateTime(file.lastWriteTime)}</td>
                <td>
                  <a href={file.downloadUrl} download={file.filename} aria-label={`Download ${file.filename}`}>
                    Download
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A record's request: its correlation id, shortened, as a button that shows only that request's records. */
function RequestCell({ id, onSelect }: { id: string | null; onSelect: (id: string) => void }) {
  if (!id) return <td class="muted">—</td>;
  return (
    <td>
      <button type="button" class="link" title={id} aria-label={`Only request ${id}`} onClick={() => onSelect(id)}>
        <code>{id.slice(0, 8)}</code>
      </button>
    </td>
  );
}

/**
 * One page of log records: time, level, logger and message (with the exception, if any); with
 * `onCorrelation`, also each record's request (correlation id), a click filtering by it.
 */
export function LogTable({
  records,
  onCorrelation,
}: {
  records: LogPage["records"];
  onCorrelation?: (id: string) => void;
}) {
  return (
    <table class="plain" aria-label="Log records">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Level</th>
          <th scope="col">Logger</th>
          {onCorrelation && <th scope="col">Request</th>}
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr key={r.id}>
            <td>{formatDateTime(r.time)}</td>
            <td>
              <span class={`badge ${r.level}`}>{r.level}</span>
            </td>
            <td>{r.logger}</td>
            {onCorrelation && <RequestCell id={r.correlationId} onSelect={onCorrelation} />}
            <td class="log-message">
              {r.message}
              {r.exception && <pre>{r.exception}</pre>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The level and text filters (each back to page 1) and the record count. */
function LogToolbar({
  level,
  filter,
  page,
  totalRecords,
}: {
  level: Signal<LogLevel | "">;
  filter: Signal<string>;
  page: Signal<number>;
  totalRecords: number | undefined;
}) {
  return (
    <div class="toolbar">
      <label>
        Level{" "}
        <select
          value={level.value}
          onChange={(e) => {
            level.value = e.currentTarget.value as LogLevel | "";
            page.value = 1;
          }}
        >
          {LEVELS.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Search{" "}
        <input
          type="search"
          value={filter.value}
          placeholder="Text, command or id"
          onInput={(e) => {
            filter.value = e.currentTarget.value;
            page.value = 1;
          }}
        />
      </label>
      <span role="status" aria-label="Log count">
        {totalRecords !== undefined ? `${totalRecords.toLocaleString("en-US")} records` : ""}
      </span>
    </div>
  );
}

/**
 * System › Logs: the log store's records a page at a time, by level, text or one request's
 * correlation id (kept in the URL, so a link shows one request's records), and its day files.
 */
export function SystemLogs() {
  const page = useSignal(1);
  const level = useSignal<LogLevel | "">("");
  const filter = useSignal("");
  const request = useSignal("");
  useUrlState(
    ["correlationId"],
    () => ({ correlationId: request.value || undefined }),
    (query) => {
      request.value = query.get("correlationId") ?? "";
    },
  );
  const logs = useResource(
    (signal) =>
      systemApi.logs(
        {
          page: page.value,
          pageSize: PAGE_SIZE,
          level: level.value || undefined,
          filter: filter.value.trim(),
          correlationId: request.value || undefined,
        },
        signal,
      ),
    [page.value, level.value, filter.value, request.value],
    { delayMs: 250 },
  );
  const selectRequest = (id: string) => {
    request.value = id;
    page.value = 1;
  };
  const data = logs.data.value;
  return (
    <section class="page system">
      <h1>System: Logs</h1>
      <SystemNav />
      <LogToolbar level={level} filter={filter} page={page} totalRecords={data?.totalRecords} />
      {request.value && (
        <p class="notice" role="status" aria-label="Request filter">
          Only request <code>{request.value}</code>{" "}
          <button type="button" onClick={() => selectRequest("")}>
            Show all requests
          </button>
        </p>
      )}
      <ErrorMessage error={logs.error.value} />
      {data?.records.length === 0 && <p class="muted">No record matches.</p>}
      {data && data.records.length > 0 && <LogTable records={data.records} onCorrelation={selectRequest} />}
      {data && <Pager page={page} totalRecords={data.totalRecords} pageSize={PAGE_SIZE} label="Log pages" />}
      <LogFiles />
    </section>
  );
}
