import { useSignal } from "@preact/signals";
import { type LogLevel, type LogPage, systemApi } from "../api/system";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatDateTime } from "../components/format";
import { Pager } from "../components/Pager";
import { SystemNav } from "../components/SystemNav";
import { useResource } from "../components/useResource";

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

/** One page of log records: time, level, logger and message (with the exception, if any). */
export function LogTable({ records }: { records: LogPage["records"] }) {
  return (
    <table class="plain" aria-label="Log records">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Level</th>
          <th scope="col">Logger</th>
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

/** System › Logs: the log store's records a page at a time, by level and text, and its day files. */
export function SystemLogs() {
  const page = useSignal(1);
  const level = useSignal<LogLevel | "">("");
  const filter = useSignal("");
  const logs = useResource(
    (signal) =>
      systemApi.logs(
        { page: page.value, pageSize: PAGE_SIZE, level: level.value || undefined, filter: filter.value.trim() },
        signal,
      ),
    [page.value, level.value, filter.value],
    { delayMs: 250 },
  );
  const data = logs.data.value;
  return (
    <section class="page system">
      <h1>System: Logs</h1>
      <SystemNav />
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
          {data ? `${data.totalRecords.toLocaleString("en-US")} records` : ""}
        </span>
      </div>
      <ErrorMessage error={logs.error.value} />
      {data?.records.length === 0 && <p class="muted">No record matches.</p>}
      {data && data.records.length > 0 && <LogTable records={data.records} />}
      {data && <Pager page={page} totalRecords={data.totalRecords} pageSize={PAGE_SIZE} label="Log pages" />}
      <LogFiles />
    </section>
  );
}
