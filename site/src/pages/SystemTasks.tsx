import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Command } from "../api";
import { type ScheduledTask, systemApi } from "../api/system";
import { durationText } from "../components/CommandList";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatDateTime, formatInterval } from "../components/format";
import { SystemNav } from "../components/SystemNav";
import { useResource } from "../components/useResource";

const POLL_MS = 2_000;
const NEVER = "0001-01-01T00:00:00Z";
const RUNNING = new Set(["queued", "started"]);

/** A command's status and message in a few words: "completed: Checked 4 sources". */
const commandText = (c: Command | undefined) => (c ? `${c.status}${c.message ? `: ${c.message}` : ""}` : "queued");

interface RunProgressProps {
  task: ScheduledTask;
  commandId: number;
  onEnd: (command: Command) => void;
}

/** What a started command has got to: its status, message and progress, polled until it ends. */
function RunProgress({ task, commandId, onEnd }: RunProgressProps) {
  const command = useResource((signal) => systemApi.command(commandId, signal), [commandId], { everyMs: POLL_MS });
  const c = command.data.value;
  const ended = c !== undefined && !RUNNING.has(c.status);
  useEffect(() => {
    if (c && ended) onEnd(c);
  }, [ended]);
  return (
    <span role="status" aria-label={`${task.name} run`} class="task-run">
      {commandText(c)}
      {c?.progress && (
        <progress
          max={c.progress.total}
          value={c.progress.done}
          aria-label={`${c.progress.done} of ${c.progress.total}`}
        />
      )}
    </span>
  );
}

function TaskRow({ task, onRan }: { task: ScheduledTask; onRan: () => void }) {
  const commandId = useSignal<number | undefined>(undefined);
  const finished = useSignal<Command | undefined>(undefined);
  const running = useSignal(false);
  const error = useSignal<unknown>(undefined);
  const run = async () => {
    error.value = undefined;
    finished.value = undefined;
    running.value = true;
    try {
      commandId.value = (await systemApi.runTask(task)).id;
    } catch (e) {
      error.value = e;
      running.value = false;
    }
  };
  const ended = (command: Command) => {
    finished.value = command;
    commandId.value = undefined;
    running.value = false;
    onRan();
  };
  return (
    <tr>
      <td>{task.name}</td>
      <td>{formatInterval(task.interval)}</td>
      <td>{task.lastExecution === NEVER ? "Never" : formatDateTime(task.lastExecution)}</td>
      <td>{durationText(task.lastDuration)}</td>
      <td>{formatDateTime(task.nextExecution)}</td>
      <td>
        <button type="button" class="ghost" disabled={running.value} onClick={run} aria-label={`Run ${task.name} now`}>
          {running.value ? "Running…" : "Run now"}
        </button>
        {commandId.value !== undefined && <RunProgress task={task} commandId={commandId.value} onEnd={ended} />}
        {finished.value && (
          <span role="status" aria-label={`${task.name} run`} class="task-run">
            {commandText(finished.value)}
          </span>
        )}
        <ErrorMessage error={error.value} />
      </td>
    </tr>
  );
}

/** System › Tasks: every scheduled task, when it last ran and for how long, when it runs next, and Run now. */
export function SystemTasks() {
  const tasks = useResource((signal) => systemApi.tasks(signal), []);
  const list = tasks.data.value;
  return (
    <section class="page system">
      <h1>System: Tasks</h1>
      <SystemNav />
      <ErrorMessage error={tasks.error.value} />
      {!list && !tasks.error.value && <p class="muted">Loading…</p>}
      {list && (
        <table class="plain" aria-label="Scheduled tasks">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Interval</th>
              <th scope="col">Last run</th>
              <th scope="col">Last duration</th>
              <th scope="col">Next run</th>
              <th scope="col">Run</th>
            </tr>
          </thead>
          <tbody>
            {list.map((task) => (
              <TaskRow key={task.id} task={task} onRan={tasks.reload} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
