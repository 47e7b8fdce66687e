import { useSignal } from "@preact/signals";
import { type LogLevel, systemApi } from "../api/system";
import { ErrorMessage } from "../components/ErrorMessage";
import { SystemNav } from "../components/SystemNav";
import { useResource } from "../components/useResource";
import { LogTable } from "./SystemLogs";

const STEP = 25;
const REFRESH_MS = 15_000;
const KINDS: { value: LogLevel; label: string }[] = [
  { value: "info", label: "All events" },
  { value: "warn", label: "Problems only" },
];

/**
 * System › Events: what the app did lately, newest first, refreshed while open. The feed is the
 * log store (GET /api/v3/log), as Radarr's own Events tab: it holds exactly the app's events
 * (every command run, with its outcome, and each warning or error), where the history
 * (/api/v3/history) only tells what happened to movies and already has Activity › History.
 */
export function SystemEvents() {
  const shown = useSignal(STEP);
  const level = useSignal<LogLevel>("info");
  const events = useResource(
    (signal) => systemApi.logs({ page: 1, pageSize: shown.value, level: level.value }, signal),
    [shown.value, level.value],
    { everyMs: REFRESH_MS },
  );
  const data = events.data.value;
  return (
    <section class="page system">
      <h1>System: Events</h1>
      <SystemNav />
      <fieldset class="segmented">
        <legend class="visually-hidden">Which events</legend>
        {KINDS.map((k) => (
          <button
            key={k.value}
            type="button"
            aria-pressed={level.value === k.value}
            onClick={() => {
              level.value = k.value;
              shown.value = STEP;
            }}
          >
            {k.label}
          </button>
        ))}
      </fieldset>
      <ErrorMessage error={events.error.value} />
      {!data && !events.error.value && <p class="muted">Loading…</p>}
      {data?.records.length === 0 && <p class="muted">Nothing has happened yet.</p>}
      {data && data.records.length > 0 && <LogTable records={data.records} />}
      {data && data.totalRecords > data.records.length && (
        <button
          type="button"
          class="ghost"
          onClick={() => {
            shown.value += STEP;
          }}
        >
          Show more ({data.records.length} of {data.totalRecords})
        </button>
      )}
    </section>
  );
}
