import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { api, type Command } from "../api";
import { ErrorMessage } from "./ErrorMessage";
import { formatDateTime } from "./format";
import { useResource } from "./useResource";

const POLL_MS = 3_000;
const RUNNING = new Set(["queued", "started"]);

/** Radarr's "hh:mm:ss.fffffff" in words: "0.4 s", "2m 05s"; a dash for none. */
export function durationText(span: string | undefined): string {
  if (!span) return "—";
  const [h, m, s] = span.split(":").map(Number);
  const seconds = h * 3600 + m * 60 + s;
  if (!seconds) return "—";
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)}m ${String(Math.round(seconds % 60)).padStart(2, "0")}s`;
}

interface Props {
  /** How many of the latest commands to show. */
  shown?: number;
  /** Also when each started and ended and how long it took (System › Queue). */
  detailed?: boolean;
  /** Poll every few seconds only while a command is queued or running, else this seldom. */
  idleMs?: number;
}

function CommandProgress({ c }: { c: Command }) {
  // A dash, not an empty cell: on a phone an empty cell's label would overlap the next one's.
  if (!c.progress) return <>—</>;
  return (
    <progress
      max={c.progress.total}
      value={c.progress.done}
      aria-label={`${c.progress.done} of ${c.progress.total}`}
      title={`${c.progress.done} of ${c.progress.total}`}
    />
  );
}

function CommandRow({ c, detailed }: { c: Command; detailed: boolean }) {
  return (
    <tr>
      <td>{c.commandName}</td>
      <td>{c.status}</td>
      <td>{c.priority}</td>
      <td>{c.trigger}</td>
      <td>{c.message ?? ""}</td>
      <td>
        <CommandProgress c={c} />
      </td>
      <td>{formatDateTime(c.queued)}</td>
      {detailed && <td>{formatDateTime(c.started)}</td>}
      {detailed && <td>{formatDateTime(c.ended)}</td>}
      {detailed && <td>{durationText(c.duration)}</td>}
    </tr>
  );
}

const COLUMNS = ["Command", "Status", "Priority", "Trigger", "Message", "Progress", "Queued"];
const DETAIL_COLUMNS = ["Started", "Ended", "Duration"];

/**
 * The latest commands with their priority (a sync or search run by hand is high, scheduled work
 * low) and message and, while one walks many movies, how far it got (System and System › Queue).
 */
export function CommandList({ shown = 10, detailed = false, idleMs = POLL_MS }: Props) {
  const anyRunning = useSignal(false);
  const everyMs = anyRunning.value ? POLL_MS : idleMs;
  // A change of pace refetches at once and polls at the new interval from then.
  const { data, error } = useResource(() => api.commands.list(), [everyMs], { everyMs });
  const running = data.value?.some((c) => RUNNING.has(c.status)) ?? false;
  useEffect(() => {
    anyRunning.value = running;
  }, [running]);
  const commands = data.value?.slice(0, shown);
  const columns = detailed ? [...COLUMNS, ...DETAIL_COLUMNS] : COLUMNS;
  return (
    <section aria-labelledby="commands-heading" class="settings-section">
      <h2 id="commands-heading">Commands</h2>
      <ErrorMessage error={error.value} />
      {commands?.length === 0 && <p class="muted">No command has run yet.</p>}
      {commands && commands.length > 0 && (
        <table class="plain" aria-label="Commands">
          <thead>
            <tr>
              {columns.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {commands.map((c) => (
              <CommandRow key={c.id} c={c} detailed={detailed} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
